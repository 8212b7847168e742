using System.Threading.Tasks;
using AuthStatus.Analyzers.CodeFixes;
using AuthStatus.Analyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = AuthStatus.Analyzers.Tests.Infrastructure.Verifier<AuthStatus.Analyzers.Rules.Auth005InternalDetailInAuthResponseAnalyzer, AuthStatus.Analyzers.CodeFixes.Auth005ConstantMessageCodeFix>;

namespace AuthStatus.Analyzers.Tests.Rules;

public class Auth005ConstantMessageCodeFixTests
{
    [Fact]
    public async Task LoggerFieldInScope_Triggers()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class TokenController : ControllerBase
            {
                private readonly ILogger<TokenController> _logger;

                public TokenController(ILogger<TokenController> logger) => _logger = logger;

                public IActionResult Refresh()
                {
                    try
                    {
                        return Ok();
                    }
                    catch (Exception ex)
                    {
                        return Unauthorized(new { error = "invalid_token", detail = [|ex.Message|], trace = [|ex.StackTrace|] });
                    }
                }

                public IActionResult Forbidden(Exception ex)
                {
                    return Problem(detail: [|ex.ToString()|], statusCode: 403);
                }
            }
            """, """
            using Microsoft.AspNetCore.Mvc;

            public class TokenController : ControllerBase
            {
                private readonly ILogger<TokenController> _logger;

                public TokenController(ILogger<TokenController> logger) => _logger = logger;

                public IActionResult Refresh()
                {
                    try
                    {
                        return Ok();
                    }
                    catch (Exception ex)
                    {
                        _logger.LogWarning(ex, "Authentication failed.");
                        return Unauthorized(new { error = "invalid_token", detail = "Authentication failed.", trace = "Authentication failed." });
                    }
                }

                public IActionResult Forbidden(Exception ex)
                {
                    _logger.LogWarning(ex, "Access denied.");
                    return Problem(detail: "Access denied.", statusCode: 403);
                }
            }
            """, Auth005ConstantMessageCodeFix.EquivalenceKey);
    }

    [Fact]
    public async Task PrimaryConstructorLoggerAndInferredMemberName_Triggers()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            public class AuthMiddleware(RequestDelegate next, ILogger<AuthMiddleware> logger)
            {
                public async Task InvokeAsync(HttpContext context)
                {
                    try
                    {
                        await next(context);
                    }
                    catch (UnauthorizedAccessException ex)
                    {
                        context.Response.StatusCode = 401;
                        await context.Response.WriteAsJsonAsync(new { [|ex.Message|] });
                    }
                }
            }
            """, """
            public class AuthMiddleware(RequestDelegate next, ILogger<AuthMiddleware> logger)
            {
                public async Task InvokeAsync(HttpContext context)
                {
                    try
                    {
                        await next(context);
                    }
                    catch (UnauthorizedAccessException ex)
                    {
                        context.Response.StatusCode = 401;
                        logger.LogWarning(ex, "Authentication failed.");
                        await context.Response.WriteAsJsonAsync(new { Message = "Authentication failed." });
                    }
                }
            }
            """, Auth005ConstantMessageCodeFix.EquivalenceKey);
    }

    [Fact]
    public async Task NoLoggerOrAlreadyLoggedOrExpressionBody_ReplacesOnly()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class TokenController : ControllerBase
            {
                public IActionResult A(Exception ex) => Unauthorized([|$"Token rejected: {ex.Message}"|]);

                public IActionResult B(Exception ex, ILogger<TokenController> logger)
                {
                    logger.LogError(ex, "Token rejected");
                    return StatusCode(401, [|ex|]);
                }

                public static IResult C(Exception ex) => Results.Json(new { error = [|ex.Message|] }, statusCode: 401);
            }
            """, """
            using Microsoft.AspNetCore.Mvc;

            public class TokenController : ControllerBase
            {
                public IActionResult A(Exception ex) => Unauthorized("Authentication failed.");

                public IActionResult B(Exception ex, ILogger<TokenController> logger)
                {
                    logger.LogError(ex, "Token rejected");
                    return StatusCode(401, "Authentication failed.");
                }

                public static IResult C(Exception ex) => Results.Json(new { error = "Authentication failed." }, statusCode: 401);
            }
            """, Auth005ConstantMessageCodeFix.EquivalenceKey);
    }

    [Fact]
    public async Task EventHandlerLambdaWithLoggerParameter_Triggers()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/secure", (HttpContext context, ILogger<Program> log) =>
                    {
                        try
                        {
                            return Results.Ok();
                        }
                        catch (Exception e)
                        {
                            return Results.Problem([|e.Message|], statusCode: StatusCodes.Status401Unauthorized);
                        }
                    });
                }
            }

            public partial class Program { }
            """, """
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/secure", (HttpContext context, ILogger<Program> log) =>
                    {
                        try
                        {
                            return Results.Ok();
                        }
                        catch (Exception e)
                        {
                            log.LogWarning(e, "Authentication failed.");
                            return Results.Problem("Authentication failed.", statusCode: StatusCodes.Status401Unauthorized);
                        }
                    });
                }
            }

            public partial class Program { }
            """, Auth005ConstantMessageCodeFix.EquivalenceKey);
    }

    [Fact]
    public async Task DetailThroughLocal_Triggers()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class TokenController(ILogger<TokenController> logger) : ControllerBase
            {
                public IActionResult A()
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
            """, """
            using Microsoft.AspNetCore.Mvc;

            public class TokenController(ILogger<TokenController> logger) : ControllerBase
            {
                public IActionResult A()
                {
                    try
                    {
                        return Ok();
                    }
                    catch (Exception ex)
                    {
                        var message = ex.Message;
                        logger.LogWarning(ex, "Authentication failed.");
                        return Unauthorized(new { message = "Authentication failed." });
                    }
                }
            }
            """, Auth005ConstantMessageCodeFix.EquivalenceKey);
    }

    [Fact]
    public async Task LoggingUsingAdded_Triggers()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System;
            using Microsoft.AspNetCore.Mvc;

            public class TokenController : ControllerBase
            {
                private readonly Microsoft.Extensions.Logging.ILogger _logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

                public IActionResult A(Exception ex)
                {
                    return Unauthorized([|ex.Message|]);
                }
            }
            """, """
            using System;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.Logging;

            public class TokenController : ControllerBase
            {
                private readonly Microsoft.Extensions.Logging.ILogger _logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

                public IActionResult A(Exception ex)
                {
                    _logger.LogWarning(ex, "Authentication failed.");
                    return Unauthorized("Authentication failed.");
                }
            }
            """, Auth005ConstantMessageCodeFix.EquivalenceKey, new TestOptions { ImplicitUsings = false });
    }
}
