using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using AuthStatus.Analyzers.AspNetCore;
using AuthStatus.Analyzers.CodeFixes.Shared;
using AuthStatus.Analyzers.Http;
using AuthStatus.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AuthStatus.Analyzers.CodeFixes
{
    /// <summary>
    /// AUTH002 fixes: (1) answer a plain 403 in the form that fits the producer (<c>StatusCode(StatusCodes.Status403Forbidden)</c>,
    /// <c>Results.StatusCode(..)</c>, <c>new StatusCodeResult(..)</c>, the status value itself), always safe; (2)
    /// <c>Forbid()</c>/<c>Results.Forbid()</c>/<c>TypedResults.Forbid()</c>, offered only when the default scheme is a bearer
    /// scheme (<c>Forbid()</c> throws without a forbid scheme and redirects under cookies).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(Auth002AuthorizationFailureAnsweredWith401CodeFixProvider)), Shared]
    public sealed class Auth002AuthorizationFailureAnsweredWith401CodeFixProvider : CodeFixProvider
    {
        public const string Answer403Key = "AUTH002_AnswerForbidden";
        public const string ForbidKey = "AUTH002_Forbid";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.AuthorizationFailureAnsweredWith401);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var document = context.Document;
            var cancellationToken = context.CancellationToken;
            if (await StatusFixes.PrepareAsync(document, cancellationToken).ConfigureAwait(false) is not var (root, model, symbols))
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                var producer = StatusFixes.FindExpression(root, diagnostic.Location);
                if (producer is null || !diagnostic.Properties.TryGetValue(RefusalStatusAnalyzer.ShapeProperty, out var shape))
                {
                    continue;
                }

                // (1) A plain 403.
                var plain = Plain403(producer, shape, model, cancellationToken);
                if (plain is not null)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create("Answer 403 Forbidden", ct => StatusFixes.ReplaceAsync(document, producer, plain, ct), Answer403Key),
                        diagnostic);
                }
                else if (StatusValue(shape, diagnostic, root, model, cancellationToken) is var (value, rewritten))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create("Answer 403 Forbidden", ct => StatusFixes.ReplaceNodeAsync(document, value, rewritten, ct), Answer403Key),
                        diagnostic);
                }

                // (2) Forbid through the authentication handler, when it is a bearer scheme.
                var forbid = Forbid(producer, shape, model, symbols, cancellationToken);
                if (forbid is not null
                    && SchemeRegistrations.For(model.Compilation, cancellationToken).DefaultChallenge()?.Kind == SchemeKind.Bearer)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create("Forbid with the authentication scheme", ct => StatusFixes.ReplaceAsync(document, producer, forbid, ct), ForbidKey),
                        diagnostic);
                }
            }
        }

        /// <summary><c>Unauthorized(..)</c> to <c>StatusCode(StatusCodes.Status403Forbidden, ..)</c> on the same factory; <c>new UnauthorizedResult()</c> to <c>new StatusCodeResult(..)</c>.</summary>
        private static StatusFixes.Replacement? Plain403(ExpressionSyntax producer, string? shape, SemanticModel model, CancellationToken cancellationToken)
        {
            StatusFixes.Replacement? replacement = null;
            if (shape == nameof(StatusProducerKind.UnauthorizedHelper)
                && producer is InvocationExpressionSyntax invocation
                && StatusFixes.FactoryPrefix(invocation) is { } prefix
                && invocation.ArgumentList.Arguments.Count <= 1)
            {
                var body = invocation.ArgumentList.Arguments.Count == 1 ? ", " + invocation.ArgumentList.Arguments[0].ToString() : string.Empty;
                replacement = new StatusFixes.Replacement($"{prefix}StatusCode({{H}}StatusCodes.Status403Forbidden{body})");
            }
            else if (shape == nameof(StatusProducerKind.UnauthorizedResultCreation)
                && producer is ObjectCreationExpressionSyntax { ArgumentList: { } arguments }
                && arguments.Arguments.Count <= 1)
            {
                replacement = new StatusFixes.Replacement(arguments.Arguments.Count == 0
                    ? "new {M}StatusCodeResult({H}StatusCodes.Status403Forbidden)"
                    : $"new {{M}}ObjectResult({arguments.Arguments[0]}) {{ StatusCode = {{H}}StatusCodes.Status403Forbidden }}");
            }

            return replacement is not null && StatusFixes.FitsInPlaceOf(producer, replacement.Qualified, model, cancellationToken) ? replacement : null;
        }

        /// <summary>The status value itself: <c>401</c>, <c>StatusCodes.Status401Unauthorized</c>, <c>HttpStatusCode.Unauthorized</c> to their 403 form.</summary>
        private static (SyntaxNode Value, SyntaxNode Rewritten)? StatusValue(string? shape, Diagnostic diagnostic, SyntaxNode root, SemanticModel model, CancellationToken cancellationToken)
        {
            switch (shape)
            {
                case nameof(StatusProducerKind.StatusCodeArgument):
                case nameof(StatusProducerKind.ResultStatusAssignment):
                case nameof(StatusProducerKind.ResponseStatusAssignment):
                case nameof(StatusProducerKind.ExceptionStatusMap):
                    if (diagnostic.AdditionalLocations.Count == 0 || StatusFixes.FindExpression(root, diagnostic.AdditionalLocations[0]) is not { } value)
                    {
                        return null;
                    }

                    var rewritten = StatusFixes.RewriteStatusValue(value, model, 403, cancellationToken);
                    return rewritten is null ? null : (value, rewritten);
                default:
                    return null;
            }
        }

        /// <summary><c>Unauthorized()</c>/<c>StatusCode(401)</c> to <c>Forbid()</c> on the same factory, <c>new UnauthorizedResult()</c> to <c>new ForbidResult()</c>.</summary>
        private static StatusFixes.Replacement? Forbid(ExpressionSyntax producer, string? shape, SemanticModel model, AspNetCoreSymbols symbols, CancellationToken cancellationToken)
        {
            StatusFixes.Replacement? forbid = null;
            if (producer is InvocationExpressionSyntax invocation && StatusFixes.FactoryPrefix(invocation) is { } prefix)
            {
                var method = StatusFixes.FactoryMethod(invocation, model, symbols, cancellationToken);
                var plain = (shape == nameof(StatusProducerKind.UnauthorizedHelper) && invocation.ArgumentList.Arguments.Count == 0)
                    || (shape == nameof(StatusProducerKind.StatusCodeArgument) && method?.Name == "StatusCode" && invocation.ArgumentList.Arguments.Count == 1);
                if (method is not null && plain)
                {
                    forbid = new StatusFixes.Replacement($"{prefix}Forbid()");
                }
            }
            else if (producer is ObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 0 } && shape == nameof(StatusProducerKind.UnauthorizedResultCreation))
            {
                forbid = new StatusFixes.Replacement("new {M}ForbidResult()");
            }

            return forbid is not null && StatusFixes.FitsInPlaceOf(producer, forbid.Qualified, model, cancellationToken) ? forbid : null;
        }
    }
}
