using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using AuthStatus.Analyzers.AspNetCore;
using AuthStatus.Analyzers.CodeFixes.Shared;
using AuthStatus.Analyzers.Configuration;
using AuthStatus.Analyzers.Http;
using AuthStatus.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AuthStatus.Analyzers.CodeFixes
{
    /// <summary>
    /// AUTH003 fixes: (1) <c>StatusCode(403)</c> to <c>Challenge()</c> (<c>Results.Challenge()</c>, <c>new ChallengeResult()</c>),
    /// offered only when a bare challenge answers 401 with a header (a bearer scheme; cookies would redirect); (2) answer 401
    /// and append a WWW-Authenticate header to the same response, as the AUTH001 header fix does.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(Auth003CredentialFailureAnsweredWith403CodeFixProvider)), Shared]
    public sealed class Auth003CredentialFailureAnsweredWith403CodeFixProvider : CodeFixProvider
    {
        public const string ChallengeKey = "AUTH003_Challenge";
        public const string Answer401Key = "AUTH003_AnswerUnauthorizedWithChallenge";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.CredentialFailureAnsweredWith403);

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

                var registrations = SchemeRegistrations.For(model.Compilation, cancellationToken);
                var challenge = Challenge(producer, shape, model, symbols, cancellationToken);
                if (challenge is not null && registrations.ChallengeAnswers401WithHeader(cancellationToken))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create("Challenge with the authentication scheme", ct => StatusFixes.ReplaceAsync(document, producer, challenge, ct), ChallengeKey),
                        diagnostic);
                }

                if (shape == nameof(StatusProducerKind.ExceptionStatusMap)
                    || diagnostic.AdditionalLocations.Count == 0
                    || StatusFixes.FindExpression(root, diagnostic.AdditionalLocations[0]) is not { } value
                    || StatusFixes.RewriteStatusValue(value, model, HttpStatusResolver.Unauthorized, cancellationToken) is not { } rewritten
                    || StatusFixes.InsertionHost(producer) is not { } host
                    || StatusFixes.ResponseFor(producer, model, symbols, cancellationToken) is not { } response)
                {
                    continue;
                }

                var options = document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(producer.SyntaxTree);
                var challengeValue = registrations.ChallengeValue(StatusFixes.Realm(model.Compilation))
                    ?? AuthStatusOptions.ChallengeScheme(options)
                    ?? OptionKeys.DefaultChallengeScheme;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Answer 401 with a WWW-Authenticate header ({challengeValue})",
                        ct => StatusFixes.ReplaceAndInsertBeforeAsync(document, value, rewritten, host, StatusFixes.HeaderStatement(response, challengeValue), ct),
                        Answer401Key),
                    diagnostic);
            }
        }

        /// <summary><c>StatusCode(403)</c> to <c>Challenge()</c> on the same factory; <c>new StatusCodeResult(403)</c> to <c>new ChallengeResult()</c>.</summary>
        private static StatusFixes.Replacement? Challenge(ExpressionSyntax producer, string? shape, SemanticModel model, AspNetCoreSymbols symbols, CancellationToken cancellationToken)
        {
            if (shape != nameof(StatusProducerKind.StatusCodeArgument))
            {
                return null;
            }

            StatusFixes.Replacement? challenge = null;
            if (producer is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } invocation
                && StatusFixes.FactoryPrefix(invocation) is { } prefix
                && StatusFixes.FactoryMethod(invocation, model, symbols, cancellationToken) is { Name: "StatusCode" })
            {
                challenge = new StatusFixes.Replacement($"{prefix}Challenge()");
            }
            else if (producer is ObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 1 } creation
                && model.GetTypeInfo(creation, cancellationToken).Type is { Name: "StatusCodeResult" })
            {
                challenge = new StatusFixes.Replacement("new {M}ChallengeResult()");
            }

            return challenge is not null && StatusFixes.FitsInPlaceOf(producer, challenge.Qualified, model, cancellationToken) ? challenge : null;
        }
    }
}
