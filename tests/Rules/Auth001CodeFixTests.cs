using System.Threading.Tasks;
using AuthStatus.Analyzers.CodeFixes;
using AuthStatus.Analyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = AuthStatus.Analyzers.Tests.Infrastructure.Verifier<
    AuthStatus.Analyzers.Rules.Auth001UnauthorizedWithoutChallengeAnalyzer,
    AuthStatus.Analyzers.CodeFixes.Auth001UnauthorizedWithoutChallengeCodeFixProvider>;

namespace AuthStatus.Analyzers.Tests.Rules;

public class Auth001CodeFixTests
{
    private const string JwtRegistration = """

        public static class AuthSetup
        {
            public static void Add(IServiceCollection services) =>
                services.AddAuthentication().AddJwtBearer();
        }
        """;

    private static readonly TestOptions Jwt = new() { JwtBearer = true };

    // ---------------------------------------------------------------- Challenge

    [Fact]
    public async Task ControllerUnauthorized_FixedWithChallenge()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : ControllerBase
            {
                public IActionResult Get(string? key)
                {
                    if (key is null)
                        return [|Unauthorized()|];
                    return Ok();
                }

                public ActionResult<string> Name() => [|Unauthorized()|];
            }
            """ + JwtRegistration, """
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : ControllerBase
            {
                public IActionResult Get(string? key)
                {
                    if (key is null)
                        return Challenge();
                    return Ok();
                }

                public ActionResult<string> Name() => Challenge();
            }
            """ + JwtRegistration, Auth001UnauthorizedWithoutChallengeCodeFixProvider.ChallengeKey, Jwt);
    }

    [Fact]
    public async Task MinimalApiUnauthorized_FixedWithChallenge()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", () => [|Results.Unauthorized()|]);
                    app.MapGet("/b", () => [|TypedResults.Unauthorized()|]);
                }
            }
            """ + JwtRegistration, """
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", () => Results.Challenge());
                    app.MapGet("/b", () => TypedResults.Challenge());
                }
            }
            """ + JwtRegistration, Auth001UnauthorizedWithoutChallengeCodeFixProvider.ChallengeKey, Jwt);
    }

    [Fact]
    public async Task CookieScheme_NoChallengeFix()
    {
        await VerifyCS.VerifyNoCodeFixAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : ControllerBase
            {
                public IActionResult Get() => [|Unauthorized()|];
            }

            public static class AuthSetup
            {
                public static void Add(IServiceCollection services) => services.AddAuthentication().AddCookie();
            }
            """, Auth001UnauthorizedWithoutChallengeCodeFixProvider.ChallengeKey);
    }

    [Fact]
    public async Task NoSchemeRegistered_NoChallengeFix()
    {
        await VerifyCS.VerifyNoCodeFixAsync("""
            public static class Endpoints
            {
                public static void Map(WebApplication app) => app.MapGet("/a", () => [|Results.Unauthorized()|]);
            }
            """, Auth001UnauthorizedWithoutChallengeCodeFixProvider.ChallengeKey);
    }

    [Fact]
    public async Task TypedUnionResult_NoChallengeFix()
    {
        await VerifyCS.VerifyNoCodeFixAsync("""
            using Microsoft.AspNetCore.Http.HttpResults;

            public static class Endpoints
            {
                public static Results<Ok, UnauthorizedHttpResult> Get(bool ok) => ok ? TypedResults.Ok() : [|TypedResults.Unauthorized()|];
            }
            """ + JwtRegistration, Auth001UnauthorizedWithoutChallengeCodeFixProvider.ChallengeKey, Jwt);
    }

    // ---------------------------------------------------------------- Add a WWW-Authenticate header

    [Fact]
    public async Task Controller_AddsBearerHeaderFromJwtRegistration()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : ControllerBase
            {
                public IActionResult Get(string? key)
                {
                    if (key is null)
                    {
                        // no key: refuse
                        return [|Unauthorized()|];
                    }

                    return Ok();
                }
            }
            """ + JwtRegistration, """
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Net.Http.Headers;

            public class OrdersController : ControllerBase
            {
                public IActionResult Get(string? key)
                {
                    if (key is null)
                    {
                        // no key: refuse
                        Response.Headers.Append(HeaderNames.WWWAuthenticate, "Bearer");
                        return Unauthorized();
                    }

                    return Ok();
                }
            }
            """ + JwtRegistration, Auth001UnauthorizedWithoutChallengeCodeFixProvider.AddHeaderKey, Jwt);
    }

    [Fact]
    public async Task EmbeddedStatement_WrappedInBlock()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : ControllerBase
            {
                public IActionResult Get(string? key)
                {
                    if (key is null)
                        return [|StatusCode(401)|];
                    return Ok();
                }
            }
            """, """
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Net.Http.Headers;

            public class OrdersController : ControllerBase
            {
                public IActionResult Get(string? key)
                {
                    if (key is null)
                    {
                        Response.Headers.Append(HeaderNames.WWWAuthenticate, "Bearer");
                        return StatusCode(401);
                    }
                    return Ok();
                }
            }
            """, Auth001UnauthorizedWithoutChallengeCodeFixProvider.AddHeaderKey);
    }

    [Fact]
    public async Task Middleware_AddsCustomSchemeOnSameResponse()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using Microsoft.AspNetCore.Authentication;

            public class ApiKeyMiddleware
            {
                private readonly RequestDelegate _next;
                public ApiKeyMiddleware(RequestDelegate next) => _next = next;

                public async Task InvokeAsync(HttpContext context)
                {
                    if (!context.Request.Headers.ContainsKey("X-Api-Key"))
                    {
                        [|context.Response.StatusCode = 401|];
                        return;
                    }

                    await _next(context);
                }
            }

            public sealed class ApiKeyOptions : AuthenticationSchemeOptions { }

            public static class AuthSetup
            {
                public static void Add(IServiceCollection services) =>
                    services.AddAuthentication().AddScheme<ApiKeyOptions, ApiKeyHandler>("ApiKey", _ => { });
            }

            public sealed class ApiKeyHandler : AuthenticationHandler<ApiKeyOptions>
            {
                public ApiKeyHandler(Microsoft.Extensions.Options.IOptionsMonitor<ApiKeyOptions> o, ILoggerFactory l, System.Text.Encodings.Web.UrlEncoder e) : base(o, l, e) { }
                protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());
                protected override Task HandleChallengeAsync(AuthenticationProperties properties)
                {
                    Response.Headers.Append("WWW-Authenticate", "ApiKey");
                    return base.HandleChallengeAsync(properties);
                }
            }
            """, """
            using Microsoft.AspNetCore.Authentication;
            using Microsoft.Net.Http.Headers;

            public class ApiKeyMiddleware
            {
                private readonly RequestDelegate _next;
                public ApiKeyMiddleware(RequestDelegate next) => _next = next;

                public async Task InvokeAsync(HttpContext context)
                {
                    if (!context.Request.Headers.ContainsKey("X-Api-Key"))
                    {
                        context.Response.Headers.Append(HeaderNames.WWWAuthenticate, "ApiKey");
                        context.Response.StatusCode = 401;
                        return;
                    }

                    await _next(context);
                }
            }

            public sealed class ApiKeyOptions : AuthenticationSchemeOptions { }

            public static class AuthSetup
            {
                public static void Add(IServiceCollection services) =>
                    services.AddAuthentication().AddScheme<ApiKeyOptions, ApiKeyHandler>("ApiKey", _ => { });
            }

            public sealed class ApiKeyHandler : AuthenticationHandler<ApiKeyOptions>
            {
                public ApiKeyHandler(Microsoft.Extensions.Options.IOptionsMonitor<ApiKeyOptions> o, ILoggerFactory l, System.Text.Encodings.Web.UrlEncoder e) : base(o, l, e) { }
                protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());
                protected override Task HandleChallengeAsync(AuthenticationProperties properties)
                {
                    Response.Headers.Append("WWW-Authenticate", "ApiKey");
                    return base.HandleChallengeAsync(properties);
                }
            }
            """, Auth001UnauthorizedWithoutChallengeCodeFixProvider.AddHeaderKey);
    }

    [Fact]
    public async Task BasicHandlerRegistered_AddsBasicWithRealm()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using Microsoft.AspNetCore.Authentication;
            using Microsoft.AspNetCore.Mvc;

            public class FilesController : ControllerBase
            {
                public IActionResult Get() => [|Unauthorized()|];
            }

            public static class AuthSetup
            {
                public static void Add(IServiceCollection services) =>
                    services.AddAuthentication("Basic").AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>("Basic", null);
            }

            public sealed class BasicAuthenticationHandler : AuthenticationHandler<AuthenticationSchemeOptions>
            {
                public BasicAuthenticationHandler(Microsoft.Extensions.Options.IOptionsMonitor<AuthenticationSchemeOptions> o, ILoggerFactory l, System.Text.Encodings.Web.UrlEncoder e) : base(o, l, e) { }
                protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());
                protected override Task HandleChallengeAsync(AuthenticationProperties properties)
                {
                    Response.Headers.Append("WWW-Authenticate", "Basic realm=\"files\"");
                    return base.HandleChallengeAsync(properties);
                }
            }
            """, """
            using Microsoft.AspNetCore.Authentication;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Net.Http.Headers;

            public class FilesController : ControllerBase
            {
                public IActionResult Get()
                {
                    Response.Headers.Append(HeaderNames.WWWAuthenticate, "Basic realm=\"TestProject\"");
                    return Unauthorized();
                }
            }

            public static class AuthSetup
            {
                public static void Add(IServiceCollection services) =>
                    services.AddAuthentication("Basic").AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>("Basic", null);
            }

            public sealed class BasicAuthenticationHandler : AuthenticationHandler<AuthenticationSchemeOptions>
            {
                public BasicAuthenticationHandler(Microsoft.Extensions.Options.IOptionsMonitor<AuthenticationSchemeOptions> o, ILoggerFactory l, System.Text.Encodings.Web.UrlEncoder e) : base(o, l, e) { }
                protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());
                protected override Task HandleChallengeAsync(AuthenticationProperties properties)
                {
                    Response.Headers.Append("WWW-Authenticate", "Basic realm=\"files\"");
                    return base.HandleChallengeAsync(properties);
                }
            }
            """, Auth001UnauthorizedWithoutChallengeCodeFixProvider.AddHeaderKey);
    }

    [Fact]
    public async Task ChallengeSchemeOption_UsedWhenRegistrationsDoNotTell()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            public static class Endpoints
            {
                public static void Map(WebApplication app) =>
                    app.MapGet("/a", (HttpContext context) => [|Results.Unauthorized()|]);
            }
            """, """
            using Microsoft.Net.Http.Headers;

            public static class Endpoints
            {
                public static void Map(WebApplication app) =>
                    app.MapGet("/a", (HttpContext context) =>
                    {
                        context.Response.Headers.Append(HeaderNames.WWWAuthenticate, "Bearer realm=\"api\"");
                        return Results.Unauthorized();
                    });
            }
            """, Auth001UnauthorizedWithoutChallengeCodeFixProvider.AddHeaderKey,
            new TestOptions { EditorConfig = new[] { "auth_status.challenge_scheme = Bearer realm=\"api\"" } });
    }

    [Fact]
    public async Task NoImplicitUsings_AddsUsings()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            public class Gate
            {
                public Task InvokeAsync(Microsoft.AspNetCore.Http.HttpContext context)
                {
                    [|context.Response.StatusCode = 401|];
                    return Task.CompletedTask;
                }
            }
            """, """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Net.Http.Headers;

            public class Gate
            {
                public Task InvokeAsync(Microsoft.AspNetCore.Http.HttpContext context)
                {
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, "Bearer");
                    context.Response.StatusCode = 401;
                    return Task.CompletedTask;
                }
            }
            """, Auth001UnauthorizedWithoutChallengeCodeFixProvider.AddHeaderKey, new TestOptions { ImplicitUsings = false });
    }

    [Fact]
    public async Task ConditionalBranchOrNoResponse_NoHeaderFix()
    {
        await VerifyCS.VerifyNoCodeFixAsync("""
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", (HttpContext c) => c.User.Identity?.IsAuthenticated == true ? Results.Ok() : [|Results.Unauthorized()|]);
                    app.MapGet("/b", () => [|Results.Unauthorized()|]);
                }
            }
            """, Auth001UnauthorizedWithoutChallengeCodeFixProvider.AddHeaderKey);
    }

    [Fact]
    public async Task FixAll_AddsHeaderEverywhere()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : ControllerBase
            {
                public IActionResult A(bool b)
                {
                    if (b)
                        return [|Unauthorized()|];
                    return [|StatusCode(StatusCodes.Status401Unauthorized)|];
                }

                public IActionResult B() => [|Problem(statusCode: 401)|];
            }
            """, """
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Net.Http.Headers;

            public class OrdersController : ControllerBase
            {
                public IActionResult A(bool b)
                {
                    if (b)
                    {
                        Response.Headers.Append(HeaderNames.WWWAuthenticate, "Bearer");
                        return Unauthorized();
                    }
                    Response.Headers.Append(HeaderNames.WWWAuthenticate, "Bearer");
                    return StatusCode(StatusCodes.Status401Unauthorized);
                }

                public IActionResult B()
                {
                    Response.Headers.Append(HeaderNames.WWWAuthenticate, "Bearer");
                    return Problem(statusCode: 401);
                }
            }
            """, Auth001UnauthorizedWithoutChallengeCodeFixProvider.AddHeaderKey);
    }

    // ---------------------------------------------------------------- Override HandleChallengeAsync

    [Fact]
    public async Task Handler_OverridesHandleChallengeAsync()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Text.Encodings.Web;
            using Microsoft.AspNetCore.Authentication;
            using Microsoft.Extensions.Options;

            public sealed class ApiKeyOptions : AuthenticationSchemeOptions { }

            public sealed class [|ApiKeyHandler|] : AuthenticationHandler<ApiKeyOptions>
            {
                public ApiKeyHandler(IOptionsMonitor<ApiKeyOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }

                protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());
            }
            """, """
            using System.Text.Encodings.Web;
            using Microsoft.AspNetCore.Authentication;
            using Microsoft.Extensions.Options;
            using Microsoft.Net.Http.Headers;

            public sealed class ApiKeyOptions : AuthenticationSchemeOptions { }

            public sealed class ApiKeyHandler : AuthenticationHandler<ApiKeyOptions>
            {
                public ApiKeyHandler(IOptionsMonitor<ApiKeyOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }

                protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());

                protected override Task HandleChallengeAsync(AuthenticationProperties properties)
                {
                    Response.Headers.Append(HeaderNames.WWWAuthenticate, Scheme.Name);
                    return base.HandleChallengeAsync(properties);
                }
            }
            """, Auth001UnauthorizedWithoutChallengeCodeFixProvider.OverrideChallengeKey);
    }

    [Fact]
    public async Task HandlerOverrideDeferringToBase_GetsHeaderFirst()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Text.Encodings.Web;
            using Microsoft.AspNetCore.Authentication;
            using Microsoft.Extensions.Options;

            public sealed class [|TokenHandler|] : AuthenticationHandler<AuthenticationSchemeOptions>
            {
                public TokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }

                protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());

                protected override Task HandleChallengeAsync(AuthenticationProperties properties)
                {
                    Logger.LogInformation("challenge");
                    return base.HandleChallengeAsync(properties);
                }
            }
            """, """
            using System.Text.Encodings.Web;
            using Microsoft.AspNetCore.Authentication;
            using Microsoft.Extensions.Options;
            using Microsoft.Net.Http.Headers;

            public sealed class TokenHandler : AuthenticationHandler<AuthenticationSchemeOptions>
            {
                public TokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }

                protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());

                protected override Task HandleChallengeAsync(AuthenticationProperties properties)
                {
                    Response.Headers.Append(HeaderNames.WWWAuthenticate, Scheme.Name);
                    Logger.LogInformation("challenge");
                    return base.HandleChallengeAsync(properties);
                }
            }
            """, Auth001UnauthorizedWithoutChallengeCodeFixProvider.OverrideChallengeKey);
    }

    [Fact]
    public async Task Handler_NoImplicitUsings_AddsUsings()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Text.Encodings.Web;
            using Microsoft.Extensions.Logging;
            using Microsoft.Extensions.Options;

            public sealed class [|KeyHandler|] : Microsoft.AspNetCore.Authentication.AuthenticationHandler<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions>
            {
                public KeyHandler(IOptionsMonitor<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }

                protected override System.Threading.Tasks.Task<Microsoft.AspNetCore.Authentication.AuthenticateResult> HandleAuthenticateAsync() =>
                    System.Threading.Tasks.Task.FromResult(Microsoft.AspNetCore.Authentication.AuthenticateResult.NoResult());
            }
            """, """
            using System.Text.Encodings.Web;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Authentication;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.Logging;
            using Microsoft.Extensions.Options;
            using Microsoft.Net.Http.Headers;

            public sealed class KeyHandler : Microsoft.AspNetCore.Authentication.AuthenticationHandler<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions>
            {
                public KeyHandler(IOptionsMonitor<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }

                protected override System.Threading.Tasks.Task<Microsoft.AspNetCore.Authentication.AuthenticateResult> HandleAuthenticateAsync() =>
                    System.Threading.Tasks.Task.FromResult(Microsoft.AspNetCore.Authentication.AuthenticateResult.NoResult());

                protected override Task HandleChallengeAsync(AuthenticationProperties properties)
                {
                    Response.Headers.Append(HeaderNames.WWWAuthenticate, Scheme.Name);
                    return base.HandleChallengeAsync(properties);
                }
            }
            """, Auth001UnauthorizedWithoutChallengeCodeFixProvider.OverrideChallengeKey, new TestOptions { ImplicitUsings = false });
    }
}
