using System.Threading.Tasks;
using AuthStatus.Analyzers.CodeFixes;
using AuthStatus.Analyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = AuthStatus.Analyzers.Tests.Infrastructure.Verifier<
    AuthStatus.Analyzers.Rules.Auth009InsufficientScopeWithoutScopeAnalyzer,
    AuthStatus.Analyzers.CodeFixes.Auth009InsufficientScopeWithoutScopeCodeFixProvider>;

namespace AuthStatus.Analyzers.Tests.Rules;

public class Auth009InsufficientScopeWithoutScopeTests
{
    // ---------------------------------------------------------------- shapes that trigger

    [Fact]
    public async Task ScopeChecksAnswering403_Trigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : ControllerBase
            {
                public IActionResult A()
                {
                    if (!User.HasClaim("scope", "orders.read")) return {|#0:StatusCode({|#1:403|})|};
                    return Ok();
                }

                public IActionResult B() => User.HasClaim("scp", "orders.write") ? Ok() : [|Problem(statusCode: 403, detail: "Forbidden")|];
            }

            public class ScopeMiddleware(RequestDelegate next)
            {
                public async Task InvokeAsync(HttpContext context)
                {
                    var scopes = context.User.FindFirst("scope")?.Value.Split(' ') ?? Array.Empty<string>();
                    if (!scopes.Contains("admin.all"))
                    {
                        [|context.Response.StatusCode = StatusCodes.Status403Forbidden|];
                        return;
                    }

                    await next(context);
                }
            }

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", (HttpContext context) =>
                        context.User.HasClaim(c => c.Type == "scp" && c.Value == "orders.read") ? Results.Ok() : [|Results.StatusCode(403)|]);
                }
            }
            """,
            TestOptions.Default,
            VerifyCS.Diagnostic(Descriptors.AUTH009_InsufficientScopeWithoutScope).WithLocation(0).WithLocation(1).WithArguments("'StatusCode(403)'", "orders.read"));
    }

    // ---------------------------------------------------------------- look-alikes that do not trigger

    [Fact]
    public async Task ScopeNamedOrNotAScopeCheck_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Net.Http.Headers;

            public class OrdersController : ControllerBase
            {
                public IActionResult A()
                {
                    if (!User.HasClaim("scope", "orders.read"))
                    {
                        Response.Headers.Append(HeaderNames.WWWAuthenticate, "Bearer error=\"insufficient_scope\", scope=\"orders.read\"");
                        return StatusCode(403);
                    }

                    return Ok();
                }

                public IActionResult B() => User.HasClaim("scope", "orders.read") ? Ok() : StatusCode(403, new { error = "insufficient_scope", scope = "orders.read" });
                public IActionResult C() => User.HasClaim("scope", "orders.read") ? Ok() : Problem(statusCode: 403, detail: "This needs the orders.read scope");
                public IActionResult D(string message) => User.HasClaim("scope", "orders.read") ? Ok() : StatusCode(403, message);
                public IActionResult E() => User.HasClaim("scope", "orders.read") ? Ok() : Forbid();
                public IActionResult F() => User.IsInRole("Admin") ? Ok() : StatusCode(403);
                public IActionResult G() => User.HasClaim("scope", "orders.read") ? Ok() : Unauthorized();
                public IActionResult H(bool featureEnabled) => featureEnabled ? Ok() : StatusCode(403);
            }
            """);
    }

    // ---------------------------------------------------------------- fix

    [Fact]
    public async Task AddInsufficientScopeHeader()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : ControllerBase
            {
                public IActionResult A()
                {
                    if (!User.HasClaim("scope", "orders.read"))
                    {
                        return [|StatusCode(403)|];
                    }

                    return Ok();
                }
            }
            """,
            """
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Net.Http.Headers;

            public class OrdersController : ControllerBase
            {
                public IActionResult A()
                {
                    if (!User.HasClaim("scope", "orders.read"))
                    {
                        Response.Headers.Append(HeaderNames.WWWAuthenticate, "Bearer error=\"insufficient_scope\", scope=\"orders.read\"");
                        return StatusCode(403);
                    }

                    return Ok();
                }
            }
            """,
            Auth009InsufficientScopeWithoutScopeCodeFixProvider.AddHeaderKey);
    }

    [Fact]
    public async Task AddInsufficientScopeHeader_NotOfferedWithoutConstantScope()
    {
        await VerifyCS.VerifyNoCodeFixAsync(
            """
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : ControllerBase
            {
                public IActionResult A(string needed)
                {
                    if (!User.HasClaim("scope", needed))
                    {
                        return [|StatusCode(403)|];
                    }

                    return Ok();
                }
            }
            """,
            Auth009InsufficientScopeWithoutScopeCodeFixProvider.AddHeaderKey);
    }
}
