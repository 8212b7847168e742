using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using AuthStatus.Analyzers.AspNetCore;
using AuthStatus.Analyzers.CodeFixes.Shared;
using AuthStatus.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AuthStatus.Analyzers.CodeFixes
{
    /// <summary>
    /// AUTH009 fix: append <c>WWW-Authenticate: Bearer error="insufficient_scope", scope="..."</c> to the response before the
    /// 403, with the scope taken from the check (offered only when the check's scope is a constant and a response is in scope).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(Auth009InsufficientScopeWithoutScopeCodeFixProvider)), Shared]
    public sealed class Auth009InsufficientScopeWithoutScopeCodeFixProvider : CodeFixProvider
    {
        public const string AddHeaderKey = "AUTH009_AddInsufficientScopeHeader";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.InsufficientScopeWithoutScope);

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
                if (!diagnostic.Properties.TryGetValue(Auth009InsufficientScopeWithoutScopeAnalyzer.ScopeProperty, out var scope)
                    || string.IsNullOrEmpty(scope)
                    || scope!.IndexOf('"') >= 0
                    || scope.IndexOf('\\') >= 0
                    || StatusFixes.FindExpression(root, diagnostic.Location) is not { } producer
                    || StatusFixes.InsertionHost(producer) is not { } host
                    || StatusFixes.ResponseFor(producer, model, symbols, cancellationToken) is not { } response)
                {
                    continue;
                }

                var value = $"Bearer error=\"insufficient_scope\", scope=\"{scope}\"";
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Add WWW-Authenticate: Bearer error=\"insufficient_scope\", scope=\"{scope}\"",
                        ct => StatusFixes.ReplaceAndInsertBeforeAsync(document, null, null, host, StatusFixes.HeaderStatement(response, value), ct),
                        AddHeaderKey),
                    diagnostic);
            }
        }
    }
}
