using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Net.Http.Headers;

namespace SampleApi.Rules;

/// <summary>AUTH008: OnChallenge handlers that call HandleResponse() take over the 401, header included.</summary>
public static class Auth008JwtEvents
{
    public static JwtBearerEvents DropsTheChallenge() => new()
    {
        OnChallenge = async context =>
        {
            context.HandleResponse(); // AUTH008: flagged, the handler no longer sends WWW-Authenticate
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsJsonAsync(new { message = "You are not authorized" });
        },
    };

    public static JwtBearerEvents CustomisesTheError() => new()
    {
        // correct: the supported customisation; the handler still answers 401 with the challenge
        OnChallenge = context =>
        {
            context.ErrorDescription = "The access token is missing or expired";
            return Task.CompletedTask;
        },
    };

    public static JwtBearerEvents WritesItsOwnChallenge() => new()
    {
        // correct: the custom response carries the challenge
        OnChallenge = async context =>
        {
            context.HandleResponse();
            context.Response.Headers.Append(HeaderNames.WWWAuthenticate, context.Options.Challenge);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsJsonAsync(new { message = "You are not authorized" });
        },
    };
}

/// <summary>The same override shape on a JwtBearerEvents subclass.</summary>
public sealed class ApiJwtEvents : JwtBearerEvents
{
    public override Task Challenge(JwtBearerChallengeContext context)
    {
        context.HandleResponse(); // AUTH008: flagged
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return context.Response.WriteAsync("Unauthorized");
    }
}
