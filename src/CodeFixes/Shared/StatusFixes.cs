using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AuthStatus.Analyzers.AspNetCore;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;

namespace AuthStatus.Analyzers.CodeFixes.Shared
{
    /// <summary>Edits shared by the status fixes of AUTH002/AUTH003/AUTH009: swap a status value, swap a result for another.</summary>
    internal static class StatusFixes
    {

        /// <summary>The syntax root, semantic model and ASP.NET Core symbols of a document; null when one is missing.</summary>
        public static async Task<(SyntaxNode Root, SemanticModel Model, AspNetCoreSymbols Symbols)?> PrepareAsync(Document document, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var symbols = model is null ? null : AspNetCoreSymbols.TryCreate(model.Compilation);
            return root is null || model is null || symbols is null ? null : (root, model, symbols);
        }

        /// <summary>The realm a Basic challenge names: the assembly name.</summary>
        public static string Realm(Compilation compilation)
        {
            var name = compilation.AssemblyName;
            return string.IsNullOrEmpty(name) ? "api" : name!.Replace("\\", string.Empty).Replace("\"", string.Empty);
        }

        /// <summary>The expression node at <paramref name="location"/> (the diagnostic's span, or its additional location).</summary>
        public static ExpressionSyntax? FindExpression(SyntaxNode root, Location location)
        {
            if (!location.IsInSource || location.SourceTree != root.SyntaxTree)
            {
                return null;
            }

            var node = root.FindNode(location.SourceSpan, getInnermostNodeForTie: true);
            for (var current = node; current is not null; current = current.Parent)
            {
                if (current.Span == location.SourceSpan && current is ExpressionSyntax expression)
                {
                    return expression;
                }

                if (current.Span.Start < location.SourceSpan.Start || current.Span.End > location.SourceSpan.End)
                {
                    break;
                }
            }

            return node as ExpressionSyntax;
        }

        /// <summary>
        /// The same status value written for <paramref name="newCode"/>: <c>401</c> to <c>403</c>,
        /// <c>StatusCodes.Status401Unauthorized</c> to <c>StatusCodes.Status403Forbidden</c>, <c>HttpStatusCode.Unauthorized</c> to
        /// <c>HttpStatusCode.Forbidden</c> (casts kept). Null for other forms (a constant of the app, a local).
        /// </summary>
        public static ExpressionSyntax? RewriteStatusValue(ExpressionSyntax value, SemanticModel model, int newCode, CancellationToken cancellationToken)
        {
            switch (value)
            {
                case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.NumericLiteralExpression):
                    return SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(newCode)).WithTriviaFrom(literal);
                case ParenthesizedExpressionSyntax parenthesized:
                    var inner = RewriteStatusValue(parenthesized.Expression, model, newCode, cancellationToken);
                    return inner is null ? null : parenthesized.WithExpression(inner);
                case CastExpressionSyntax cast:
                    var operand = RewriteStatusValue(cast.Expression, model, newCode, cancellationToken);
                    return operand is null ? null : cast.WithExpression(operand);
                case MemberAccessExpressionSyntax member:
                    if (model.GetSymbolInfo(member, cancellationToken).Symbol is not IFieldSymbol field || field.ContainingType is null)
                    {
                        return null;
                    }

                    string? newName = field.ContainingType.Name switch
                    {
                        "StatusCodes" when field.ContainingType.ContainingNamespace?.ToDisplayString() == "Microsoft.AspNetCore.Http" => newCode == 403 ? "Status403Forbidden" : "Status401Unauthorized",
                        "HttpStatusCode" when field.ContainingType.TypeKind == TypeKind.Enum => newCode == 403 ? "Forbidden" : "Unauthorized",
                        _ => null,
                    };

                    return newName is null ? null : member.WithName(SyntaxFactory.IdentifierName(newName).WithTriviaFrom(member.Name));
                default:
                    return null;
            }
        }

        /// <summary>
        /// A replacement written from a template where <c>{H}</c> stands for the <c>Microsoft.AspNetCore.Http</c> namespace and
        /// <c>{M}</c> for <c>Microsoft.AspNetCore.Mvc</c>: <see cref="Qualified"/> binds anywhere (for the type check),
        /// <see cref="Short"/> is what the fix writes, with the usings it needs added.
        /// </summary>
        public sealed class Replacement
        {
            public Replacement(string template)
            {
                Qualified = SyntaxFactory.ParseExpression(template.Replace("{H}", "global::Microsoft.AspNetCore.Http.").Replace("{M}", "global::Microsoft.AspNetCore.Mvc."));
                Short = SyntaxFactory.ParseExpression(template.Replace("{H}", string.Empty).Replace("{M}", string.Empty));
                UsesHttp = template.IndexOf("{H}", System.StringComparison.Ordinal) >= 0;
                UsesMvc = template.IndexOf("{M}", System.StringComparison.Ordinal) >= 0;
            }

            public ExpressionSyntax Qualified { get; }

            public ExpressionSyntax Short { get; }

            public bool UsesHttp { get; }

            public bool UsesMvc { get; }
        }

        /// <summary>
        /// True when <paramref name="replacement"/>, bound where <paramref name="original"/> stands, converts to the type the
        /// original converts to (so <c>IActionResult</c>, <c>ActionResult&lt;T&gt;</c>, <c>IResult</c> returns keep compiling).
        /// A branch of <c>?:</c> is judged against the type the whole conditional converts to.
        /// </summary>
        public static bool FitsInPlaceOf(ExpressionSyntax original, ExpressionSyntax replacement, SemanticModel model, CancellationToken cancellationToken)
        {
            var newType = model.GetSpeculativeTypeInfo(original.SpanStart, replacement, SpeculativeBindingOption.BindAsExpression).Type;
            if (newType is null || newType.TypeKind == TypeKind.Error)
            {
                return false;
            }

            ExpressionSyntax top = original;
            while (top.Parent is ParenthesizedExpressionSyntax or ConditionalExpressionSyntax && !(top.Parent is ConditionalExpressionSyntax { Condition: var condition } && condition == top))
            {
                top = (ExpressionSyntax)top.Parent;
            }

            var originalInfo = model.GetTypeInfo(top, cancellationToken);
            var target = originalInfo.ConvertedType;
            if (target is null || target.TypeKind == TypeKind.Error)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(originalInfo.Type, target))
            {
                // No conversion (var, a lambda's inferred type): only the very same type is safe.
                return SymbolEqualityComparer.Default.Equals(newType, model.GetTypeInfo(original, cancellationToken).Type);
            }

            var conversion = model.Compilation.ClassifyConversion(newType, target);
            return conversion.Exists && conversion.IsImplicit;
        }

        /// <summary>Writes <paramref name="replacement"/> in place of <paramref name="original"/>, adding the usings it needs.</summary>
        public static async Task<Document> ReplaceAsync(Document document, SyntaxNode original, Replacement replacement, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document;
            }

            var position = original.SpanStart;
            var newRoot = root.ReplaceNode(original, replacement.Short.WithTriviaFrom(original));
            if (replacement.UsesHttp)
            {
                newRoot = SyntaxEdits.EnsureUsing(newRoot, model, position, "Microsoft.AspNetCore.Http", "StatusCodes");
            }

            if (replacement.UsesMvc)
            {
                newRoot = SyntaxEdits.EnsureUsing(newRoot, model, position, "Microsoft.AspNetCore.Mvc", "ObjectResult");
            }

            return document.WithSyntaxRoot(UsingsWithFileNewLine(root, newRoot));
        }

        /// <summary>Added using directives end with the file's own line ending (LF or CRLF), not the elastic default.</summary>
        public static SyntaxNode UsingsWithFileNewLine(SyntaxNode oldRoot, SyntaxNode newRoot)
        {
            var endOfLine = oldRoot.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            if (!endOfLine.IsKind(SyntaxKind.EndOfLineTrivia) || newRoot is not CompilationUnitSyntax unit)
            {
                return newRoot;
            }

            return unit.ReplaceTrivia(
                unit.Usings.SelectMany(u => u.GetTrailingTrivia()).Where(t => t.IsKind(SyntaxKind.EndOfLineTrivia) && t.ToString() != endOfLine.ToString()),
                (_, _) => endOfLine);
        }

        /// <summary>The receiver text of a factory call (<c>Results.</c>, <c>TypedResults.</c>, <c>this.</c>, or empty), or null for other shapes.</summary>
        public static string? FactoryPrefix(InvocationExpressionSyntax invocation)
        {
            return invocation.Expression switch
            {
                IdentifierNameSyntax => string.Empty,
                MemberAccessExpressionSyntax { Expression: var receiver } => receiver.ToString() + ".",
                _ => null,
            };
        }

        /// <summary>The method a producer invocation calls, when it is a result factory (ControllerBase, PageModel, Results, TypedResults).</summary>
        public static IMethodSymbol? FactoryMethod(InvocationExpressionSyntax invocation, SemanticModel model, AspNetCoreSymbols symbols, CancellationToken cancellationToken)
        {
            return model.GetOperation(invocation, cancellationToken) is IInvocationOperation operation && symbols.IsResultFactoryMethod(operation.TargetMethod)
                ? operation.TargetMethod
                : null;
        }

        /// <summary>Replaces one node by another (a status value).</summary>
        public static async Task<Document> ReplaceNodeAsync(Document document, SyntaxNode original, SyntaxNode replacement, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            return root is null ? document : document.WithSyntaxRoot(root.ReplaceNode(original, replacement.WithTriviaFrom(original)));
        }

        /// <summary>
        /// Replaces <paramref name="original"/> and inserts <paramref name="statement"/> before <paramref name="host"/> (a
        /// statement of a block or switch section) in one edit.
        /// </summary>
        public static async Task<Document> ReplaceAndInsertBeforeAsync(Document document, SyntaxNode? original, SyntaxNode? replacement, StatementSyntax host, StatementSyntax statement, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document;
            }

            var tracked = original is null ? root.TrackNodes(host) : root.TrackNodes(host, original);
            if (original is not null && replacement is not null && tracked.GetCurrentNode(original) is { } current)
            {
                tracked = tracked.ReplaceNode(current, replacement.WithTriviaFrom(original));
            }

            if (tracked.GetCurrentNode(host) is not { } currentHost)
            {
                return document;
            }

            // Same indentation as the host, the file's own line ending (no elastic trivia left to the formatter).
            var indentation = SyntaxFactory.TriviaList(currentHost.GetLeadingTrivia().Reverse().TakeWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).Reverse());
            var endOfLine = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            var newLine = endOfLine.IsKind(SyntaxKind.EndOfLineTrivia) ? endOfLine : SyntaxFactory.CarriageReturnLineFeed;
            var placed = statement.WithoutAnnotations(Formatter.Annotation).WithLeadingTrivia(currentHost.GetLeadingTrivia()).WithTrailingTrivia(newLine);
            var inserted = tracked.InsertNodesBefore(currentHost, new[] { placed });
            if (inserted.GetCurrentNode(host) is { } movedHost)
            {
                inserted = inserted.ReplaceNode(movedHost, movedHost.WithLeadingTrivia(indentation));
            }

            inserted = SyntaxEdits.EnsureUsing(inserted, model, host.SpanStart, "Microsoft.AspNetCore.Http", "HeaderDictionaryExtensions");
            inserted = SyntaxEdits.EnsureUsing(inserted, model, host.SpanStart, "Microsoft.Net.Http.Headers", "HeaderNames");
            return document.WithSyntaxRoot(UsingsWithFileNewLine(root, inserted));
        }

        /// <summary>The statement to insert a header write before: an unconditional host statement directly in a block or switch section.</summary>
        public static StatementSyntax? InsertionHost(SyntaxNode producer)
        {
            return SyntaxEdits.UnconditionalHost(producer) is StatementSyntax { Parent: BlockSyntax or SwitchSectionSyntax } statement ? statement : null;
        }

        /// <summary>The response the producer answers on: the receiver of <c>x.StatusCode = ...</c>, else one in scope.</summary>
        public static string? ResponseFor(SyntaxNode producer, SemanticModel model, AspNetCoreSymbols symbols, CancellationToken cancellationToken)
        {
            if (producer is AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax target }
                && model.GetOperation(producer, cancellationToken) is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property }
                && symbols.IsResponseStatusCode(property.Property))
            {
                return IsSimpleReceiver(target.Expression) ? target.Expression.ToString() : null;
            }

            return ResponseInScope.Find(model, producer.SpanStart, symbols, cancellationToken);
        }

        /// <summary><c>response.Headers.Append(HeaderNames.WWWAuthenticate, "value");</c></summary>
        public static StatementSyntax HeaderStatement(string response, string value)
        {
            var literal = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(value)).ToString();
            return SyntaxFactory.ParseStatement($"{response}.Headers.Append(HeaderNames.WWWAuthenticate, {literal});").WithAdditionalAnnotations(Formatter.Annotation);
        }

        private static bool IsSimpleReceiver(ExpressionSyntax expression)
        {
            return expression switch
            {
                IdentifierNameSyntax => true,
                ThisExpressionSyntax => true,
                BaseExpressionSyntax => true,
                MemberAccessExpressionSyntax member => IsSimpleReceiver(member.Expression),
                _ => false,
            };
        }
    }
}
