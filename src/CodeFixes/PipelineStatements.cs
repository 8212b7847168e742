using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace AuthStatus.Analyzers.CodeFixes
{
    /// <summary>Finds the statements of pipeline registrations that the pipeline fixes move or swap.</summary>
    internal static class PipelineStatements
    {
        /// <summary>The invocation a pipeline diagnostic is reported on (the whole call, or the call up to its arguments).</summary>
        public static InvocationExpressionSyntax? InvocationAt(SyntaxNode root, TextSpan span)
        {
            if (!root.FullSpan.Contains(span))
            {
                return null;
            }

            for (var node = root.FindNode(span, getInnermostNodeForTie: true); node is not null; node = node.Parent)
            {
                if (node is InvocationExpressionSyntax invocation && invocation.SpanStart == span.Start && invocation.Span.End >= span.End)
                {
                    return invocation;
                }

                if (node.SpanStart < span.Start)
                {
                    break;
                }
            }

            return null;
        }

        /// <summary>
        /// The element of a statement list (a block statement, a switch-section statement, or a top-level
        /// <see cref="GlobalStatementSyntax"/>) that is exactly <c>invocation;</c>, or null.
        /// </summary>
        public static SyntaxNode? StatementOf(InvocationExpressionSyntax? invocation)
        {
            if (invocation?.Parent is not ExpressionStatementSyntax statement || statement.Expression != invocation)
            {
                return null;
            }

            return statement.Parent switch
            {
                BlockSyntax => statement,
                SwitchSectionSyntax => statement,
                GlobalStatementSyntax global when global.Parent is CompilationUnitSyntax => global,
                _ => null,
            };
        }

        /// <summary>True when both elements are in the same statement list (the same block, or both top-level statements).</summary>
        public static bool AreSiblings(SyntaxNode a, SyntaxNode b) => a != b && a.Parent is not null && a.Parent == b.Parent;
    }
}
