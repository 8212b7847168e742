using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AuthStatus.Analyzers.Http
{
    /// <summary>
    /// Decides whether a WWW-Authenticate write in the same function covers a 401 producer: the write runs on the
    /// producer's path. Both are lifted to the statements they belong to in their innermost shared block; the write
    /// covers the producer when it comes first, or comes after a producer statement that does not leave the function
    /// (<c>var r = Unauthorized(); Response.Headers[...] = ...; return r;</c>). A write inside a nested callback
    /// (<c>OnStarting</c>) counts at the statement that registers the callback. When the statements cannot be placed, the
    /// write is taken to cover the producer: precision before recall.
    /// </summary>
    internal static class ChallengePaths
    {
        public static bool WriteCoversProducer(SyntaxNode write, SyntaxNode producer)
        {
            // The innermost containers (blocks, switch sections, the compilation unit) of the producer, innermost first.
            for (SyntaxNode? writeChild = write, writeContainer = write.Parent; writeContainer is not null; writeChild = writeContainer, writeContainer = writeContainer.Parent)
            {
                if (!IsContainer(writeContainer) || !writeContainer.Span.Contains(producer.Span))
                {
                    continue;
                }

                var producerStatement = ChildOn(writeContainer, producer);
                var writeStatement = writeChild;
                if (producerStatement is null)
                {
                    return true;
                }

                if (producerStatement == writeStatement)
                {
                    return true;
                }

                if (writeStatement.SpanStart < producerStatement.SpanStart)
                {
                    // A write nested in a branch that returns (if (expired) { write; return ...; }) is on another path.
                    return writeStatement == Statement(write) || !LeavesFunction(writeStatement);
                }

                return !LeavesFunction(producerStatement);
            }

            return true;
        }

        private static SyntaxNode? Statement(SyntaxNode node)
        {
            for (SyntaxNode? current = node; current is not null; current = current.Parent)
            {
                if (current is StatementSyntax)
                {
                    return current;
                }
            }

            return null;
        }

        private static bool IsContainer(SyntaxNode node) =>
            node is BlockSyntax or SwitchSectionSyntax or CompilationUnitSyntax;

        /// <summary>The child of <paramref name="container"/> on the way down to <paramref name="node"/>.</summary>
        private static SyntaxNode? ChildOn(SyntaxNode container, SyntaxNode node)
        {
            for (var current = node; current.Parent is not null; current = current.Parent)
            {
                if (current.Parent == container)
                {
                    return current;
                }
            }

            return null;
        }

        /// <summary>True when the statement returns or throws (outside nested functions), so nothing after it runs on that path.</summary>
        private static bool LeavesFunction(SyntaxNode statement)
        {
            foreach (var node in statement.DescendantNodesAndSelf(n => n is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax))
            {
                if (node is ReturnStatementSyntax or ThrowStatementSyntax or YieldStatementSyntax or ThrowExpressionSyntax)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
