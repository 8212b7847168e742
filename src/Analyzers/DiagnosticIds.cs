namespace AuthStatus.Analyzers
{
    /// <summary>Every rule ID of the package, once. Docs, tests and release tracking use these strings.</summary>
    public static class DiagnosticIds
    {
        public const string UnauthorizedWithoutChallenge = "AUTH001";
        public const string AuthorizationFailureAnsweredWith401 = "AUTH002";
        public const string CredentialFailureAnsweredWith403 = "AUTH003";
        public const string AuthenticationBlocksCorsPreflight = "AUTH004";
        public const string InternalDetailInAuthResponse = "AUTH005";
        public const string SecretComparedInNonConstantTime = "AUTH006";
        public const string MalformedWwwAuthenticate = "AUTH007";
        public const string OnChallengeSuppressesChallenge = "AUTH008";
        public const string InsufficientScopeWithoutScope = "AUTH009";
        public const string MessageGivenAsScheme = "AUTH010";
        public const string AuthorizationBeforeAuthentication = "AUTH011";
    }

    /// <summary>Diagnostic categories.</summary>
    public static class Categories
    {
        /// <summary>HTTP authentication and authorization semantics (status codes, challenges).</summary>
        public const string HttpAuth = "HttpAuth";

        /// <summary>Security weaknesses (leaks, timing channels).</summary>
        public const string Security = "Security";

        /// <summary>Middleware pipeline configuration.</summary>
        public const string Pipeline = "Pipeline";
    }
}
