using System.Threading.Tasks;
using AuthStatus.Analyzers.CodeFixes;
using AuthStatus.Analyzers.Tests.Infrastructure;
using Xunit;
using VerifyAuth001 = AuthStatus.Analyzers.Tests.Infrastructure.Verifier<AuthStatus.Analyzers.Rules.Auth001UnauthorizedWithoutChallengeAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;
using VerifyCS = AuthStatus.Analyzers.Tests.Infrastructure.Verifier<AuthStatus.Analyzers.Rules.Auth008OnChallengeSuppressesChallengeAnalyzer, AuthStatus.Analyzers.CodeFixes.Auth008OnChallengeSuppressesChallengeCodeFixProvider>;

namespace AuthStatus.Analyzers.Tests.Rules;

public class Auth008OnChallengeSuppressesChallengeTests
{
    private static readonly TestOptions Jwt = new() { JwtBearer = true };

    private static string Startup(string events) => $$"""
        using Microsoft.AspNetCore.Authentication.JwtBearer;

        public static class Auth
        {
            public static void Configure(IServiceCollection services)
            {
                services.AddAuthentication().AddJwtBearer(options =>
                {
        {{events}}
                });
            }
        }
        """;

    [Fact]
    public async Task LambdaWithStatusAndBody_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync(Startup("""
                        options.Events = new JwtBearerEvents
                        {
                            OnChallenge = async context =>
                            {
                                [|context.HandleResponse()|];
                                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                                context.Response.ContentType = "application/json";
                                await context.Response.WriteAsync("{\"message\":\"You are not authorized\"}");
                            },
                        };
            """), Jwt);
    }

    [Fact]
    public async Task AssignedToEventsProperty_WriteAsJson_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync(Startup("""
                        options.Events = new JwtBearerEvents();
                        options.Events.OnChallenge = context =>
                        {
                            [|context.HandleResponse()|];
                            context.Response.StatusCode = 401;
                            return context.Response.WriteAsJsonAsync(new { error = "unauthorized" });
                        };
            """), Jwt);
    }

    [Fact]
    public async Task BodyWithoutStatus_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync(Startup("""
                        options.Events = new JwtBearerEvents
                        {
                            OnChallenge = async context =>
                            {
                                [|context.HandleResponse()|];
                                await Results.Json(new { error = "unauthorized" }, statusCode: 401).ExecuteAsync(context.HttpContext);
                            },
                        };
            """), Jwt);
    }

    [Fact]
    public async Task MethodGroup_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Authentication.JwtBearer;

            public static class Auth
            {
                public static void Configure(JwtBearerOptions options)
                {
                    options.Events = new JwtBearerEvents { OnChallenge = WriteChallenge };
                }

                private static async Task WriteChallenge(JwtBearerChallengeContext context)
                {
                    [|context.HandleResponse()|];
                    context.Response.StatusCode = 401;
                    await context.Response.WriteAsync("Unauthorized");
                }
            }
            """, Jwt);
    }

    [Fact]
    public async Task EventsSubclassOverride_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Authentication.JwtBearer;

            public sealed class ApiJwtEvents : JwtBearerEvents
            {
                public override async Task Challenge(JwtBearerChallengeContext context)
                {
                    [|context.HandleResponse()|];
                    context.Response.StatusCode = 401;
                    await context.Response.Body.WriteAsync(new byte[] { 1 });
                }
            }
            """, Jwt);
    }

    [Fact]
    public async Task OtherHandlersChallengeContext_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Authentication;

            public sealed class ApiKeyOptions : AuthenticationSchemeOptions { }

            public sealed class ApiKeyChallengeContext : PropertiesContext<ApiKeyOptions>
            {
                public ApiKeyChallengeContext(HttpContext context, AuthenticationScheme scheme, ApiKeyOptions options, AuthenticationProperties? properties)
                    : base(context, scheme, options, properties) { }

                public bool Handled { get; private set; }

                public void HandleResponse() => Handled = true;
            }

            public sealed class ApiKeyEvents
            {
                public Func<ApiKeyChallengeContext, Task> OnChallenge { get; set; } = async context =>
                {
                    [|context.HandleResponse()|];
                    context.Response.StatusCode = 401;
                    await context.Request.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = context.HttpContext });
                };
            }
            """, Jwt);
    }

    [Fact]
    public async Task LocalFunctionAndConditional_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync(Startup("""
                        options.Events = new JwtBearerEvents { OnChallenge = Challenge };

                        async Task Challenge(JwtBearerChallengeContext context)
                        {
                            if (context.AuthenticateFailure is not null)
                            {
                                [|context.HandleResponse()|];
                                context.Response.StatusCode = (int)System.Net.HttpStatusCode.Unauthorized;
                                await context.HttpContext.Response.WriteAsJsonAsync(new { error = "invalid_token" });
                            }
                        }
            """), Jwt);
    }

    [Fact]
    public async Task BrokenCode_DoesNotThrow()
    {
        await VerifyCS.VerifyAnalyzerAsync(Startup("""
                        options.Events = new JwtBearerEvents
                        {
                            OnChallenge = async context =>
                            {
                                context.HandleResponse(;
                                context.Response.StatusCode = Missing;
                                await context.Response.WriteAsync();
                            },
                            OnForbidden = context => { Unknown.HandleResponse(); return Task.CompletedTask; },
                        };
            """), Jwt with { CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None });
    }

    [Fact]
    public async Task CorrectHandlers_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync(Startup("""
                        options.Events = new JwtBearerEvents
                        {
                            // The supported customisation: the handler still sends the challenge.
                            OnChallenge = context =>
                            {
                                context.Error = "invalid_token";
                                context.ErrorDescription = "The token expired";
                                return Task.CompletedTask;
                            },
                        };
                        options.Events.OnChallenge = async context =>
                        {
                            context.HandleResponse();
                            context.Response.Headers.Append(Microsoft.Net.Http.Headers.HeaderNames.WWWAuthenticate, "Bearer");
                            context.Response.StatusCode = 401;
                            await context.Response.WriteAsync("Unauthorized");
                        };
                        options.Events.OnChallenge = context =>
                        {
                            context.HandleResponse();
                            context.Response.Redirect("/login");
                            return Task.CompletedTask;
                        };
                        options.Events.OnChallenge = context =>
                        {
                            context.HandleResponse();
                            context.Response.StatusCode = 403;
                            return Task.CompletedTask;
                        };
                        options.Events.OnChallenge = context =>
                        {
                            context.HandleResponse();
                            return Task.CompletedTask;
                        };
                        options.Events.OnForbidden = async context =>
                        {
                            context.Response.StatusCode = 403;
                            await context.Response.WriteAsync("Forbidden");
                        };
            """), Jwt);
    }

    [Fact]
    public async Task OtherHandleResponse_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Authentication;

            public class ChallengeContext
            {
                public HttpResponse Response { get; } = null!;
                public void HandleResponse() { }
            }

            public static class Handlers
            {
                public static async Task OnChallenge(ChallengeContext context)
                {
                    context.HandleResponse();
                    context.Response.StatusCode = 401;
                    await context.Response.WriteAsync("no");
                }
            }
            """, Jwt);
    }

    [Fact]
    public async Task Auth001_DoesNotReportTheSameExpression()
    {
        await VerifyAuth001.VerifyAnalyzerAsync(Startup("""
                        options.Events = new JwtBearerEvents
                        {
                            OnChallenge = async context =>
                            {
                                context.HandleResponse();
                                context.Response.StatusCode = 401;
                                await context.Response.WriteAsync("Unauthorized");
                            },
                            OnAuthenticationFailed = context =>
                            {
                                [|context.Response.StatusCode = 401|];
                                return Task.CompletedTask;
                            },
                        };
            """), Jwt);
    }

    [Fact]
    public async Task Auth001_ReportsWhatAuth008DoesNot()
    {
        await VerifyAuth001.VerifyAnalyzerAsync(Startup("""
                        options.Events = new JwtBearerEvents
                        {
                            OnChallenge = context =>
                            {
                                context.HandleResponse();
                                if (context.AuthenticateFailure is null)
                                {
                                    context.Response.StatusCode = 403;
                                    return Task.CompletedTask;
                                }

                                [|context.Response.StatusCode = 401|];
                                return Task.CompletedTask;
                            },
                        };
            """), Jwt);
    }

    [Fact]
    public async Task AppendChallenge_Lambda_Fix()
    {
        await VerifyCS.VerifyCodeFixAsync(
            Startup("""
                        options.Events = new JwtBearerEvents
                        {
                            OnChallenge = async context =>
                            {
                                [|context.HandleResponse()|];
                                context.Response.StatusCode = 401;
                                await context.Response.WriteAsJsonAsync(new { message = "You are not authorized" });
                            },
                        };
            """),
            Startup("""
                        options.Events = new JwtBearerEvents
                        {
                            OnChallenge = async context =>
                            {
                                context.HandleResponse();
                                context.Response.Headers.Append(HeaderNames.WWWAuthenticate, string.IsNullOrEmpty(context.Error)
                                    ? context.Options.Challenge
                                    : $"{context.Options.Challenge}{(context.Options.Challenge.Contains(' ') ? "," : "")} error=\"{context.Error}\", error_description=\"{context.ErrorDescription}\"");
                                context.Response.StatusCode = 401;
                                await context.Response.WriteAsJsonAsync(new { message = "You are not authorized" });
                            },
                        };
            """).Replace("using Microsoft.AspNetCore.Authentication.JwtBearer;\n", "using Microsoft.AspNetCore.Authentication.JwtBearer;\nusing Microsoft.Net.Http.Headers;\n"),
            Auth008OnChallengeSuppressesChallengeCodeFixProvider.AppendChallengeKey,
            Jwt);
    }

    [Fact]
    public async Task AppendChallenge_Override_Fix()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.Net.Http.Headers;

            public sealed class ApiJwtEvents : JwtBearerEvents
            {
                public override async Task Challenge(JwtBearerChallengeContext ctx)
                {
                    [|ctx.HandleResponse()|];
                    await Results.Json(new { error = "unauthorized" }, statusCode: 401).ExecuteAsync(ctx.HttpContext);
                }
            }
            """,
            """
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.Net.Http.Headers;

            public sealed class ApiJwtEvents : JwtBearerEvents
            {
                public override async Task Challenge(JwtBearerChallengeContext ctx)
                {
                    ctx.HandleResponse();
                    ctx.Response.Headers.Append(HeaderNames.WWWAuthenticate, string.IsNullOrEmpty(ctx.Error)
                        ? ctx.Options.Challenge
                        : $"{ctx.Options.Challenge}{(ctx.Options.Challenge.Contains(' ') ? "," : "")} error=\"{ctx.Error}\", error_description=\"{ctx.ErrorDescription}\"");
                    await Results.Json(new { error = "unauthorized" }, statusCode: 401).ExecuteAsync(ctx.HttpContext);
                }
            }
            """,
            Auth008OnChallengeSuppressesChallengeCodeFixProvider.AppendChallengeKey,
            Jwt);
    }

    [Fact]
    public async Task AppendChallenge_OtherHandlersContext_AppendsTheSchemeName_Fix()
    {
        const string Context = """
            public sealed class ApiKeyOptions : AuthenticationSchemeOptions { }

            public sealed class ApiKeyChallengeContext : PropertiesContext<ApiKeyOptions>
            {
                public ApiKeyChallengeContext(HttpContext context, AuthenticationScheme scheme, ApiKeyOptions options, AuthenticationProperties? properties)
                    : base(context, scheme, options, properties) { }

                public void HandleResponse() { }
            }
            """;
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System.Text;
            using Microsoft.AspNetCore.Authentication;

            public static class ApiKeyEvents
            {
                public static async Task OnChallenge(ApiKeyChallengeContext context)
                {
                    [|context.HandleResponse()|];
                    context.Response.StatusCode = 401;
                    await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes("no key"));
                }
            }

            """ + Context,
            """
            using System.Text;
            using Microsoft.AspNetCore.Authentication;
            using Microsoft.Net.Http.Headers;

            public static class ApiKeyEvents
            {
                public static async Task OnChallenge(ApiKeyChallengeContext context)
                {
                    context.HandleResponse();
                    context.Response.Headers.Append(HeaderNames.WWWAuthenticate, context.Scheme.Name);
                    context.Response.StatusCode = 401;
                    await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes("no key"));
                }
            }

            """ + Context,
            Auth008OnChallengeSuppressesChallengeCodeFixProvider.AppendChallengeKey);
    }

    [Fact]
    public async Task SetErrorDescription_Lambda_Fix()
    {
        await VerifyCS.VerifyCodeFixAsync(
            Startup("""
                        options.Events = new JwtBearerEvents
                        {
                            OnChallenge = async context =>
                            {
                                [|context.HandleResponse()|];
                                context.Response.StatusCode = 401;
                                context.Response.ContentType = "text/plain";
                                await context.Response.WriteAsync("You are not authorized");
                            },
                        };
            """),
            Startup("""
                        options.Events = new JwtBearerEvents
                        {
                            OnChallenge = context =>
                            {
                                context.ErrorDescription = "You are not authorized";
                                return Task.CompletedTask;
                            },
                        };
            """),
            Auth008OnChallengeSuppressesChallengeCodeFixProvider.SetErrorDescriptionKey,
            Jwt);
    }

    [Fact]
    public async Task SetErrorDescription_MethodGroup_Fix()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using Microsoft.AspNetCore.Authentication.JwtBearer;

            public static class Auth
            {
                public static void Configure(JwtBearerOptions options)
                {
                    options.Events = new JwtBearerEvents { OnChallenge = WriteChallenge };
                }

                private static Task WriteChallenge(JwtBearerChallengeContext context)
                {
                    [|context.HandleResponse()|];
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return context.Response.WriteAsync("Token missing or expired");
                }
            }
            """,
            """
            using Microsoft.AspNetCore.Authentication.JwtBearer;

            public static class Auth
            {
                public static void Configure(JwtBearerOptions options)
                {
                    options.Events = new JwtBearerEvents { OnChallenge = WriteChallenge };
                }

                private static Task WriteChallenge(JwtBearerChallengeContext context)
                {
                    context.ErrorDescription = "Token missing or expired";
                    return Task.CompletedTask;
                }
            }
            """,
            Auth008OnChallengeSuppressesChallengeCodeFixProvider.SetErrorDescriptionKey,
            Jwt);
    }

    [Fact]
    public async Task SetErrorDescription_NotOnlyAMessage_NoFix()
    {
        await VerifyCS.VerifyNoCodeFixAsync(
            Startup("""
                        options.Events = new JwtBearerEvents
                        {
                            OnChallenge = async context =>
                            {
                                [|context.HandleResponse()|];
                                context.Response.StatusCode = 401;
                                await context.Response.WriteAsJsonAsync(new { message = "You are not authorized", at = DateTime.UtcNow });
                            },
                        };
                        options.Events.OnChallenge = async context =>
                        {
                            [|context.HandleResponse()|];
                            context.Response.StatusCode = 401;
                            await context.Response.WriteAsync("Say \"hello\"");
                        };
            """),
            Auth008OnChallengeSuppressesChallengeCodeFixProvider.SetErrorDescriptionKey,
            Jwt);
    }

    [Fact]
    public async Task AppendChallenge_BodyWrittenFirst_NoFix()
    {
        await VerifyCS.VerifyNoCodeFixAsync(
            Startup("""
                        options.Events = new JwtBearerEvents
                        {
                            OnChallenge = async context =>
                            {
                                context.Response.StatusCode = 401;
                                await context.Response.WriteAsync("Unauthorized");
                                [|context.HandleResponse()|];
                            },
                        };
            """),
            Auth008OnChallengeSuppressesChallengeCodeFixProvider.AppendChallengeKey,
            Jwt);
    }
}
