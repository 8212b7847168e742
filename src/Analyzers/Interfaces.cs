using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace AuthStatus.Analyzers
{
    /// <summary>
    /// "Does this type implement that interface", answered once per pair. <see cref="ITypeSymbol.AllInterfaces"/> builds a
    /// new array on every call, and the rules ask about the same receiver and argument types again and again.
    /// </summary>
    internal static class Interfaces
    {
        private static readonly ConditionalWeakTable<INamedTypeSymbol, ConcurrentDictionary<ISymbol, bool>> Answers =
            new ConditionalWeakTable<INamedTypeSymbol, ConcurrentDictionary<ISymbol, bool>>();

        /// <summary>True when <paramref name="type"/> implements <paramref name="interface"/> (compared by original definition: <c>IList&lt;T&gt;</c> matches any <c>IList&lt;X&gt;</c>).</summary>
        public static bool Implements(ITypeSymbol? type, INamedTypeSymbol? @interface)
        {
            if (type is null || @interface is null || type.TypeKind == TypeKind.Error)
            {
                return false;
            }

            // Compared by original definition, the answer for a constructed type is its definition's: one object per type,
            // where a constructed type can be a new object at each use (and would grow the table).
            type = type.OriginalDefinition;
            var definition = @interface.OriginalDefinition;
            var answers = Answers.GetValue(definition, _ => AnswerTables.Create<ISymbol, bool>(SymbolIdentity.Instance));
            if (answers.TryGetValue(type, out var known))
            {
                return known;
            }

            known = false;
            foreach (var implemented in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, definition))
                {
                    known = true;
                    break;
                }
            }

            answers.TryAdd(type, known);
            return known;
        }
    }
}
