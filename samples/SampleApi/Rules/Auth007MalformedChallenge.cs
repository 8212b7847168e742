using Microsoft.Net.Http.Headers;

namespace SampleApi.Rules;

/// <summary>AUTH007: WWW-Authenticate values checked against RFC 9110 §11.6.1, RFC 6750 §3 and RFC 7617.</summary>
public static class Auth007Challenges
{
    public static void WriteChallenges(HttpResponse response, Exception error, string realm)
    {
        // AUTH007: flagged, a comma right after the scheme ends the challenge
        response.Headers.Append(HeaderNames.WWWAuthenticate, "Bearer, error=\"invalid_token\"");

        // AUTH007: flagged, an unquoted value with spaces
        response.Headers.Append(HeaderNames.WWWAuthenticate, "Bearer error=\"invalid_token\", error_description=The token expired");

        // AUTH007: flagged, 'token_expired' is not an RFC 6750 error code
        response.Headers.Append(HeaderNames.WWWAuthenticate, "Bearer error=\"token_expired\"");

        // AUTH007: flagged, Basic requires realm
        response.Headers.Append(HeaderNames.WWWAuthenticate, "Basic");

        // AUTH007: flagged, an exception message inside quotes can carry '"' and break the header
        response.Headers.Append(HeaderNames.WWWAuthenticate, $"Bearer error=\"invalid_token\", error_description=\"{error.Message}\"");

        // AUTH007: flagged, one challenge split across two header values
        response.Headers.WWWAuthenticate = new[] { "Bearer", "error=\"invalid_token\"" };

        // correct
        response.Headers.Append(HeaderNames.WWWAuthenticate, "Bearer realm=\"example\", error=\"invalid_token\", error_description=\"The access token expired\"");

        // correct
        response.Headers.Append(HeaderNames.WWWAuthenticate, $"Basic realm=\"{Uri.EscapeDataString(realm)}\", charset=\"UTF-8\"");

        // correct: two challenges, two values
        response.Headers.WWWAuthenticate = new[] { "Bearer", "Basic realm=\"api\"" };
    }
}
