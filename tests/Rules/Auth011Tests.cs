using System.Threading.Tasks;
using AuthStatus.Analyzers.CodeFixes;
using AuthStatus.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using VerifyCS = AuthStatus.Analyzers.Tests.Infrastructure.Verifier<AuthStatus.Analyzers.Rules.Auth004Auth011PipelineOrderAnalyzer, AuthStatus.Analyzers.CodeFixes.Auth011SwapAuthenticationCodeFix>;

namespace AuthStatus.Analyzers.Tests.Rules;

public class Auth011Tests
{
    private static readonly TestOptions TopLevel = new() { TopLevel = true };

    [Fact]
    public async Task TopLevelStatements_AuthorizationBeforeAuthentication_Triggers()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication();
            builder.Services.AddAuthorization();
            var app = builder.Build();

            app.UseRouting();
            // authorization
            {|AUTH011:app.UseAuthorization()|};
            // authentication
            app.UseAuthentication(); // trailing
            app.MapGet("/", () => "hi");
            app.Run();
            """,
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication();
            builder.Services.AddAuthorization();
            var app = builder.Build();

            app.UseRouting();
            // authentication
            app.UseAuthentication(); // trailing
            // authorization
            app.UseAuthorization();
            app.MapGet("/", () => "hi");
            app.Run();
            """,
            Auth011SwapAuthenticationCodeFix.SwapKey,
            TopLevel);
    }

    [Fact]
    public async Task StartupConfigure_AuthorizationBeforeAuthentication_Triggers()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            public class Startup
            {
                public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
                {
                    app.UseRouting();
                    {|AUTH011:app.UseAuthorization()|};
                    app.UseStaticFiles();
                    app.UseAuthentication();
                    app.UseEndpoints(endpoints => endpoints.MapControllers());
                }
            }
            """,
            """
            public class Startup
            {
                public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
                {
                    app.UseRouting();
                    app.UseAuthentication();
                    app.UseStaticFiles();
                    app.UseAuthorization();
                    app.UseEndpoints(endpoints => endpoints.MapControllers());
                }
            }
            """,
            Auth011SwapAuthenticationCodeFix.SwapKey);
    }

    [Fact]
    public async Task ExtensionMethod_AuthorizationBeforeAuthentication_Triggers()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            public static class PipelineExtensions
            {
                public static IApplicationBuilder UseSecurity(this IApplicationBuilder app)
                {
                    {|AUTH011:app.UseAuthorization()|};
                    app.UseAuthentication();
                    return app;
                }
            }
            """,
            """
            public static class PipelineExtensions
            {
                public static IApplicationBuilder UseSecurity(this IApplicationBuilder app)
                {
                    app.UseAuthentication();
                    app.UseAuthorization();
                    return app;
                }
            }
            """,
            Auth011SwapAuthenticationCodeFix.SwapKey);
    }

    [Fact]
    public async Task OwnExtensionCalledAfterAuthorization_Triggers()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            public static class PipelineExtensions
            {
                public static IApplicationBuilder UseMyAuthentication(this IApplicationBuilder app)
                {
                    return app.UseAuthentication();
                }
            }

            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    {|AUTH011:app.UseAuthorization()|};
                    app.UseMyAuthentication();
                }
            }
            """,
            """
            public static class PipelineExtensions
            {
                public static IApplicationBuilder UseMyAuthentication(this IApplicationBuilder app)
                {
                    return app.UseAuthentication();
                }
            }

            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseMyAuthentication();
                    app.UseAuthorization();
                }
            }
            """,
            Auth011SwapAuthenticationCodeFix.SwapKey);
    }

    [Fact]
    public async Task ConditionalAuthenticationAfterAuthorization_Triggers()
    {
        await VerifyCS.VerifyNoCodeFixAsync(
            """
            public class Startup
            {
                public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
                {
                    {|AUTH011:app.UseAuthorization()|};
                    if (!env.IsDevelopment())
                    {
                        app.UseAuthentication();
                    }
                }
            }
            """,
            Auth011SwapAuthenticationCodeFix.SwapKey);
    }

    [Fact]
    public async Task ChainedCalls_Triggers()
    {
        await VerifyCS.VerifyNoCodeFixAsync(
            """
            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    {|AUTH011:app.UseAuthorization()|}.UseAuthentication();
                }
            }
            """,
            Auth011SwapAuthenticationCodeFix.SwapKey);
    }

    [Fact]
    public async Task UseWhenBranchAfterAuthorization_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    {|AUTH011:app.UseAuthorization()|};
                    app.UseWhen(
                        context => context.Request.Path.StartsWithSegments("/api"),
                        api => api.UseAuthentication());
                }
            }
            """);
    }

    [Fact]
    public async Task FixAll_TwoPipelines_Triggers()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    {|AUTH011:app.UseAuthorization()|};
                    app.UseAuthentication();
                }

                public void ConfigureStaging(IApplicationBuilder app)
                {
                    {|AUTH011:app.UseAuthorization()|};
                    app.UseAuthentication();
                }
            }
            """,
            """
            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    app.UseAuthentication();
                    app.UseAuthorization();
                }

                public void ConfigureStaging(IApplicationBuilder app)
                {
                    app.UseAuthentication();
                    app.UseAuthorization();
                }
            }
            """,
            Auth011SwapAuthenticationCodeFix.SwapKey);
    }

    [Fact]
    public async Task CorrectOrder_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            var builder = WebApplication.CreateBuilder(args);
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
    public async Task AuthenticationAlsoBeforeAuthorization_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    app.UseAuthentication();
                    app.UseAuthorization();
                    app.UseAuthentication();
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
                    if (env.IsDevelopment())
                    {
                        app.UseAuthorization();
                    }
                    else
                    {
                        app.UseAuthentication();
                    }
                }

                public void ConfigureByName(IApplicationBuilder app, IWebHostEnvironment env)
                {
                    switch (env.EnvironmentName)
                    {
                        case "A":
                            app.UseAuthorization();
                            break;
                        default:
                            app.UseAuthentication();
                            break;
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task EarlyReturnBranch_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            public static class PipelineExtensions
            {
                public static IApplicationBuilder UseSecurity(this IApplicationBuilder app, bool anonymous)
                {
                    if (anonymous)
                    {
                        app.UseAuthorization();
                        return app;
                    }

                    app.UseAuthentication();
                    app.UseAuthorization();
                    return app;
                }
            }
            """);
    }

    [Fact]
    public async Task DifferentMethods_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            public static class PipelineExtensions
            {
                public static IApplicationBuilder UseMyAuthorization(this IApplicationBuilder app) => app.UseAuthorization();

                public static IApplicationBuilder UseMyAuthentication(this IApplicationBuilder app) => app.UseAuthentication();
            }

            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    app.UseMyAuthentication();
                    app.UseMyAuthorization();
                }
            }
            """);
    }

    [Fact]
    public async Task UseWhenBranchWithAuthenticationBeforeIt_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    app.UseAuthentication();
                    app.UseWhen(
                        context => context.Request.Path.StartsWithSegments("/api"),
                        api => api.UseAuthorization());
                    app.MapWhen(
                        context => context.Request.Path.StartsWithSegments("/admin"),
                        admin =>
                        {
                            admin.UseAuthentication();
                            admin.UseAuthorization();
                        });
                }
            }
            """);
    }

    [Fact]
    public async Task LookAlikeMethodsNotOnTheBuilder_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            public class Pipeline
            {
                public Pipeline UseAuthorization() => this;
                public Pipeline UseAuthentication() => this;
            }

            public class Startup
            {
                public void Configure(Pipeline pipeline)
                {
                    pipeline.UseAuthorization();
                    pipeline.UseAuthentication();
                }
            }
            """);
    }

    [Fact]
    public async Task BrokenCode_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    app.UseAuthorization();
                    app.UseUnknown();
                    UnknownHelper(app);
                    app.UseMiddleware<Missing>();
                }
            }
            """,
            new TestOptions { CompilerDiagnostics = CompilerDiagnostics.None });
    }

    [Fact]
    public async Task WithoutAspNetCore_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            public class Startup
            {
                public void Configure(object app) { }
            }
            """,
            new TestOptions { ImplicitUsings = false, References = v => TestReferences.Core(v) });
    }

    [Fact]
    public async Task LocalFunctionAndConfigureLambda_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.WebHost.Configure(web =>
            {
                {|AUTH011:web.UseAuthorization()|};
                web.UseAuthentication();
            });
            var app = builder.Build();
            ConfigurePipeline(app);
            app.Run();

            static void ConfigurePipeline(IApplicationBuilder pipeline)
            {
                {|AUTH011:pipeline.UseAuthorization()|};
                pipeline.UseAuthentication();
            }
            """,
            TopLevel);
    }
}
