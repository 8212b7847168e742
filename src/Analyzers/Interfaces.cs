using Microsoft.CodeAnalysis;

namespace AuthStatus.Analyzers
{
    /// <summary>"Does this type implement that interface", compared by original definition.</summary>
    /// <remarks>
    /// Answered anew each time, without a table: the compiler computes a type's interfaces once and keeps them, and the
    /// public API's copy is an empty array for most types (a DTO, a service). A table of answers cost more than this in the
    /// benchmark's profiles: each lookup hashed the type by identity (the runtime's slow path for these objects), and each
    /// first answer for a type took a lock.
    /// </remarks>
    internal static class Interfaces
    {
        /// <summary>True when <paramref name="type"/> implements <paramref name="interface"/> (compared by original definition: <c>IList&lt;T&gt;</c> matches any <c>IList&lt;X&gt;</c>).</summary>
        public static bool Implements(ITypeSymbol? type, INamedTypeSymbol? @interface)
        {
            if (type is null || @interface is null || type.TypeKind == TypeKind.Error)
            {
                return false;
            }

            // The definition's list: the compiler keeps it on the one definition symbol, where a constructed type can be a
            // new object whose list is substituted anew.
            var definition = @interface.OriginalDefinition;
            foreach (var implemented in type.OriginalDefinition.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, definition))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
