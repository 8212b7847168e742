using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using AuthStatus.Analyzers.Http;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AuthStatus.Analyzers.AspNetCore
{
    /// <summary>What a registered authentication scheme's handler answers to a challenge.</summary>
    internal enum SchemeKind
    {
        /// <summary>JwtBearer, BearerToken, Microsoft.Identity.Web APIs: 401 with <c>WWW-Authenticate: Bearer</c>.</summary>
        Bearer,

        /// <summary>Negotiate (Kerberos/NTLM): 401 with <c>WWW-Authenticate: Negotiate</c>.</summary>
        Negotiate,

        /// <summary>A Basic handler: 401 with <c>WWW-Authenticate: Basic realm=...</c> (browsers show a login dialog).</summary>
        Basic,

        /// <summary>Cookies and ASP.NET Core Identity: a redirect to the login page.</summary>
        Cookie,

        /// <summary>Client certificates: 403 by design.</summary>
        Certificate,

        /// <summary>OpenID Connect, OAuth, WS-Federation and social logins: a redirect to the identity provider.</summary>
        Remote,

        /// <summary>A policy scheme that forwards to others.</summary>
        Policy,

        /// <summary><c>AddScheme&lt;TOptions, THandler&gt;(name, ...)</c>: the app's own handler.</summary>
        Custom,
    }

    /// <summary>One <c>AddJwtBearer()</c>, <c>AddCookie()</c>, <c>AddScheme&lt;,&gt;("ApiKey", ...)</c>... call.</summary>
    internal sealed class RegisteredScheme
    {
        public RegisteredScheme(string? name, SchemeKind kind, INamedTypeSymbol? handler)
        {
            Name = name;
            Kind = kind;
            Handler = handler;
        }

        /// <summary>The scheme name, or null when it is not a compile-time constant.</summary>
        public string? Name { get; }

        public SchemeKind Kind { get; }

        /// <summary>The handler type of a custom scheme.</summary>
        public INamedTypeSymbol? Handler { get; }
    }

    /// <summary>
    /// The authentication schemes a compilation registers, and its default schemes. Built on demand (a fix, or a rule
    /// that meets a scheme name), never on a hot path: it reads every file's syntax, then binds only the registration calls.
    /// </summary>
    internal sealed class SchemeRegistrations
    {
        private const string CertificateRegistration = "AddCertificate";

        // The registration methods this class reads, the kind of scheme each adds and its default name. An array searched
        // in order, not a dictionary: a name is looked up only in the files that mention a registration, and an immutable
        // dictionary keyed by name with a value-type value made the JIT compile about a hundred methods of generic
        // collections for it, once in each compiler process.
        private static readonly (string Method, SchemeKind Kind, string? DefaultName)[] KnownRegistrations =
        {
            ("AddJwtBearer", SchemeKind.Bearer, "Bearer"),
            ("AddBearerToken", SchemeKind.Bearer, "BearerToken"),
            ("AddMicrosoftIdentityWebApi", SchemeKind.Bearer, "Bearer"),
            ("AddNegotiate", SchemeKind.Negotiate, "Negotiate"),
            ("AddBasic", SchemeKind.Basic, "Basic"),
            ("AddCookie", SchemeKind.Cookie, "Cookies"),
            ("AddIdentityCookies", SchemeKind.Cookie, "Identity.Application"),
            ("AddIdentity", SchemeKind.Cookie, "Identity.Application"),
            ("AddDefaultIdentity", SchemeKind.Cookie, "Identity.Application"),
            ("AddIdentityApiEndpoints", SchemeKind.Cookie, "Identity.Application"),
            ("AddMicrosoftIdentityWebApp", SchemeKind.Remote, "OpenIdConnect"),
            (CertificateRegistration, SchemeKind.Certificate, "Certificate"),
            ("AddOpenIdConnect", SchemeKind.Remote, "OpenIdConnect"),
            ("AddOAuth", SchemeKind.Remote, null),
            ("AddWsFederation", SchemeKind.Remote, "WsFederation"),
            ("AddGoogle", SchemeKind.Remote, "Google"),
            ("AddMicrosoftAccount", SchemeKind.Remote, "Microsoft"),
            ("AddFacebook", SchemeKind.Remote, "Facebook"),
            ("AddTwitter", SchemeKind.Remote, "Twitter"),
            ("AddPolicyScheme", SchemeKind.Policy, null),
            ("AddScheme", SchemeKind.Custom, null),
        };

        private readonly Compilation _compilation;
        private readonly ImmutableArray<UnreadCall> _unreadCalls;
        private int _namesEveryScheme; // 0: not answered yet; 1: no; 2: yes.

        private SchemeRegistrations(
            ImmutableArray<RegisteredScheme> schemes,
            string? defaultScheme,
            string? defaultChallengeScheme,
            bool isComplete,
            Compilation compilation,
            ImmutableArray<UnreadCall> unreadCalls)
        {
            Schemes = schemes;
            DefaultScheme = defaultScheme;
            DefaultChallengeScheme = defaultChallengeScheme;
            IsComplete = isComplete;
            _compilation = compilation;
            _unreadCalls = unreadCalls;
        }

        public ImmutableArray<RegisteredScheme> Schemes { get; }

        /// <summary><c>AddAuthentication("x")</c> or <c>options.DefaultScheme = "x"</c>.</summary>
        public string? DefaultScheme { get; }

        /// <summary><c>options.DefaultChallengeScheme = "x"</c>.</summary>
        public string? DefaultChallengeScheme { get; }

        /// <summary>False when some registration's scheme name is not a constant: the list of names is then partial.</summary>
        public bool IsComplete { get; }

        /// <summary>True when the compilation registers at least one scheme.</summary>
        public bool Any => !Schemes.IsEmpty;

        /// <summary>
        /// True when <see cref="Schemes"/> names every scheme the app registers: there is one, every name is a constant
        /// (<see cref="IsComplete"/>), and no call of a library <c>AuthenticationBuilder</c> extension that this class does
        /// not read (a package's <c>AddApiKeyInHeader</c>) may register others. The calls are bound on the first question,
        /// not when the registrations are read (most rules and fixes never ask).
        /// </summary>
        public bool NamesEveryScheme(CancellationToken cancellationToken)
        {
            var answer = Volatile.Read(ref _namesEveryScheme);
            if (answer == 0)
            {
                // Two threads may both bind the calls; they reach the same answer.
                answer = Any && IsComplete && !AnyUnreadRegistration(cancellationToken) ? 2 : 1;
                Volatile.Write(ref _namesEveryScheme, answer);
            }

            return answer == 2;
        }

        /// <summary>
        /// Binds the member calls the text scan kept (<see cref="Scan"/>): one chained onto another call or named after
        /// authentication or schemes, of a library method that may register schemes.
        /// </summary>
        private bool AnyUnreadRegistration(CancellationToken cancellationToken)
        {
            SyntaxTree? tree = null;
            SyntaxNode? root = null;
            SemanticModel? model = null;
            foreach (var call in _unreadCalls)
            {
                if (call.Tree != tree)
                {
                    tree = call.Tree;
                    root = tree.GetRoot(cancellationToken);
                    model = null;
                }

                var token = root!.FindToken(call.Start);
                if (token.SpanStart != call.Start
                    || token.Parent is not SimpleNameSyntax name
                    || name.Parent is not MemberAccessExpressionSyntax member
                    || member.Name != name
                    || member.Parent is not InvocationExpressionSyntax invocation
                    || invocation.Expression != member)
                {
                    continue;
                }

                var methodName = name.Identifier.ValueText;
                if (member.Expression is not InvocationExpressionSyntax
                    && methodName.IndexOf("Authentication", StringComparison.Ordinal) < 0
                    && methodName.IndexOf("Scheme", StringComparison.Ordinal) < 0)
                {
                    continue;
                }

#pragma warning disable RS1030 // Only for the few calls the text scan kept, once per compilation.
                model ??= _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol method
                    && method.DeclaringSyntaxReferences.IsEmpty
                    && MayRegisterSchemes(method))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A library method that may register schemes: it returns an authentication builder, is named after
        /// authentication (<c>AddMicrosoftIdentityWebAppAuthentication</c>), or takes a scheme name.</summary>
        private static bool MayRegisterSchemes(IMethodSymbol method)
        {
            if (method.ReturnType?.Name.IndexOf("AuthenticationBuilder", StringComparison.Ordinal) >= 0
                || method.Name.IndexOf("Authentication", StringComparison.Ordinal) >= 0)
            {
                return true;
            }

            foreach (var parameter in method.Parameters)
            {
                if (parameter.Type.SpecialType == SpecialType.System_String && parameter.Name.IndexOf("scheme", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A member call <c>.AddX(</c> at <see cref="Start"/> of <see cref="Tree"/> that may register schemes this class does not read.</summary>
        internal readonly struct UnreadCall
        {
            public UnreadCall(SyntaxTree tree, int start)
            {
                Tree = tree;
                Start = start;
            }

            public SyntaxTree Tree { get; }

            public int Start { get; }
        }

        /// <summary>True when <paramref name="name"/> is a registered scheme (ordinal, as AuthenticationSchemeProvider compares).</summary>
        public bool Contains(string name)
        {
            foreach (var scheme in Schemes)
            {
                if (string.Equals(scheme.Name, name, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        public bool Has(SchemeKind kind)
        {
            foreach (var scheme in Schemes)
            {
                if (scheme.Kind == kind)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The scheme a bare <c>Challenge()</c> runs: <c>DefaultChallengeScheme</c>, else <c>DefaultScheme</c>, else the only
        /// registered scheme (ASP.NET Core 7+ picks a lone scheme as the default). Null when that cannot be known.
        /// </summary>
        public RegisteredScheme? DefaultChallenge()
        {
            var name = DefaultChallengeScheme ?? DefaultScheme;
            if (name is not null)
            {
                foreach (var scheme in Schemes)
                {
                    if (string.Equals(scheme.Name, name, StringComparison.Ordinal))
                    {
                        return scheme;
                    }
                }

                return null;
            }

            return Schemes.Length == 1 ? Schemes[0] : null;
        }

        /// <summary>
        /// True when a bare <c>Challenge()</c> answers 401 with a WWW-Authenticate header: the default challenge scheme is
        /// a bearer or Negotiate scheme, or an app handler whose <c>HandleChallengeAsync</c> writes the header.
        /// A cookie or remote scheme would redirect, a certificate scheme would answer 403.
        /// </summary>
        public bool ChallengeAnswers401WithHeader(CancellationToken cancellationToken)
        {
            var scheme = DefaultChallenge();
            if (scheme is null)
            {
                return false;
            }

            switch (scheme.Kind)
            {
                case SchemeKind.Bearer:
                case SchemeKind.Negotiate:
                    return true;
                case SchemeKind.Custom:
                    return scheme.Handler is not null && HandlerWritesChallenge(scheme.Handler, cancellationToken);
                default:
                    return false;
            }
        }

        /// <summary>
        /// The challenge a "WWW-Authenticate" fix writes: <c>Bearer</c> for JwtBearer/BearerToken, <c>Basic realm="app"</c>
        /// for a Basic handler, a custom handler's scheme name; null when the registrations do not tell.
        /// </summary>
        public string? ChallengeValue(string realm)
        {
            if (Has(SchemeKind.Bearer))
            {
                return "Bearer";
            }

            foreach (var scheme in Schemes)
            {
                if (scheme.Kind == SchemeKind.Basic)
                {
                    return "Basic realm=\"" + realm + "\"";
                }
            }

            foreach (var scheme in Schemes)
            {
                if (scheme.Kind == SchemeKind.Custom && scheme.Name is { Length: > 0 } name && IsToken(name))
                {
                    return name;
                }
            }

            if (Has(SchemeKind.Negotiate))
            {
                return "Negotiate";
            }

            return null;
        }

        /// <summary>The method names <see cref="ReadFile"/> looks for.</summary>
        private static readonly string[] RegistrationNames = CreateRegistrationNames();

        private static string[] CreateRegistrationNames()
        {
            var names = new string[KnownRegistrations.Length + 1];
            for (var i = 0; i < KnownRegistrations.Length; i++)
            {
                names[i] = KnownRegistrations[i].Method;
            }

            names[KnownRegistrations.Length] = "AddAuthentication";
            return names;
        }

        /// <summary>The index in <see cref="KnownRegistrations"/> of the method called <paramref name="name"/>, or -1.</summary>
        private static int IndexOfKnown(string name)
        {
            for (var i = 0; i < KnownRegistrations.Length; i++)
            {
                if (KnownRegistrations[i].Method == name)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>
        /// True when the app registers schemes and every one is a client-certificate scheme (its challenge is 403 by design).
        /// The registrations are bound only when some file names <c>AddCertificate</c>: the first question binds the body
        /// that holds them (all of <c>Program.cs</c> for top-level statements), about 10 ms in the benchmark's code base.
        /// </summary>
        public static bool UsesOnlyCertificates(Compilation compilation, CancellationToken cancellationToken)
        {
            if (!CompilationTexts.For(compilation, cancellationToken).Registrations.NamesCertificateRegistration)
            {
                return false;
            }

            var registrations = For(compilation, cancellationToken);
            if (!registrations.Any)
            {
                return false;
            }

            foreach (var scheme in registrations.Schemes)
            {
                if (scheme.Kind != SchemeKind.Certificate)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The registrations of <paramref name="compilation"/>, read once per compilation and shared by the rules and fixes that need them.</summary>
        public static SchemeRegistrations For(Compilation compilation, CancellationToken cancellationToken)
        {
            return Cache.Get(compilation, cancellationToken);
        }

        // Bound when first asked for, not when the files are read: the safety net's question reads them too, maybe before
        // the compiler has bound the registration's method (binding it here would charge that binding to the package).
        private static readonly OncePerCompilation<SchemeRegistrations> Cache = new OncePerCompilation<SchemeRegistrations>(
            (compilation, cancellationToken) => Collect(compilation, CompilationTexts.For(compilation, cancellationToken).Registrations, cancellationToken));

        /// <summary>
        /// What the reading of every file's text finds for the registrations (<see cref="CompilationTexts"/>): the files
        /// that name a registration method or set a default scheme, in the compilation's order, and the other calls to
        /// bind if asked (<see cref="AnyUnreadRegistration"/>).
        /// </summary>
        internal sealed class TextScan
        {
            private readonly List<SyntaxTree> _mentioning = new List<SyntaxTree>();
            private readonly List<UnreadCall> _unreadCalls = new List<UnreadCall>();

            public IReadOnlyList<SyntaxTree> Mentioning => _mentioning;

            /// <summary>Read-only: the scan is shared by every thread once it is published.</summary>
            internal IReadOnlyList<UnreadCall> UnreadCalls => _unreadCalls;

            /// <summary>
            /// Some file names <c>AddCertificate</c>: without it no registration read here is a certificate scheme, so an app
            /// cannot be certificate-only (<see cref="UsesOnlyCertificates"/>) and nothing needs to be bound to say so.
            /// </summary>
            public bool NamesCertificateRegistration { get; private set; }

            /// <summary>Adds what one file's text says (<see cref="SchemeRegistrations.ReadFile"/>), in the compilation's order of files.</summary>
            public void Add(SyntaxTree tree, FileScan file)
            {
                if (file.MentionsRegistration)
                {
                    _mentioning.Add(tree);
                }

                _unreadCalls.AddRange(file.UnreadCalls);
                NamesCertificateRegistration |= file.NamesCertificateRegistration;
            }
        }

        /// <summary>What one file's text says about the registrations; see <see cref="ReadFile"/>.</summary>
        internal sealed class FileScan
        {
            public FileScan(bool mentionsRegistration, bool namesCertificateRegistration, UnreadCall[] unreadCalls)
            {
                MentionsRegistration = mentionsRegistration;
                NamesCertificateRegistration = namesCertificateRegistration;
                UnreadCalls = unreadCalls;
            }

            public bool MentionsRegistration { get; }

            public bool NamesCertificateRegistration { get; }

            public UnreadCall[] UnreadCalls { get; }
        }

        /// <summary>
        /// One reading of a file's text (<paramref name="text"/> is the text of <paramref name="tree"/>) for the registrations
        /// and for <see cref="NamesEveryScheme"/>, a cheap text test before any syntax walk:
        /// <list type="bullet">
        /// <item><description>whether the file names a registration method (<c>AddJwtBearer</c>, ...; occurrences of
        /// <c>Add</c> are compared in place with the known names of the same length) or sets a default scheme;</description></item>
        /// <item><description>whether one of those names is <c>AddCertificate</c>;</description></item>
        /// <item><description>the other <c>.AddX(</c> member calls that <see cref="AnyUnreadRegistration"/> binds: those named
        /// after authentication or schemes, and those that may chain onto another call in a file that names authentication
        /// or schemes (where a package's registration can chain onto <c>AddAuthentication()</c>).</description></item>
        /// </list>
        /// </summary>
        internal static FileScan ReadFile(SyntaxTree tree, string text)
        {
            var mentions = false;
            var namesSchemes = false;

            // One pass for "Scheme" finds both default-scheme options (each full-text search is a pass over the file).
            for (var at = text.IndexOf("Scheme", StringComparison.Ordinal); at >= 0; at = text.IndexOf("Scheme", at + 6, StringComparison.Ordinal))
            {
                namesSchemes = true;
                if (EndsWith(text, at, "Default") || EndsWith(text, at, "DefaultChallenge"))
                {
                    mentions = true;
                    break;
                }
            }

            var certificate = false;
            var unreadCalls = new List<UnreadCall>();
            List<int>? chained = null;
            for (var at = text.IndexOf("Add", StringComparison.Ordinal); at >= 0; at = text.IndexOf("Add", at + 3, StringComparison.Ordinal))
            {
                var end = at + 3;
                while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_'))
                {
                    end++;
                }

                // Most hits are Add(, AddScoped, Address: the name's length and fourth character reject them quickly.
                if (IsRegistrationName(text, at, end))
                {
                    mentions = true;
                    certificate = certificate || (end - at == CertificateRegistration.Length && string.CompareOrdinal(text, at, CertificateRegistration, 0, end - at) == 0);
                }
                else if (end - at > 3 && IsMemberCall(text, at, end, out var dot))
                {
                    if (text.IndexOf("Authentication", at, end - at, StringComparison.Ordinal) >= 0 || text.IndexOf("Scheme", at, end - at, StringComparison.Ordinal) >= 0)
                    {
                        unreadCalls.Add(new UnreadCall(tree, at));
                    }
                    else if (MayFollowCall(text, dot))
                    {
                        (chained ??= new List<int>()).Add(at);
                    }
                }
            }

            // The file-wide test for "Authentication" is made only for a file with a call that may chain.
            if (chained is not null && (namesSchemes || text.IndexOf("Authentication", StringComparison.Ordinal) >= 0))
            {
                foreach (var at in chained)
                {
                    unreadCalls.Add(new UnreadCall(tree, at));
                }
            }

            return new FileScan(mentions, certificate, unreadCalls.Count == 0 ? Array.Empty<UnreadCall>() : unreadCalls.ToArray());
        }

        /// <summary>
        /// The member access whose dot is at <paramref name="dot"/> may have a call as its receiver (<c>x.AddA().AddB()</c>):
        /// a closing parenthesis before the dot, or a line break or comment between (read as possible; the syntax decides).
        /// False for <c>_items.AddRange(</c> and <c>"x".AddY(</c> on one line.
        /// </summary>
        private static bool MayFollowCall(string text, int dot)
        {
            var before = dot - 1;
            while (before >= 0 && text[before] is ' ' or '\t')
            {
                before--;
            }

            return before >= 0 && text[before] is ')' or '\n' or '\r' or '/';
        }

        /// <summary>The identifier at [<paramref name="start"/>, <paramref name="end"/>) is a registration method this class reads, or <c>AddAuthentication</c>.</summary>
        private static bool IsRegistrationName(string text, int start, int end)
        {
            var length = end - start;
            if (length <= 3 || !char.IsUpper(text[start + 3]))
            {
                return false;
            }

            foreach (var name in RegistrationNames)
            {
                if (name.Length == length && name[3] == text[start + 3] && string.CompareOrdinal(text, start, name, 0, length) == 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The identifier at [<paramref name="start"/>, <paramref name="end"/>) follows a dot (at <paramref name="dot"/>) and is followed by a call or type arguments (whitespace allowed around both).</summary>
        private static bool IsMemberCall(string text, int start, int end, out int dot)
        {
            dot = start - 1;
            while (dot >= 0 && char.IsWhiteSpace(text[dot]))
            {
                dot--;
            }

            if (dot < 0 || text[dot] != '.')
            {
                return false;
            }

            var after = end;
            while (after < text.Length && char.IsWhiteSpace(text[after]))
            {
                after++;
            }

            return after < text.Length && text[after] is '(' or '<';
        }

        /// <summary>The text just before <paramref name="end"/> is <paramref name="word"/>.</summary>
        private static bool EndsWith(string text, int end, string word) =>
            end >= word.Length && string.CompareOrdinal(text, end - word.Length, word, 0, word.Length) == 0;

        /// <summary>Reads the registrations in the files the text scan kept (prefer <see cref="For"/>).</summary>
        private static SchemeRegistrations Collect(Compilation compilation, TextScan scan, CancellationToken cancellationToken)
        {
            var schemes = ImmutableArray.CreateBuilder<RegisteredScheme>();
            string? defaultScheme = null;
            string? defaultChallenge = null;
            var complete = true;
            var unreadCalls = scan.UnreadCalls;

            foreach (var tree in scan.Mentioning)
            {
                cancellationToken.ThrowIfCancellationRequested();

                SemanticModel? model = null;
                foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
                {
                    if (node is InvocationExpressionSyntax invocation)
                    {
                        var name = InvokedName(invocation);
                        var known = name is null ? -1 : IndexOfKnown(name);
                        if (name is null || (name != "AddAuthentication" && known < 0))
                        {
                            continue;
                        }

#pragma warning disable RS1030 // Built on demand for a fix or a rare rule path; binds only the registration calls.
                        model ??= compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                        if (model.GetOperation(invocation, cancellationToken) is not IInvocationOperation operation)
                        {
                            continue;
                        }

                        if (name == "AddAuthentication")
                        {
                            ReadDefaultScheme(operation, ref defaultScheme);
                            continue;
                        }

                        if (known < 0 || !IsAuthenticationBuilderCall(operation, name))
                        {
                            continue;
                        }

                        var kind = KnownRegistrations[known].Kind;
                        var schemeName = KnownRegistrations[known].DefaultName;
                        foreach (var argument in operation.Arguments)
                        {
                            if (argument.Parameter?.Name == "authenticationScheme" && argument.ArgumentKind != ArgumentKind.DefaultValue)
                            {
                                schemeName = argument.Value.ConstantValue is { HasValue: true, Value: string constant } ? constant : null;
                            }
                        }

                        INamedTypeSymbol? handler = null;
                        if (kind == SchemeKind.Custom && operation.TargetMethod.TypeArguments.Length == 2)
                        {
                            handler = operation.TargetMethod.TypeArguments[1] as INamedTypeSymbol;
                            if (IsBasicHandler(handler, schemeName))
                            {
                                kind = SchemeKind.Basic;
                            }
                        }

                        complete &= schemeName is not null;
                        schemes.Add(new RegisteredScheme(schemeName, kind, handler));
                    }
                    else if (node is AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax member } assignment
                        && member.Name.Identifier.ValueText is "DefaultScheme" or "DefaultChallengeScheme"
                        && Constant(compilation, tree, assignment.Right, ref model, cancellationToken) is { } value)
                    {
                        if (member.Name.Identifier.ValueText == "DefaultScheme")
                        {
                            defaultScheme = value;
                        }
                        else
                        {
                            defaultChallenge = value;
                        }
                    }
                }
            }

            return new SchemeRegistrations(schemes.ToImmutable(), defaultScheme, defaultChallenge, complete, compilation, unreadCalls.ToImmutableArray());
        }

        private static string? Constant(Compilation compilation, SyntaxTree tree, ExpressionSyntax expression, ref SemanticModel? model, CancellationToken cancellationToken)
        {
#pragma warning disable RS1030 // See Collect.
            model ??= compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
            var constant = model.GetConstantValue(expression, cancellationToken);
            return constant.HasValue ? constant.Value as string : null;
        }

        /// <summary><c>AddAuthentication("x")</c>; the options-lambda form is read by the assignment branch of <see cref="Collect"/>.</summary>
        private static void ReadDefaultScheme(IInvocationOperation operation, ref string? defaultScheme)
        {
            foreach (var argument in operation.Arguments)
            {
                if (argument.Parameter?.Name == "defaultScheme" && argument.Value.ConstantValue is { HasValue: true, Value: string name })
                {
                    defaultScheme = name;
                }
            }
        }

        /// <summary>The call extends <c>AuthenticationBuilder</c> (or is Identity's registration on the services).</summary>
        private static bool IsAuthenticationBuilderCall(IInvocationOperation operation, string name)
        {
            var method = operation.TargetMethod;
            var receiver = method.IsExtensionMethod && method.ReducedFrom is null && method.Parameters.Length > 0
                ? method.Parameters[0].Type
                : method.ReceiverType;
            if (receiver is null || receiver.TypeKind == TypeKind.Error)
            {
                return false;
            }

            for (var type = receiver; type is not null; type = type.BaseType)
            {
                if (type.Name == "AuthenticationBuilder")
                {
                    return true;
                }
            }

            // AddIdentity/AddDefaultIdentity/AddIdentityApiEndpoints/AddMicrosoftIdentityWebApi extend IServiceCollection.
            return name.IndexOf("Identity", StringComparison.Ordinal) >= 0;
        }

        private static bool IsBasicHandler(INamedTypeSymbol? handler, string? schemeName)
        {
            if (schemeName is not null && string.Equals(schemeName, "Basic", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            return handler is not null && handler.Name.StartsWith("Basic", StringComparison.Ordinal);
        }

        private static bool HandlerWritesChallenge(INamedTypeSymbol handler, CancellationToken cancellationToken)
        {
            for (var type = handler; type is not null; type = type.BaseType)
            {
                foreach (var member in type.GetMembers("HandleChallengeAsync"))
                {
                    if (member is IMethodSymbol { IsOverride: true } method)
                    {
                        foreach (var reference in method.DeclaringSyntaxReferences)
                        {
                            if (ChallengeHeader.IsMentionedIn(reference.GetSyntax(cancellationToken)))
                            {
                                return true;
                            }
                        }

                        return false;
                    }
                }
            }

            return false;
        }

        private static string? InvokedName(InvocationExpressionSyntax invocation)
        {
            return invocation.Expression switch
            {
                MemberAccessExpressionSyntax { Name: SimpleNameSyntax name } => name.Identifier.ValueText,
                SimpleNameSyntax name => name.Identifier.ValueText,
                _ => null,
            };
        }

        /// <summary>RFC 9110 token characters.</summary>
        internal static bool IsToken(string value)
        {
            foreach (var c in value)
            {
                var ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".IndexOf(c) >= 0;
                if (!ok)
                {
                    return false;
                }
            }

            return value.Length > 0;
        }
    }
}
