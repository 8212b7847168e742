using System.Net;
using Microsoft.AspNetCore.Mvc;

namespace SampleApi.Rules;

[ApiController]
[Route("api/exports")]
public class ExportsController : ControllerBase
{
    private static readonly HashSet<IPAddress> BannedAddresses = new();

    [HttpGet("{id}")]
    public IActionResult Get(int id, [FromHeader(Name = "X-Api-Key")] string? apiKey)
    {
        if (string.IsNullOrEmpty(apiKey))
            return StatusCode(StatusCodes.Status403Forbidden); // AUTH003: flagged, a missing key is a 401 with a challenge
        return Ok(new { id });
    }

    [HttpGet("{id}/raw")]
    public IActionResult Raw(int id)
    {
        if (BannedAddresses.Contains(HttpContext.Connection.RemoteIpAddress ?? IPAddress.None))
            return StatusCode(StatusCodes.Status403Forbidden); // correct: a banned address gets 403 whatever its credential
        if (!User.IsInRole("Exporter"))
            return Forbid(); // correct: a permission failure goes through the scheme's forbid
        return Ok(new { id });
    }
}

public sealed class ApiKeyCheckMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Headers.ContainsKey("X-Api-Key"))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden; // AUTH003: flagged
            return;
        }

        await next(context);
    }
}
