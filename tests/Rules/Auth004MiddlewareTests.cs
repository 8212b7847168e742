using System.Threading.Tasks;
using AuthStatus.Analyzers.CodeFixes;
using AuthStatus.Analyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = AuthStatus.Analyzers.Tests.Infrastructure.Verifier<AuthStatus.Analyzers.Rules.Auth004Auth011PipelineOrderAnalyzer, AuthStatus.Analyzers.CodeFixes.Auth004CorsPreflightCodeFix>;

namespace AuthStatus.Analyzers.Tests.Rules;

/// <summary>AUTH004 shape 3: a middleware that answers 401/403 without exempting preflights and runs before UseCors().</summary>
public class Auth004MiddlewareTests
{
    private const string ApiKeyMiddleware = """
        public sealed class ApiKeyMiddleware
        {
            private readonly RequestDelegate _next;

            public ApiKeyMiddleware(RequestDelegate next) => _next = next;

            public async Task InvokeAsync(HttpContext context)
            {
                if (!context.Request.Headers.ContainsKey("X-Api-Key"))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return;
                }

                await _next(context);
            }
        }
        """;

    private const string ApiKeyMiddlewareFixed = """
        public sealed class ApiKeyMiddleware
        {
            private readonly RequestDelegate _next;

            public ApiKeyMiddleware(RequestDelegate next) => _next = next;

            public async Task InvokeAsync(HttpContext context)
            {
                if (HttpMethods.IsOptions(context.Request.Method)
                    && context.Request.Headers.ContainsKey("Origin")
                    && context.Request.Headers.ContainsKey("Access-Control-Request-Method"))
                {
                    // A CORS preflight carries no credentials: let the CORS middleware answer it.
                    await _next(context);
                    return;
                }

                if (!context.Request.Headers.ContainsKey("X-Api-Key"))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return;
                }

                await _next(context);
            }
        }
        """;

    [Fact]
    public async Task ConventionalMiddlewareBeforeUseCors_Triggers()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    {|AUTH004:app.UseMiddleware<ApiKeyMiddleware>()|};
                    app.UseCors("spa");
                    app.UseEndpoints(endpoints => endpoints.MapControllers());
                }
            }

            """ + ApiKeyMiddleware,
            """
            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseCors("spa");
                    app.UseMiddleware<ApiKeyMiddleware>();
                    app.UseEndpoints(endpoints => endpoints.MapControllers());
                }
            }

            """ + ApiKeyMiddleware,
            Auth004CorsPreflightCodeFix.MoveUseCorsKey);
    }

    [Fact]
    public async Task ConventionalMiddlewareBeforeUseCors_PassPreflight_Triggers()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    {|AUTH004:app.UseMiddleware<ApiKeyMiddleware>()|};
                    app.UseCors("spa");
                }
            }

            """ + ApiKeyMiddleware,
            """
            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    app.UseMiddleware<ApiKeyMiddleware>();
                    app.UseCors("spa");
                }
            }

            """ + ApiKeyMiddlewareFixed,
            Auth004CorsPreflightCodeFix.PassPreflightKey);
    }

    [Fact]
    public async Task FactoryMiddlewareRegisteredByTypeBeforeUseCors_Triggers()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    {|AUTH004:app.UseMiddleware(typeof(TenantGate))|};
                    app.UseCors();
                }
            }

            public sealed class TenantGate : IMiddleware
            {
                public Task InvokeAsync(HttpContext context, RequestDelegate next)
                {
                    if (context.User.Identity?.IsAuthenticated != true)
                    {
                        context.Response.StatusCode = 403;
                        return Task.CompletedTask;
                    }

                    return next(context);
                }
            }
            """,
            """
            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    app.UseMiddleware(typeof(TenantGate));
                    app.UseCors();
                }
            }

            public sealed class TenantGate : IMiddleware
            {
                public Task InvokeAsync(HttpContext context, RequestDelegate next)
                {
                    if (HttpMethods.IsOptions(context.Request.Method)
                        && context.Request.Headers.ContainsKey("Origin")
                        && context.Request.Headers.ContainsKey("Access-Control-Request-Method"))
                    {
                        // A CORS preflight carries no credentials: let the CORS middleware answer it.
                        return next(context);
                    }

                    if (context.User.Identity?.IsAuthenticated != true)
                    {
                        context.Response.StatusCode = 403;
                        return Task.CompletedTask;
                    }

                    return next(context);
                }
            }
            """,
            Auth004CorsPreflightCodeFix.PassPreflightKey);
    }

    [Fact]
    public async Task InlineMiddlewareBeforeUseCors_Triggers()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using Microsoft.AspNetCore.Authentication;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            {|AUTH004:app.Use|}(async (context, next) =>
            {
                if (context.Request.Headers.Authorization.Count == 0)
                {
                    await context.ChallengeAsync();
                    return;
                }

                await next();
            });
            app.UseCors();
            app.Run();
            """,
            """
            using Microsoft.AspNetCore.Authentication;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.Use(async (context, next) =>
            {
                if (HttpMethods.IsOptions(context.Request.Method)
                    && context.Request.Headers.ContainsKey("Origin")
                    && context.Request.Headers.ContainsKey("Access-Control-Request-Method"))
                {
                    // A CORS preflight carries no credentials: let the CORS middleware answer it.
                    await next();
                    return;
                }

                if (context.Request.Headers.Authorization.Count == 0)
                {
                    await context.ChallengeAsync();
                    return;
                }

                await next();
            });
            app.UseCors();
            app.Run();
            """,
            Auth004CorsPreflightCodeFix.PassPreflightKey,
            new TestOptions { TopLevel = true });
    }

    [Fact]
    public async Task MiddlewareInOwnExtensionBeforeUseCors_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            public static class ApiKeyExtensions
            {
                public static IApplicationBuilder UseApiKey(this IApplicationBuilder app) => app.UseMiddleware<ApiKeyMiddleware>();
            }

            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    {|AUTH004:app.UseApiKey()|};
                    app.UseCors();
                }
            }

            """ + ApiKeyMiddleware);
    }

    [Fact]
    public async Task PrimaryConstructorMiddleware_PassPreflight_Triggers()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    {|AUTH004:app.UseMiddleware<KeyGate>()|};
                    app.UseCors();
                }
            }

            public sealed class KeyGate(RequestDelegate next)
            {
                public async Task Invoke(HttpContext httpContext)
                {
                    if (httpContext.Request.Query["key"] != "k")
                    {
                        httpContext.Response.StatusCode = 401;
                        return;
                    }

                    await next(httpContext);
                }
            }
            """,
            """
            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    app.UseMiddleware<KeyGate>();
                    app.UseCors();
                }
            }

            public sealed class KeyGate(RequestDelegate next)
            {
                public async Task Invoke(HttpContext httpContext)
                {
                    if (HttpMethods.IsOptions(httpContext.Request.Method)
                        && httpContext.Request.Headers.ContainsKey("Origin")
                        && httpContext.Request.Headers.ContainsKey("Access-Control-Request-Method"))
                    {
                        // A CORS preflight carries no credentials: let the CORS middleware answer it.
                        await next(httpContext);
                        return;
                    }

                    if (httpContext.Request.Query["key"] != "k")
                    {
                        httpContext.Response.StatusCode = 401;
                        return;
                    }

                    await next(httpContext);
                }
            }
            """,
            Auth004CorsPreflightCodeFix.PassPreflightKey);
    }

    [Fact]
    public async Task MiddlewareAfterUseCors_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseCors();
                    app.UseMiddleware<ApiKeyMiddleware>();
                }
            }

            """ + ApiKeyMiddleware);
    }

    [Fact]
    public async Task AppWithoutCors_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseMiddleware<ApiKeyMiddleware>();
                    app.UseEndpoints(endpoints => endpoints.MapControllers());
                }
            }

            """ + ApiKeyMiddleware);
    }

    [Fact]
    public async Task MiddlewareWithPreflightCheck_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    app.UseMiddleware<CheckedMiddleware>();
                    app.Use(async (context, next) =>
                    {
                        if (context.Request.Method == "OPTIONS") { await next(); return; }
                        if (!context.Request.Headers.ContainsKey("X-Api-Key")) { context.Response.StatusCode = 401; return; }
                        await next();
                    });
                    app.UseCors();
                }
            }

            public sealed class CheckedMiddleware(RequestDelegate next)
            {
                public async Task InvokeAsync(HttpContext context)
                {
                    if (!HttpMethods.IsOptions(context.Request.Method) && !context.Request.Headers.ContainsKey("X-Api-Key"))
                    {
                        context.Response.StatusCode = 401;
                        return;
                    }

                    await next(context);
                }
            }
            """);
    }

    [Fact]
    public async Task MiddlewareThatDoesNotReject_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    app.UseMiddleware<TimingMiddleware>();
                    app.Use(async (context, next) =>
                    {
                        context.Response.Headers["X-Frame-Options"] = "DENY";
                        if (context.Response.StatusCode == 401) { context.Response.Headers["X-Seen"] = "1"; }
                        await next();
                    });
                    app.UseCors();
                }
            }

            public sealed class TimingMiddleware(RequestDelegate next)
            {
                public async Task InvokeAsync(HttpContext context)
                {
                    context.Response.StatusCode = 200;
                    await next(context);
                }
            }
            """);
    }

    [Fact]
    public async Task ErrorMappingMiddlewareBeforeUseCors_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    app.UseMiddleware<ErrorMiddleware>();
                    app.Use(async (context, next) =>
                    {
                        await next(context);
                        if (context.Response.StatusCode == 404) { context.Response.StatusCode = 403; }
                    });
                    app.UseCors();
                }
            }

            public sealed class ErrorMiddleware(RequestDelegate next)
            {
                public async Task InvokeAsync(HttpContext context)
                {
                    try
                    {
                        await next(context);
                    }
                    catch (UnauthorizedAccessException)
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task BrokenMiddlewareCode_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    app.UseMiddleware<Missing>();
                    app.UseMiddleware(typeof(Broken));
                    app.UseMiddleware(Type.GetType("X")!);
                    app.Use(async (context, next) => { context.Response.StatusCode = Unknown.Value; await next(); });
                    app.UseCors();
                }
            }

            public sealed class Broken
            {
                public Task InvokeAsync(HttpContext context) => Missing.Check(context);
            }
            """,
            new TestOptions { CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None });
    }

    [Fact]
    public async Task TaskRunAndOtherLookAlikes_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            public class Worker
            {
                public Task Start(Action action) => Task.Run(action);

                public void Use(Func<int, int> f) { }

                public void Configure(IApplicationBuilder app)
                {
                    Use(x => x);
                    app.UseCors();
                }
            }
            """);
    }

    [Fact]
    public async Task ForbiddingMiddlewareThatReadsNoCredentials_DoesNotTrigger()
    {
        // An IP filter or a maintenance gate refuses every request from its targets, preflights included, on purpose.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    app.Use(async (context, next) =>
                    {
                        if (context.Connection.RemoteIpAddress?.ToString() == "10.0.0.1")
                        {
                            context.Response.StatusCode = StatusCodes.Status403Forbidden;
                            return;
                        }

                        await next(context);
                    });
                    app.UseCors();
                }
            }
            """);
    }

    [Fact]
    public async Task ForbiddingMiddlewareThatReadsCredentials_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    {|AUTH004:app.Use|}(async (context, next) =>
                    {
                        if (!context.Request.Headers.ContainsKey("X-Api-Key"))
                        {
                            context.Response.StatusCode = StatusCodes.Status403Forbidden;
                            return;
                        }

                        await next(context);
                    });
                    app.UseCors();
                }
            }
            """);
    }
}
