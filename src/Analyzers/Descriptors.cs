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

        public static readonly DiagnosticDescriptor AUTH002_AuthorizationFailureAnsweredWith401 = Create(
            DiagnosticIds.AuthorizationFailureAnsweredWith401,
            "Authorization failure answered with 401",
            "{0} answers 401 Unauthorized to a failed permission check: a known caller that lacks permission gets 403 Forbidden (RFC 9110 §15.5.4), so return 403 or Forbid()",
            Categories.HttpAuth,
            DiagnosticSeverity.Warning,
            "401 Unauthorized means the request lacks valid credentials and asks the client to authenticate (RFC 9110 §15.5.2). A caller whose credentials are valid but not adequate (a missing role, scope, claim, policy or ownership) must get 403 Forbidden (RFC 9110 §15.5.4, RFC 6750 §3.1 insufficient_scope); a 401 there makes clients discard a valid token and sign in again, in a loop.");

        public static readonly DiagnosticDescriptor AUTH003_CredentialFailureAnsweredWith403 = Create(
            DiagnosticIds.CredentialFailureAnsweredWith403,
            "Missing or invalid credentials answered with 403",
            "{0} answers 403 Forbidden to missing or invalid credentials: an unknown caller gets 401 with a WWW-Authenticate challenge (RFC 9110 §15.5.2, RFC 6750 §3.1 invalid_token), so return Challenge() or 401 with the header",
            Categories.HttpAuth,
            DiagnosticSeverity.Warning,
            "403 Forbidden tells the client that authenticating again will not help (RFC 9110 §15.5.4). When the credential is missing, expired, malformed or does not match, the server must answer 401 with a WWW-Authenticate challenge (RFC 9110 §15.5.2; RFC 6750 §3.1 invalid_token), so that clients refresh the token or prompt for credentials.");

        public static readonly DiagnosticDescriptor AUTH004_AuthenticationBlocksCorsPreflight = Create(
            DiagnosticIds.AuthenticationBlocksCorsPreflight,
            "Authentication blocks CORS preflight",
            "{0}, so CORS preflight requests, which carry no credentials (Fetch standard, CORS protocol), are answered 401/403 instead of the CORS response: {1}",
            Categories.Pipeline,
            DiagnosticSeverity.Warning,
            "A CORS preflight is an OPTIONS request without credentials. ASP.NET Core's CORS middleware answers it itself and the authorization middleware has no preflight exemption, so UseCors() must run before UseAuthentication() and UseAuthorization() (ASP.NET Core middleware order), and custom authentication middleware that runs before UseCors() must let preflight requests through.");

        public static readonly DiagnosticDescriptor AUTH005_InternalDetailInAuthResponse = Create(
            DiagnosticIds.InternalDetailInAuthResponse,
            "Internal detail in a 401/403 response",
            "The {0} response body carries exception data ('{1}'): send a short constant message and log the exception instead (OWASP error handling; RFC 6750 §3 error_description is for developers)",
            Categories.Security,
            DiagnosticSeverity.Warning,
            "Exception messages, stack traces and token validation failure reasons (SecurityTokenException, AuthenticationFailedContext.Exception) in a 401 or 403 body tell an attacker how the authentication works and why a forged credential failed. Answer with a short constant reason and write the exception to the log; keep details behind IsDevelopment().");

        public static readonly DiagnosticDescriptor AUTH006_SecretComparedInNonConstantTime = Create(
            DiagnosticIds.SecretComparedInNonConstantTime,
            "Secret compared in non-constant time",
            "'{0}' is a secret compared in non-constant time: the comparison stops at the first differing character, so its duration leaks how much of a guess is right (an ordinal comparison does too); compare SHA-256 digests with CryptographicOperations.FixedTimeEquals",
            Categories.Security,
            DiagnosticSeverity.Warning,
            "Comparing a password, API key, token, signature or HMAC with ==, string.Equals, string.Compare, SequenceEqual, StartsWith or a loop that exits early takes longer the more leading characters match: an attacker who measures response times can recover the secret one character at a time. Ordinal comparison (the fix of MA0006, CA1309, CA1307 and CA2251) is not constant time. Hash both values to fixed-size digests (SHA256.HashData) and compare them with CryptographicOperations.FixedTimeEquals, which also hides the secret's length.");

        public static readonly DiagnosticDescriptor AUTH007_MalformedWwwAuthenticate = Create(
            DiagnosticIds.MalformedWwwAuthenticate,
            "Malformed WWW-Authenticate value",
            "Malformed WWW-Authenticate value: {0}",
            Categories.HttpAuth,
            DiagnosticSeverity.Warning,
            "A WWW-Authenticate value is a comma-separated list of challenges, each an auth-scheme followed by a token68 or by name=value auth-params whose values are tokens or quoted-strings (RFC 9110 §11.6.1, §11.2). Bearer challenges use the parameters and error codes of RFC 6750 §3; Basic requires realm (RFC 7617 §2). Clients ignore or misread malformed challenges.");

        public static readonly DiagnosticDescriptor AUTH008_OnChallengeSuppressesChallenge = Create(
            DiagnosticIds.OnChallengeSuppressesChallenge,
            "OnChallenge suppresses the challenge header",
            "{0} calls HandleResponse() and writes the response without a WWW-Authenticate header, which a 401 must carry (RFC 9110 §15.5.2): append the challenge, or set context.Error/ErrorDescription and let the handler answer",
            Categories.HttpAuth,
            DiagnosticSeverity.Warning,
            "HandleResponse() in an OnChallenge handler makes the authentication handler return before it sets the status and the WWW-Authenticate header. A handler that then writes its own 401 or body must append the challenge itself (RFC 9110 §15.5.2, RFC 6750 §3); to only change the error text, set context.Error and context.ErrorDescription without HandleResponse().");

        public static readonly DiagnosticDescriptor AUTH009_InsufficientScopeWithoutScope = Create(
            DiagnosticIds.InsufficientScopeWithoutScope,
            "403 for insufficient scope does not name the scope",
            "{0} answers 403 to a missing scope without naming it: add 'WWW-Authenticate: Bearer error=\"insufficient_scope\", scope=\"{1}\"' (RFC 6750 §3.1) so the client can request a token with that scope",
            Categories.HttpAuth,
            DiagnosticSeverity.Info,
            "RFC 6750 §3.1 defines the insufficient_scope error for a request that needs more privileges than the access token grants: the resource server answers 403 and MAY name the scope needed in the WWW-Authenticate challenge (scope=\"...\"), so that the client can ask the authorization server for a token with that scope. JwtBearer's forbid does not send it.");

        public static readonly DiagnosticDescriptor AUTH010_MessageGivenAsScheme = Create(
            DiagnosticIds.MessageGivenAsScheme,
            "Forbid/Challenge given a message instead of a scheme",
            "{0} takes authentication scheme names, and '{1}' is not one{2}: at run time it throws InvalidOperationException (no handler for the scheme); put the message in a 403/401 body instead",
            Categories.HttpAuth,
            DiagnosticSeverity.Warning,
            "The string arguments of Forbid(...), Challenge(...), Results.Forbid/Challenge(authenticationSchemes: ...), HttpContext.ForbidAsync/ChallengeAsync(scheme) and new ForbidResult/ChallengeResult(...) are authentication scheme names, not messages. A name that no handler is registered for makes the authentication service throw InvalidOperationException when the result executes.");

        public static readonly DiagnosticDescriptor AUTH011_AuthorizationBeforeAuthentication = Create(
            DiagnosticIds.AuthorizationBeforeAuthentication,
            "UseAuthentication after UseAuthorization",
            "{0} runs before {1}, so authorization evaluates its policies before the request's user is authenticated: call UseAuthentication() before UseAuthorization()",
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
