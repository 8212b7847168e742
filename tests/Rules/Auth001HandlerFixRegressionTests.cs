using System.Threading.Tasks;
using AuthStatus.Analyzers.CodeFixes;
using AuthStatus.Analyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = AuthStatus.Analyzers.Tests.Infrastructure.Verifier<
    AuthStatus.Analyzers.Rules.Auth001UnauthorizedWithoutChallengeAnalyzer,
    AuthStatus.Analyzers.CodeFixes.Auth001UnauthorizedWithoutChallengeCodeFixProvider>;

namespace AuthStatus.Analyzers.Tests.Rules;

/// <summary>Shapes of authentication handlers the reliability suite found the override fix breaking (issue 9).</summary>
public class Auth001HandlerFixRegressionTests
{
    // Explicit usings, so that the expected code shows where the fix puts the ones it adds.
    private static readonly TestOptions NoImplicitUsings = new() { ImplicitUsings = false };

    [Fact]
    public async Task ExpressionBodiedOverrideThatDefersToBase_Triggers()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Text.Encodings.Web;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Logging;
            using Microsoft.AspNetCore.Authentication;
            using Microsoft.Extensions.Options;

            public sealed class KeyOptions : AuthenticationSchemeOptions { }

            public class [|KeyHandler|](IOptionsMonitor<KeyOptions> options, ILoggerFactory logger, UrlEncoder encoder)
                : AuthenticationHandler<KeyOptions>(options, logger, encoder)
            {
                protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());

                protected override Task HandleChallengeAsync(AuthenticationProperties properties) => base.HandleChallengeAsync(properties);
            }
            """, """
            using System.Text.Encodings.Web;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.Logging;
            using Microsoft.AspNetCore.Authentication;
            using Microsoft.Extensions.Options;
            using Microsoft.Net.Http.Headers;

            public sealed class KeyOptions : AuthenticationSchemeOptions { }

            public class KeyHandler(IOptionsMonitor<KeyOptions> options, ILoggerFactory logger, UrlEncoder encoder)
                : AuthenticationHandler<KeyOptions>(options, logger, encoder)
            {
                protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());

                protected override Task HandleChallengeAsync(AuthenticationProperties properties)
                {
                    Response.Headers.Append(HeaderNames.WWWAuthenticate, Scheme.Name);
                    return base.HandleChallengeAsync(properties);
                }
            }
            """, Auth001UnauthorizedWithoutChallengeCodeFixProvider.OverrideChallengeKey, NoImplicitUsings);
    }

    [Fact]
    public async Task HandlerWithoutBody_Triggers()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Text.Encodings.Web;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Logging;
            using Microsoft.AspNetCore.Authentication;
            using Microsoft.Extensions.Options;

            public sealed class KeyOptions : AuthenticationSchemeOptions { }

            public abstract class KeyHandlerBase(IOptionsMonitor<KeyOptions> options, ILoggerFactory logger, UrlEncoder encoder)
                : AuthenticationHandler<KeyOptions>(options, logger, encoder)
            {
                protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());
            }

            public sealed class [|KeyHandler|](IOptionsMonitor<KeyOptions> options, ILoggerFactory logger, UrlEncoder encoder) : KeyHandlerBase(options, logger, encoder);
            """, """
            using System.Text.Encodings.Web;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.Logging;
            using Microsoft.AspNetCore.Authentication;
            using Microsoft.Extensions.Options;
            using Microsoft.Net.Http.Headers;

            public sealed class KeyOptions : AuthenticationSchemeOptions { }

            public abstract class KeyHandlerBase(IOptionsMonitor<KeyOptions> options, ILoggerFactory logger, UrlEncoder encoder)
                : AuthenticationHandler<KeyOptions>(options, logger, encoder)
            {
                protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());
            }

            public sealed class KeyHandler(IOptionsMonitor<KeyOptions> options, ILoggerFactory logger, UrlEncoder encoder) : KeyHandlerBase(options, logger, encoder)
            {
                protected override Task HandleChallengeAsync(AuthenticationProperties properties)
                {
                    Response.Headers.Append(HeaderNames.WWWAuthenticate, Scheme.Name);
                    return base.HandleChallengeAsync(properties);
                }
            }
            """, Auth001UnauthorizedWithoutChallengeCodeFixProvider.OverrideChallengeKey, NoImplicitUsings);
    }
}
