using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace SampleApi.Rules;

[ApiController]
[Route("api/orders")]
public class OrdersScopeController : ControllerBase
{
    [HttpGet]
    public IActionResult List()
    {
        if (!User.HasClaim("scope", "orders.read"))
        {
            return StatusCode(StatusCodes.Status403Forbidden); // AUTH009: flagged (a suggestion: shown in the IDE), name the scope the token lacks
        }

        return Ok();
    }

    [HttpPost]
    public IActionResult Create()
    {
        if (!User.HasClaim("scope", "orders.write"))
        {
            // correct: RFC 6750 §3.1 insufficient_scope names the scope needed
            Response.Headers.Append(HeaderNames.WWWAuthenticate, "Bearer error=\"insufficient_scope\", scope=\"orders.write\"");
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        return Ok();
    }
}
