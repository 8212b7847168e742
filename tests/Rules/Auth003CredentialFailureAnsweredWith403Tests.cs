using System.Threading.Tasks;
using AuthStatus.Analyzers.CodeFixes;
using AuthStatus.Analyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = AuthStatus.Analyzers.Tests.Infrastructure.Verifier<
    AuthStatus.Analyzers.Rules.Auth003CredentialFailureAnsweredWith403Analyzer,
    AuthStatus.Analyzers.CodeFixes.Auth003CredentialFailureAnsweredWith403CodeFixProvider>;

namespace AuthStatus.Analyzers.Tests.Rules;

public class Auth003CredentialFailureAnsweredWith403Tests
{
    private static readonly TestOptions Jwt = new() { JwtBearer = true };

    // ---------------------------------------------------------------- shapes that trigger

    [Fact]
    public async Task ControllerCredentialChecks_Trigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Authentication;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.Filters;

            public class SecurityTokenException : Exception { }

            public class OrdersController : ControllerBase
            {
                private const string ExpectedKey = "k";

                public IActionResult A([FromHeader(Name = "X-Api-Key")] string? key)
                {
                    if (string.IsNullOrEmpty(key)) return [|StatusCode(403)|];
                    if (key != ExpectedKey) return [|StatusCode(StatusCodes.Status403Forbidden, "bad key")|];
                    return Ok();
                }

                public IActionResult B() => User.Identity?.IsAuthenticated == true ? Ok() : [|Problem(statusCode: 403)|];

                public async Task<IActionResult> C()
                {
                    var result = await HttpContext.AuthenticateAsync();
                    if (!result.Succeeded) return [|new StatusCodeResult(403)|];
                    return Ok();
                }

                public IActionResult D(string token)
                {
                    try { Validate(token); return Ok(); }
                    catch (SecurityTokenException) { return [|StatusCode(403)|]; }
                }

                private static void Validate(string token) { }
            }

            public class KeyFilter : IAuthorizationFilter
            {
                public void OnAuthorization(AuthorizationFilterContext context)
                {
                    if (!context.HttpContext.Request.Headers.ContainsKey("Authorization"))
                        context.Result = [|new ObjectResult("no credentials") { StatusCode = 403 }|];
                }
            }
            """);
    }

    [Fact]
    public async Task MiddlewareAndMinimalApi_Trigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            public class ApiKeyMiddleware(RequestDelegate next, IConfiguration configuration)
            {
                public async Task InvokeAsync(HttpContext context)
                {
                    if (!context.Request.Headers.TryGetValue("X-Api-Key", out var supplied) || supplied != configuration["ApiKey"])
                    {
                        [|context.Response.StatusCode = 403|];
                        return;
                    }

                    await next(context);
                }
            }

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", (HttpContext context) => context.User.Identity?.IsAuthenticated == true ? Results.Ok() : [|Results.StatusCode(403)|]);
                    app.MapGet("/b", (HttpRequest request) =>
                    {
                        var token = request.Headers.Authorization.ToString();
                        if (string.IsNullOrEmpty(token)) return [|TypedResults.Problem(statusCode: 403)|];
                        return Results.Ok();
                    });
                }
            }

            public static class Setup
            {
                public static void Configure(IServiceCollection services)
                {
                    services.AddAuthentication().AddCookie(o =>
                    {
                        o.Events.OnRedirectToLogin = context =>
                        {
                            [|context.Response.StatusCode = 403|];
                            return Task.CompletedTask;
                        };
                    });
                }
            }
            """);
    }

    // ---------------------------------------------------------------- look-alikes that do not trigger

    [Fact]
    public async Task ForbiddenPathsAndPermissionChecks_DoNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Text.Encodings.Web;
            using Microsoft.AspNetCore.Authentication;
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.Options;

            public class KeyOptions : AuthenticationSchemeOptions { }

            public class KeyHandler(IOptionsMonitor<KeyOptions> o, ILoggerFactory l, UrlEncoder e) : AuthenticationHandler<KeyOptions>(o, l, e)
            {
                protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());

                protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
                {
                    Response.StatusCode = 403;
                    return Task.CompletedTask;
                }
            }

            public class OrdersController(IAuthorizationService authorization) : ControllerBase
            {
                public IActionResult A() => User.Identity?.IsAuthenticated == true ? Ok() : Forbid();
                public IActionResult B() => User.IsInRole("Admin") ? Ok() : StatusCode(403);
                public async Task<IActionResult> C()
                {
                    var result = await authorization.AuthorizeAsync(User, "Edit");
                    if (!result.Succeeded)
                    {
                        if (User.Identity!.IsAuthenticated) return StatusCode(403);
                        return Challenge();
                    }

                    return Ok();
                }
                public IActionResult D() => User.Identity!.IsAuthenticated ? StatusCode(403, "already signed in") : Ok();
                public IActionResult E(string? csrfToken) => csrfToken == null ? StatusCode(403) : Ok();
            }
            """);
    }

    [Fact]
    public async Task Restrictions_DoNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Net;
            using Microsoft.AspNetCore.Identity;
            using Microsoft.AspNetCore.Mvc;

            public class AppUser { public bool IsDisabled { get; set; } public bool LockedOut { get; set; } }
            public class RemoteOptions { public bool AllowRemoteAccess { get; set; } }

            public class AccountController(SignInManager<IdentityUser> signIn) : ControllerBase
            {
                private static readonly HashSet<IPAddress> BannedIps = new();
                private readonly RemoteOptions _options = new();

                public async Task<IActionResult> Login(string user, string password)
                {
                    var result = await signIn.PasswordSignInAsync(user, password, false, true);
                    if (result.Succeeded) return Ok();
                    if (result.IsLockedOut || result.IsNotAllowed) return StatusCode(403);
                    return Unauthorized();
                }

                public IActionResult A(AppUser appUser) => appUser.IsDisabled ? StatusCode(403) : Ok();
                public IActionResult B() => BannedIps.Contains(HttpContext.Connection.RemoteIpAddress!) ? StatusCode(403) : Ok();
                public IActionResult C()
                {
                    var ip = HttpContext.Connection.RemoteIpAddress!;
                    if (!_options.AllowRemoteAccess && !IPAddress.IsLoopback(ip)) return StatusCode(403);
                    return Ok();
                }
                public IActionResult D() => HttpContext.Connection.ClientCertificate is null ? StatusCode(403) : Ok();
                public IActionResult E(string? apiKey)
                {
                    if (string.IsNullOrEmpty(apiKey) || BannedIps.Contains(HttpContext.Connection.RemoteIpAddress!)) return StatusCode(403);
                    return Ok();
                }
            }
            """);
    }

    [Fact]
    public async Task RoleCheckAfterSignIn_DoesNotTrigger_WrongPasswordDoes()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Identity;
            using Microsoft.AspNetCore.Mvc;

            public record LoginModel(string UserName, string Password);

            public class AccountController(UserManager<IdentityUser> users) : ControllerBase
            {
                [HttpPost("login")]
                public async Task<IActionResult> Login(LoginModel model)
                {
                    var user = await users.FindByNameAsync(model.UserName);
                    if (user == null || !await users.CheckPasswordAsync(user, model.Password))
                        return Unauthorized();
                    if (!await users.IsInRoleAsync(user, "Admin"))
                        return StatusCode(403);
                    return Ok();
                }

                [HttpPost("login2")]
                public async Task<IActionResult> Login2(LoginModel model)
                {
                    var user = await users.FindByNameAsync(model.UserName);
                    if (user is null) return NotFound();
                    if (!await users.CheckPasswordAsync(user, model.Password))
                        return [|StatusCode(403)|];
                    return Ok();
                }
            }
            """);
    }

    /// <summary>A certificate-only app answers 403 by design; one that also registers another scheme does not.</summary>
    [Theory]
    [InlineData(".AddCertificate()", "StatusCode(403)")]
    [InlineData(".AddCertificate().AddCookie()", "[|StatusCode(403)|]")]
    public async Task CertificateOnlyApp_DoesNotTrigger(string registrations, string refusal)
    {
        await VerifyCS.VerifyAnalyzerAsync($$"""
            using Microsoft.AspNetCore.Mvc;

            public static class CertificateExtensions
            {
                public static Microsoft.AspNetCore.Authentication.AuthenticationBuilder AddCertificate(this Microsoft.AspNetCore.Authentication.AuthenticationBuilder builder) => builder;
            }

            public static class Setup
            {
                public static void Configure(IServiceCollection services) => services.AddAuthentication("Certificate"){{registrations}};
            }

            public class OrdersController : ControllerBase
            {
                public IActionResult A() => User.Identity?.IsAuthenticated == true ? Ok() : {{refusal}};
            }
            """);
    }

    [Fact]
    public async Task Options_IdentityNames_Trigger()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : ControllerBase
            {
                public IActionResult A([FromHeader(Name = "X-Tenant-Pass")] string? tenantPass) => tenantPass is null ? [|StatusCode(403)|] : Ok();
                public IActionResult B([FromHeader(Name = "X-Api-Key")] string? apiKey) => apiKey is null ? StatusCode(403) : Ok();
            }
            """,
            new TestOptions { EditorConfig = new[] { "auth_status.identity_names = tenant pass", "auth_status.identity_names_exclude = api key" } });
    }

    // ---------------------------------------------------------------- fixes

    [Fact]
    public async Task Challenge_OfferedUnderJwtBearer()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using Microsoft.AspNetCore.Mvc;

            public static class Setup
            {
                public static void Configure(IServiceCollection services) => services.AddAuthentication().AddJwtBearer();
            }

            public class OrdersController : ControllerBase
            {
                public IActionResult A(string? apiKey) => string.IsNullOrEmpty(apiKey) ? [|StatusCode(403)|] : Ok();
                public IActionResult B(string? apiKey) => string.IsNullOrEmpty(apiKey) ? [|new StatusCodeResult(403)|] : Ok();
                public IResult C(string? apiKey) => string.IsNullOrEmpty(apiKey) ? [|Results.StatusCode(403)|] : Results.Ok();
            }
            """,
            """
            using Microsoft.AspNetCore.Mvc;

            public static class Setup
            {
                public static void Configure(IServiceCollection services) => services.AddAuthentication().AddJwtBearer();
            }

            public class OrdersController : ControllerBase
            {
                public IActionResult A(string? apiKey) => string.IsNullOrEmpty(apiKey) ? Challenge() : Ok();
                public IActionResult B(string? apiKey) => string.IsNullOrEmpty(apiKey) ? new ChallengeResult() : Ok();
                public IResult C(string? apiKey) => string.IsNullOrEmpty(apiKey) ? Results.Challenge() : Results.Ok();
            }
            """,
            Auth003CredentialFailureAnsweredWith403CodeFixProvider.ChallengeKey,
            Jwt);
    }

    [Fact]
    public async Task Challenge_NotOfferedUnderCookies()
    {
        await VerifyCS.VerifyNoCodeFixAsync(
            """
            using Microsoft.AspNetCore.Mvc;

            public static class Setup
            {
                public static void Configure(IServiceCollection services) => services.AddAuthentication().AddCookie();
            }

            public class OrdersController : ControllerBase
            {
                public IActionResult A(string? apiKey) => string.IsNullOrEmpty(apiKey) ? [|StatusCode(403)|] : Ok();
            }
            """,
            Auth003CredentialFailureAnsweredWith403CodeFixProvider.ChallengeKey);
    }

    [Fact]
    public async Task Answer401WithChallenge_MiddlewareAndController()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using Microsoft.AspNetCore.Mvc;

            public class ApiKeyMiddleware(RequestDelegate next)
            {
                public async Task InvokeAsync(HttpContext context)
                {
                    if (!context.Request.Headers.ContainsKey("X-Api-Key"))
                    {
                        [|context.Response.StatusCode = 403|];
                        return;
                    }

                    await next(context);
                }
            }

            public class OrdersController : ControllerBase
            {
                public IActionResult A(string? apiKey)
                {
                    if (string.IsNullOrEmpty(apiKey))
                    {
                        return [|StatusCode(StatusCodes.Status403Forbidden)|];
                    }

                    return Ok();
                }
            }
            """,
            """
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Net.Http.Headers;

            public class ApiKeyMiddleware(RequestDelegate next)
            {
                public async Task InvokeAsync(HttpContext context)
                {
                    if (!context.Request.Headers.ContainsKey("X-Api-Key"))
                    {
                        context.Response.Headers.Append(HeaderNames.WWWAuthenticate, "Bearer");
                        context.Response.StatusCode = 401;
                        return;
                    }

                    await next(context);
                }
            }

            public class OrdersController : ControllerBase
            {
                public IActionResult A(string? apiKey)
                {
                    if (string.IsNullOrEmpty(apiKey))
                    {
                        Response.Headers.Append(HeaderNames.WWWAuthenticate, "Bearer");
                        return StatusCode(StatusCodes.Status401Unauthorized);
                    }

                    return Ok();
                }
            }
            """,
            Auth003CredentialFailureAnsweredWith403CodeFixProvider.Answer401Key);
    }
}
