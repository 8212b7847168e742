using System.Threading.Tasks;
using AuthStatus.Analyzers.CodeFixes;
using AuthStatus.Analyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = AuthStatus.Analyzers.Tests.Infrastructure.Verifier<AuthStatus.Analyzers.Rules.Auth004Auth011PipelineOrderAnalyzer, AuthStatus.Analyzers.CodeFixes.Auth004CorsPreflightCodeFix>;

namespace AuthStatus.Analyzers.Tests.Rules;

/// <summary>AUTH004 shapes 1 (UseCors after UseAuthorization) and 1b (UseCors with implicit authentication under minimal hosting).</summary>
public class Auth004PipelineTests
{
    private static readonly TestOptions TopLevel = new() { TopLevel = true };

    [Fact]
    public async Task TopLevelUseCorsAfterAuthorization_Triggers()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors();
            builder.Services.AddAuthentication();
            builder.Services.AddAuthorization();
            var app = builder.Build();

            app.UseHttpsRedirection();
            app.UseRouting();
            app.UseAuthentication();
            app.UseAuthorization();
            // CORS for the SPA
            {|AUTH004:app.UseCors(policy => policy.WithOrigins("https://spa.example"))|};
            app.MapGet("/", () => "hi").RequireAuthorization();
            app.Run();
            """,
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors();
            builder.Services.AddAuthentication();
            builder.Services.AddAuthorization();
            var app = builder.Build();

            app.UseHttpsRedirection();
            app.UseRouting();
            // CORS for the SPA
            app.UseCors(policy => policy.WithOrigins("https://spa.example"));
            app.UseAuthentication();
            app.UseAuthorization();
            app.MapGet("/", () => "hi").RequireAuthorization();
            app.Run();
            """,
            Auth004CorsPreflightCodeFix.MoveUseCorsKey,
            TopLevel);
    }

    [Fact]
    public async Task StartupUseCorsAfterAuthorization_Triggers()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseAuthorization();
                    {|AUTH004:app.UseCors("spa")|};
                    app.UseEndpoints(endpoints => endpoints.MapControllers());
                }
            }
            """,
            """
            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseCors("spa");
                    app.UseAuthorization();
                    app.UseEndpoints(endpoints => endpoints.MapControllers());
                }
            }
            """,
            Auth004CorsPreflightCodeFix.MoveUseCorsKey);
    }

    [Fact]
    public async Task OwnCorsExtensionAfterAuthorization_Triggers()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            public static class CorsSetup
            {
                public static IApplicationBuilder UseSpaCors(this IApplicationBuilder app)
                {
                    app.UseCors("spa");
                    return app;
                }
            }

            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseAuthentication();
                    app.UseAuthorization();
                    {|AUTH004:app.UseSpaCors()|};
                }
            }
            """,
            """
            public static class CorsSetup
            {
                public static IApplicationBuilder UseSpaCors(this IApplicationBuilder app)
                {
                    app.UseCors("spa");
                    return app;
                }
            }

            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseSpaCors();
                    app.UseAuthentication();
                    app.UseAuthorization();
                }
            }
            """,
            Auth004CorsPreflightCodeFix.MoveUseCorsKey);
    }

    [Fact]
    public async Task WrongOrderInsideExtensionMethod_Triggers()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            public static class PipelineSetup
            {
                public static WebApplication UseApiPipeline(this WebApplication app)
                {
                    app.UseAuthentication();
                    app.UseAuthorization();
                    {|AUTH004:app.UseCors()|};
                    return app;
                }
            }
            """,
            """
            public static class PipelineSetup
            {
                public static WebApplication UseApiPipeline(this WebApplication app)
                {
                    app.UseCors();
                    app.UseAuthentication();
                    app.UseAuthorization();
                    return app;
                }
            }
            """,
            Auth004CorsPreflightCodeFix.MoveUseCorsKey);
    }

    [Fact]
    public async Task ConditionalUseCorsAfterAuthorization_Triggers()
    {
        await VerifyCS.VerifyNoCodeFixAsync(
            """
            public class Startup
            {
                public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
                {
                    app.UseRouting();
                    app.UseAuthorization();
                    if (env.IsDevelopment())
                    {
                        {|AUTH004:app.UseCors()|};
                    }
                }
            }
            """,
            Auth004CorsPreflightCodeFix.MoveUseCorsKey);
    }

    [Fact]
    public async Task UseCorsInBranchAfterAuthorization_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseAuthorization();
                    app.UseWhen(
                        context => context.Request.Path.StartsWithSegments("/api"),
                        api => {|AUTH004:api.UseCors()|});
                }
            }
            """);
    }

    [Fact]
    public async Task AuthorizationBeforeRouting_TriggersWithoutFix()
    {
        await VerifyCS.VerifyNoCodeFixAsync(
            """
            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    app.UseAuthorization();
                    app.UseRouting();
                    {|AUTH004:app.UseCors()|};
                }
            }
            """,
            Auth004CorsPreflightCodeFix.MoveUseCorsKey);
    }

    [Fact]
    public async Task CorrectOrder_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors();
            builder.Services.AddAuthentication();
            builder.Services.AddAuthorization();
            var app = builder.Build();
            app.UseRouting();
            app.UseCors();
            app.UseAuthentication();
            app.UseAuthorization();
            app.MapGet("/", () => "hi");
            app.Run();
            """,
            TopLevel);
    }

    [Fact]
    public async Task UseCorsAfterAuthenticationOnly_DoesNotTrigger()
    {
        // The authentication middleware never rejects a request; only authorization does (checked with real requests).
        await VerifyCS.VerifyAnalyzerAsync(
            """
            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseAuthentication();
                    app.UseCors();
                    app.UseAuthorization();
                }
            }
            """);
    }

    [Fact]
    public async Task CorrectOrderInsideOwnExtension_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            public static class Security
            {
                public static IApplicationBuilder UseSecurity(this IApplicationBuilder app)
                {
                    app.UseCors("spa");
                    app.UseAuthentication();
                    return app.UseAuthorization();
                }
            }

            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseSecurity();
                    app.UseEndpoints(endpoints => endpoints.MapControllers());
                }
            }
            """);
    }

    [Fact]
    public async Task ExclusiveBranches_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            public class Startup
            {
                public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
                {
                    app.UseRouting();
                    if (env.IsDevelopment())
                    {
                        app.UseAuthorization();
                    }
                    else
                    {
                        app.UseCors();
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task MapWhenBranchIsNotTheMainPipeline_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    app.MapWhen(
                        context => context.Request.Path.StartsWithSegments("/admin"),
                        admin => admin.UseAuthorization());
                    app.UseRouting();
                    app.UseCors();
                }
            }
            """);
    }

    [Fact]
    public async Task LookAlikeUseCors_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            public static class Fake
            {
                public static IApplicationBuilder UseAuthorization(this IApplicationBuilder app, string policy) => app;
            }

            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    app.UseAuthorization("admin");
                    app.UseCors();
                }
            }
            """);
    }

    [Fact]
    public async Task ImplicitAuthenticationUnderMinimalHosting_Triggers()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options => options.AddDefaultPolicy(policy => policy.WithOrigins("https://spa.example")));
            builder.Services.AddAuthentication("Bearer");
            builder.Services.AddAuthorization();
            var app = builder.Build();

            {|AUTH004:app.UseCors()|};
            app.MapGet("/orders", () => "orders").RequireAuthorization().RequireCors(policy => policy.WithOrigins("https://spa.example"));
            app.Run();
            """,
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options => options.AddDefaultPolicy(policy => policy.WithOrigins("https://spa.example")));
            builder.Services.AddAuthentication("Bearer");
            builder.Services.AddAuthorization();
            var app = builder.Build();

            app.UseCors();
            app.UseAuthentication();
            app.UseAuthorization();
            app.MapGet("/orders", () => "orders").RequireAuthorization().RequireCors(policy => policy.WithOrigins("https://spa.example"));
            app.Run();
            """,
            Auth004CorsPreflightCodeFix.ExplicitAuthenticationKey,
            TopLevel);
    }

    [Fact]
    public async Task ImplicitAuthorizationOnlyInMainMethod_Triggers()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            public static class Program
            {
                public static void Main(string[] args)
                {
                    var builder = WebApplication.CreateBuilder(args);
                    builder.Services.AddCors();
                    builder.Services.AddAuthorization(options => options.FallbackPolicy = options.DefaultPolicy);
                    var app = builder.Build();
                    app.UseRouting();
                    {|AUTH004:app.UseCors("spa")|};
                    app.MapGet("/", () => "hi");
                    app.Run();
                }
            }
            """,
            """
            public static class Program
            {
                public static void Main(string[] args)
                {
                    var builder = WebApplication.CreateBuilder(args);
                    builder.Services.AddCors();
                    builder.Services.AddAuthorization(options => options.FallbackPolicy = options.DefaultPolicy);
                    var app = builder.Build();
                    app.UseRouting();
                    app.UseCors("spa");
                    app.UseAuthorization();
                    app.MapGet("/", () => "hi");
                    app.Run();
                }
            }
            """,
            Auth004CorsPreflightCodeFix.ExplicitAuthenticationKey);
    }

    [Fact]
    public async Task ImplicitAuthenticationWithLaterUseRouting_TriggersWithoutFix()
    {
        await VerifyCS.VerifyNoCodeFixAsync(
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthorization();
            var app = builder.Build();
            {|AUTH004:app.UseCors()|};
            app.UseRouting();
            app.Run();
            """,
            Auth004CorsPreflightCodeFix.ExplicitAuthenticationKey,
            TopLevel);
    }

    [Fact]
    public async Task ExplicitAuthenticationInOwnExtension_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication();
            builder.Services.AddAuthorization();
            var app = builder.Build();
            app.UseCors();
            app.UseSecurity();
            app.Run();

            static class Security
            {
                public static IApplicationBuilder UseSecurity(this IApplicationBuilder app) => app.UseAuthentication().UseAuthorization();
            }
            """,
            TopLevel);
    }

    [Fact]
    public async Task ImplicitAuthenticationCases_DoesNotTrigger()
    {
        // No authorization services: nothing is added implicitly.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors();
            var app = builder.Build();
            app.UseCors();
            app.Run();
            """,
            TopLevel);

        // An empty builder adds no middleware.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
            builder.Services.AddAuthorization();
            var app = builder.Build();
            app.UseCors();
            app.Run();
            """,
            TopLevel);

        // The app is configured in a method the rule follows, which calls a helper it cannot see into.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthorization();
            var app = builder.Build();
            app.UseCors();
            Pipeline.Configure(app);
            app.Run();

            static class Pipeline
            {
                public static void Configure(WebApplication app) => Security.Apply(app);
            }

            static class Security
            {
                public static void Apply(IApplicationBuilder app) => app.UseAuthorization();
            }
            """,
            TopLevel);
    }

    [Fact]
    public async Task ImplicitAuthenticationOutsideTheBuildingMethod_DoesNotTrigger()
    {
        // The rest of the pipeline may be configured elsewhere.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            public static class PipelineSetup
            {
                public static WebApplication UseApi(this WebApplication app)
                {
                    app.UseCors();
                    return app;
                }
            }
            """);
    }

    [Fact]
    public async Task ExplicitAuthenticationImplicitAuthorization_TriggersWithoutFix()
    {
        await VerifyCS.VerifyNoCodeFixAsync(
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication();
            builder.Services.AddAuthorization();
            var app = builder.Build();
            {|AUTH004:app.UseCors()|};
            app.UseAuthentication();
            app.MapGet("/", () => "hi").RequireAuthorization();
            app.Run();
            """,
            Auth004CorsPreflightCodeFix.ExplicitAuthenticationKey,
            TopLevel);
    }

    [Fact]
    public async Task ExplicitAuthorizationImplicitAuthentication_DoesNotTrigger()
    {
        // Only authentication is implicit, and the authentication middleware never rejects a request.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication();
            builder.Services.AddAuthorization();
            var app = builder.Build();
            app.UseHttpsRedirection();
            app.UseCors();
            app.UseAuthorization();
            app.MapGet("/", () => "hi").RequireAuthorization();
            app.Run();
            """,
            TopLevel);
    }

    [Fact]
    public async Task OwnCorsExtensionWithImplicitAuthentication_Triggers()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthorization();
            var app = builder.Build();
            {|AUTH004:app.UseSpaCors()|};
            app.Run();

            static class CorsSetup
            {
                public static IApplicationBuilder UseSpaCors(this IApplicationBuilder app) => app.UseCors("spa");
            }
            """,
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthorization();
            var app = builder.Build();
            app.UseSpaCors();
            app.UseAuthorization();
            app.Run();

            static class CorsSetup
            {
                public static IApplicationBuilder UseSpaCors(this IApplicationBuilder app) => app.UseCors("spa");
            }
            """,
            Auth004CorsPreflightCodeFix.ExplicitAuthenticationKey,
            TopLevel);
    }

    [Fact]
    public async Task EndpointMappingHelper_DoesNotHideImplicitAuthentication()
    {
        // MapOrders gets the app as an IEndpointRouteBuilder: it maps endpoints and cannot add middleware, so it is no
        // step of the pipeline (an unknown step would make the order unreadable and silence the finding).
        await VerifyCS.VerifyAnalyzerAsync(
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options => options.AddDefaultPolicy(policy => policy.WithOrigins("https://spa.example")));
            builder.Services.AddAuthentication("Bearer");
            builder.Services.AddAuthorization();
            var app = builder.Build();

            {|AUTH004:app.UseCors()|};
            app.MapOrders();
            app.Run();

            static class OrderEndpoints
            {
                public static IEndpointRouteBuilder MapOrders(this IEndpointRouteBuilder endpoints)
                {
                    endpoints.MapGet("/orders", () => "orders").RequireAuthorization();
                    return endpoints;
                }
            }
            """,
            TopLevel);
    }
}
