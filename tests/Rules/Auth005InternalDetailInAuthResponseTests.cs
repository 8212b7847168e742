using System.Threading.Tasks;
using AuthStatus.Analyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = AuthStatus.Analyzers.Tests.Infrastructure.Verifier<AuthStatus.Analyzers.Rules.Auth005InternalDetailInAuthResponseAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace AuthStatus.Analyzers.Tests.Rules;

public class Auth005InternalDetailInAuthResponseTests
{
    [Fact]
    public async Task ControllerResultsWithExceptionData_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class TokenController : ControllerBase
            {
                public IActionResult A()
                {
                    try { return Ok(); }
                    catch (Exception ex) { return Unauthorized([|ex.Message|]); }
                }

                public IActionResult B(Exception ex) => Unauthorized(new { error = "invalid_token", detail = [|ex.Message|] });
                public IActionResult C(Exception ex) => StatusCode(401, [|ex.ToString()|]);
                public IActionResult D(Exception ex) => Problem(detail: [|ex.Message|], statusCode: 403);
                public IActionResult E(Exception ex) => StatusCode(StatusCodes.Status403Forbidden, [|$"Denied: {ex}"|]);
                public IActionResult F(Exception ex) => Unauthorized([|"Error: " + ex.StackTrace|]);
                public IActionResult G(Exception ex) => new UnauthorizedObjectResult([|ex|]);
                public IActionResult H(Exception ex) => new ObjectResult(new ProblemDetails { Title = "Unauthorized", Detail = [|ex.InnerException?.Message|] }) { StatusCode = 401 };
                public IActionResult I(Exception ex) => new ContentResult { Content = [|ex.Message|], StatusCode = (int)System.Net.HttpStatusCode.Unauthorized };
                public IActionResult J(Exception ex) => Unauthorized([|string.Format("Token rejected: {0}", ex.Message)|]);
                public IActionResult K(Exception ex) => Unauthorized(new { ex.Source, Data = [|ex.Data|] });
            }
            """.Replace("new { ex.Source, Data = [|ex.Data|] }", "new { Source = [|ex.Source|], Data = [|ex.Data|] }"));
    }

    [Fact]
    public async Task MinimalApiResultsWithExceptionData_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            public static class Endpoints
            {
                public static IResult A(Exception ex) => Results.Json(new { error = [|ex.Message|] }, statusCode: 401);
                public static IResult B(Exception ex) => Results.Problem([|ex.Message|], statusCode: StatusCodes.Status401Unauthorized);
                public static IResult C(Exception ex) => TypedResults.Problem(title: "Forbidden", detail: [|ex.GetBaseException().Message|], statusCode: 403);
                public static IResult D(Exception ex) => Results.Text([|ex.Message|], statusCode: 403);
            }
            """);
    }

    [Fact]
    public async Task ExceptionDataThroughLocal_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class AuthController : ControllerBase
            {
                public IActionResult Validate(string token)
                {
                    try
                    {
                        return Ok();
                    }
                    catch (Exception ex)
                    {
                        var message = ex.Message;
                        return Unauthorized(new { [|message|] });
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task ResponseWriteAfterStatus_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            public class AuthMiddleware
            {
                private readonly RequestDelegate _next;

                public AuthMiddleware(RequestDelegate next) => _next = next;

                public async Task InvokeAsync(HttpContext context)
                {
                    try
                    {
                        await _next(context);
                    }
                    catch (UnauthorizedAccessException ex)
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        await context.Response.WriteAsync([|ex.Message|]);
                    }
                    catch (InvalidOperationException ex)
                    {
                        context.Response.StatusCode = 403;
                        await context.Response.WriteAsJsonAsync(new { error = "forbidden", trace = [|ex.StackTrace|] });
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task JwtBearerEventWritesFailure_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Authentication.JwtBearer;

            public static class Auth
            {
                public static void Configure(IServiceCollection services)
                {
                    services.AddAuthentication().AddJwtBearer(options =>
                    {
                        options.Events = new JwtBearerEvents
                        {
                            OnAuthenticationFailed = context =>
                            {
                                context.Response.StatusCode = 401;
                                return context.Response.WriteAsync([|context.Exception.Message|]);
                            },
                            OnForbidden = context => context.Response.WriteAsync([|context.Result?.Failure?.ToString()|] ?? "forbidden"),
                            OnChallenge = async context =>
                            {
                                context.HandleResponse();
                                context.Response.StatusCode = 401;
                                await context.Response.WriteAsJsonAsync(new { error = context.Error, reason = [|context.AuthenticateFailure?.Message|] });
                            },
                        };
                    });
                }
            }
            """,
            new TestOptions { JwtBearer = true });
    }

    [Fact]
    public async Task SecurityTokenException_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Mvc;

            namespace Microsoft.IdentityModel.Tokens
            {
                public class SecurityTokenException : Exception { public SecurityTokenException(string message) : base(message) { } }
                public class SecurityTokenExpiredException : SecurityTokenException { public SecurityTokenExpiredException(string message) : base(message) { } }
            }

            public class RefreshController : ControllerBase
            {
                public IActionResult Refresh()
                {
                    try { return Ok(); }
                    catch (Microsoft.IdentityModel.Tokens.SecurityTokenExpiredException e) { return Unauthorized(new { error = "invalid_token", error_description = [|e.Message|] }); }
                }
            }
            """.Replace("Unauthorized(new { error = \"invalid_token\", error_description = [|e.Message|] })", "Unauthorized(new { error = \"invalid_token\", error_description = [|e.Message|] })"));
    }

    [Fact]
    public async Task DevelopmentGate_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class DetailOptions { public bool IncludeErrorDetails { get; set; } }

            public class TokenController : ControllerBase
            {
                private readonly IWebHostEnvironment _env;
                private readonly IHostEnvironment _host;
                private readonly DetailOptions _options;

                public TokenController(IWebHostEnvironment env, IHostEnvironment host, DetailOptions options)
                {
                    _env = env;
                    _host = host;
                    _options = options;
                }

                public IActionResult A(Exception ex)
                {
                    if (_env.IsDevelopment())
                        return Unauthorized(ex.Message);
                    return Unauthorized("Invalid token");
                }

                public IActionResult B(Exception ex) => Unauthorized(_host.IsDevelopment() ? ex.ToString() : "Invalid token");

                public IActionResult C(Exception ex) => Unauthorized(new { error = _options.IncludeErrorDetails ? ex.Message : null });

                public IActionResult D(Exception ex)
                {
                    if (!_env.IsDevelopment())
                    {
                        return Unauthorized("Invalid token");
                    }

                    return Unauthorized(ex.Message);
                }
            }
            """);
    }

    [Fact]
    public async Task ServerErrorsAndOtherStatuses_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class TokenController : ControllerBase
            {
                public IActionResult A(Exception ex) => StatusCode(500, ex.Message);
                public IActionResult B(Exception ex) => Problem(ex.Message);
                public IActionResult C(Exception ex) => BadRequest(ex.Message);
                public IResult D(Exception ex) => Results.Json(new { error = ex.Message }, statusCode: 500);
            }

            public class ErrorMiddleware
            {
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
                        context.Response.StatusCode = 401;
                        context.Response.StatusCode = 500;
                        await context.Response.WriteAsync(ex.Message);
                    }
                }

                public async Task Other(HttpContext context, Exception ex)
                {
                    if (context.User.Identity?.IsAuthenticated != true)
                    {
                        context.Response.StatusCode = 401;
                        return;
                    }

                    await context.Response.WriteAsync(ex.Message);
                }
            }
            """);
    }

    [Fact]
    public async Task ConstantMessagesAndLoggerOnly_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class InvalidApiKeyException : Exception
            {
                public InvalidApiKeyException() : base("The API key is invalid.") { }
            }

            public class TokenController : ControllerBase
            {
                private readonly ILogger<TokenController> _logger;

                public TokenController(ILogger<TokenController> logger) => _logger = logger;

                public IActionResult A(Exception ex)
                {
                    _logger.LogWarning(ex, "Token validation failed: {Message}", ex.Message);
                    return Unauthorized(new { error = "invalid_token", error_description = "The token is expired" });
                }

                public IActionResult B(InvalidApiKeyException ex) => Unauthorized(ex.Message);

                public IActionResult C(Exception ex) => Unauthorized(new { error = ex.GetType().Name == "X" ? "a" : "b" });

                public IActionResult D() => Unauthorized();

                public IActionResult E(Microsoft.Extensions.Localization.IStringLocalizer<TokenController> localizer) =>
                    Unauthorized(new { error = localizer["TokenExpired"].Value });

                public IActionResult F(Exception ex) => Unauthorized(new { error = "invalid_token", type = ex.GetType().Name });
            }
            """);
    }

    [Fact]
    public async Task JwtBearerLoggingHandlerAndIncludeErrorDetails_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Authentication.JwtBearer;

            public static class Auth
            {
                public static void Configure(IServiceCollection services)
                {
                    services.AddAuthentication().AddJwtBearer(options =>
                    {
                        options.IncludeErrorDetails = true;
                        options.Events = new JwtBearerEvents
                        {
                            OnAuthenticationFailed = context =>
                            {
                                var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Auth");
                                logger.LogError(context.Exception, "Authentication failed: {Message}", context.Exception.Message);
                                Console.WriteLine(context.Exception.ToString());
                                return Task.CompletedTask;
                            },
                            OnChallenge = context =>
                            {
                                context.ErrorDescription = "The token is invalid";
                                return Task.CompletedTask;
                            },
                        };
                    });
                }
            }
            """,
            new TestOptions { JwtBearer = true });
    }

    [Fact]
    public async Task OtherResponseWrites_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Text;
            using System.Text.Json;
            using Microsoft.AspNetCore.Mvc;

            public static class Writers
            {
                public static async Task A(HttpContext context, Exception ex)
                {
                    context.Response.StatusCode = 401;
                    await context.Response.Body.WriteAsync([|Encoding.UTF8.GetBytes(ex.Message)|]);
                }

                public static async Task B(HttpContext context, Exception ex)
                {
                    context.Response.StatusCode = 403;
                    await JsonSerializer.SerializeAsync(context.Response.Body, new { error = [|ex.Message|] });
                }

                public static async Task C(HttpContext context, IProblemDetailsService problems, Exception ex)
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = new ProblemDetails { Detail = [|ex.Message|] } });
                }

                public static IActionResult D(Exception ex) => new JsonResult(new { error = [|ex.Message|] }) { StatusCode = 401 };

                public static async Task E(HttpContext context, Exception ex)
                {
                    switch (ex)
                    {
                        case UnauthorizedAccessException:
                            context.Response.StatusCode = 401;
                            var body = JsonSerializer.Serialize(new { message = ex.Message });
                            await context.Response.WriteAsync([|body|]);
                            break;
                        default:
                            context.Response.StatusCode = 500;
                            await context.Response.WriteAsync(ex.Message);
                            break;
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task WithoutAspNetCore_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            public class Checks
            {
                public object Unauthorized(object body) => body;
                public object A(System.Exception ex) => Unauthorized(ex.Message);
            }
            """,
            new TestOptions { ImplicitUsings = false, References = v => TestReferences.Core(v) });
    }

    [Fact]
    public async Task BrokenCode_DoesNotThrow()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class TokenController : ControllerBase
            {
                public IActionResult A(Exception ex) => Unauthorized(missing.Message);
                public IActionResult B(Unknown ex) => StatusCode(401, ex.Message);
                public async Task C(HttpContext context, Exception ex)
                {
                    context.Response.StatusCode = ;
                    await context.Response.WriteAsync(ex.Message);
                }
            }
            """,
            new TestOptions { CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None });
    }
}
