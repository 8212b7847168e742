using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace AuthStatus.Analyzers.Tests.Infrastructure;

/// <summary>What the code under test is compiled with.</summary>
public sealed record TestOptions
{
    public static readonly TestOptions Default = new();

    /// <summary>Add the ASP.NET Core web SDK's implicit usings as a global-usings file (as in a real web project).</summary>
    public bool ImplicitUsings { get; init; } = true;

    /// <summary>Compile as an executable (top-level statements).</summary>
    public bool TopLevel { get; init; }

    /// <summary>Reference the JwtBearer package.</summary>
    public bool JwtBearer { get; init; }

    /// <summary>Lines of an <c>.editorconfig</c> section that applies to every file (<c>key = value</c>).</summary>
    public IReadOnlyList<string> EditorConfig { get; init; } = Array.Empty<string>();

    /// <summary>The versions to run against; by default both ASP.NET Core 8 and 10.</summary>
    public IReadOnlyList<AspNetVersion> Versions { get; init; } = new[] { AspNetVersion.Net80, AspNetVersion.Net100 };

    /// <summary>Replace the references (for tests of incomplete or missing references).</summary>
    public Func<AspNetVersion, IEnumerable<MetadataReference>>? References { get; init; }

    /// <summary>Compiler diagnostics to ignore (for tests of code that does not compile).</summary>
    public CompilerDiagnostics CompilerDiagnostics { get; init; } = CompilerDiagnostics.Errors;

    /// <summary>Fix All iterations; -1 lets the test framework decide.</summary>
    public int FixAllIterations { get; init; } = -1;
}

/// <summary>
/// Runs an analyzer (and optionally its code fix) over sources with markup (<c>[|...|]</c>, <c>{|AUTH001:...|}</c>) against
/// every ASP.NET Core version in <see cref="TestOptions.Versions"/>. Fixed code must compile: compiler errors fail the test.
/// </summary>
public static class Verifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public const string GlobalUsingsPath = "/0/GlobalUsings.g.cs";

    public const string GlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using Microsoft.AspNetCore.Builder;
        global using Microsoft.AspNetCore.Hosting;
        global using Microsoft.AspNetCore.Http;
        global using Microsoft.AspNetCore.Routing;
        global using Microsoft.Extensions.Configuration;
        global using Microsoft.Extensions.DependencyInjection;
        global using Microsoft.Extensions.Hosting;
        global using Microsoft.Extensions.Logging;

        """;

    public static DiagnosticResult Diagnostic(string id) => new(id, DiagnosticSeverity.Warning);

    public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new(descriptor);

    /// <summary>Asserts the diagnostics of the markup (none when the source has no markup).</summary>
    public static async Task VerifyAnalyzerAsync(string source, TestOptions? options = null, params DiagnosticResult[] expected)
    {
        options ??= TestOptions.Default;
        foreach (var version in options.Versions)
        {
            var test = Create(version, options);
            test.TestState.Sources.Add(("/0/Test0.cs", source));
            AddGlobalUsings(test.TestState, options);
            test.ExpectedDiagnostics.AddRange(expected);
            test.TestBehaviors |= TestBehaviors.SkipSuppressionCheck;
            await RunAsync(test, version);
        }
    }

    /// <summary>Applies the fix with <paramref name="equivalenceKey"/> to every diagnostic (single and Fix All) and compares.</summary>
    public static async Task VerifyCodeFixAsync(string source, string fixedSource, string equivalenceKey, TestOptions? options = null, params DiagnosticResult[] expected)
    {
        options ??= TestOptions.Default;
        foreach (var version in options.Versions)
        {
            var test = Create(version, options);
            test.TestState.Sources.Add(("/0/Test0.cs", source));
            test.FixedState.Sources.Add(("/0/Test0.cs", fixedSource));
            AddGlobalUsings(test.TestState, options);
            AddGlobalUsings(test.FixedState, options);

            test.ExpectedDiagnostics.AddRange(expected);
            test.CodeActionEquivalenceKey = equivalenceKey;
            if (options.FixAllIterations >= 0)
            {
                test.NumberOfFixAllIterations = options.FixAllIterations;
                test.NumberOfFixAllInDocumentIterations = options.FixAllIterations;
                test.NumberOfFixAllInProjectIterations = options.FixAllIterations;
            }

            await RunAsync(test, version);
        }
    }

    /// <summary>Asserts that no fix with <paramref name="equivalenceKey"/> is offered for the diagnostics of the markup.</summary>
    public static async Task VerifyNoCodeFixAsync(string source, string equivalenceKey, TestOptions? options = null, params DiagnosticResult[] expected)
    {
        options ??= TestOptions.Default;
        foreach (var version in options.Versions)
        {
            var test = Create(version, options);
            test.TestState.Sources.Add(("/0/Test0.cs", source));
            test.FixedState.Sources.Add(("/0/Test0.cs", source));
            AddGlobalUsings(test.TestState, options);
            AddGlobalUsings(test.FixedState, options);

            test.FixedState.MarkupHandling = MarkupMode.Allow;
            test.ExpectedDiagnostics.AddRange(expected);
            test.CodeActionEquivalenceKey = equivalenceKey;
            test.TestBehaviors |= TestBehaviors.SkipSuppressionCheck;
            await RunAsync(test, version);
        }
    }

    private static void AddGlobalUsings(SolutionState state, TestOptions options)
    {
        if (options.ImplicitUsings)
        {
            state.Sources.Add((GlobalUsingsPath, GlobalUsings));
        }
    }

    private static async Task RunAsync(Test test, AspNetVersion version)
    {
        try
        {
            await test.RunAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"[{TestReferences.Tfm(version)}] {e.Message}");
        }
    }

    private static Test Create(AspNetVersion version, TestOptions options)
    {
        var test = new Test
        {
            ReferenceAssemblies = new ReferenceAssemblies(TestReferences.Tfm(version)),
            CompilerDiagnostics = options.CompilerDiagnostics,
            TopLevel = options.TopLevel,
        };

        var references = options.References?.Invoke(version) ?? DefaultReferences(version, options);
        test.TestState.AdditionalReferences.AddRange(references);
        if (options.TopLevel)
        {
            test.TestState.OutputKind = OutputKind.ConsoleApplication;
        }

        if (options.EditorConfig.Count > 0)
        {
            var config = new StringBuilder("root = true\n\n[*]\n");
            foreach (var line in options.EditorConfig)
            {
                config.Append(line).Append('\n');
            }

            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", config.ToString()));
        }

        return test;
    }

    private static IEnumerable<MetadataReference> DefaultReferences(AspNetVersion version, TestOptions options)
    {
        var references = TestReferences.AspNetCore(version);
        return options.JwtBearer ? references.AddRange(TestReferences.JwtBearer(version)) : references;
    }

    /// <summary>
    /// Runs what the package ships, <see cref="AuthStatusAnalyzer"/>, with the other rules' diagnostics turned off (the host
    /// then skips those rules, as the compiler skips a suppressed analyzer), so each test runs the host's dispatch and sees
    /// the rule <typeparamref name="TAnalyzer"/> alone. <c>HostTests</c> run every rule together.
    /// </summary>
    private sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    {
        private static readonly TAnalyzer Rule = new();

        public Test()
        {
            var ruleIds = Rule.SupportedDiagnostics.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
            DisabledDiagnostics.AddRange(new AuthStatusAnalyzer().SupportedDiagnostics.Select(d => d.Id).Where(id => !ruleIds.Contains(id)));
        }

        public bool TopLevel { get; init; }

        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() =>
            typeof(TAnalyzer) == typeof(AuthStatusAnalyzer) || !AuthStatusAnalyzer.CreateRules().Any(r => r.GetType() == typeof(TAnalyzer))
                ? new DiagnosticAnalyzer[] { Rule }
                : new DiagnosticAnalyzer[] { new AuthStatusAnalyzer() };

        protected override DiagnosticDescriptor? GetDefaultDiagnostic(DiagnosticAnalyzer[] analyzers) =>
            base.GetDefaultDiagnostic(new DiagnosticAnalyzer[] { Rule });

        protected override ParseOptions CreateParseOptions() =>
            ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion.Latest);

        protected override CompilationOptions CreateCompilationOptions()
        {
            var options = (CSharpCompilationOptions)base.CreateCompilationOptions();
            return options.WithNullableContextOptions(NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions(options.SpecificDiagnosticOptions
                    .SetItem("CS1701", ReportDiagnostic.Suppress)
                    .SetItem("CS1702", ReportDiagnostic.Suppress)
                    .SetItem("CS8019", ReportDiagnostic.Suppress));
        }
    }
}
