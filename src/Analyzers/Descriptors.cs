using Microsoft.CodeAnalysis;

namespace AuthStatus.Analyzers
{
    /// <summary>The descriptor catalog. Descriptors are created only through <see cref="Create"/>.</summary>
    public static class Descriptors
    {
        /// <summary>Where the rule pages live; the help link of every rule is this plus <c>{ID}.md</c>.</summary>
        public const string HelpLinkBase = "https://github.com/authstatus/AuthStatus.Analyzers/blob/main/docs/rules/";

        public static readonly DiagnosticDescriptor AUTH001_UnauthorizedWithoutChallenge = Create(
            DiagnosticIds.UnauthorizedWithoutChallenge,
            "401 response without a WWW-Authenticate challenge",
            "{0} answers 401 without the WWW-Authenticate challenge that RFC 9110 §15.5.2 requires: {1}",
            Categories.HttpAuth,
            DiagnosticSeverity.Warning,
            "A 401 Unauthorized response must carry at least one WWW-Authenticate challenge (RFC 9110 §15.5.2) so that the client knows how to authenticate. ASP.NET Core's Unauthorized(), UnauthorizedResult, Results.Unauthorized(), StatusCode(401) and AuthenticationHandler's base HandleChallengeAsync set only the status.");

        public static readonly DiagnosticDescriptor AUTH004_AuthenticationBlocksCorsPreflight = Create(
            DiagnosticIds.AuthenticationBlocksCorsPreflight,
            "Authentication blocks CORS preflight",
            "{0}, so CORS preflight requests, which carry no credentials (Fetch standard, CORS protocol), are answered 401/403 instead of the CORS response: {1}",
            Categories.Pipeline,
            DiagnosticSeverity.Warning,
            "A CORS preflight is an OPTIONS request without credentials. ASP.NET Core's CORS middleware answers it itself and the authorization middleware has no preflight exemption, so UseCors() must run before UseAuthentication() and UseAuthorization() (ASP.NET Core middleware order), and custom authentication middleware that runs before UseCors() must let preflight requests through.");

        public static readonly DiagnosticDescriptor AUTH011_AuthorizationBeforeAuthentication = Create(
            DiagnosticIds.AuthorizationBeforeAuthentication,
            "UseAuthentication after UseAuthorization",
            "{0} runs after UseAuthorization(), so authorization evaluates its policies before the request's user is authenticated: call UseAuthentication() before UseAuthorization()",
            Categories.Pipeline,
            DiagnosticSeverity.Warning,
            "The authentication middleware sets HttpContext.User; the authorization middleware reads it. ASP.NET Core's middleware order places UseAuthentication() before UseAuthorization(); in the other order authorization runs against an anonymous user.");

        /// <summary>Creates a descriptor with the package's help link, category and default state.</summary>
        internal static DiagnosticDescriptor Create(
            string id,
            string title,
            string messageFormat,
            string category,
            DiagnosticSeverity severity,
            string description,
            bool isEnabledByDefault = true)
        {
            return new DiagnosticDescriptor(
                id,
                title,
                messageFormat,
                category,
                severity,
                isEnabledByDefault,
                description,
                helpLinkUri: HelpLinkBase + id + ".md");
        }
    }
}
