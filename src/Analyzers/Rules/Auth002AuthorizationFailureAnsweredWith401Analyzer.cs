using System.Collections.Immutable;
using AuthStatus.Analyzers.AspNetCore;
using AuthStatus.Analyzers.Http;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AuthStatus.Analyzers.Rules
{
    /// <summary>
    /// AUTH002: a 401 producer reached because a permission check failed (a role, scope, claim, policy, ownership, a
    /// permission exception mapped to 401, a forbid handler answering 401). The refusal reason decides; identity,
    /// restriction, mixed and unrecognised guards report nothing.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Hosted by AuthStatusAnalyzer, the one analyzer the package exports")]
    public sealed class Auth002AuthorizationFailureAnsweredWith401Analyzer : RefusalStatusAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.AUTH002_AuthorizationFailureAnsweredWith401);

        private protected override int StatusCode => HttpStatusResolver.Unauthorized;

        private protected override void AnalyzeProducer(OperationAnalysisContext context, StatusProducers producers, int index, AspNetCoreSymbols symbols)
        {
            if (producers.Reason(index, context).Kind == RefusalKind.Permission)
            {
                Report(context, Descriptors.AUTH002_AuthorizationFailureAnsweredWith401, producers[index]);
            }
        }
    }
}
