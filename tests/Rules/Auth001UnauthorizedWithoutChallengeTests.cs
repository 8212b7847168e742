using System.Threading.Tasks;
using AuthStatus.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using VerifyCS = AuthStatus.Analyzers.Tests.Infrastructure.Verifier<
    AuthStatus.Analyzers.Rules.Auth001UnauthorizedWithoutChallengeAnalyzer,
    AuthStatus.Analyzers.CodeFixes.Auth001UnauthorizedWithoutChallengeCodeFixProvider>;

namespace AuthStatus.Analyzers.Tests.Rules;

public class Auth001UnauthorizedWithoutChallengeTests
{
    // ---------------------------------------------------------------- producers that trigger

    [Fact]
    public async Task ControllerHelpers_Trigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Net;
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : ControllerBase
            {
                public IActionResult A(bool b) => b ? Ok() : [|Unauthorized()|];
                public IActionResult B() => [|Unauthorized(new { error = "no key" })|];
                public IActionResult C() => [|StatusCode(401)|];
                public IActionResult D() => [|StatusCode(StatusCodes.Status401Unauthorized, "no")|];
                public IActionResult E() => [|StatusCode((int)HttpStatusCode.Unauthorized)|];
                public IActionResult F() => [|Problem(statusCode: 401, title: "Unauthenticated")|];
                public ActionResult<string> G() => [|Unauthorized()|];
                public async Task<IActionResult> H() { await Task.Yield(); return [|this.Unauthorized()|]; }
            }
            """);
    }

    [Fact]
    public async Task ResultCreations_Trigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.Filters;

            public class KeyFilter : IAuthorizationFilter
            {
                public void OnAuthorization(AuthorizationFilterContext context)
                {
                    if (context.HttpContext.Request.Headers.ContainsKey("X-Key")) return;
                    context.Result = [|new UnauthorizedResult()|];
                }
            }

            public static class More
            {
                public static IActionResult A() => [|new UnauthorizedObjectResult("no key")|];
                public static IActionResult B() => [|new StatusCodeResult(401)|];
                public static IActionResult C(object body) => [|new ObjectResult(body) { StatusCode = StatusCodes.Status401Unauthorized }|];
                public static IActionResult D(object body)
                {
                    var result = new ObjectResult(body);
                    [|result.StatusCode = 401|];
                    return result;
                }
            }
            """);
    }

    [Fact]
    public async Task MinimalApiResults_Trigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", () => [|Results.Unauthorized()|]);
                    app.MapGet("/b", () => [|TypedResults.Unauthorized()|]);
                    app.MapGet("/c", () => [|Results.StatusCode(401)|]);
                    app.MapGet("/d", () => [|Results.Problem(statusCode: 401)|]);
                    app.MapGet("/e", () => [|Results.Json(new { error = "x" }, statusCode: StatusCodes.Status401Unauthorized)|]);
                    app.MapGet("/f", (HttpContext c) => c.User.Identity?.IsAuthenticated == true ? Results.Ok() : [|Results.Unauthorized()|]);
                }
            }
            """);
    }

    [Fact]
    public async Task TopLevelStatements_Trigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            var app = WebApplication.Create(args);
            app.MapGet("/orders", () => [|Results.Unauthorized()|]);
            app.Run();
            """, new TestOptions { TopLevel = true });
    }

    [Fact]
    public async Task ResponseStatusAssignments_Trigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Net;

            public class ApiKeyMiddleware
            {
                private const int NotAuthenticated = 401;
                private readonly RequestDelegate _next;
                public ApiKeyMiddleware(RequestDelegate next) => _next = next;

                public async Task InvokeAsync(HttpContext context)
                {
                    if (!context.Request.Headers.ContainsKey("X-Api-Key"))
                    {
                        [|context.Response.StatusCode = 401|];
                        return;
                    }
                    if (context.Request.Query.ContainsKey("a")) { [|context.Response.StatusCode = StatusCodes.Status401Unauthorized|]; return; }
                    if (context.Request.Query.ContainsKey("b")) { [|context.Response.StatusCode = (int)HttpStatusCode.Unauthorized|]; return; }
                    if (context.Request.Query.ContainsKey("c")) { [|context.Response.StatusCode = NotAuthenticated|]; return; }
                    if (context.Request.Query.ContainsKey("d"))
                    {
                        var status = 401;
                        [|context.Response.StatusCode = status|];
                        return;
                    }
                    await _next(context);
                }
            }
            """);
    }

    [Fact]
    public async Task ExceptionStatusMaps_Trigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Authentication;

            public class ErrorMiddleware
            {
                private static readonly Dictionary<Type, int> Map = new()
                {
                    [typeof(InvalidOperationException)] = 400,
                    [typeof(AuthenticationException)] = [|401|],
                };

                private readonly RequestDelegate _next;
                public ErrorMiddleware(RequestDelegate next) => _next = next;

                public async Task InvokeAsync(HttpContext context)
                {
                    try
                    {
                        await _next(context);
                    }
                    catch (Exception ex)
                    {
                        context.Response.StatusCode = ex switch
                        {
                            InvalidCredentialException => [|401|],
                            KeyNotFoundException => 404,
                            _ => 500,
                        };
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task PageModelUnauthorized_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.RazorPages;

            public class ReportModel : PageModel
            {
                public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? Page() : [|Unauthorized()|];
            }
            """);
    }

    [Fact]
    public async Task BodilessHelperReturningUnauthorizedResult_TriggersAtCallSite()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Mvc;

            public interface IRefusals
            {
                UnauthorizedObjectResult NotSignedIn(string reason);
            }

            public class Api : ControllerBase
            {
                private readonly IRefusals _refusals;
                public Api(IRefusals refusals) => _refusals = refusals;
                public IActionResult Get() => [|_refusals.NotSignedIn("no session")|];
            }
            """);
    }

    [Fact]
    public async Task SourceHelper_TriggersInsideNotAtCallSite()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class Api : ControllerBase
            {
                private UnauthorizedResult Refuse() => [|Unauthorized()|];
                public IActionResult Get() => Refuse();
            }
            """);
    }

    [Fact]
    public async Task HandlerWithoutChallengeOverride_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Text.Encodings.Web;
            using Microsoft.AspNetCore.Authentication;
            using Microsoft.Extensions.Options;

            public sealed class ApiKeyOptions : AuthenticationSchemeOptions { }

            public sealed class [|ApiKeyHandler|] : AuthenticationHandler<ApiKeyOptions>
            {
                public ApiKeyHandler(IOptionsMonitor<ApiKeyOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }
                protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());
            }

            public abstract class HandlerBase : AuthenticationHandler<ApiKeyOptions>
            {
                protected HandlerBase(IOptionsMonitor<ApiKeyOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }
                protected override Task HandleChallengeAsync(AuthenticationProperties properties)
                {
                    Logger.LogInformation("challenge");
                    return base.HandleChallengeAsync(properties);
                }
            }

            public sealed class [|DerivedHandler|] : HandlerBase
            {
                public DerivedHandler(IOptionsMonitor<ApiKeyOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }
                protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());
            }
            """);
    }

    [Fact]
    public async Task CookieRedirectToLogin401_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Authentication.Cookies;

            public static class Auth
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddAuthentication().AddCookie(options =>
                    {
                        options.Events.OnRedirectToLogin = context =>
                        {
                            [|context.Response.StatusCode = 401|];
                            return Task.CompletedTask;
                        };
                        options.Events.OnRedirectToAccessDenied = context =>
                        {
                            context.Response.StatusCode = 403;
                            return Task.CompletedTask;
                        };
                    });
                }
            }
            """);
    }

    // ---------------------------------------------------------------- look-alikes that must not trigger

    [Fact]
    public async Task HeaderSetInSameMethod_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Net.Http.Headers;

            public class OrdersController : ControllerBase
            {
                public IActionResult Before()
                {
                    Response.Headers.Append(HeaderNames.WWWAuthenticate, "Bearer");
                    return Unauthorized();
                }

                public IActionResult After()
                {
                    var result = Unauthorized();
                    Response.Headers["www-authenticate"] = "Bearer";
                    return result;
                }

                public IActionResult Property()
                {
                    Response.Headers.WWWAuthenticate = "Bearer realm=\"api\"";
                    return StatusCode(401);
                }

                public IActionResult TryAdd()
                {
                    Response.Headers.TryAdd("WWW-Authenticate", "Bearer");
                    return Problem(statusCode: 401);
                }
            }

            public class Middleware
            {
                public Task InvokeAsync(HttpContext context)
                {
                    context.Response.OnStarting(() =>
                    {
                        context.Response.Headers.Append("WWW-Authenticate", "ApiKey");
                        return Task.CompletedTask;
                    });
                    context.Response.StatusCode = 401;
                    return Task.CompletedTask;
                }
            }
            """);
    }

    [Fact]
    public async Task HeaderSetOnAnotherPath_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : ControllerBase
            {
                public IActionResult OtherBranch(bool expired)
                {
                    if (expired)
                    {
                        Response.Headers.Append("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                        return Unauthorized();
                    }

                    return [|Unauthorized()|];
                }

                public IActionResult AfterReturn(bool missing)
                {
                    if (missing)
                        return [|Unauthorized()|];
                    Response.Headers.Append("WWW-Authenticate", "Bearer");
                    return Unauthorized();
                }
            }

            public class Gate
            {
                public void Invoke(HttpContext context, bool missing)
                {
                    if (missing)
                    {
                        [|context.Response.StatusCode = 401|];
                        return;
                    }

                    context.Response.Headers.Append("WWW-Authenticate", "Bearer");
                }
            }
            """);
    }

    [Fact]
    public async Task HeaderSetByHelperInCompilation_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : ControllerBase
            {
                public IActionResult Get()
                {
                    Challenges.Add(Response);
                    return Unauthorized();
                }
            }

            public static class Challenges
            {
                public static void Add(HttpResponse response) => response.Headers.Append("WWW-Authenticate", "Bearer");
            }
            """);
    }

    [Fact]
    public async Task ChallengeForms_DoNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Authentication;
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : ControllerBase
            {
                public IActionResult A() => Challenge();
                public IActionResult B() => new ChallengeResult();
                public IActionResult C() => Forbid();
                public IActionResult D() => StatusCode(403);
                public IActionResult E() => StatusCode(400);
                public IActionResult F() => Problem(statusCode: 500);
            }

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", () => Results.Challenge());
                    app.MapGet("/b", () => TypedResults.Challenge());
                    app.MapGet("/c", async (HttpContext c) => await c.ChallengeAsync());
                    app.MapGet("/d", () => Results.StatusCode(404));
                }
            }
            """);
    }

    [Fact]
    public async Task StatusComparisons_DoNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            public class Logging
            {
                private readonly RequestDelegate _next;
                private readonly ILogger<Logging> _logger;
                public Logging(RequestDelegate next, ILogger<Logging> logger) { _next = next; _logger = logger; }

                public async Task InvokeAsync(HttpContext context)
                {
                    await _next(context);
                    if (context.Response.StatusCode == 401)
                        _logger.LogInformation("unauthenticated");
                    if (context.Response.StatusCode is StatusCodes.Status401Unauthorized or 403)
                        _logger.LogInformation("refused");
                }
            }
            """);
    }

    [Fact]
    public async Task ChallengeHandlers_DoNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Text.Encodings.Web;
            using Microsoft.AspNetCore.Authentication;
            using Microsoft.Extensions.Options;

            public sealed class ApiKeyOptions : AuthenticationSchemeOptions { }

            public sealed class ApiKeyHandler : AuthenticationHandler<ApiKeyOptions>
            {
                public ApiKeyHandler(IOptionsMonitor<ApiKeyOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }
                protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());

                protected override Task HandleChallengeAsync(AuthenticationProperties properties)
                {
                    Response.StatusCode = 401;
                    Response.Headers["WWW-Authenticate"] = $"ApiKey header=\"X-Api-Key\"";
                    return Task.CompletedTask;
                }
            }

            public sealed class AppendingHandler : AuthenticationHandler<ApiKeyOptions>
            {
                public AppendingHandler(IOptionsMonitor<ApiKeyOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }
                protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());

                protected override Task HandleChallengeAsync(AuthenticationProperties properties)
                {
                    Response.Headers.Append("WWW-Authenticate", Scheme.Name);
                    return base.HandleChallengeAsync(properties);
                }
            }

            public abstract class AbstractHandler : AuthenticationHandler<ApiKeyOptions>
            {
                protected AbstractHandler(IOptionsMonitor<ApiKeyOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }
            }

            public sealed class RedirectingHandler : AuthenticationHandler<ApiKeyOptions>
            {
                public RedirectingHandler(IOptionsMonitor<ApiKeyOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }
                protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());
                protected override Task HandleChallengeAsync(AuthenticationProperties properties)
                {
                    Response.Redirect("/login");
                    return Task.CompletedTask;
                }
            }
            """);
    }

    [Fact]
    public async Task JwtBearerHandlerSubclass_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Text.Encodings.Web;
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.Extensions.Options;

            public sealed class CustomJwtHandler : JwtBearerHandler
            {
            #pragma warning disable CS0618
                public CustomJwtHandler(IOptionsMonitor<JwtBearerOptions> o, ILoggerFactory l, UrlEncoder e, Microsoft.AspNetCore.Authentication.ISystemClock c) : base(o, l, e, c) { }
            #pragma warning restore CS0618
            }
            """, new TestOptions { JwtBearer = true, CompilerDiagnostics = CompilerDiagnostics.None });
    }

    [Fact]
    public async Task GlobalSafetyNet_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Net.Http.Headers;

            public class OrdersController : ControllerBase
            {
                public IActionResult Get() => Unauthorized();
            }

            public static class ChallengeSafetyNet
            {
                public static void UseChallengeSafetyNet(this IApplicationBuilder app)
                {
                    app.Use(async (context, next) =>
                    {
                        context.Response.OnStarting(() =>
                        {
                            if (context.Response.StatusCode == StatusCodes.Status401Unauthorized
                                && !context.Response.Headers.ContainsKey(HeaderNames.WWWAuthenticate))
                            {
                                context.Response.Headers.Append(HeaderNames.WWWAuthenticate, "Bearer");
                            }
                            return Task.CompletedTask;
                        });
                        await next(context);
                    });
                }
            }
            """);
    }

    [Theory]
    [InlineData("\"Www-Authenticate\"", "401")]
    [InlineData("\"WWW-AUTHENTICATE\"", "0x191")]
    [InlineData("Microsoft.Net.Http.Headers.HeaderNames.WWWAuthenticate", "(int)System.Net.HttpStatusCode.Unauthorized")]
    public async Task SafetyNet_AnySpelling_DoesNotTrigger(string header, string status)
    {
        await VerifyCS.VerifyAnalyzerAsync($$"""
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : ControllerBase
            {
                public IActionResult Get() => Unauthorized();
            }

            public static class ChallengeSafetyNet
            {
                public static void UseChallengeSafetyNet(this IApplicationBuilder app) =>
                    app.Use(async (context, next) =>
                    {
                        await next(context);
                        if (context.Response.StatusCode == {{status}})
                            context.Response.Headers.Append({{header}}, "Bearer");
                    });
            }
            """);
    }

    [Fact]
    public async Task SafetyNetLookAlike_NoStatusTest_Triggers()
    {
        // The header is written for every response but nothing asks for a 401: not a safety net; IsAuthenticated and
        // AuthenticateAsync nearby are not mentions of the header.
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Authentication;
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : ControllerBase
            {
                public IActionResult Get() => [|Unauthorized()|];
            }

            public static class HeaderMiddleware
            {
                public static void UseHeaders(this IApplicationBuilder app) =>
                    app.Use(async (context, next) =>
                    {
                        var result = await context.AuthenticateAsync();
                        if (context.User.Identity?.IsAuthenticated != true)
                            context.Response.Headers.Append("X-Authenticated", "no");
                        context.Response.Headers.Append("WWW-Authenticate-Hint", "none");
                        await next(context);
                    });
            }
            """);
    }

    [Fact]
    public async Task ResultFilterSafetyNet_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.Filters;

            public class OrdersController : ControllerBase
            {
                public IActionResult Get() => Unauthorized();
            }

            public sealed class ChallengeFilter : IResultFilter
            {
                public void OnResultExecuting(ResultExecutingContext context)
                {
                    if (context.Result is UnauthorizedResult or UnauthorizedObjectResult)
                        context.HttpContext.Response.Headers.Append("WWW-Authenticate", "Bearer");
                }

                public void OnResultExecuted(ResultExecutedContext context) { }
            }
            """);
    }

    [Fact]
    public async Task CredentialEndpoints_DoNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class AccountController : ControllerBase
            {
                public IActionResult Login(string user, string password) => Unauthorized(new { error = "invalid_grant" });
                public IActionResult SignInAsync() => Unauthorized();
                [HttpPost("oauth/token")]
                public IActionResult Issue() => Unauthorized();
                public IActionResult RefreshTokens() => Unauthorized();
            }

            [Route("api/token")]
            public class TokenController : ControllerBase
            {
                public IActionResult Post() => Unauthorized();
            }

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapPost("/auth/login", (string password) => password == "x" ? Results.Ok() : Results.Unauthorized());
                    app.MapPost("/connect/token", () => Results.Unauthorized());
                }
            }
            """);
    }

    [Fact]
    public async Task NoAspNetCore_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            public class ControllerBase { public object Unauthorized() => new object(); }
            public class Response { public int StatusCode { get; set; } }
            public class Api : ControllerBase
            {
                public object Get() => Unauthorized();
                public void Set(Response r) => r.StatusCode = 401;
            }
            """, new TestOptions { ImplicitUsings = false, References = v => TestReferences.Core(v) });
    }

    [Fact]
    public async Task UserTypesNamedLikeFramework_DoNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            public sealed class UnauthorizedResult { }
            public sealed class Reply { public int StatusCode { get; set; } }
            public static class Make
            {
                public static UnauthorizedResult A() => new UnauthorizedResult();
                public static Reply B() => new Reply { StatusCode = 401 };
                public static void C(Reply r) => r.StatusCode = 401;
            }
            """);
    }

    // ---------------------------------------------------------------- options

    [Fact]
    public async Task CredentialEndpointsOption_AddsNames()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class DeviceController : ControllerBase
            {
                public IActionResult PairDevice() => Unauthorized();
                public IActionResult Get() => [|Unauthorized()|];
            }
            """, new TestOptions { EditorConfig = new[] { "auth_status.credential_endpoints = PairDevice | Exchange" } });
    }

    [Fact]
    public async Task CredentialEndpointsExcludeOption_RemovesNames()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class SessionController : ControllerBase
            {
                public IActionResult ValidateToken() => [|Unauthorized()|];
                public IActionResult Login() => Unauthorized();
            }
            """, new TestOptions { EditorConfig = new[] { "auth_status.credential_endpoints_exclude = Token" } });
    }

    [Theory]
    [InlineData("auth_status.credential_endpoints = ")]
    [InlineData("auth_status.credential_endpoints = ||,;")]
    [InlineData("auth_status.credential_endpoints_exclude = \u00e9\u00e9 ,, 123")]
    [InlineData("auth_status.challenge_scheme = \"")]
    public async Task InvalidOptions_FallBackToDefaults(string line)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class SessionController : ControllerBase
            {
                public IActionResult Get() => [|Unauthorized()|];
                public IActionResult Login() => Unauthorized();
            }
            """, new TestOptions { EditorConfig = new[] { line } });
    }

    // ---------------------------------------------------------------- broken code

    [Fact]
    public async Task IncompleteCode_DoesNotThrow()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : ControllerBase
            {
                public IActionResult A() => StatusCode(
                public IActionResult B() { Response.StatusCode = ; return Unknown(); }
                public IActionResult C() => new Missing() { StatusCode = 401 };
                public IActionResult D() => Results.Json(statusCode: );
            }

            public class H : Microsoft.AspNetCore.Authentication.AuthenticationHandler<Nope> { }
            """, new TestOptions { CompilerDiagnostics = CompilerDiagnostics.None });
    }

    [Fact]
    public async Task MissingMvcReference_StillChecksMinimalApis()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            public static class Endpoints
            {
                public static void Map(WebApplication app) => app.MapGet("/a", () => [|Results.Unauthorized()|]);
            }
            """, new TestOptions { References = v => TestReferences.AspNetCoreWithoutMvc(v) });
    }
}
