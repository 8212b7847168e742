using System.Threading.Tasks;
using AuthStatus.Analyzers.CodeFixes;
using AuthStatus.Analyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = AuthStatus.Analyzers.Tests.Infrastructure.Verifier<
    AuthStatus.Analyzers.Rules.Auth010MessageGivenAsSchemeAnalyzer,
    AuthStatus.Analyzers.CodeFixes.Auth010MessageGivenAsSchemeCodeFixProvider>;

namespace AuthStatus.Analyzers.Tests.Rules;

public class Auth010MessageGivenAsSchemeTests
{
    private static readonly TestOptions Jwt = new() { JwtBearer = true };

    // ---------------------------------------------------------------- shapes that trigger

    [Fact]
    public async Task MessagesThatCannotBeSchemes_Trigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Authentication;
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : ControllerBase
            {
                private const string Denied = "You are not allowed to do this.";

                public IActionResult A() => Forbid([|"Access denied"|]);
                public IActionResult B() => Challenge([|"Please sign in!"|]);
                public IActionResult C() => Forbid(new AuthenticationProperties(), [|"Not the owner."|]);
                public IActionResult D() => new ForbidResult([|"Missing role: Admin"|]);
                public IActionResult E() => new ChallengeResult(new List<string> { [|"token expired"|] });
                public IActionResult F() => Forbid([|Denied|]);
                public async Task G() => await HttpContext.ForbidAsync([|"Forbidden."|]);
                public async Task H() => await HttpContext.ChallengeAsync([|"Unauthorized, sign in"|], new AuthenticationProperties());
            }

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", () => Results.Forbid(authenticationSchemes: new[] { [|"Insufficient scope"|] }));
                    app.MapGet("/b", () => TypedResults.Challenge(null, new List<string> { [|"no token"|] }));
                }
            }
            """);
    }

    [Fact]
    public async Task UnregisteredTokenWithCompleteRegistrations_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.AspNetCore.Mvc;

            public static class Setup
            {
                public static void Configure(IServiceCollection services) =>
                    services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer().AddJwtBearer("Partner", _ => { });
            }

            public class OrdersController : ControllerBase
            {
                public IActionResult A() => Forbid({|#0:"Admin"|});
                public IActionResult B() => Forbid("Partner");
                public IActionResult C() => Forbid(JwtBearerDefaults.AuthenticationScheme);
                public IActionResult D() => Challenge("Bearer", "Partner");
            }
            """,
            Jwt,
            VerifyCS.Diagnostic(Descriptors.AUTH010_MessageGivenAsScheme).WithLocation(0).WithArguments("Forbid", "Admin", " (registered schemes: Bearer, Partner)"));
    }

    // ---------------------------------------------------------------- look-alikes that do not trigger

    [Fact]
    public async Task SchemeNames_DoNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Authentication;
            using Microsoft.AspNetCore.Authentication.Cookies;
            using Microsoft.AspNetCore.Mvc;

            public static class Schemes
            {
                public const string ApiKeyScheme = "Api Key";
            }

            public class OrdersController : ControllerBase
            {
                public IActionResult A() => Forbid("Partner");
                public IActionResult B() => Forbid(CookieAuthenticationDefaults.AuthenticationScheme);
                public IActionResult C() => Challenge("Identity.Application");
                public IActionResult D() => Forbid(Schemes.ApiKeyScheme);
                public IActionResult E(string scheme) => Forbid(scheme);
                public IActionResult F() => Forbid();
                public IActionResult G() => Problem(statusCode: 403, detail: "Access denied");
                public async Task H() => await HttpContext.SignOutAsync("Cookies");
            }
            """);
    }

    [Fact]
    public async Task UnknownPackageRegistration_DoesNotTriggerOnTokens()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Authentication;
            using Microsoft.AspNetCore.Mvc;

            public static class Setup
            {
                public static void Configure(IServiceCollection services) => services.AddAuthentication().AddCookie();
            }

            public class OrdersController : ControllerBase
            {
                public IActionResult A() => Forbid("Cookies");
                public IActionResult B() => Forbid("Bearer");
            }
            """);
    }

    [Fact]
    public async Task LibraryRegistrationTheListDoesNotRead_TokensDoNotTrigger()
    {
        // AddRemoteScheme (a framework method the registration list does not read) may register any name: only text that
        // cannot be a scheme name is reported.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Text.Encodings.Web;
            using Microsoft.AspNetCore.Authentication;
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.Options;

            public sealed class PartnerOptions : RemoteAuthenticationOptions { }

            public sealed class PartnerHandler : RemoteAuthenticationHandler<PartnerOptions>
            {
                public PartnerHandler(IOptionsMonitor<PartnerOptions> options, ILoggerFactory logger, UrlEncoder encoder) : base(options, logger, encoder) { }

                protected override Task<HandleRequestResult> HandleRemoteAuthenticateAsync() => Task.FromResult(HandleRequestResult.NoResult());
            }

            public static class Setup
            {
                public static void Configure(IServiceCollection services) =>
                    services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
                        .AddJwtBearer()
                        .AddRemoteScheme<PartnerOptions, PartnerHandler>("Partner", "Partner", _ => { });
            }

            public class OrdersController : ControllerBase
            {
                public IActionResult A() => Forbid("Admin");
                public IActionResult B() => Forbid({|#0:"Forbidden."|});
            }
            """,
            Jwt,
            VerifyCS.Diagnostic(Descriptors.AUTH010_MessageGivenAsScheme).WithLocation(0).WithArguments("Forbid", "Forbidden.", ""));
    }

    [Fact]
    public async Task SchemeNamedLikeAMessage_RegisteredWithThatName_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Mvc;

            public static class Setup
            {
                public static void Configure(IServiceCollection services) => services.AddAuthentication().AddCookie("Partner cookie");
            }

            public class OrdersController : ControllerBase
            {
                public IActionResult A() => Forbid("Partner cookie");
            }
            """);
    }

    // ---------------------------------------------------------------- fixes

    [Fact]
    public async Task MessageInBody_Forbid()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : ControllerBase
            {
                public IActionResult A() => Forbid([|"Access denied"|]);
                public IActionResult B() => new ForbidResult([|"Access denied"|]);
                public IResult C() => Results.Forbid(authenticationSchemes: new[] { [|"Access denied"|] });
            }
            """,
            """
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : ControllerBase
            {
                public IActionResult A() => Problem(statusCode: StatusCodes.Status403Forbidden, detail: "Access denied");
                public IActionResult B() => new ObjectResult("Access denied") { StatusCode = StatusCodes.Status403Forbidden };
                public IResult C() => Results.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "Access denied");
            }
            """,
            Auth010MessageGivenAsSchemeCodeFixProvider.MessageInBodyKey);
    }

    [Fact]
    public async Task DropArgument_ForbidAndChallenge()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using Microsoft.AspNetCore.Authentication;
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : ControllerBase
            {
                public IActionResult A() => Challenge([|"Please sign in"|]);
                public IActionResult B() => Forbid(new AuthenticationProperties(), [|"Not yours."|]);
                public async Task C() => await HttpContext.ForbidAsync([|"Forbidden."|]);
                public IResult D() => Results.Challenge(authenticationSchemes: new[] { [|"no token"|] });
            }
            """,
            """
            using Microsoft.AspNetCore.Authentication;
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : ControllerBase
            {
                public IActionResult A() => Challenge();
                public IActionResult B() => Forbid(new AuthenticationProperties());
                public async Task C() => await HttpContext.ForbidAsync();
                public IResult D() => Results.Challenge();
            }
            """,
            Auth010MessageGivenAsSchemeCodeFixProvider.DropArgumentKey);
    }

    [Fact]
    public async Task MessageInBody_NotOfferedForChallenge()
    {
        await VerifyCS.VerifyNoCodeFixAsync(
            """
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : ControllerBase
            {
                public IActionResult A() => Challenge([|"Please sign in"|]);
            }
            """,
            Auth010MessageGivenAsSchemeCodeFixProvider.MessageInBodyKey);
    }
}
