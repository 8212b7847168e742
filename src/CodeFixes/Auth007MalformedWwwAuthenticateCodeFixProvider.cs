using System.Collections.Generic;
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
using Microsoft.CodeAnalysis.Text;

namespace AuthStatus.Analyzers.CodeFixes
{
    /// <summary>AUTH007: replaces a malformed WWW-Authenticate literal with the well-formed value, or joins a split challenge.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(Auth007MalformedWwwAuthenticateCodeFixProvider)), Shared]
    public sealed class Auth007MalformedWwwAuthenticateCodeFixProvider : CodeFixProvider
    {
        public const string WellFormedValueKey = "AUTH007_WellFormedValue";
        public const string JoinChallengeKey = "AUTH007_JoinChallenge";
        public const string EscapeValueKey = "AUTH007_EscapeValue";

        private const string EscapeCalls = ".Replace(\"\\\\\", \"\\\\\\\\\").Replace(\"\\\"\", \"\\\\\\\"\")";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.MalformedWwwAuthenticate);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            SemanticModel? model = null;
            foreach (var diagnostic in context.Diagnostics)
            {
                // A value read through a local: the problem is in the initializer (the additional location).
                var problemLocation = diagnostic.AdditionalLocations.Count > 0 && diagnostic.AdditionalLocations[0].SourceTree == root.SyntaxTree
                    ? diagnostic.AdditionalLocations[0]
                    : diagnostic.Location;
                var node = root.FindNode(problemLocation.SourceSpan, getInnermostNodeForTie: true);
                if (diagnostic.Properties.TryGetValue(Auth007MalformedWwwAuthenticateAnalyzer.HoleFixProperty, out var holeFix) && holeFix is not null)
                {
                    var quote = holeFix == Auth007MalformedWwwAuthenticateAnalyzer.QuoteHole;
                    var hole = node.FirstAncestorOrSelf<InterpolationSyntax>();
                    var expression = hole?.Expression ?? (quote ? null : node.AncestorsAndSelf().OfType<ExpressionSyntax>().FirstOrDefault(e => e.Span == problemLocation.SourceSpan));
                    if (expression is null)
                    {
                        continue;
                    }

                    model ??= await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
                    var type = model?.GetTypeInfo(expression, context.CancellationToken).Type;
                    if (type?.SpecialType == SpecialType.System_String)
                    {
                        var nullable = type.NullableAnnotation == NullableAnnotation.Annotated;
                        context.RegisterCodeFix(
                            CodeAction.Create(
                                quote ? "Quote and escape the interpolated value" : "Escape the inserted value",
                                ct => EscapeHoleAsync(context.Document, expression, hole, quote, nullable, ct),
                                EscapeValueKey),
                            diagnostic);
                    }

                    continue;
                }
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

        /// <summary>
        /// <c>{value}</c> becomes <c>{value.Replace("\\", "\\\\").Replace("\"", "\\\"")}</c> (RFC 9110 §5.6.4 quoted-pair), inside
        /// <c>\"...\"</c> when it was not quoted.
        /// </summary>
        private static async Task<Document> EscapeHoleAsync(Document document, ExpressionSyntax expression, InterpolationSyntax? hole, bool quote, bool nullable, CancellationToken cancellationToken)
        {
            var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            var simple = expression is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax;
            var receiver = simple ? expression.ToString() : "(" + expression + ")";
            var escaped = receiver + (nullable ? "?" : string.Empty) + EscapeCalls;
            var changes = new List<TextChange> { new TextChange(expression.Span, escaped) };
            if (quote && hole is not null)
            {
                changes.Add(new TextChange(new TextSpan(hole.SpanStart, 0), "\\\""));
                changes.Add(new TextChange(new TextSpan(hole.Span.End, 0), "\\\""));
            }

            return document.WithText(text.WithChanges(changes));
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
