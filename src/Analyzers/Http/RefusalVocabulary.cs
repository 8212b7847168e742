using System;
using System.Collections.Generic;
using AuthStatus.Analyzers.Configuration;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AuthStatus.Analyzers.Http
{
    /// <summary>What the refusal vocabulary says of one name (<see cref="RefusalVocabulary.Facts"/>).</summary>
    [Flags]
    internal enum NameFacts
    {
        None = 0,
        Restriction = 1,
        Permission = 2,
        SignInState = 4,
        Credential = 8,
        Principal = 16,
        Scope = 32,
        Negative = 64,
        Validator = 128,
    }

    /// <summary>The <c>.editorconfig</c> keys of the refusal-reason name heuristics (AUTH002, AUTH003, AUTH009).</summary>
    internal static class RefusalOptionKeys
    {
        /// <summary>Names of credentials and sign-in state, added to the defaults (a missing or mismatched one is an identity failure).</summary>
        public const string IdentityNames = "auth_status.identity_names";

        /// <summary>Credential look-alikes: names that contain a credential word but are not credentials (<c>cancellationToken</c>).</summary>
        public const string IdentityNamesExclude = "auth_status.identity_names_exclude";

        /// <summary>Names of permission checks, added to the defaults (<c>isAdmin</c>, <c>canEdit</c>, <c>scope</c>).</summary>
        public const string PermissionNames = "auth_status.permission_names";

        /// <summary>Permission look-alikes (<c>serviceScope</c>).</summary>
        public const string PermissionNamesExclude = "auth_status.permission_names_exclude";

        /// <summary>Names of restrictions for which 403 is right whatever the credential (<c>bannedIp</c>, <c>isLockedOut</c>).</summary>
        public const string RestrictionNames = "auth_status.restriction_names";

        /// <summary>Names removed from the restriction defaults.</summary>
        public const string RestrictionNamesExclude = "auth_status.restriction_names_exclude";
    }

    /// <summary>
    /// The name half of the refusal-reason table: which identifiers, header names, claim types and exception names are
    /// about identity (who the caller is, its credential), permission (what a known caller may do) or a restriction
    /// (banned IP, locked account, client certificate: 403 whatever the credential). Symbols are matched first, in
    /// <see cref="RefusalReason"/>; names decide only where no symbol does.
    /// </summary>
    internal sealed class RefusalVocabulary
    {
        private readonly NameAnswers<NameFacts> _facts = new NameAnswers<NameFacts>();
        private readonly Func<string, NameFacts> _readFacts;

        /// <summary>Credentials: a missing or mismatched one is an identity failure.</summary>
        internal static readonly string[] DefaultCredentialNames =
        {
            "token", "api key", "apikey", "access key", "secret", "password", "passwd", "pwd", "passphrase", "signature",
            "hmac", "credential", "bearer", "jwt", "authorization header", "auth header", "auth key", "auth token",
        };

        /// <summary>Sign-in state (booleans): false means the caller is unknown.</summary>
        internal static readonly string[] DefaultSignInStateNames =
        {
            "authenticated", "authenticate", "authentication", "unauthenticated", "anonymous", "logged in", "log in", "login",
            "signed in", "sign in", "logon",
        };

        /// <summary>Values that denote the signed-in caller.</summary>
        internal static readonly string[] DefaultPrincipalNames =
        {
            "principal", "current user", "authenticated user", "signed in user", "logged in user", "caller", "identity",
        };

        /// <summary>Credential look-alikes.</summary>
        internal static readonly string[] DefaultCredentialLookAlikes =
        {
            "cancellation token", "page token", "continuation token", "next token", "csrf", "xsrf", "antiforgery", "anti forgery",
            "request verification", "token type", "idempotency", "cache key", "partition key", "sort key", "row key",
            "foreign key", "primary key", "key name", "password question", "session state", "authorization result",
            "authorization service", "authorization policy", "authorization handler",
        };

        internal static readonly string[] DefaultPermissionNames =
        {
            "admin", "administrator", "permission", "permitted", "role", "scope", "scp", "owner", "privilege", "privileged",
            "can", "has access", "access denied", "access granted", "forbidden", "forbid", "superuser", "entitled",
            "entitlement", "insufficient scope", "required scope", "granted",
        };

        internal static readonly string[] DefaultPermissionLookAlikes =
        {
            "service scope", "scope factory", "create scope", "scoped", "async scope", "logger scope", "begin scope",
        };

        internal static readonly string[] DefaultRestrictionNames =
        {
            "banned", "ban", "blocked", "block list", "blocklist", "blacklist", "blacklisted", "deny list", "denylist",
            "allow list", "allowlist", "whitelist", "whitelisted", "disabled", "locked", "lockout", "suspended",
            "deactivated", "inactive", "ip", "remote", "local", "localhost", "loopback", "certificate", "cert", "thumbprint",
            "email confirmed", "email verified", "phone confirmed", "account confirmed", "not allowed", "rate limit",
            "throttled", "quota", "country", "geo",
        };

        /// <summary>Words that make a name describe a failure (<c>invalidToken</c>, <c>isNotAdmin</c>) rather than a success.</summary>
        private static readonly HashSet<string> NegativeWords = new HashSet<string>(StringComparer.Ordinal)
        {
            "not", "no", "non", "invalid", "missing", "insufficient", "denied", "forbidden", "forbid", "expired", "bad",
            "wrong", "failed", "fail", "fails", "failure", "lacks", "lacking", "lack", "without", "anonymous",
            "unauthenticated", "banned", "blocked", "disabled", "locked", "suspended", "deactivated", "inactive", "revoked",
            "mismatch", "unverified", "unconfirmed", "none", "absent", "unknown", "rejected", "unauthorized", "lockout",
            "blacklisted", "denied",
        };

        public static readonly RefusalVocabulary Default = new RefusalVocabulary(null, null, null, null, null, null);

        private RefusalVocabulary(string? identity, string? identityExclude, string? permission, string? permissionExclude, string? restriction, string? restrictionExclude)
        {
            _readFacts = ReadFacts;
            Credentials = NameVocabulary.Create(DefaultCredentialNames, identity, identityExclude);
            SignInState = NameVocabulary.Create(DefaultSignInStateNames, null, identityExclude);
            Principals = NameVocabulary.Create(DefaultPrincipalNames, null, identityExclude);
            CredentialLookAlikes = NameVocabulary.Create(DefaultCredentialLookAlikes, identityExclude, null);
            Permissions = NameVocabulary.Create(DefaultPermissionNames, permission, permissionExclude);
            PermissionLookAlikes = NameVocabulary.Create(DefaultPermissionLookAlikes, permissionExclude, null);
            Restrictions = NameVocabulary.Create(DefaultRestrictionNames, restriction, restrictionExclude);
        }

        public NameVocabulary Credentials { get; }

        public NameVocabulary SignInState { get; }

        public NameVocabulary Principals { get; }

        public NameVocabulary CredentialLookAlikes { get; }

        public NameVocabulary Permissions { get; }

        public NameVocabulary PermissionLookAlikes { get; }

        public NameVocabulary Restrictions { get; }

        /// <summary>
        /// The six refusal keys of a file's options, or null when none is set (the file uses <see cref="Default"/>). The
        /// vocabularies are built and kept per compilation by <see cref="AuthStatusOptions.Refusal"/>.
        /// </summary>
        internal static (string? Identity, string? IdentityExclude, string? Permission, string? PermissionExclude, string? Restriction, string? RestrictionExclude)? Configured(AnalyzerConfigOptions options)
        {
            options.TryGetValue(RefusalOptionKeys.IdentityNames, out var identity);
            options.TryGetValue(RefusalOptionKeys.IdentityNamesExclude, out var identityExclude);
            options.TryGetValue(RefusalOptionKeys.PermissionNames, out var permission);
            options.TryGetValue(RefusalOptionKeys.PermissionNamesExclude, out var permissionExclude);
            options.TryGetValue(RefusalOptionKeys.RestrictionNames, out var restriction);
            options.TryGetValue(RefusalOptionKeys.RestrictionNamesExclude, out var restrictionExclude);
            if (identity is null && identityExclude is null && permission is null && permissionExclude is null && restriction is null && restrictionExclude is null)
            {
                return null;
            }

            return (identity, identityExclude, permission, permissionExclude, restriction, restrictionExclude);
        }

        /// <summary>The defaults changed by the values <see cref="Configured"/> read (never throws on garbage).</summary>
        internal static RefusalVocabulary Create((string? Identity, string? IdentityExclude, string? Permission, string? PermissionExclude, string? Restriction, string? RestrictionExclude) values) =>
            new RefusalVocabulary(values.Identity, values.IdentityExclude, values.Permission, values.PermissionExclude, values.Restriction, values.RestrictionExclude);

        /// <summary>
        /// Everything the refusal reason asks of a name, read once per name: the classifier asks the same few names
        /// (<c>apiKey</c>, <c>isAdmin</c>, <c>User</c>) of every producer, and each question splits the name into words.
        /// </summary>
        public NameFacts Facts(string? name)
        {
            if (string.IsNullOrEmpty(name))
            {
                return NameFacts.None;
            }

            return _facts.Get(name!, _readFacts);
        }

        private NameFacts ReadFacts(string name) =>
            (IsRestriction(name) ? NameFacts.Restriction : 0)
            | (IsPermission(name) ? NameFacts.Permission : 0)
            | (IsSignInState(name) ? NameFacts.SignInState : 0)
            | (IsCredential(name) ? NameFacts.Credential : 0)
            | (IsPrincipal(name) ? NameFacts.Principal : 0)
            | (IsScope(name) ? NameFacts.Scope : 0)
            | (IsNegative(name) ? NameFacts.Negative : 0)
            | (IsValidator(name) ? NameFacts.Validator : 0);

        /// <summary>A validator's name: <c>Validate(token)</c>, <c>IsValid(apiKey)</c>, <c>Verify(signature)</c>, <c>Check(key)</c>.</summary>
        private static bool IsValidator(string name)
        {
            foreach (var word in NameWords.Split(name))
            {
                switch (word)
                {
                    case "valid":
                    case "validate":
                    case "validates":
                    case "verify":
                    case "verifies":
                    case "check":
                    case "checks":
                    case "match":
                    case "matches":
                    case "compare":
                    case "equals":
                        return true;
                }
            }

            return false;
        }

        /// <summary>True when the name contains a word that makes it describe a failure.</summary>
        public static bool IsNegative(string name)
        {
            foreach (var word in NameWords.Split(name))
            {
                if (NegativeWords.Contains(word))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A credential name (<c>apiKey</c>, <c>X-Api-Key</c>, <c>bearerToken</c>), look-alikes excluded. A bare <c>key</c> counts.</summary>
        public bool IsCredential(string? name)
        {
            if (string.IsNullOrEmpty(name) || CredentialLookAlikes.Matches(name))
            {
                return false;
            }

            if (Credentials.Matches(name))
            {
                return true;
            }

            var words = NameWords.Split(name!);
            return words.Count == 1 && (words[0] == "key" || words[0] == "keys");
        }

        public bool IsSignInState(string? name) => !string.IsNullOrEmpty(name) && SignInState.Matches(name) && !CredentialLookAlikes.Matches(name);

        public bool IsPrincipal(string? name) => !string.IsNullOrEmpty(name) && Principals.Matches(name);

        public bool IsPermission(string? name) => !string.IsNullOrEmpty(name) && Permissions.Matches(name) && !PermissionLookAlikes.Matches(name);

        public bool IsScope(string? name)
        {
            if (string.IsNullOrEmpty(name) || PermissionLookAlikes.Matches(name))
            {
                return false;
            }

            foreach (var word in NameWords.Split(name!))
            {
                if (word == "scope" || word == "scopes" || word == "scp")
                {
                    return true;
                }
            }

            return false;
        }

        public bool IsRestriction(string? name) => !string.IsNullOrEmpty(name) && Restrictions.Matches(name);
    }
}
