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
