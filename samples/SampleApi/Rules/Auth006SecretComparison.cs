using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace SampleApi.Rules;

[ApiController]
[Route("api/webhooks")]
public class WebhooksController(IConfiguration configuration) : ControllerBase
{
    [HttpPost("github")]
    public IActionResult GitHub([FromHeader(Name = "X-Hub-Signature-256")] string signature, [FromBody] string payload)
    {
        var secret = configuration["Webhooks:Secret"] ?? "";
        var expected = "sha256=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(payload))).ToLowerInvariant();
        if (signature != expected) // AUTH006: flagged (timing side channel)
            return StatusCode(StatusCodes.Status403Forbidden);
        return Ok();
    }

    [HttpPost("stripe")]
    public IActionResult Stripe([FromHeader(Name = "X-Signature")] string signature, [FromBody] string payload)
    {
        var secret = configuration["Webhooks:Secret"] ?? "";
        var expected = Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(payload)));
        if (!string.Equals(signature, expected, StringComparison.Ordinal)) // AUTH006: flagged (ordinal is not constant time)
            return StatusCode(StatusCodes.Status403Forbidden);
        return Ok();
    }

    [HttpPost("safe")]
    public IActionResult Safe([FromHeader(Name = "X-Signature")] string signature, [FromBody] string payload)
    {
        var secret = configuration["Webhooks:Secret"] ?? "";
        var expected = Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(payload)));
        // correct: fixed-size digests compared in constant time
        if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(signature)), SHA256.HashData(Encoding.UTF8.GetBytes(expected))))
            return StatusCode(StatusCodes.Status403Forbidden);
        return Ok();
    }

    [HttpGet("page")]
    public IActionResult Page(string? pageToken, CancellationToken cancellationToken)
    {
        // correct: a page token is not a secret, and null/empty checks leak nothing
        if (string.IsNullOrEmpty(pageToken) || pageToken == "start")
            return Ok(Array.Empty<string>());
        return Ok(new[] { pageToken });
    }

    public static bool SignatureMatches(byte[] signature, byte[] expected)
    {
        if (signature.Length != expected.Length)
            return false;
        for (var i = 0; i < signature.Length; i++)
        {
            if (signature[i] != expected[i]) // AUTH006: flagged (exits at the first difference)
                return false;
        }

        return true;
    }
}
