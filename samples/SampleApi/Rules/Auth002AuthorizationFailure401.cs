using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace SampleApi.Rules;

public sealed class Document
{
    public string? OwnerId { get; init; }
}

[ApiController]
[Route("api/documents")]
public class DocumentsController(IAuthorizationService authorization) : ControllerBase
{
    [HttpDelete("{id}")]
    public IActionResult Delete(int id)
    {
        if (!User.IsInRole("Admin"))
            return Unauthorized(); // AUTH002: flagged, a known caller without the role gets 403
        return NoContent();
    }

    [HttpPut("{id}")]
    public async Task<IActionResult> Edit(int id, Document document)
    {
        var result = await authorization.AuthorizeAsync(User, document, "EditPolicy");
        if (!result.Succeeded)
            return StatusCode(StatusCodes.Status401Unauthorized); // AUTH002: flagged
        return Ok();
    }

    [HttpPost("{id}/publish")]
    public IActionResult Publish(int id)
    {
        if (!User.IsInRole("Editor"))
            return StatusCode(StatusCodes.Status403Forbidden); // correct: permission failures are 403
        return Ok();
    }

    [HttpGet("{id}")]
    public IActionResult Get(int id)
    {
        if (User.Identity?.IsAuthenticated != true)
            return Challenge(); // correct: an unknown caller is challenged (401 with the scheme's header)
        return Ok(new { id });
    }
}
