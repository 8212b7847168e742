using System.Threading.Tasks;
using AuthStatus.Analyzers.Rules;
using AuthStatus.Analyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = AuthStatus.Analyzers.Tests.Infrastructure.Verifier<AuthStatus.Analyzers.Rules.Auth001UnauthorizedWithoutChallengeAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace AuthStatus.Analyzers.Tests.Rules;

public class Auth001SmokeTests
{
    [Fact]
    public async Task ControllerUnauthorized_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : ControllerBase
            {
                public IActionResult Get(string? key)
                {
                    if (key is null)
                        return [|Unauthorized()|];
                    return Ok();
                }
            }
            """);
    }
}
