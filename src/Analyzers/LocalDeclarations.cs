using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AuthStatus.Analyzers
{
    /// <summary>Where a local read by an operation is declared, found in the operation tree around the read.</summary>
    internal static class LocalDeclarations
    {
        /// <summary>
        /// True when <paramref name="reference"/>'s local is declared by a declarator among the statements of a block around
        /// the reference (<c>var x = ...;</c>, <c>string x;</c>), with the declarator's initializer value (null without one).
        /// False for the other declarations (<c>out var</c>, patterns, <c>using var</c>, loop variables), which callers read
        /// as before. Only the statements of the blocks that enclose the read are looked at (a local is declared in one of
        /// them, before the read), not the whole body, and no semantic model is asked.
        /// </summary>
        public static bool TryGetDeclarator(ILocalReferenceOperation reference, out IOperation? initializer)
        {
            initializer = null;
            var local = reference.Local;
            for (var current = reference.Parent; current is not null; current = current.Parent)
            {
                if (current is not IBlockOperation block)
                {
                    continue;
                }

                foreach (var statement in block.Operations)
                {
                    if (statement is not IVariableDeclarationGroupOperation group)
                    {
                        continue;
                    }

                    foreach (var declaration in group.Declarations)
                    {
                        foreach (var declarator in declaration.Declarators)
                        {
                            if (SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
                            {
                                initializer = InitialValue(declarator);
                                return true;
                            }
                        }
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// The value a declarator gives its local: its own initializer (<c>var x = 1</c>, where C# puts it), or the
        /// declaration's (where Visual Basic puts one that several declarators share); null without either. The one reading
        /// of an initializer for every walk that follows locals.
        /// </summary>
        public static IOperation? InitialValue(IVariableDeclaratorOperation declarator) =>
            declarator.Initializer?.Value ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer?.Value;
    }
}
