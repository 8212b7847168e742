using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace SampleApi.Rules;

[ApiController]
[Route("api/reports")]
public class ReportsController : ControllerBase
{
    [HttpGet("{id}")]
    public IActionResult Get(int id, [FromHeader(Name = "X-Api-Key")] string? apiKey)
    {
        if (string.IsNullOrEmpty(apiKey))
            return Unauthorized(); // AUTH001: flagged, no WWW-Authenticate header
        return Ok(new { id });
    }

    [HttpGet("{id}/export")]
    public IActionResult Export(int id, [FromHeader(Name = "X-Api-Key")] string? apiKey)
    {
        if (string.IsNullOrEmpty(apiKey))
        {
            // correct: the challenge tells the client how to authenticate
            Response.Headers.Append(HeaderNames.WWWAuthenticate, "ApiKey");
            return Unauthorized();
        }

        return Ok(new { id });
    }

    [HttpPost("/api/login")]
    public IActionResult Login(string user, string password)
    {
        // correct: a credential-issuing endpoint answers bad credentials in the body
        return Unauthorized(new { error = "invalid_grant" });
    }
}

public static class Auth001Endpoints
{
    public static void MapAuth001Endpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/invoices", (HttpContext context) =>
            context.User.Identity?.IsAuthenticated == true
                ? Results.Ok()
                : Results.Unauthorized()); // AUTH001: flagged

        app.MapGet("/api/invoices/{id}", (int id) => Results.Challenge()); // correct: the handler writes the challenge

        app.MapGet("/api/health/secure", (HttpContext context) =>
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized; // AUTH001: flagged
            return Task.CompletedTask;
        });
    }
}

public static class Auth001CookieApi
{
    // Called from nowhere: cookie authentication for an API, the most copied workaround.
    public static void AddCookieApi(IServiceCollection services)
    {
        services.AddAuthentication().AddCookie(options =>
        {
            options.Events.OnRedirectToLogin = context =>
            {
                context.Response.StatusCode = 401; // AUTH001: flagged
                return Task.CompletedTask;
            };
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = 403; // correct: a 403 needs no challenge
                return Task.CompletedTask;
            };
        });
    }
}

public sealed class ApiKeyOptions : AuthenticationSchemeOptions
{
}

// AUTH001: flagged, the inherited HandleChallengeAsync answers a bare 401
public sealed class ApiKeyHandler(IOptionsMonitor<ApiKeyOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<ApiKeyOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue("X-Api-Key", out var key) || key.Count == 0)
            return Task.FromResult(AuthenticateResult.NoResult());
        var identity = new ClaimsIdentity(new[] { new Claim(ClaimTypes.Name, "client") }, Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }
}

// correct: the challenge appends WWW-Authenticate and lets the base set the status
public sealed class ChallengingApiKeyHandler(IOptionsMonitor<ApiKeyOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<ApiKeyOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Task.FromResult(AuthenticateResult.NoResult());

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.Append(HeaderNames.WWWAuthenticate, Scheme.Name);
        return base.HandleChallengeAsync(properties);
    }
}
