using System.Threading.Tasks;
using AuthStatus.Analyzers.CodeFixes;
using AuthStatus.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using VerifyAuth001 = AuthStatus.Analyzers.Tests.Infrastructure.Verifier<
    AuthStatus.Analyzers.Rules.Auth001UnauthorizedWithoutChallengeAnalyzer,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;
using VerifyCS = AuthStatus.Analyzers.Tests.Infrastructure.Verifier<
    AuthStatus.Analyzers.Rules.Auth002AuthorizationFailureAnsweredWith401Analyzer,
    AuthStatus.Analyzers.CodeFixes.Auth002AuthorizationFailureAnsweredWith401CodeFixProvider>;

namespace AuthStatus.Analyzers.Tests.Rules;

public class Auth002AuthorizationFailureAnsweredWith401Tests
{
    private static readonly TestOptions Jwt = new() { JwtBearer = true };

    // ---------------------------------------------------------------- shapes that trigger

    [Fact]
    public async Task ControllerRoleAndClaimChecks_Trigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Net;
            using System.Security.Claims;
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;

            public class Order { public string? OwnerId { get; set; } public bool IsOwner { get; set; } }

            public class OrdersController(IAuthorizationService authorization) : ControllerBase
            {
                public IActionResult A() => User.IsInRole("Admin") ? Ok() : [|Unauthorized()|];
                public IActionResult B()
                {
                    if (!User.HasClaim("scope", "orders.read"))
                        return [|Unauthorized(new { error = "insufficient_scope" })|];
                    return Ok();
                }
                public async Task<IActionResult> C(Order order)
                {
                    var result = await authorization.AuthorizeAsync(User, order, "EditPolicy");
                    if (!result.Succeeded)
                        return [|StatusCode(401)|];
                    return Ok();
                }
                public IActionResult D(Order order)
                {
                    if (order.OwnerId != User.FindFirstValue(ClaimTypes.NameIdentifier))
                        return [|StatusCode(StatusCodes.Status401Unauthorized, "not yours")|];
                    return Ok();
                }
                public IActionResult E(bool isAdmin)
                {
                    if (isAdmin) return Ok();
                    return [|Problem(statusCode: (int)HttpStatusCode.Unauthorized)|];
                }
                public ActionResult<string> F(Order order) => order.IsOwner ? "ok" : [|new UnauthorizedResult()|];
            }
            """);
    }

    [Fact]
    public async Task MinimalApiAndResponseStatus_Trigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", (HttpContext context) => context.User.IsInRole("Admin") ? Results.Ok() : [|Results.Unauthorized()|]);
                    app.MapGet("/b", (HttpContext context) =>
                    {
                        if (!context.User.HasClaim("scp", "orders.write"))
                            return [|TypedResults.Unauthorized()|];
                        return Results.Ok();
                    });
                    app.Use(async (context, next) =>
                    {
                        if (!context.User.IsInRole("Admin"))
                        {
                            [|context.Response.StatusCode = 401|];
                            return;
                        }

                        await next(context);
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task ExceptionMaps_Trigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security;

            public class ForbiddenException : Exception { }

            public class ErrorMiddleware(RequestDelegate next)
            {
                private static readonly Dictionary<Type, int> Map = new()
                {
                    { typeof(ForbiddenException), [|401|] },
                    { typeof(KeyNotFoundException), 404 },
                };

                public async Task InvokeAsync(HttpContext context)
                {
                    try
                    {
                        await next(context);
                    }
                    catch (UnauthorizedAccessException)
                    {
                        [|context.Response.StatusCode = StatusCodes.Status401Unauthorized|];
                    }
                    catch (Exception ex)
                    {
                        context.Response.StatusCode = ex switch
                        {
                            SecurityException => [|401|],
                            ArgumentException => 400,
                            _ => 500,
                        };
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task ForbiddenResultHandlersAnswering401_Trigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Authorization.Policy;

            public class ResultHandler : IAuthorizationMiddlewareResultHandler
            {
                private readonly AuthorizationMiddlewareResultHandler _default = new();

                public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
                {
                    if (authorizeResult.Forbidden)
                    {
                        [|context.Response.StatusCode = 401|];
                        return Task.CompletedTask;
                    }

                    return _default.HandleAsync(next, context, policy, authorizeResult);
                }
            }

            public static class Setup
            {
                public static void Configure(IServiceCollection services)
                {
                    services.AddAuthentication().AddCookie(o =>
                    {
                        o.Events.OnRedirectToAccessDenied = context =>
                        {
                            [|context.Response.StatusCode = 401|];
                            return Task.CompletedTask;
                        };
                    });
                }
            }
            """);
    }

    // ---------------------------------------------------------------- look-alikes that do not trigger

    [Fact]
    public async Task IdentityFailures_DoNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Authentication;
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : ControllerBase
            {
                public IActionResult A() => User.Identity?.IsAuthenticated == true ? Ok() : Unauthorized();
                public IActionResult B([FromHeader(Name = "X-Api-Key")] string? key) => string.IsNullOrEmpty(key) ? Unauthorized() : Ok();
                public async Task<IActionResult> C()
                {
                    var result = await HttpContext.AuthenticateAsync();
                    if (!result.Succeeded) return Unauthorized();
                    return Ok();
                }
                public IActionResult D()
                {
                    if (!User.IsInRole("Admin"))
                    {
                        if (!User.Identity!.IsAuthenticated) return Unauthorized();
                        return Forbid();
                    }

                    return Ok();
                }
                public IActionResult E() => User.Identity!.IsAuthenticated && User.IsInRole("Admin") ? Ok() : Unauthorized();
            }
            """);
    }

    [Fact]
    public async Task BusinessStateAndPassedChecks_DoNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;

            public class Order { public bool IsClosed { get; set; } }

            public class NotAllowedHandler : AuthorizationHandler<OperationAuthorizationRequirement>
            {
                protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement)
                {
                    if (!context.User.IsInRole("Admin")) context.Fail();
                    return Task.CompletedTask;
                }
            }

            public class OrdersController : ControllerBase
            {
                public IActionResult A(Order order) => order.IsClosed ? Unauthorized() : Ok();
                public IActionResult B(bool featureEnabled) => featureEnabled ? Ok() : Unauthorized();
                public IActionResult C() => User.IsInRole("Admin") ? Unauthorized() : Ok();
                public IActionResult D() => User.IsInRole("Admin") ? Ok() : Forbid();
                public IActionResult E() => User.IsInRole("Admin") ? Ok() : StatusCode(403);
                public IActionResult F() => User.IsInRole("Admin") ? Ok() : StatusCode(401 + 0 == 401 ? 200 : 500);
            }
            """.Replace("OperationAuthorizationRequirement", "Microsoft.AspNetCore.Authorization.Infrastructure.OperationAuthorizationRequirement"));
    }

    [Fact]
    public async Task ResultHandlerDelegatingForbidden_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Authorization.Policy;

            public class ResultHandler : IAuthorizationMiddlewareResultHandler
            {
                private readonly AuthorizationMiddlewareResultHandler _default = new();

                public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
                {
                    if (authorizeResult.Challenged)
                    {
                        context.Response.StatusCode = 401;
                        return Task.CompletedTask;
                    }

                    return _default.HandleAsync(next, context, policy, authorizeResult);
                }
            }
            """);
    }

    [Fact]
    public async Task Options_PermissionNames_Trigger()
    {
        var source = """
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : ControllerBase
            {
                public IActionResult A(bool hasGoldTier) => hasGoldTier ? Ok() : {|#0:Unauthorized()|};
                public IActionResult B(bool isAdmin) => isAdmin ? Ok() : {|#1:Unauthorized()|};
            }
            """;
        await VerifyCS.VerifyAnalyzerAsync(
            source,
            new TestOptions { EditorConfig = new[] { "auth_status.permission_names = gold tier", "auth_status.permission_names_exclude = admin" } },
            VerifyCS.Diagnostic(Descriptors.AUTH002_AuthorizationFailureAnsweredWith401).WithLocation(0).WithArguments("'Unauthorized()'"));
    }

    [Fact]
    public async Task Auth001_DoesNotReportWhatAuth002Reports()
    {
        await VerifyAuth001.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : ControllerBase
            {
                public IActionResult A() => User.IsInRole("Admin") ? Ok() : Unauthorized();
                public IActionResult B() => User.Identity!.IsAuthenticated ? Ok() : [|Unauthorized()|];
            }
            """);
    }

    [Fact]
    public async Task BrokenCode_DoesNotThrow()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : ControllerBase
            {
                public IActionResult A() => Missing.Check(User) ? Ok() : Unauthorized();
                public IActionResult B() => User.IsInRole() ? Ok() : StatusCode(401;
            }
            """,
            new TestOptions { CompilerDiagnostics = CompilerDiagnostics.None });
    }

    // ---------------------------------------------------------------- fixes

    [Fact]
    public async Task Answer403_ControllerShapes()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System.Net;
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : ControllerBase
            {
                public IActionResult A() => User.IsInRole("Admin") ? Ok() : [|Unauthorized()|];
                public IActionResult B() => User.IsInRole("Admin") ? Ok() : [|Unauthorized("no")|];
                public IActionResult C() => User.IsInRole("Admin") ? Ok() : [|StatusCode(401)|];
                public IActionResult D() => User.IsInRole("Admin") ? Ok() : [|StatusCode((int)HttpStatusCode.Unauthorized)|];
                public IActionResult E() => User.IsInRole("Admin") ? Ok() : [|Problem(statusCode: StatusCodes.Status401Unauthorized)|];
                public IActionResult F() => User.IsInRole("Admin") ? Ok() : [|new UnauthorizedResult()|];
                public IActionResult G() => User.IsInRole("Admin") ? Ok() : [|new UnauthorizedObjectResult("no")|];
                public ActionResult<string> H() => User.IsInRole("Admin") ? "ok" : [|Unauthorized()|];
            }
            """,
            """
            using System.Net;
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : ControllerBase
            {
                public IActionResult A() => User.IsInRole("Admin") ? Ok() : StatusCode(StatusCodes.Status403Forbidden);
                public IActionResult B() => User.IsInRole("Admin") ? Ok() : StatusCode(StatusCodes.Status403Forbidden, "no");
                public IActionResult C() => User.IsInRole("Admin") ? Ok() : StatusCode(403);
                public IActionResult D() => User.IsInRole("Admin") ? Ok() : StatusCode((int)HttpStatusCode.Forbidden);
                public IActionResult E() => User.IsInRole("Admin") ? Ok() : Problem(statusCode: StatusCodes.Status403Forbidden);
                public IActionResult F() => User.IsInRole("Admin") ? Ok() : new StatusCodeResult(StatusCodes.Status403Forbidden);
                public IActionResult G() => User.IsInRole("Admin") ? Ok() : new ObjectResult("no") { StatusCode = StatusCodes.Status403Forbidden };
                public ActionResult<string> H() => User.IsInRole("Admin") ? "ok" : StatusCode(StatusCodes.Status403Forbidden);
            }
            """,
            Auth002AuthorizationFailureAnsweredWith401CodeFixProvider.Answer403Key);
    }

    [Fact]
    public async Task Answer403_MinimalApiAndMaps()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System.Security;

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", (HttpContext context) => context.User.IsInRole("Admin") ? Results.Ok() : [|Results.Unauthorized()|]);
                    app.Use(async (context, next) =>
                    {
                        try { await next(context); }
                        catch (SecurityException) { [|context.Response.StatusCode = 401|]; }
                    });
                }
            }
            """,
            """
            using System.Security;

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", (HttpContext context) => context.User.IsInRole("Admin") ? Results.Ok() : Results.StatusCode(StatusCodes.Status403Forbidden));
                    app.Use(async (context, next) =>
                    {
                        try { await next(context); }
                        catch (SecurityException) { context.Response.StatusCode = 403; }
                    });
                }
            }
            """,
            Auth002AuthorizationFailureAnsweredWith401CodeFixProvider.Answer403Key);
    }

    [Fact]
    public async Task Answer403_AddsUsingWhenImplicitUsingsAreOff()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : ControllerBase
            {
                public IActionResult A() => User.IsInRole("Admin") ? Ok() : [|Unauthorized()|];
            }
            """,
            """
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : ControllerBase
            {
                public IActionResult A() => User.IsInRole("Admin") ? Ok() : StatusCode(StatusCodes.Status403Forbidden);
            }
            """,
            Auth002AuthorizationFailureAnsweredWith401CodeFixProvider.Answer403Key,
            new TestOptions { ImplicitUsings = false });
    }

    [Fact]
    public async Task Forbid_OfferedUnderJwtBearer()
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
                public IActionResult A() => User.IsInRole("Admin") ? Ok() : [|Unauthorized()|];
                public IActionResult B() => User.IsInRole("Admin") ? Ok() : [|StatusCode(401)|];
                public IActionResult C() => User.IsInRole("Admin") ? Ok() : [|new UnauthorizedResult()|];
                public IResult D() => User.IsInRole("Admin") ? Results.Ok() : [|Results.Unauthorized()|];
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
                public IActionResult A() => User.IsInRole("Admin") ? Ok() : Forbid();
                public IActionResult B() => User.IsInRole("Admin") ? Ok() : Forbid();
                public IActionResult C() => User.IsInRole("Admin") ? Ok() : new ForbidResult();
                public IResult D() => User.IsInRole("Admin") ? Results.Ok() : Results.Forbid();
            }
            """,
            Auth002AuthorizationFailureAnsweredWith401CodeFixProvider.ForbidKey,
            Jwt);
    }

    [Fact]
    public async Task Forbid_NotOfferedUnderCookiesOrWithoutSchemes()
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
                public IActionResult A() => User.IsInRole("Admin") ? Ok() : [|Unauthorized()|];
            }
            """,
            Auth002AuthorizationFailureAnsweredWith401CodeFixProvider.ForbidKey);
        await VerifyCS.VerifyNoCodeFixAsync(
            """
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : ControllerBase
            {
                public IActionResult A() => User.IsInRole("Admin") ? Ok() : [|Unauthorized()|];
            }
            """,
            Auth002AuthorizationFailureAnsweredWith401CodeFixProvider.ForbidKey);
    }

    [Fact]
    public async Task Answer403_NotOfferedWhenTheTypeWouldChange()
    {
        await VerifyCS.VerifyNoCodeFixAsync(
            """
            using Microsoft.AspNetCore.Http.HttpResults;

            public static class Endpoints
            {
                public static Results<Ok, UnauthorizedHttpResult> A(HttpContext context) =>
                    context.User.IsInRole("Admin") ? TypedResults.Ok() : [|TypedResults.Unauthorized()|];

                private const int Denied = 401;
                public static void B(HttpContext context)
                {
                    if (!context.User.IsInRole("Admin")) [|context.Response.StatusCode = Denied|];
                }
            }
            """,
            Auth002AuthorizationFailureAnsweredWith401CodeFixProvider.Answer403Key);
    }
}
