using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AuthStatus.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AuthStatus.Analyzers.CodeFixes
{
    /// <summary>AUTH007: replaces a malformed WWW-Authenticate literal with the well-formed value, or joins a split challenge.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(Auth007MalformedWwwAuthenticateCodeFixProvider)), Shared]
    public sealed class Auth007MalformedWwwAuthenticateCodeFixProvider : CodeFixProvider
    {
        public const string WellFormedValueKey = "AUTH007_WellFormedValue";
        public const string JoinChallengeKey = "AUTH007_JoinChallenge";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.MalformedWwwAuthenticate);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                if (diagnostic.Properties.TryGetValue(Auth007MalformedWwwAuthenticateAnalyzer.FixedValueProperty, out var fixedValue) && fixedValue is not null
                    && node.AncestorsAndSelf().OfType<LiteralExpressionSyntax>().FirstOrDefault() is { } literal
                    && literal.IsKind(SyntaxKind.StringLiteralExpression))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Use the well-formed WWW-Authenticate value",
                            ct => ReplaceAsync(context.Document, literal, fixedValue, ct),
                            WellFormedValueKey),
                        diagnostic);
                }
                else if (diagnostic.Properties.TryGetValue(Auth007MalformedWwwAuthenticateAnalyzer.JoinedValueProperty, out var joined) && joined is not null
                    && node.AncestorsAndSelf().OfType<LiteralExpressionSyntax>().FirstOrDefault() is { Parent: InitializerExpressionSyntax initializer } element)
                {
                    var index = initializer.Expressions.IndexOf(element);
                    if (index > 0 && initializer.Expressions[index - 1] is LiteralExpressionSyntax previous && previous.IsKind(SyntaxKind.StringLiteralExpression))
                    {
                        context.RegisterCodeFix(
                            CodeAction.Create(
                                "Join the challenge into one header value",
                                ct => JoinAsync(context.Document, initializer, index, joined, ct),
                                JoinChallengeKey),
                            diagnostic);
                    }
                }
            }
        }

        private static LiteralExpressionSyntax NewLiteral(string value, SyntaxNode old)
        {
            return SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(value)).WithTriviaFrom(old);
        }

        private static async Task<Document> ReplaceAsync(Document document, LiteralExpressionSyntax literal, string value, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            return document.WithSyntaxRoot(root.ReplaceNode(literal, NewLiteral(value, literal)));
        }

        private static async Task<Document> JoinAsync(Document document, InitializerExpressionSyntax initializer, int index, string joined, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var expressions = initializer.Expressions;
            var previous = expressions[index - 1];
            var replacement = NewLiteral(joined, previous);
            if (index == expressions.Count - 1)
            {
                // The removed last element carried the space before the closing brace.
                replacement = replacement.WithTrailingTrivia(expressions[index].GetTrailingTrivia());
            }

            var updated = expressions.Replace(previous, replacement);
            updated = updated.RemoveAt(index);
            return document.WithSyntaxRoot(root.ReplaceNode(initializer, initializer.WithExpressions(updated)));
        }
    }
}
