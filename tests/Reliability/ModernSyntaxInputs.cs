using System.Collections.Immutable;

namespace AuthStatus.Analyzers.Tests.Reliability;

/// <summary>
/// Hand-written inputs in the syntax that real ASP.NET Core code uses today, each mixing 401/403 producers and challenge
/// writes with the construct under test, so that the rules' operation and syntax walks meet every shape.
/// </summary>
public static class ModernSyntaxInputs
{
    public static ImmutableArray<ReliabilityInput> All { get; } = ImmutableArray.Create(
        new ReliabilityInput("modern/top-level-statements", """
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Net.Http.Headers;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication().AddJwtBearer();
            builder.Services.AddAuthorization();
            builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.AllowAnyOrigin()));
            var app = builder.Build();
            app.UseAuthorization();
            app.UseCors();
            app.UseAuthentication();

            app.MapGet("/a", () => Results.Unauthorized());
            app.MapGet("/b", static () => TypedResults.Unauthorized());
            app.MapGet("/c", async (HttpContext context) =>
            {
                await Task.Yield();
                context.Response.StatusCode = 401;
            });
            app.MapGet("/d", (HttpContext context) =>
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                return Results.StatusCode(StatusCodes.Status401Unauthorized);
            });
            app.MapPost("/login", ([FromBody] Credentials credentials) => credentials.User is null ? Results.Unauthorized() : Results.Ok());
            app.MapGet("/forbid", () => Results.StatusCode(403));
            app.MapGet("/problem", () => Results.Problem(statusCode: 401, detail: new Exception().ToString()));
            app.Use(async (context, next) =>
            {
                context.Response.OnStarting(() =>
                {
                    if (context.Response.StatusCode == 401)
                        context.Response.Headers.Append(HeaderNames.WWWAuthenticate, "Bearer");
                    return Task.CompletedTask;
                });
                await next(context);
            });
            Results.Unauthorized();
            IResult Local() => Results.Unauthorized();
            app.Run();

            record Credentials(string? User, string? Password);
            """),
        new ReliabilityInput("modern/records-primary-constructors", """
            using Microsoft.AspNetCore.Mvc;

            namespace Modern.Records;

            public record Problem(int Status, string Title)
            {
                public IActionResult ToResult() => new ObjectResult(this) { StatusCode = Status };
                public static Problem Unauthorized { get; } = new(401, "Unauthorized");
            }

            public readonly record struct StatusPair(int Code, string Reason);

            public sealed record class Envelope<T>(T Value, int StatusCode = 401);

            [ApiController]
            [Route("api/[controller]")]
            public class AccountsController(ILogger<AccountsController> logger, IConfiguration configuration) : ControllerBase
            {
                private readonly StatusPair _pair = new(401, "no");

                [HttpGet]
                public IActionResult Get(string? key) => key switch
                {
                    null => Unauthorized(),
                    "" => StatusCode(_pair.Code),
                    { Length: < 4 } => StatusCode(403, new { error = "short" }),
                    _ => Ok(configuration["x"]),
                };

                [HttpGet("with")]
                public IActionResult With()
                {
                    var p = Problem.Unauthorized with { Title = "Nope" };
                    logger.LogInformation("{P}", p);
                    return new UnauthorizedObjectResult(p) { StatusCode = 401 };
                }
            }
            """),
        new ReliabilityInput("modern/collection-expressions-local-functions", """
            using Microsoft.AspNetCore.Mvc;

            namespace Modern.Collections
            {
                public class ListsController : ControllerBase
                {
                    private static readonly int[] Codes = [401, 403, 200];
                    private static readonly Dictionary<Type, int> Map = new() { [typeof(UnauthorizedAccessException)] = 401, [typeof(InvalidOperationException)] = 403 };
                    private readonly List<string> _schemes = ["Bearer", .. new[] { "Basic" }];

                    public IActionResult Get(int index)
                    {
                        return Local(Codes[index]);

                        IActionResult Local(int code)
                        {
                            static int Twice(int value) => value * 2;
                            if (code == 401)
                                return StatusCode(code);
                            return code switch { 403 => Forbid(), _ => StatusCode(Twice(code) - code) };
                        }
                    }

                    public IActionResult Spread() => Ok((int[])[.. Codes, 401]);
                }
            }
            """),
        new ReliabilityInput("modern/lambdas", """
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Http.HttpResults;

            namespace Modern.Lambdas;

            public static class Endpoints
            {
                public static void Map(IEndpointRouteBuilder app)
                {
                    Func<IResult> unauthorized = static () => Results.Unauthorized();
                    Func<HttpContext, Task> write = async context => { context.Response.StatusCode = StatusCodes.Status401Unauthorized; await context.Response.WriteAsync("no"); };
                    var natural = (int code = 401) => Results.StatusCode(code);
                    var attributed = [Produces("application/json")] (HttpContext c) => c.User.Identity?.IsAuthenticated == true ? Results.Ok() : Results.Unauthorized();
                    app.MapGet("/l1", unauthorized);
                    app.MapGet("/l2", write);
                    app.MapGet("/l3", natural);
                    app.MapGet("/l4", attributed);
                    app.MapGet("/l5", async Task<Results<Ok, UnauthorizedHttpResult, ForbidHttpResult>> (HttpContext c) =>
                    {
                        await Task.Delay(1);
                        return c.Request.Headers.Authorization.Count == 0 ? TypedResults.Unauthorized() : TypedResults.Forbid();
                    });
                    app.MapGroup("/g").MapGet("/x", delegate (HttpContext c) { c.Response.StatusCode = 401; return Task.CompletedTask; });
                }
            }
            """),
        new ReliabilityInput("modern/pattern-matching", """
            using System.Net;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.Filters;

            namespace Modern.Patterns;

            public sealed class StatusFilter : IAlwaysRunResultFilter
            {
                public void OnResultExecuting(ResultExecutingContext context)
                {
                    if (context.Result is UnauthorizedResult or UnauthorizedObjectResult { Value: not null })
                        context.HttpContext.Response.Headers["WWW-Authenticate"] = "Bearer";
                    if (context.Result is ObjectResult { StatusCode: 401 or 403 } objectResult && objectResult.Value is string { Length: > 0 } text)
                        context.Result = new ObjectResult(text) { StatusCode = (int)HttpStatusCode.Unauthorized };
                }

                public void OnResultExecuted(ResultExecutedContext context)
                {
                    var code = context.HttpContext.Response.StatusCode;
                    var next = code switch
                    {
                        401 => (int)HttpStatusCode.Forbidden,
                        >= 500 and < 600 => 500,
                        _ => code,
                    };
                    int[] list = [code, next];
                    if (list is [401, ..] or [_, 403])
                        context.HttpContext.Response.StatusCode = next;
                }
            }
            """),
        new ReliabilityInput("modern/generic-results", """
            using Microsoft.AspNetCore.Http.HttpResults;

            namespace Modern.Generic;

            public static class Handlers
            {
                public static Results<Ok<T>, UnauthorizedHttpResult> Get<T>(T? value) where T : class
                    => value is null ? TypedResults.Unauthorized() : TypedResults.Ok(value);

                public static Results<Ok, ProblemHttpResult, StatusCodeHttpResult> Status(int code)
                    => code == 401 ? TypedResults.StatusCode(401) : code == 403 ? TypedResults.Problem(statusCode: 403) : TypedResults.Ok();

                public static async Task<IResult> Wrap<TResult>(Func<Task<TResult>> inner) where TResult : IResult
                    => await inner() is UnauthorizedHttpResult ? Results.Challenge() : Results.Unauthorized();

                public static T Make<T>() where T : IResult, new() => new T();
                public static IResult Use() => Make<UnauthorizedHttpResult2>();
            }

            public sealed class UnauthorizedHttpResult2 : IResult
            {
                public Task ExecuteAsync(HttpContext httpContext) { httpContext.Response.StatusCode = 401; return Task.CompletedTask; }
            }
            """),
        new ReliabilityInput("modern/partial-classes", """
            using Microsoft.AspNetCore.Mvc;

            namespace Modern.Partials;

            public partial class UsersController : ControllerBase
            {
                public partial IActionResult Get(int id);
                partial void OnDenied();
                private partial int Code { get; }
            }

            public partial class UsersController
            {
                public partial IActionResult Get(int id)
                {
                    OnDenied();
                    return id < 0 ? Unauthorized() : StatusCode(Code);
                }

                partial void OnDenied();
                private partial int Code => 403;
            }

            public partial record struct Token(string Value);
            public partial record struct Token
            {
                public bool Valid => Value.Length > 0;
            }
            """),
        new ReliabilityInput("modern/if-regions", """
            #define AUTH
            #nullable disable
            using Microsoft.AspNetCore.Mvc;
            #if NET8_0_OR_GREATER
            using Microsoft.Net.Http.Headers;
            #endif

            namespace Modern.Regions
            {
                public class RegionsController : ControllerBase
                {
            #region Endpoints
                    public IActionResult Get(string key)
                    {
            #if AUTH
                        if (key == null)
                            return Unauthorized();
            #elif DEBUG
                        Response.Headers.Append(HeaderNames.WWWAuthenticate, "Bearer");
                        return Unauthorized(
            #else
                        return StatusCode(401);
            #endif
            #pragma warning disable CS0162
                        return Ok();
            #pragma warning restore CS0162
                    }
            #endregion
            #if !AUTH
                    public IActionResult Broken( { return Unauthorized(); }
            #endif
            #line 200 "Other.cs"
                    public IActionResult Moved() => StatusCode(403);
            #line default
                }
            }
            """),
        new ReliabilityInput("modern/generated-code", """
            // <auto-generated>
            //     This code was generated by a tool.
            // </auto-generated>
            using Microsoft.AspNetCore.Mvc;

            namespace Modern.Generated
            {
                [System.CodeDom.Compiler.GeneratedCode("tool", "1.0")]
                public class GeneratedController : ControllerBase
                {
                    public IActionResult Get() => Unauthorized();
                    public void Set() => Response.StatusCode = 401;
                }
            }
            """),
        new ReliabilityInput("modern/generated-attribute", """
            using Microsoft.AspNetCore.Mvc;

            namespace Modern.GeneratedAttribute
            {
                [System.CodeDom.Compiler.GeneratedCode("tool", "1.0")]
                public partial class HalfGeneratedController : ControllerBase
                {
                    public IActionResult Generated() => Unauthorized();
                }

                public partial class HalfGeneratedController
                {
                    public IActionResult Written() => StatusCode(401);
                }
            }
            """),
        new ReliabilityInput("modern/handlers-and-events", """
            using System.Security.Claims;
            using System.Text.Encodings.Web;
            using Microsoft.AspNetCore.Authentication;
            using Microsoft.AspNetCore.Authentication.Cookies;
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.Extensions.Options;

            namespace Modern.Handlers;

            public sealed class KeyOptions : AuthenticationSchemeOptions { public string? Realm { get; set; } }

            public class KeyHandler(IOptionsMonitor<KeyOptions> options, ILoggerFactory logger, UrlEncoder encoder)
                : AuthenticationHandler<KeyOptions>(options, logger, encoder)
            {
                protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());
                protected override Task HandleChallengeAsync(AuthenticationProperties properties) => base.HandleChallengeAsync(properties);
                protected override async Task HandleForbiddenAsync(AuthenticationProperties properties) { Response.StatusCode = 403; await Task.CompletedTask; }
            }

            public sealed class DerivedKeyHandler(IOptionsMonitor<KeyOptions> options, ILoggerFactory logger, UrlEncoder encoder) : KeyHandler(options, logger, encoder);

            public abstract class GenericHandler<TOptions>(IOptionsMonitor<TOptions> options, ILoggerFactory logger, UrlEncoder encoder)
                : AuthenticationHandler<TOptions>(options, logger, encoder) where TOptions : AuthenticationSchemeOptions, new();

            public static class Setup
            {
                public static void Configure(IServiceCollection services)
                {
                    services.AddAuthentication()
                        .AddCookie(o =>
                        {
                            o.Events.OnRedirectToLogin = context => { context.Response.StatusCode = 401; return Task.CompletedTask; };
                            o.Events.OnRedirectToAccessDenied = static context => { context.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
                        })
                        .AddJwtBearer(o =>
                        {
                            o.Events = new JwtBearerEvents
                            {
                                OnChallenge = context => { context.HandleResponse(); context.Response.StatusCode = 401; return Task.CompletedTask; },
                                OnForbidden = async context => { context.Response.StatusCode = 403; await context.Response.WriteAsync(context.Result?.Failure?.ToString() ?? ""); },
                                OnAuthenticationFailed = context => { context.Response.Headers["WWW-Authenticate"] = "Bearer error=invalid_token"; return Task.CompletedTask; },
                            };
                        });
                }
            }
            """),
        new ReliabilityInput("modern/odd-members", """"
            using Microsoft.AspNetCore.Mvc;
            using Code = int;
            using Pair = (int Status, string Scheme);

            namespace Modern.Odd;

            file sealed class Hidden { public int StatusCode { get; set; } = 401; }

            public ref struct Span401 { public int StatusCode; }

            public interface IDefaults
            {
                int Status => 401;
                static abstract IActionResult Deny();
            }

            public class OddController : ControllerBase, IDefaults
            {
                public required string Name { get; init; }
                public static IActionResult Deny() => new UnauthorizedResult();
                public int this[int i] => i == 0 ? 401 : 403;
                public event EventHandler? Denied;
                public static OddController operator +(OddController a, OddController b) => a;
                public static implicit operator int(OddController c) => 401;
                ~OddController() { }

                public IActionResult Get(Code code, Pair pair, dynamic d)
                {
                    Denied?.Invoke(this, EventArgs.Empty);
                    new Hidden { StatusCode = 403 };
                    var s = new Span401 { StatusCode = 401 };
                    ReadOnlySpan<byte> utf8 = "WWW-Authenticate"u8;
                    var raw = $$"""{"status": {{code}}}""";
                    object o = d.Unauthorized();
                    unsafe { int* p = &s.StatusCode; *p = 401; }
                    checked { code = pair.Status + 0; }
                    goto done;
                    done:
                    return StatusCode(this);
                }
            }
            """"),
        new ReliabilityInput("modern/global-statements-only", """
            Microsoft.AspNetCore.Http.Results.Unauthorized();
            var x = 401;
            return x;
            """),
        new ReliabilityInput("modern/empty-like", """
            #pragma warning disable
            namespace Empty;
            """));
}
