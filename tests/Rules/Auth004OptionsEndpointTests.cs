using System.Threading.Tasks;
using AuthStatus.Analyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = AuthStatus.Analyzers.Tests.Infrastructure.Verifier<AuthStatus.Analyzers.Rules.Auth004OptionsEndpointAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace AuthStatus.Analyzers.Tests.Rules;

/// <summary>AUTH004 shape 2: a hand-written preflight endpoint that requires authorization, in an app without UseCors().</summary>
public class Auth004OptionsEndpointTests
{
    private static readonly TestOptions TopLevel = new() { TopLevel = true };

    [Fact]
    public async Task HttpOptionsActionUnderAuthorizeController_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;

            [Authorize]
            [ApiController]
            [Route("api/orders")]
            public class OrdersController : ControllerBase
            {
                [HttpOptions]
                public IActionResult {|AUTH004:Preflight|}()
                {
                    Response.Headers["Access-Control-Allow-Origin"] = "https://spa.example";
                    Response.Headers["Access-Control-Allow-Methods"] = "GET, POST";
                    return NoContent();
                }
            }
            """);
    }

    [Fact]
    public async Task AcceptVerbsOptionsWithAuthorizeOnAction_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : ControllerBase
            {
                [Authorize(Policy = "orders")]
                [AcceptVerbs("GET", "options")]
                public IActionResult {|AUTH004:Orders|}()
                {
                    Response.Headers.AccessControlAllowOrigin = "*";
                    return Ok();
                }
            }
            """);
    }

    /// <summary>OPTIONS named by an attribute that is no HTTP method provider (a route segment, a response header): not a preflight endpoint.</summary>
    [Fact]
    public async Task OptionsNamedByOtherAttributes_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;

            [AttributeUsage(AttributeTargets.Method)]
            public sealed class VerbsAttribute : Attribute
            {
                public VerbsAttribute(params string[] verbs) { }
            }

            [Authorize]
            public class OrdersController : ControllerBase
            {
                [HttpGet]
                [Route("options")]
                [Verbs("OPTIONS")]
                public IActionResult Options()
                {
                    Response.Headers["Access-Control-Allow-Origin"] = "https://spa.example";
                    return Ok();
                }
            }
            """);
    }

    /// <summary>MVC discovers a controller by its name (any case), or by [Controller] on it or a base class (ControllerBase carries it).</summary>
    [Theory]
    [InlineData("public class Orders : ControllerBase")]
    [InlineData("[Controller] public class OrdersApi")]
    [InlineData("public class Ordersapicontroller")]
    [InlineData("public class Orders : AppControllerBase")]
    public async Task HttpOptionsActionOfAnyDiscoveredController_Triggers(string declaration)
    {
        await VerifyCS.VerifyAnalyzerAsync(
            $$"""
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            [Controller]
            public abstract class AppControllerBase
            {
            }

            [Authorize]
            {{declaration}}
            {
                [HttpOptions]
                public IActionResult {|AUTH004:Preflight|}([FromServices] IHttpContextAccessor accessor)
                {
                    accessor.HttpContext!.Response.Headers["Access-Control-Allow-Origin"] = "https://spa.example";
                    return new NoContentResult();
                }
            }
            """);
    }

    /// <summary>A class MVC does not discover as a controller has no actions, whatever its methods carry.</summary>
    [Fact]
    public async Task HttpOptionsMethodOfClassThatIsNoController_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            [Authorize]
            public class PreflightHelpers
            {
                [HttpOptions]
                public IActionResult Preflight(IHttpContextAccessor accessor)
                {
                    accessor.HttpContext!.Response.Headers["Access-Control-Allow-Origin"] = "https://spa.example";
                    return new NoContentResult();
                }
            }
            """);
    }

    [Fact]
    public async Task MapMethodsOptionsRequiringAuthorization_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthorization();
            var app = builder.Build();
            {|AUTH004:app.MapMethods|}("/{**path}", new[] { "OPTIONS" }, (HttpContext context) =>
            {
                context.Response.Headers.Append("Access-Control-Allow-Origin", "https://spa.example");
                return Results.NoContent();
            }).RequireAuthorization();
            app.Run();
            """,
            TopLevel);
    }

    [Fact]
    public async Task AppWithCorsMiddleware_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;

            [Authorize]
            public class OrdersController : ControllerBase
            {
                [HttpOptions]
                public IActionResult Preflight()
                {
                    Response.Headers["Access-Control-Allow-Origin"] = "https://spa.example";
                    return NoContent();
                }
            }

            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseCors();
                    app.UseAuthentication();
                    app.UseAuthorization();
                }
            }
            """);
    }

    [Fact]
    public async Task OptionsEndpointLookAlikes_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;

            [Authorize]
            public class OrdersController : ControllerBase
            {
                // Not a preflight handler: an OPTIONS request that is not a preflight must still be authenticated.
                [HttpOptions]
                public IActionResult Allowed()
                {
                    Response.Headers["Allow"] = "GET, POST";
                    return NoContent();
                }

                // Anonymous on purpose.
                [HttpOptions("preflight")]
                [AllowAnonymous]
                public IActionResult Preflight()
                {
                    Response.Headers["Access-Control-Allow-Origin"] = "https://spa.example";
                    return NoContent();
                }

                // Not OPTIONS.
                [HttpGet]
                public IActionResult Get()
                {
                    Response.Headers["Access-Control-Allow-Origin"] = "https://spa.example";
                    return Ok();
                }
            }

            public class PublicController : ControllerBase
            {
                [HttpOptions]
                public IActionResult Preflight()
                {
                    Response.Headers["Access-Control-Allow-Origin"] = "https://spa.example";
                    return NoContent();
                }
            }
            """);
    }

    [Fact]
    public async Task MapMethodsLookAlikes_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.MapMethods("/a", new[] { "OPTIONS" }, (HttpContext context) =>
            {
                context.Response.Headers.Append("Access-Control-Allow-Origin", "*");
                return Results.NoContent();
            });
            app.MapMethods("/b", new[] { "GET" }, (HttpContext context) =>
            {
                context.Response.Headers.Append("Access-Control-Allow-Origin", "*");
                return Results.NoContent();
            }).RequireAuthorization();
            app.MapMethods("/c", new[] { "OPTIONS" }, (HttpContext context) =>
            {
                context.Response.Headers.Append("Access-Control-Allow-Origin", "*");
                return Results.NoContent();
            }).RequireAuthorization().AllowAnonymous();
            app.MapMethods("/d", new[] { "OPTIONS" }, () => Results.NoContent()).RequireAuthorization();
            app.Run();
            """,
            TopLevel);
    }
}
