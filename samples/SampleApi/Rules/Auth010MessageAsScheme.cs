using Microsoft.AspNetCore.Mvc;

namespace SampleApi.Rules;

[ApiController]
[Route("api/projects")]
public class ProjectsController : ControllerBase
{
    [HttpDelete("{id}")]
    public IActionResult Delete(int id)
    {
        if (!User.IsInRole("Owner"))
            return Forbid("Only the owner can delete a project."); // AUTH010: flagged, a message is not a scheme name
        return NoContent();
    }

    [HttpPut("{id}")]
    public IActionResult Update(int id)
    {
        if (!User.IsInRole("Maintainer"))
            return Forbid("Admin"); // AUTH010: flagged, no scheme named "Admin" is registered
        return NoContent();
    }

    [HttpPost("{id}/archive")]
    public IActionResult Archive(int id)
    {
        if (!User.IsInRole("Owner"))
            return Problem(statusCode: StatusCodes.Status403Forbidden, detail: "Only the owner can archive a project."); // correct
        return NoContent();
    }

    [HttpPost("{id}/restore")]
    public IActionResult Restore(int id)
    {
        if (!User.IsInRole("Owner"))
            return Forbid("ApiKey"); // correct: the scheme registered in Program.cs
        return NoContent();
    }
}
