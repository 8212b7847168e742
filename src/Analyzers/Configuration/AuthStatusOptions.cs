using System;
using System.Collections.Concurrent;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AuthStatus.Analyzers.Configuration
{
    /// <summary>The package's <c>.editorconfig</c> keys, each declared once with its default.</summary>
    internal static class OptionKeys
    {
        /// <summary>The challenge the "Add a WWW-Authenticate header" fix writes when the app's schemes do not tell (default: <c>Bearer</c>).</summary>
        public const string ChallengeScheme = "auth_status.challenge_scheme";

        /// <summary>Names of credential-issuing endpoints, added to the defaults (AUTH001 does not flag their 401s).</summary>
        public const string CredentialEndpoints = "auth_status.credential_endpoints";

        /// <summary>Names removed from the credential-endpoint defaults.</summary>
        public const string CredentialEndpointsExclude = "auth_status.credential_endpoints_exclude";

        /// <summary>Secret names added to the AUTH006 vocabulary (words: <c>pinCode|sessionKey</c>).</summary>
        public const string SecretNames = "auth_status.secret_names";

        /// <summary>Secret names removed from the AUTH006 vocabulary, and names that are never secrets (<c>passwordQuestion|pin</c>).</summary>
        public const string SecretNamesExclude = "auth_status.secret_names_exclude";

        public const string DefaultChallengeScheme = "Bearer";

        /// <summary>The default credential-endpoint names: login, sign-in, token and refresh endpoints answer bad credentials with 401 in the body.</summary>
        public static readonly string[] DefaultCredentialEndpoints = { "Login", "LogIn", "Logon", "SignIn", "Token", "Refresh" };
    }

    /// <summary>
    /// Reads the options of a file (an <c>.editorconfig</c> applies per file) and builds each vocabulary once per distinct
    /// value, for one compilation (so an IDE session that edits a value keeps no vocabulary past the compilation that used
    /// it): files without the keys share the defaults, built once per process.
    /// </summary>
    internal sealed class AuthStatusOptions
    {
        private static readonly Http.Secrets DefaultSecrets = Http.Secrets.Create(null, null);
        private static readonly NameVocabulary DefaultCredentialEndpoints = NameVocabulary.Create(OptionKeys.DefaultCredentialEndpoints, null, null);

        private readonly AnalyzerConfigOptionsProvider _provider;
        private readonly ConcurrentDictionary<(string?, string?), NameVocabulary> _credentialEndpoints = new ConcurrentDictionary<(string?, string?), NameVocabulary>();
        private readonly ConcurrentDictionary<(string?, string?), Http.Secrets> _secrets = new ConcurrentDictionary<(string?, string?), Http.Secrets>();
        private readonly ConcurrentDictionary<(string?, string?, string?, string?, string?, string?), Http.RefusalVocabulary> _refusal =
            new ConcurrentDictionary<(string?, string?, string?, string?, string?, string?), Http.RefusalVocabulary>();

        // The answer for the last options object read: files share one options object per distinct configuration (all of
        // them, without an .editorconfig), and reading the keys hashes each key with a case-insensitive comparer.
        private ForOptions<Http.Secrets>? _lastSecrets;
        private ForOptions<NameVocabulary>? _lastCredentialEndpoints;
        private ForOptions<Http.RefusalVocabulary>? _lastRefusal;

        // Created once: a method group passed on each call would allocate a delegate per call.
        private readonly Func<AnalyzerConfigOptions, Http.Secrets> _readSecrets;
        private readonly Func<AnalyzerConfigOptions, NameVocabulary> _readCredentialEndpoints;
        private readonly Func<AnalyzerConfigOptions, Http.RefusalVocabulary> _readRefusal;

        public AuthStatusOptions(AnalyzerConfigOptionsProvider provider)
        {
            _provider = provider;
            _readSecrets = ReadSecrets;
            _readCredentialEndpoints = ReadCredentialEndpoints;
            _readRefusal = ReadRefusal;
        }

        /// <summary>The secret vocabulary of AUTH006 for a file.</summary>
        public Http.Secrets Secrets(SyntaxTree tree) => ForFile(tree, ref _lastSecrets, _readSecrets);

        public NameVocabulary CredentialEndpoints(SyntaxTree tree) => ForFile(tree, ref _lastCredentialEndpoints, _readCredentialEndpoints);

        /// <summary>The refusal-reason vocabulary (AUTH001, AUTH002, AUTH003, AUTH009) for a file.</summary>
        public Http.RefusalVocabulary Refusal(SyntaxTree tree) => ForFile(tree, ref _lastRefusal, _readRefusal);

        /// <summary>The value <paramref name="read"/> gives for the file's options, read again only when the options object changes.</summary>
        private T ForFile<T>(SyntaxTree tree, ref ForOptions<T>? last, Func<AnalyzerConfigOptions, T> read)
        {
            var options = _provider.GetOptions(tree);
            if (Volatile.Read(ref last) is { } known && ReferenceEquals(known.Options, options))
            {
                return known.Value;
            }

            var value = read(options);
            Volatile.Write(ref last, new ForOptions<T>(options, value));
            return value;
        }

        private Http.Secrets ReadSecrets(AnalyzerConfigOptions options)
        {
            options.TryGetValue(OptionKeys.SecretNames, out var added);
            options.TryGetValue(OptionKeys.SecretNamesExclude, out var removed);
            return added is null && removed is null
                ? DefaultSecrets
                : _secrets.GetOrAdd((added, removed), key => Http.Secrets.Create(key.Item1, key.Item2));
        }

        private NameVocabulary ReadCredentialEndpoints(AnalyzerConfigOptions options)
        {
            options.TryGetValue(OptionKeys.CredentialEndpoints, out var added);
            options.TryGetValue(OptionKeys.CredentialEndpointsExclude, out var removed);
            return added is null && removed is null
                ? DefaultCredentialEndpoints
                : _credentialEndpoints.GetOrAdd((added, removed), key => NameVocabulary.Create(OptionKeys.DefaultCredentialEndpoints, key.Item1, key.Item2));
        }

        private Http.RefusalVocabulary ReadRefusal(AnalyzerConfigOptions options) =>
            Http.RefusalVocabulary.Configured(options) is { } values ? _refusal.GetOrAdd(values, key => Http.RefusalVocabulary.Create(key)) : Http.RefusalVocabulary.Default;

        /// <summary>A value read from one (immutable) options object.</summary>
        internal sealed class ForOptions<T>
        {
            public ForOptions(AnalyzerConfigOptions options, T value)
            {
                Options = options;
                Value = value;
            }

            public AnalyzerConfigOptions Options { get; }

            public T Value { get; }
        }

        /// <summary>The configured challenge, or null when unset or blank.</summary>
        public static string? ChallengeScheme(AnalyzerConfigOptions options)
        {
            if (options.TryGetValue(OptionKeys.ChallengeScheme, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }

            return null;
        }
    }
}
