using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AuthStatus.Analyzers.CodeFixes.Shared;
using AuthStatus.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AuthStatus.Analyzers.CodeFixes
{
    /// <summary>
    /// AUTH010 fixes: (1) for <c>Forbid("message")</c>, answer 403 with the message in the body
    /// (<c>Problem(statusCode: 403, detail: message)</c>, <c>Results.Problem(..)</c>, <c>new ObjectResult(message) { StatusCode = 403 }</c>);
    /// (2) drop the message so the default scheme handles the forbid or challenge.
    /// For <c>Challenge</c> only (2) is offered: a 401 built by hand would lack the challenge header (AUTH001).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(Auth010MessageGivenAsSchemeCodeFixProvider)), Shared]
    public sealed class Auth010MessageGivenAsSchemeCodeFixProvider : CodeFixProvider
    {
        public const string MessageInBodyKey = "AUTH010_MessageInBody";
        public const string DropArgumentKey = "AUTH010_DropArgument";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.MessageGivenAsScheme);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var document = context.Document;
            var cancellationToken = context.CancellationToken;
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (StatusFixes.FindExpression(root, diagnostic.Location) is not { } message
                    || !diagnostic.Properties.TryGetValue(Auth010MessageGivenAsSchemeAnalyzer.ActionProperty, out var action))
                {
                    continue;
                }

                var (argument, call) = Enclosing(message);
                if (argument is null || call is null)
                {
                    continue;
                }

                if (action == "Forbid" && MessageInBody(call, argument, message, model, cancellationToken) is { } body)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create("Answer 403 with the message in the body", ct => StatusFixes.ReplaceAsync(document, call, body, ct), MessageInBodyKey),
                        diagnostic);
                }

                var removed = RemovedNode(argument, message);
                if (removed is not null)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create($"Remove the message (use the default scheme's {action?.ToLowerInvariant()})", ct => RemoveAsync(document, removed, ct), DropArgumentKey),
                        diagnostic);
                }
            }
        }

        /// <summary>The argument holding the message (directly, or in an array/list initializer) and the call or creation.</summary>
        private static (ArgumentSyntax? Argument, ExpressionSyntax? Call) Enclosing(ExpressionSyntax message)
        {
            SyntaxNode? current = message.Parent;
            if (current is InitializerExpressionSyntax initializer)
            {
                current = initializer.Parent is ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax or ObjectCreationExpressionSyntax
                    ? initializer.Parent.Parent
                    : null;
            }

            if (current is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: ExpressionSyntax call } } argument)
            {
                return (argument, call);
            }

            return default;
        }

        /// <summary>The node to remove: the argument, or the one element of a several-element initializer.</summary>
        private static SyntaxNode? RemovedNode(ArgumentSyntax argument, ExpressionSyntax message)
        {
            if (argument.Expression == message)
            {
                return argument;
            }

            return message.Parent is InitializerExpressionSyntax { Expressions.Count: > 1 } ? message : argument;
        }

        private static StatusFixes.Replacement? MessageInBody(ExpressionSyntax call, ArgumentSyntax argument, ExpressionSyntax message, SemanticModel model, CancellationToken cancellationToken)
        {
            var list = call switch
            {
                InvocationExpressionSyntax invocation => invocation.ArgumentList,
                ObjectCreationExpressionSyntax creation => creation.ArgumentList,
                _ => null,
            };

            if (list is null || list.Arguments.Count != 1 || (argument.Expression != message && message.Parent is InitializerExpressionSyntax { Expressions.Count: > 1 }))
            {
                return null;
            }

            StatusFixes.Replacement? replacement = call switch
            {
                InvocationExpressionSyntax invocation when StatusFixes.FactoryPrefix(invocation) is { } prefix && !prefix.EndsWith("Async.", System.StringComparison.Ordinal)
                    && (invocation.Expression is IdentifierNameSyntax { Identifier.ValueText: "Forbid" } || invocation.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Forbid" })
                    => new StatusFixes.Replacement($"{prefix}Problem(statusCode: {{H}}StatusCodes.Status403Forbidden, detail: {message})"),
                ObjectCreationExpressionSyntax => new StatusFixes.Replacement($"new {{M}}ObjectResult({message}) {{ StatusCode = {{H}}StatusCodes.Status403Forbidden }}"),
                _ => null,
            };

            return replacement is not null && StatusFixes.FitsInPlaceOf(call, replacement.Qualified, model, cancellationToken) ? replacement : null;
        }

        private static async Task<Document> RemoveAsync(Document document, SyntaxNode node, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var newRoot = root?.RemoveNode(node, SyntaxRemoveOptions.KeepNoTrivia);
            return newRoot is null ? document : document.WithSyntaxRoot(newRoot);
        }
    }
}
