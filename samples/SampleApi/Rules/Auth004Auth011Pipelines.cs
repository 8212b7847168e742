// AUTH004 (authentication blocks CORS preflight) and AUTH011 (UseAuthentication after UseAuthorization).
// Each wrong pipeline is a static method of its own, next to the correct form; none of them is called by Program.cs.
// AUTH004's fourth shape (an [Authorize] OPTIONS endpoint that answers preflights by hand) is reported only in an app
// that has no UseCors() call at all, so it cannot be shown in this project, which calls UseCors() below.
namespace SampleApi.Rules;

public static class Auth004Auth011Pipelines
{
    public static void AuthorizationBeforeAuthentication(IApplicationBuilder app)
    {
        app.UseRouting();
        app.UseAuthorization(); // AUTH011: flagged, authorization runs before the user is authenticated
        app.UseAuthentication();
    }

    public static void AuthenticationBeforeAuthorization(IApplicationBuilder app)
    {
        app.UseRouting();
        app.UseAuthentication(); // correct
        app.UseAuthorization();
    }

    public static void CorsAfterAuthorization(IApplicationBuilder app)
    {
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseCors("spa"); // AUTH004: flagged, UseAuthorization() answers preflights 401 before CORS does
    }

    public static void CorsBeforeAuthentication(IApplicationBuilder app)
    {
        app.UseRouting();
        app.UseCors("spa"); // correct: the CORS middleware answers preflights itself
        app.UseAuthentication();
        app.UseAuthorization();
    }

    public static WebApplication ImplicitAuthentication(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(options => options.AddPolicy("spa", policy => policy.WithOrigins("https://spa.example")));
        builder.Services.AddAuthentication();
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseCors(); // AUTH004: flagged, WebApplication adds UseAuthentication/UseAuthorization right after routing, before this
        app.MapGet("/orders", () => "orders").RequireAuthorization().RequireCors("spa");
        return app;
    }

    public static WebApplication ExplicitAuthentication(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(options => options.AddPolicy("spa", policy => policy.WithOrigins("https://spa.example")));
        builder.Services.AddAuthentication();
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseCors(); // correct: explicit calls after UseCors() replace the implicit ones
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/orders", () => "orders").RequireAuthorization().RequireCors("spa");
        return app;
    }

    public static void GateBeforeCors(IApplicationBuilder app)
    {
        app.UseMiddleware<ApiKeyGateMiddleware>(); // AUTH004: flagged, answers preflights 401 before UseCors()
        app.UseCors("spa");
    }

    public static void GateAfterCors(IApplicationBuilder app)
    {
        app.UseCors("spa");
        app.UseMiddleware<ApiKeyGateMiddleware>(); // correct: preflights never reach it
    }

    public static void PreflightAwareGateBeforeCors(IApplicationBuilder app)
    {
        app.UseMiddleware<PreflightAwareGateMiddleware>(); // correct: passes preflights on
        app.UseCors("spa");
    }
}

public sealed class ApiKeyGateMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Headers.ContainsKey("X-Api-Key"))
        {
            context.Response.Headers.Append("WWW-Authenticate", "ApiKey");
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        await next(context);
    }
}

public sealed class PreflightAwareGateMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsOptions(context.Request.Method)
            && context.Request.Headers.ContainsKey("Origin")
            && context.Request.Headers.ContainsKey("Access-Control-Request-Method"))
        {
            // A CORS preflight carries no credentials: let the CORS middleware answer it.
            await next(context);
            return;
        }

        if (!context.Request.Headers.ContainsKey("X-Api-Key"))
        {
            context.Response.Headers.Append("WWW-Authenticate", "ApiKey");
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        await next(context);
    }
}
