using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AuthStatus.Analyzers.AspNetCore;
using AuthStatus.Analyzers.Http;
using AuthStatus.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Xunit;

namespace AuthStatus.Analyzers.Tests.Http;

/// <summary>
/// The refusal-reason table on its own: each case is a controller action (or a class) with one 401/403 producer
/// (or several, the one under test marked <c>/*P*/</c>), and the reason expected for it.
/// </summary>
public class RefusalReasonTests
{
    private const string Prelude = """
        using System.Net;
        using System.Security;
        using System.Security.Claims;
        using System.Security.Cryptography;
        using System.Text;
        using Microsoft.AspNetCore.Authentication;
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Authorization.Policy;
        using Microsoft.AspNetCore.Mvc;

        public class SecurityTokenException : Exception { }
        public class SecurityTokenExpiredException : SecurityTokenException { }
        public class ForbiddenException : Exception { }
        public class NotAuthenticatedException : Exception { }
        public class OrderClosedException : Exception { }
        public class UnauthorizedException : Exception { }
        public class AuthorizationException : Exception { }
        public class AntiforgeryCheckException : Exception { }
        public class Order { public bool IsClosed { get; set; } public bool IsOwner { get; set; } public string? OwnerId { get; set; } }
        public class AppUser { public bool IsDisabled { get; set; } public bool IsAdmin { get; set; } }
        public enum AuthFailure { MissingToken, InsufficientScope, Other }

        """;

    private const string ControllerStart = """
        public class C : ControllerBase
        {
            private readonly IAuthorizationService _authz = null!;
            private readonly string _expectedKey = "k";
            private readonly HashSet<IPAddress> _bannedIps = new();

            public async Task<IActionResult> M(string? apiKey, string? id, bool isAdmin, Order order, AppUser appUser, Exception ex, string? pageToken, string? role, AuthFailure failure)
            {
                await Task.Yield();
        """;

    private const string ControllerEnd = """
            }

            private bool CanEdit(string? id) => id is not null;
        }
        """;

    public static IEnumerable<object[]> ActionCases()
    {
        // Identity: the caller is unknown or its credential is missing or bad.
        yield return Case(RefusalKind.Identity, "if (!User.Identity!.IsAuthenticated) return StatusCode(403); return Ok();");
        yield return Case(RefusalKind.Identity, "if (User.Identity?.IsAuthenticated != true) return StatusCode(403); return Ok();");
        yield return Case(RefusalKind.Identity, "if (!(User.Identity?.IsAuthenticated ?? false)) return StatusCode(403); return Ok();");
        yield return Case(RefusalKind.Identity, "if (User.Identity is not { IsAuthenticated: true }) return StatusCode(403); return Ok();");
        yield return Case(RefusalKind.Identity, "if (string.IsNullOrEmpty(apiKey)) return StatusCode(403); return Ok();");
        yield return Case(RefusalKind.Identity, "if (!Request.Headers.TryGetValue(\"X-Api-Key\", out var supplied)) return StatusCode(403); return Ok();");
        yield return Case(RefusalKind.Identity, "if (!Request.Headers.ContainsKey(\"Authorization\")) return StatusCode(403); return Ok();");
        yield return Case(RefusalKind.Identity, "var header = Request.Headers[\"Authorization\"]; if (string.IsNullOrEmpty(header)) return StatusCode(403); return Ok();");
        yield return Case(RefusalKind.Identity, "var header = Request.Headers.Authorization.ToString(); if (header.Length == 0 || header == null) return StatusCode(403); return Ok();");
        yield return Case(RefusalKind.Identity, "if (Request.Query[\"api_key\"] != _expectedKey) return StatusCode(403); return Ok();");
        yield return Case(RefusalKind.Identity, "if (apiKey != _expectedKey) return StatusCode(403); return Ok();");
        yield return Case(RefusalKind.Identity, "if (!string.Equals(apiKey, _expectedKey, StringComparison.Ordinal)) return StatusCode(403); return Ok();");
        yield return Case(RefusalKind.Identity, "if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey!)), SHA256.HashData(Encoding.UTF8.GetBytes(_expectedKey)))) return StatusCode(403); return Ok();");
        yield return Case(RefusalKind.Identity, "if (!IsValidApiKey(apiKey)) return StatusCode(403); return Ok();", extraMembers: "private static bool IsValidApiKey(string? key) => key == \"x\";");
        yield return Case(RefusalKind.Identity, "if (!Validate(apiKey)) return StatusCode(403); return Ok();", extraMembers: "private static bool Validate(string? value) => value == \"x\";");
        yield return Case(RefusalKind.Identity, "var result = await HttpContext.AuthenticateAsync(); if (!result.Succeeded) return StatusCode(403); return Ok();");
        yield return Case(RefusalKind.Identity, "var result = await HttpContext.AuthenticateAsync(); if (result.None) return StatusCode(403); return Ok();");
        yield return Case(RefusalKind.Identity, "var result = await HttpContext.AuthenticateAsync(); if (result.Failure != null) return StatusCode(403); return Ok();");
        yield return Case(RefusalKind.Identity, "var userId = User.FindFirstValue(ClaimTypes.NameIdentifier); if (userId is null) return StatusCode(403); return Ok();");
        yield return Case(RefusalKind.Identity, "if (User.Identity!.IsAuthenticated) return Ok(); return StatusCode(403);");
        yield return Case(RefusalKind.Identity, "return User.Identity!.IsAuthenticated ? Ok() : StatusCode(403);");
        yield return Case(RefusalKind.Identity, "try { return Ok(); } catch (SecurityTokenExpiredException) { return StatusCode(403); }");
        yield return Case(RefusalKind.Identity, "try { return Ok(); } catch (Exception e) when (e is NotAuthenticatedException) { return StatusCode(403); }");
        yield return Case(RefusalKind.Identity, "return ex switch { NotAuthenticatedException => StatusCode(403), _ => StatusCode(500) };");
        yield return Case(RefusalKind.Identity, "switch (failure) { case AuthFailure.MissingToken: return StatusCode(403); default: return Ok(); }");
        yield return Case(RefusalKind.Identity, "if (ex is SecurityTokenException) return StatusCode(403); return Ok();");

        // Permission: a known caller lacks a role, scope, claim, policy or ownership.
        yield return Case(RefusalKind.Permission, "if (!User.IsInRole(\"Admin\")) return Unauthorized(); return Ok();");
        yield return Case(RefusalKind.Permission, "if (!User.HasClaim(ClaimTypes.Role, \"Admin\")) return Unauthorized(); return Ok();");
        yield return Case(RefusalKind.Permission, "if (!User.HasClaim(\"scope\", \"orders.read\")) return Unauthorized(); return Ok();", scope: "orders.read");
        yield return Case(RefusalKind.Permission, "if (!User.HasClaim(c => c.Type == \"scp\" && c.Value == \"orders.read\")) return Unauthorized(); return Ok();", scope: "orders.read");
        yield return Case(RefusalKind.Permission, "if (!User.Claims.Any(c => c.Type == \"scope\" && c.Value == \"orders.write\")) return Unauthorized(); return Ok();", scope: "orders.write");
        yield return Case(RefusalKind.Permission, "var scopes = User.FindFirstValue(\"scope\")?.Split(' '); if (scopes == null || !scopes.Contains(\"orders.read\")) return Unauthorized(); return Ok();", scope: "orders.read");
        yield return Case(RefusalKind.Permission, "var auth = await _authz.AuthorizeAsync(User, order, \"Edit\"); if (!auth.Succeeded) return Unauthorized(); return Ok();");
        yield return Case(RefusalKind.Permission, "if ((await _authz.AuthorizeAsync(User, \"Edit\")).Succeeded) return Ok(); return Unauthorized();");
        yield return Case(RefusalKind.Permission, "if (await _authz.AuthorizeAsync(User, \"Edit\") is { Succeeded: false }) return Unauthorized(); return Ok();");
        yield return Case(RefusalKind.Permission, "if (!isAdmin) return Unauthorized(); return Ok();");
        yield return Case(RefusalKind.Permission, "if (!appUser.IsAdmin) return Unauthorized(); return Ok();");
        yield return Case(RefusalKind.Permission, "if (!CanEdit(id)) return Unauthorized(); return Ok();");
        yield return Case(RefusalKind.Permission, "if (!order.IsOwner) return Unauthorized(); return Ok();");
        yield return Case(RefusalKind.Permission, "if (order.OwnerId != User.FindFirstValue(ClaimTypes.NameIdentifier)) return Unauthorized(); return Ok();");
        yield return Case(RefusalKind.Permission, "if (role != \"Admin\") return Unauthorized(); return Ok();");
        yield return Case(RefusalKind.Permission, "if (User.Identity!.IsAuthenticated && !User.IsInRole(\"Admin\")) return Unauthorized(); return Ok();");
        yield return Case(RefusalKind.Permission, "try { return Ok(); } catch (UnauthorizedAccessException) { return Unauthorized(); }");
        yield return Case(RefusalKind.Permission, "try { return Ok(); } catch (SecurityException) { return Unauthorized(); }");
        yield return Case(RefusalKind.Permission, "Response.StatusCode = ex switch { ForbiddenException => 401, _ => 500 }; return new EmptyResult();");
        yield return Case(RefusalKind.Permission, "Response.StatusCode = ex is ForbiddenException ? 401 : 500; return new EmptyResult();");
        yield return Case(RefusalKind.Permission, "var map = new Dictionary<Type, int> { { typeof(ForbiddenException), 401 }, { typeof(OrderClosedException), 409 } }; return Ok(map);");
        yield return Case(RefusalKind.Permission, "var map = new Dictionary<Type, HttpStatusCode> { [typeof(ForbiddenException)] = HttpStatusCode.Unauthorized }; return Ok(map);");
        yield return Case(RefusalKind.Permission, "var auth = await _authz.AuthorizeAsync(User, \"Edit\"); if (!auth.Succeeded) { if (User.Identity!.IsAuthenticated) return StatusCode(403); return Challenge(); } return Ok();");
        yield return Case(RefusalKind.Permission, "if (User.IsInRole(\"Admin\")) return Ok(); else if (User.IsInRole(\"Editor\")) return Ok(); else return Unauthorized();");

        // Neither: business state, feature flags, look-alikes, checks that passed.
        // Locals are followed to their declarator among the statements before the read; a local written again is not (a
        // value's type decides first: a ClaimsPrincipal local is the caller whatever is assigned to it).
        yield return Case(RefusalKind.Permission, "var flag = User.IsInRole(\"Admin\"); if (id != null) { if (!flag) return Unauthorized(); } return Ok();");
        yield return Case(RefusalKind.Neither, "var flag = User.IsInRole(\"Admin\"); flag = id != null; if (!flag) return Unauthorized(); return Ok();");
        yield return Case(RefusalKind.Neither, "var flag = User.IsInRole(\"Admin\"); if (id != null) { flag = order.IsClosed; } if (!flag) return Unauthorized(); return Ok();");
        yield return Case(RefusalKind.Identity, "var u = User; if (id != null) { if (u == null) return StatusCode(403); } return Ok();");
        yield return Case(RefusalKind.Neither, "var found = order; if (found is null) return StatusCode(403); return Ok();");
        yield return Case(RefusalKind.Neither, "bool flag; flag = User.IsInRole(\"Admin\"); if (!flag) return Unauthorized(); return Ok();");
        yield return Case(RefusalKind.Neither, "if (order.IsClosed) return Unauthorized(); return Ok();");
        yield return Case(RefusalKind.Neither, "if (id == null) return StatusCode(403); return Ok();");
        yield return Case(RefusalKind.Neither, "if (User.IsInRole(\"Admin\")) return Unauthorized(); return Ok();");
        yield return Case(RefusalKind.Neither, "if (pageToken == null) return StatusCode(403); return Ok();");
        yield return Case(RefusalKind.Neither, "if (HttpContext.RequestAborted.IsCancellationRequested) return StatusCode(403); return Ok();");
        yield return Case(RefusalKind.Neither, "try { return Ok(); } catch (OrderClosedException) { return StatusCode(403); }");
        yield return Case(RefusalKind.Neither, "try { return Ok(); } catch (UnauthorizedException) { return StatusCode(403); }");
        yield return Case(RefusalKind.Neither, "return StatusCode(403);");
        yield return Case(RefusalKind.Neither, "try { return Ok(); } catch (AuthorizationException) { return StatusCode(403); }");
        yield return Case(RefusalKind.Neither, "try { return Ok(); } catch (AntiforgeryCheckException) { return StatusCode(403); }");
        yield return Case(RefusalKind.Neither, "var sessionId = Request.Cookies[\"session\"]; if (sessionId != id) return StatusCode(403); return Ok();");
        yield return Case(RefusalKind.Neither, "if (User.Identity!.IsAuthenticated) return StatusCode(403); return Ok();");

        // Restriction: 403 whatever the credential.
        yield return Case(RefusalKind.Restriction, "if (_bannedIps.Contains(HttpContext.Connection.RemoteIpAddress!)) return StatusCode(403); return Ok();");
        yield return Case(RefusalKind.Restriction, "if (appUser.IsDisabled) return StatusCode(403); return Ok();");
        yield return Case(RefusalKind.Restriction, "if (HttpContext.Connection.ClientCertificate == null) return StatusCode(403); return Ok();");
        yield return Case(RefusalKind.Restriction, "if (!HttpContext.Connection.RemoteIpAddress!.Equals(HttpContext.Connection.LocalIpAddress)) return StatusCode(403); return Ok();");
        yield return Case(RefusalKind.Restriction, "if (string.IsNullOrEmpty(apiKey) || _bannedIps.Contains(HttpContext.Connection.RemoteIpAddress!)) return StatusCode(403); return Ok();");

        yield return Case(RefusalKind.Restriction, "if (!appUser.IsDisabled && failure == AuthFailure.Other) return Ok(); return StatusCode(403);");

        // Mixed: identity and permission failures reach the same producer.
        yield return Case(RefusalKind.Mixed, "if (!hasAccessToken) return Unauthorized(); return Ok();", extraMembers: "private readonly bool hasAccessToken = false;");
        yield return Case(RefusalKind.Mixed, "if (!User.Identity!.IsAuthenticated || !User.IsInRole(\"Admin\")) return Unauthorized(); return Ok();");
        yield return Case(RefusalKind.Mixed, "if (!User.IsInRole(\"Admin\")) { if (!User.Identity!.IsAuthenticated) return Unauthorized(); return Forbid(); } return Ok();");
    }

    [Theory]
    [MemberData(nameof(ActionCases))]
    public void Action_IsClassified(string expected, string body, string extraMembers, string? scope)
    {
        var source = Prelude + ControllerStart + body + "\n" + ControllerEnd.Replace("private bool CanEdit", extraMembers + "\n    private bool CanEdit", StringComparison.Ordinal);
        var analysis = AnalyzeSingle(source);
        Assert.Equal(expected, analysis.Kind.ToString());
        if (scope is not null)
        {
            Assert.True(analysis.IsScopeCheck);
            Assert.Equal(scope, analysis.Scope);
        }
    }

    [Fact]
    public void HandleForbiddenAsync_IsPermission()
    {
        var source = "using System.Text.Encodings.Web;\nusing Microsoft.Extensions.Options;\n" + Prelude + """
            public class KeyOptions : AuthenticationSchemeOptions { }
            public class KeyHandler(IOptionsMonitor<KeyOptions> o, ILoggerFactory l, UrlEncoder e) : AuthenticationHandler<KeyOptions>(o, l, e)
            {
                protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());

                protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
                {
                    Response.StatusCode = 401;
                    return Task.CompletedTask;
                }
            }
            """;
        Assert.Equal(RefusalKind.Permission, AnalyzeSingle(source).Kind);
    }

    [Fact]
    public void ResultHandlerForbidden_IsPermission()
    {
        var source = Prelude + """
            public class Handler : IAuthorizationMiddlewareResultHandler
            {
                public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
                {
                    if (authorizeResult.Forbidden)
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        return Task.CompletedTask;
                    }

                    return next(context);
                }
            }
            """;
        Assert.Equal(RefusalKind.Permission, AnalyzeSingle(source).Kind);
    }

    [Fact]
    public void RedirectToLoginAnswering403_IsIdentity()
    {
        var source = Prelude + """
            public static class Setup
            {
                public static void Configure(IServiceCollection services)
                {
                    services.AddAuthentication().AddCookie(o =>
                    {
                        o.Events.OnRedirectToLogin = context =>
                        {
                            context.Response.StatusCode = 403;
                            return Task.CompletedTask;
                        };
                    });
                }
            }
            """;
        Assert.Equal(RefusalKind.Identity, AnalyzeSingle(source).Kind);
    }

    [Fact]
    public void JwtOnAuthenticationFailedAnswering403_IsIdentity()
    {
        var source = Prelude + """
            public static class Setup
            {
                public static void Events(EventsLike events)
                {
                    events.OnAuthenticationFailed = context =>
                    {
                        context.Response.StatusCode = 403;
                        return Task.CompletedTask;
                    };
                }
            }

            public class EventsLike
            {
                public Func<HttpContext, Task> OnAuthenticationFailed { get; set; } = _ => Task.CompletedTask;
            }
            """;
        Assert.Equal(RefusalKind.Identity, AnalyzeSingle(source).Kind);
    }

    [Fact]
    public void MinimalApiLambda_IsIdentity()
    {
        var source = Prelude + """
            public static class Endpoints
            {
                public static void Map(IEndpointRouteBuilder app)
                {
                    app.MapGet("/x", (HttpContext context) =>
                        context.User.Identity?.IsAuthenticated == true ? Results.Ok() : Results.StatusCode(403));
                }
            }
            """;
        Assert.Equal(RefusalKind.Identity, AnalyzeSingle(source).Kind);
    }

    [Fact]
    public void Options_ExtendAndExcludeNames()
    {
        var source = (Prelude + ControllerStart + "if (!hasGoldTier) return Unauthorized(); return Ok();\n" + ControllerEnd).Replace("bool isAdmin", "bool isAdmin, bool hasGoldTier", StringComparison.Ordinal);
        Assert.Equal(RefusalKind.Neither, AnalyzeSingle(source).Kind);
        Assert.Equal(RefusalKind.Permission, AnalyzeSingle(source, RefusalVocabularyWith("auth_status.permission_names", "gold tier")).Kind);

        var admin = Prelude + ControllerStart + "if (!isAdmin) return Unauthorized(); return Ok();\n" + ControllerEnd;
        Assert.Equal(RefusalKind.Neither, AnalyzeSingle(admin, RefusalVocabularyWith("auth_status.permission_names_exclude", "admin")).Kind);
    }

    [Fact]
    public void Vocabulary_InvalidOptionValues_FallBackToDefaults()
    {
        var names = RefusalVocabularyWith("auth_status.identity_names", "|||,,;");
        Assert.True(names.IsCredential("apiKey"));
        Assert.False(names.IsCredential("cancellationToken"));
        Assert.True(names.IsScope("requiredScopes"));
        Assert.False(names.IsScope("serviceScope"));
    }

    [Fact]
    public void Vocabulary_ConfiguredValues_AreKeptPerCompilation()
    {
        // Files with the same values share one vocabulary within a compilation; another compilation (an IDE session that
        // edits the option makes one per keystroke) builds its own, so nothing configured outlives its compilation.
        var first = CSharpSyntaxTree.ParseText("class A { }", path: "/0/A.cs");
        var second = CSharpSyntaxTree.ParseText("class B { }", path: "/0/B.cs");
        var plain = CSharpSyntaxTree.ParseText("class C { }", path: "/0/C.cs");
        var provider = new TreeOptionsProvider(new Dictionary<SyntaxTree, Dictionary<string, string>>
        {
            [first] = new() { ["auth_status.permission_names"] = "gold tier" },
            [second] = new() { ["auth_status.permission_names"] = "gold tier" },
        });

        var options = new Configuration.AuthStatusOptions(provider);
        var vocabulary = options.Refusal(first);
        Assert.Same(vocabulary, options.Refusal(second));
        Assert.True(vocabulary.IsPermission("hasGoldTier"));
        Assert.False(vocabulary.IsPermission("hasSilverTier"));
        Assert.Same(RefusalVocabulary.Default, options.Refusal(plain));

        var nextCompilation = new Configuration.AuthStatusOptions(provider).Refusal(first);
        Assert.NotSame(vocabulary, nextCompilation);
        Assert.True(nextCompilation.IsPermission("hasGoldTier"));
    }

    [Fact]
    public void BrokenCode_DoesNotThrow()
    {
        var source = Prelude + ControllerStart + "if (!Missing.IsAuthenticated(apiKey)) return StatusCode(403); return Ok();\n" + ControllerEnd;
        Assert.Equal(RefusalKind.Neither, AnalyzeSingle(source, allowErrors: true).Kind);
    }

    private static object[] Case(RefusalKind expected, string body, string? scope = null, string extraMembers = "") =>
        new object[] { expected.ToString(), body, extraMembers, scope! };

    private static RefusalVocabulary RefusalVocabularyWith(string key, string value) =>
        RefusalVocabulary.Create(RefusalVocabulary.Configured(new DictionaryOptions(new Dictionary<string, string> { [key] = value }))!.Value);

    private static RefusalAnalysis AnalyzeSingle(string source, RefusalVocabulary? names = null, bool allowErrors = false)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: "/0/Test0.cs");
        var usings = CSharpSyntaxTree.ParseText(Verifier<AuthStatus.Analyzers.Rules.Auth001UnauthorizedWithoutChallengeAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>.GlobalUsings, new CSharpParseOptions(LanguageVersion.Latest));
        var compilation = CSharpCompilation.Create(
            "Test",
            new[] { tree, usings },
            TestReferences.AspNetCore(AspNetVersion.Net100),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        if (!allowErrors)
        {
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors));
        }

        var symbols = AspNetCoreSymbols.TryCreate(compilation)!;
        var model = compilation.GetSemanticModel(tree);
        var producers = new List<StatusProducer>();
        foreach (var node in tree.GetRoot().DescendantNodes())
        {
            if (node is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax or AssignmentExpressionSyntax
                && model.GetOperation(node) is { } operation)
            {
                HttpStatusResolver.Collect(operation, symbols, producers);
            }
        }

        producers = producers.Where(p => p.StatusCode is 401 or 403).GroupBy(p => p.ReportOn.Syntax.Span).Select(g => g.First()).ToList();
        var marked = producers.Where(p => p.ReportOn.Syntax.GetLeadingTrivia().ToString().Contains("/*P*/", StringComparison.Ordinal)).ToList();
        var chosen = marked.Count == 1 ? marked : producers;
        Assert.True(chosen.Count == 1, $"Expected one producer, found {chosen.Count}: " + string.Join(", ", chosen.Select(p => p.ReportOn.Syntax.ToString())));

        // Classify from the operation tree rooted at the member body, as an analyzer sees it.
        var at = Reroot(model, chosen[0].ReportOn);
        var member = model.GetEnclosingSymbol(at.Syntax.SpanStart)!;
        return RefusalReason.Analyze(at, member, compilation, names ?? RefusalVocabulary.Default, CancellationToken.None);
    }

    /// <summary>Finds the same operation in the tree of its whole member body (GetOperation on a node gives a partial tree).</summary>
    private static IOperation Reroot(SemanticModel model, IOperation operation)
    {
        var member = operation.Syntax.AncestorsAndSelf().First(n => n is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax || n is GlobalStatementSyntax);
        var root = model.GetOperation(member)!;
        return root.DescendantsAndSelf().First(o => o.Syntax == operation.Syntax && o.Kind == operation.Kind);
    }

    private sealed class DictionaryOptions(Dictionary<string, string> values) : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }

    /// <summary>Options per tree; a tree without an entry has none.</summary>
    private sealed class TreeOptionsProvider(Dictionary<SyntaxTree, Dictionary<string, string>> byTree) : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider
    {
        private static readonly DictionaryOptions None = new(new Dictionary<string, string>());

        public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GlobalOptions => None;

        public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(SyntaxTree tree) =>
            byTree.TryGetValue(tree, out var values) ? new DictionaryOptions(values) : None;

        public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(AdditionalText textFile) => None;
    }
}
