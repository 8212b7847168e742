using Microsoft.AspNetCore.Mvc;

namespace SampleApi.Rules;

[ApiController]
[Route("api/sessions")]
public class SessionsController(ILogger<SessionsController> logger, IWebHostEnvironment environment) : ControllerBase
{
    [HttpGet("current")]
    public IActionResult Current([FromHeader(Name = "X-Session")] string? session)
    {
        try
        {
            return Ok(Validate(session));
        }
        catch (InvalidOperationException ex)
        {
            Response.Headers.Append("WWW-Authenticate", "Session");
            return Unauthorized(new { error = "invalid_session", detail = ex.Message }); // AUTH005: flagged
        }
    }

    [HttpGet("current/trace")]
    public IActionResult Trace([FromHeader(Name = "X-Session")] string? session)
    {
        try
        {
            return Ok(Validate(session));
        }
        catch (Exception ex)
        {
            return Problem(detail: $"Session rejected: {ex}", statusCode: StatusCodes.Status403Forbidden); // AUTH005: flagged
        }
    }

    [HttpGet("current/safe")]
    public IActionResult Safe([FromHeader(Name = "X-Session")] string? session)
    {
        try
        {
            return Ok(Validate(session));
        }
        catch (InvalidOperationException ex)
        {
            // correct: a short constant reason in the body, the exception in the log
            logger.LogWarning(ex, "Session validation failed.");
            Response.Headers.Append("WWW-Authenticate", "Session");
            return Unauthorized(new { error = "invalid_session" });
        }
    }

    [HttpGet("current/debug")]
    public IActionResult Debug([FromHeader(Name = "X-Session")] string? session)
    {
        try
        {
            return Ok(Validate(session));
        }
        catch (InvalidOperationException ex)
        {
            // correct: details only in development
            Response.Headers.Append("WWW-Authenticate", "Session");
            return Unauthorized(environment.IsDevelopment() ? ex.Message : "Invalid session");
        }
    }

    [HttpGet("current/error")]
    public IActionResult Error()
    {
        try
        {
            return Ok(Validate(null));
        }
        catch (Exception ex)
        {
            return StatusCode(500, ex.Message); // correct for AUTH005: a 500, out of scope
        }
    }

    private static string Validate(string? session) =>
        session ?? throw new InvalidOperationException("IDX10223: Lifetime validation failed. The token is expired.");
}

public class SessionErrorMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (UnauthorizedAccessException ex)
        {
            context.Response.Headers.Append("WWW-Authenticate", "Session");
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsJsonAsync(new { error = ex.Message }); // AUTH005: flagged
        }
    }
}
