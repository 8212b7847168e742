using System.Collections.Immutable;
using AuthStatus.Analyzers.AspNetCore;
using AuthStatus.Analyzers.Http;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AuthStatus.Analyzers.Rules
{
    /// <summary>
    /// AUTH003: a raw 403 producer (not <c>Forbid()</c>) reached because the caller is unknown or its credential is missing,
    /// does not match or does not validate. Restrictions (banned IP, locked or disabled account, remote access refused by
    /// configuration, client certificates), permission checks and forbid handlers report nothing; neither do apps whose only
    /// authentication is client certificates, whose challenge is 403 by design.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Hosted by AuthStatusAnalyzer, the one analyzer the package exports")]
    public sealed class Auth003CredentialFailureAnsweredWith403Analyzer : RefusalStatusAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.AUTH003_CredentialFailureAnsweredWith403);

        private protected override int StatusCode => HttpStatusResolver.Forbidden;

        private protected override void AnalyzeProducer(OperationAnalysisContext context, StatusProducers producers, int index, AspNetCoreSymbols symbols)
        {
            if (producers.Reason(index, context).Kind != RefusalKind.Identity)
            {
                return;
            }

            if (SchemeRegistrations.UsesOnlyCertificates(symbols.Compilation, context.CancellationToken))
            {
                return;
            }

            Report(context, Descriptors.AUTH003_CredentialFailureAnsweredWith403, producers[index]);
        }
    }
}
