using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AuthStatus.Analyzers.CodeFixes
{
    /// <summary>AUTH011 (reported on the <c>UseAuthorization()</c> call): swaps its statement with the <c>UseAuthentication()</c> statement after it, each keeping its comments.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(Auth011SwapAuthenticationCodeFix)), Shared]
    public sealed class Auth011SwapAuthenticationCodeFix : CodeFixProvider
    {
        public const string SwapKey = "AUTH011_SwapWithUseAuthorization";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.AuthorizationBeforeAuthentication);

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
                if (diagnostic.AdditionalLocations.Count == 0 || diagnostic.AdditionalLocations[0].SourceTree != root.SyntaxTree)
                {
                    continue;
                }

                // The diagnostic is on the UseAuthorization() call; additional location 0 is the authentication.
                var authorization = PipelineStatements.StatementOf(PipelineStatements.InvocationAt(root, diagnostic.Location.SourceSpan));
                var authentication = PipelineStatements.StatementOf(PipelineStatements.InvocationAt(root, diagnostic.AdditionalLocations[0].SourceSpan));
                if (authentication is null || authorization is null || !PipelineStatements.AreSiblings(authentication, authorization))
                {
                    continue;
                }

                var document = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Swap with UseAuthentication()",
                        _ => Task.FromResult(document.WithSyntaxRoot(Swap(root, authentication, authorization))),
                        SwapKey),
                    diagnostic);
            }
        }

        private static SyntaxNode Swap(SyntaxNode root, SyntaxNode first, SyntaxNode second) =>
            root.ReplaceNodes(new[] { first, second }, (original, _) => original == first ? second : first);
    }
}
