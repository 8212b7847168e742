using System.Threading.Tasks;
using AuthStatus.Analyzers.CodeFixes;
using AuthStatus.Analyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = AuthStatus.Analyzers.Tests.Infrastructure.Verifier<AuthStatus.Analyzers.Rules.Auth007MalformedWwwAuthenticateAnalyzer, AuthStatus.Analyzers.CodeFixes.Auth007MalformedWwwAuthenticateCodeFixProvider>;

namespace AuthStatus.Analyzers.Tests.Rules;

public class Auth007MalformedWwwAuthenticateTests
{
    private static string Middleware(string body) => $$"""
        using Microsoft.Net.Http.Headers;

        public class ChallengeMiddleware
        {
            public void Write(HttpContext context, string message, int code, string realm)
            {
        {{body}}
            }
        }
        """;

    [Fact]
    public async Task CommaAfterScheme_PropertyAssignment_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync(Middleware("""
                    context.Response.Headers.WWWAuthenticate = "Bearer[|,|] error=\"invalid_token\"";
            """));
    }

    [Fact]
    public async Task UnquotedValue_Indexer_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync(Middleware("""
                    context.Response.Headers["WWW-Authenticate"] = "Bearer error=\"invalid_token\", error_description=[|The token expired|]";
            """));
    }

    [Fact]
    public async Task MissingComma_AppendWithHeaderNames_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync(Middleware("""
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, "Bearer realm=\"api\"[| |]error=\"invalid_token\"");
            """));
    }

    [Fact]
    public async Task InvalidBearerError_AddAndTryAddWithLiteralName_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync(Middleware("""
                    context.Response.Headers.Add("www-authenticate", "Bearer error=[|\"token_expired\"|]");
                    context.Response.Headers.TryAdd("WWW-Authenticate", "Bearer error=[|Unauthorized|]");
            """));
    }

    [Fact]
    public async Task BasicWithoutRealm_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync(Middleware("""
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, "[|Basic|]");
            """));
    }

    [Fact]
    public async Task NoScheme_SecondAppend_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync(Middleware("""
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, "Bearer");
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, "[|error|]=\"invalid_token\"");
            """));
    }

    [Fact]
    public async Task UnterminatedQuotedString_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync(Middleware("""
                    context.Response.Headers.WWWAuthenticate = "Bearer realm=[|\"api|]";
            """));
    }

    [Fact]
    public async Task DuplicateParameter_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync(Middleware("""
                    context.Response.Headers.WWWAuthenticate = "Bearer realm=\"a\", [|realm|]=\"b\"";
            """));
    }

    [Fact]
    public async Task UnescapedHoleInQuotes_Interpolated_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync(Middleware("""
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, $"Bearer error=\"invalid_token\", error_description=\"[|{message}|]\"");
            """));
    }

    [Fact]
    public async Task UnquotedHole_Concatenation_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync(Middleware("""
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, "Basic realm=" + [|realm|]);
            """));
    }

    [Fact]
    public async Task ProblemInInterpolatedText_PointsAtTheText_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync(Middleware("""
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, $"Bearer realm=\"{realm.Length}\"[|,|]");
            """));
    }

    [Fact]
    public async Task SplitChallenge_StringValuesArray_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync(Middleware("""
                    context.Response.Headers.WWWAuthenticate = new[] { "Bearer", "[|error|]=\"invalid_token\"" };
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, new Microsoft.Extensions.Primitives.StringValues(new[] { "Bearer realm=\"api\"", "[|error|]=\"invalid_token\"" }));
            """));
    }

    [Fact]
    public async Task AuthenticationHeaderValue_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync(Middleware("""
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "error=[|\"expired\"|]").ToString());
            """));
    }

    [Fact]
    public async Task TypedHttpResponseHeaders_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Net.Http;
            using System.Net.Http.Headers;

            public static class Proxy
            {
                public static void Challenge(HttpResponseMessage response)
                {
                    response.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue("[|Basic|]"));
                    response.Headers.WwwAuthenticate.ParseAdd("Bearer error=[|\"bad\"|]");
                }
            }
            """);
    }

    [Fact]
    public async Task ConstantField_ReportsOnTheReference_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.Net.Http.Headers;

            public class Challenges
            {
                private const string Challenge = "Bearer, error=\"invalid_token\"";

                public void Write(HttpResponse response) => response.Headers.Append(HeaderNames.WWWAuthenticate, [|Challenge|]);
            }
            """);
    }

    [Fact]
    public async Task LocalWithOneAssignment_ReportsInItsInitializer_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync(Middleware("""
                    var challenge = "{|#1:Basic|}";
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, {|#0:challenge|});
                    var reassigned = "Basic";
                    reassigned = message;
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, reassigned);
            """), TestOptions.Default, VerifyCS.Diagnostic(Descriptors.AUTH007_MalformedWwwAuthenticate).WithLocation(0).WithLocation(1).WithMessage(
                "Malformed WWW-Authenticate value: a Basic challenge requires the realm parameter (RFC 7617 §2): add realm=\"...\""));
    }

    [Fact]
    public async Task LocalWithOneAssignment_Fix()
    {
        await VerifyCS.VerifyCodeFixAsync(
            Middleware("""
                    var challenge = "Bearer{|#1:,|} error=\"invalid_token\"";
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, {|#0:challenge|});
            """),
            Middleware("""
                    var challenge = "Bearer error=\"invalid_token\"";
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, challenge);
            """),
            Auth007MalformedWwwAuthenticateCodeFixProvider.WellFormedValueKey,
            TestOptions.Default,
            VerifyCS.Diagnostic(Descriptors.AUTH007_MalformedWwwAuthenticate).WithLocation(0).WithLocation(1).WithArguments(
                "a comma right after the auth-scheme 'Bearer' ends the challenge; parameters follow the scheme after a space (RFC 9110 §11.6.1): remove the comma"));
    }

    [Fact]
    public async Task VerbatimAndRawLiterals_PointAtTheCharacters_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync(Middleware("""
                    context.Response.Headers.WWWAuthenticate = @"Bearer realm=""api""[|,|]";
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, "Bearer error=[|\u0022nope\u0022|]");
            """));
    }

    [Fact]
    public async Task RawAndInterpolatedVerbatimLiterals_PointAtTheCharacters_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync(Middleware(""""
                    context.Response.Headers.WWWAuthenticate = """Bearer realm="api"[| |]error=invalid_token""";
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, $@"Bearer realm=""{code}""[|,|]");
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, $"Bearer realm=\"{{api}}\", scope=[|{realm}|]");
            """"));
    }

    [Fact]
    public async Task BrokenCode_DoesNotThrow()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            Middleware("""
                    context.Response.Headers.WWWAuthenticate = Missing("Bearer,");
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, );
                    context.Response.Headers.Append(, "Basic");
                    context.Response.Headers[] = "Basic";
                    context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"{Missing()}\"";
            """),
            new TestOptions { CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None });
    }

    [Fact]
    public async Task WellFormedValues_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync(Middleware("""
                    context.Response.Headers.WWWAuthenticate = "Bearer realm=\"example\", error=\"invalid_token\", error_description=\"The access token expired\"";
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, "Basic realm=\"WallyWorld\", charset=\"UTF-8\"");
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, "Bearer");
                    context.Response.Headers["WWW-Authenticate"] = "Basic realm=\"simple\", Newauth realm=\"apps\", type=1, title=\"Login to \\\"apps\\\"\"";
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, "Negotiate a87421000492aa874209af8bc028");
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, $"Bearer error=\"invalid_token\", error_code={code}");
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, $"Bearer realm=\"{Uri.EscapeDataString(realm)}\"");
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, $"Bearer realm=\"{realm.Replace("\"", "\\\"")}\"");
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, message);
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, $"{message}");
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, new[] { "Bearer", "Basic realm=\"api\"" });
            """));
    }

    [Fact]
    public async Task LookAlikes_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync(Middleware("""
                    context.Response.Headers["X-Challenge"] = "Bearer, error=token_expired";
                    context.Response.Headers.Append(HeaderNames.Authorization, "Basic");
                    context.Response.Headers.AppendCommaSeparatedValues(HeaderNames.WWWAuthenticate, "Bearer", "Basic realm=\"api\"");
                    var current = context.Response.Headers.WWWAuthenticate;
                    if (context.Response.Headers.WWWAuthenticate == "Bearer, oops") { }
                    var dictionary = new Dictionary<string, string> { ["WWW-Authenticate"] = "Basic" };
                    dictionary.Add("WWW-Authenticate", "Basic");
            """));
    }

    [Fact]
    public async Task CommaAfterScheme_Fix()
    {
        await VerifyCS.VerifyCodeFixAsync(
            Middleware("""
                    context.Response.Headers.WWWAuthenticate = "Bearer[|,|] error=\"invalid_token\"";
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, "Bearer realm=\"api\"[| |]error=\"invalid_token\"");
            """),
            Middleware("""
                    context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, "Bearer realm=\"api\", error=\"invalid_token\"");
            """),
            Auth007MalformedWwwAuthenticateCodeFixProvider.WellFormedValueKey);
    }

    [Fact]
    public async Task SeveralProblemsInOneLiteral_Fix()
    {
        await VerifyCS.VerifyCodeFixAsync(
            Middleware("""
                    context.Response.Headers.WWWAuthenticate = "Bearer[|,|] error=\"invalid_token\", error_description=[|The token expired|]";
            """),
            Middleware("""
                    context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\", error_description=\"The token expired\"";
            """),
            Auth007MalformedWwwAuthenticateCodeFixProvider.WellFormedValueKey);
    }

    [Fact]
    public async Task BasicWithoutRealm_UsesAssemblyName_Fix()
    {
        await VerifyCS.VerifyCodeFixAsync(
            Middleware("""
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, "[|Basic|]");
            """),
            Middleware("""
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, "Basic realm=\"TestProject\"");
            """),
            Auth007MalformedWwwAuthenticateCodeFixProvider.WellFormedValueKey);
    }

    [Fact]
    public async Task BasicWithoutRealm_UsesConfiguredRealm_Fix()
    {
        await VerifyCS.VerifyCodeFixAsync(
            Middleware("""
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, "[|Basic|] charset=\"UTF-8\"");
            """),
            Middleware("""
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, "Basic realm=\"orders\", charset=\"UTF-8\"");
            """),
            Auth007MalformedWwwAuthenticateCodeFixProvider.WellFormedValueKey,
            new TestOptions { EditorConfig = new[] { "auth_status.challenge_scheme = Basic realm=\"orders\"" } });
    }

    [Fact]
    public async Task BasicWithoutRealm_OptionWithoutRealm_FallsBackToAssemblyName_Fix()
    {
        await VerifyCS.VerifyCodeFixAsync(
            Middleware("""
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, "[|Basic|]");
            """),
            Middleware("""
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, "Basic realm=\"TestProject\"");
            """),
            Auth007MalformedWwwAuthenticateCodeFixProvider.WellFormedValueKey,
            new TestOptions { EditorConfig = new[] { "auth_status.challenge_scheme = Bearer, realm=\"x" } });
    }

    [Fact]
    public async Task SplitChallenge_Join_Fix()
    {
        await VerifyCS.VerifyCodeFixAsync(
            Middleware("""
                    context.Response.Headers.WWWAuthenticate = new[] { "Bearer", "[|error|]=\"invalid_token\"" };
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, new[] { "Bearer realm=\"api\"", "[|error|]=\"invalid_token\"", "Basic realm=\"api\"" });
            """),
            Middleware("""
                    context.Response.Headers.WWWAuthenticate = new[] { "Bearer error=\"invalid_token\"" };
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, new[] { "Bearer realm=\"api\", error=\"invalid_token\"", "Basic realm=\"api\"" });
            """),
            Auth007MalformedWwwAuthenticateCodeFixProvider.JoinChallengeKey);
    }

    [Fact]
    public async Task UnescapedAndUnquotedHoles_Escape_Fix()
    {
        await VerifyCS.VerifyCodeFixAsync(
            Middleware("""
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, $"Bearer error=\"invalid_token\", error_description=\"[|{message}|]\"");
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, $"Basic realm=[|{realm + "!"}|]");
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, "Bearer error_description=\"" + [|message|] + "\"");
            """),
            Middleware("""
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, $"Bearer error=\"invalid_token\", error_description=\"{message.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"");
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, $"Basic realm=\"{(realm + "!").Replace("\\", "\\\\").Replace("\"", "\\\"")}\"");
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, "Bearer error_description=\"" + message.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"");
            """),
            Auth007MalformedWwwAuthenticateCodeFixProvider.EscapeValueKey);
    }

    [Fact]
    public async Task NoWellFormedValueKnown_NoFix()
    {
        await VerifyCS.VerifyNoCodeFixAsync(
            Middleware("""
                    context.Response.Headers.WWWAuthenticate = "Bearer error=[|\"token_expired\"|]";
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, $"Bearer error_description=\"[|{message}|]\"");
            """),
            Auth007MalformedWwwAuthenticateCodeFixProvider.WellFormedValueKey);
    }

    [Fact]
    public async Task NoAspNetCore_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            public class C
            {
                public void M(System.Collections.Generic.Dictionary<string, string> headers) => headers["WWW-Authenticate"] = "Basic";
            }
            """,
            new TestOptions { ImplicitUsings = false, References = v => TestReferences.Core(v) });
    }
}
