using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AuthStatus.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;
using Xunit;
using Xunit.Abstractions;

namespace AuthStatus.Analyzers.Tests.Reliability;

/// <summary>
/// <see cref="AuthStatusAnalyzer"/> hosts every rule behind one callback per kind. It must report exactly what the rules
/// report when each runs as its own analyzer, and host every rule the assembly defines.
/// </summary>
public class HostTests
{
    private readonly ITestOutputHelper _output;

    public HostTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void Host_ReportsWhatEachRuleReportsAlone()
    {
        var large = DeterminismTests.LargeCompilation();
        var hosted = ReliabilityHarness.Analyze(large.Create(), ImmutableArray.Create<DiagnosticAnalyzer>(new AuthStatusAnalyzer()), concurrent: true);
        var alone = new List<string>();
        var exceptions = new List<string>(hosted.Exceptions);
        foreach (var rule in AuthStatusAnalyzer.CreateRules())
        {
            var outcome = ReliabilityHarness.Analyze(large.Create(), ImmutableArray.Create(rule), concurrent: true);
            exceptions.AddRange(outcome.Exceptions);
            alone.AddRange(outcome.Diagnostics.Select(ReliabilityHarness.Describe));
        }

        Assert.True(exceptions.Count == 0, ReliabilityHarness.Report(exceptions));
        var expected = alone.Distinct(StringComparer.Ordinal).OrderBy(d => d, StringComparer.Ordinal).ToList();
        var actual = hosted.Diagnostics.Select(ReliabilityHarness.Describe).Distinct(StringComparer.Ordinal).OrderBy(d => d, StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);
        Assert.True(
            expected.SequenceEqual(actual),
            $"hosted: {actual.Count}, alone: {expected.Count}\nmissing:\n{ReliabilityHarness.Report(expected.Except(actual))}\nextra:\n{ReliabilityHarness.Report(actual.Except(expected))}");

        // Every rule has something to report in this compilation, so the comparison covers all of them.
        var ids = actual.Select(d => d.Split(' ')[0]).ToHashSet(StringComparer.Ordinal);
        Assert.All(new AuthStatusAnalyzer().SupportedDiagnostics, d => Assert.Contains(d.Id, ids));
        _output.WriteLine($"{large.Trees.Length} trees, {actual.Count} diagnostics agree");
    }

    [Fact]
    public void Host_HostsEveryRuleOnce_AndSupportsTheirDescriptors()
    {
        var ruleTypes = typeof(AuthStatusAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t != typeof(AuthStatusAnalyzer))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();
        var rules = AuthStatusAnalyzer.CreateRules();
        Assert.Equal(ruleTypes, rules.Select(r => r.GetType()).OrderBy(t => t.FullName, StringComparer.Ordinal));

        var expected = rules.SelectMany(r => r.SupportedDiagnostics).Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal);
        Assert.Equal(expected, new AuthStatusAnalyzer().SupportedDiagnostics.Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal));
    }

    [Fact]
    public void Host_WithoutAspNetCore_RegistersNothing()
    {
        var compilation = ReliabilityHarness.Compile(
            new ReferenceSet("net10-core-only", TestReferences.Core(AspNetVersion.Net100)),
            new[] { ReliabilityHarness.Parse("public class C { public bool M(string password, string given) => password == given; }", "/0/C.cs") });
        var withAnalyzers = compilation.WithAnalyzers(
            ImmutableArray.Create<DiagnosticAnalyzer>(new AuthStatusAnalyzer()),
            new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false));
        Assert.Empty(withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult());
        var telemetry = withAnalyzers.GetAnalyzerTelemetryInfoAsync(withAnalyzers.Analyzers[0], default).GetAwaiter().GetResult();
        Assert.Equal(1, telemetry.CompilationStartActionsCount);
        Assert.Equal(0, telemetry.OperationActionsCount + telemetry.SymbolActionsCount + telemetry.SyntaxNodeActionsCount + telemetry.CompilationEndActionsCount);
    }

    /// <summary>A rule whose diagnostics are all off for the compilation (NoWarn) registers nothing, as the compiler would skip it alone.</summary>
    [Fact]
    public void Host_SkipsRulesTurnedOffForTheCompilation()
    {
        var host = new AuthStatusAnalyzer();
        var allOn = Telemetry(host, ImmutableDictionary<string, ReportDiagnostic>.Empty);
        Assert.Equal(1, allOn.SymbolActionsCount); // one named-type dispatcher: AUTH001's handler types, AUTH004's OPTIONS actions

        // Only AUTH006 on: its invocation and binary actions, nothing else.
        var onlySecrets = host.SupportedDiagnostics.Where(d => d.Id != "AUTH006").ToImmutableDictionary(d => d.Id, _ => ReportDiagnostic.Suppress);
        var secrets = Telemetry(host, onlySecrets);
        Assert.Equal(0, secrets.SymbolActionsCount);
        Assert.Equal(2, secrets.OperationActionsCount);

        // AUTH004 is shared by two rules: turning off AUTH011 alone keeps the pipeline rule.
        var withoutAuth011 = Telemetry(host, ImmutableDictionary<string, ReportDiagnostic>.Empty.Add("AUTH011", ReportDiagnostic.Suppress));
        Assert.Equal(allOn.OperationActionsCount, withoutAuth011.OperationActionsCount);

        var allOff = Telemetry(host, host.SupportedDiagnostics.ToImmutableDictionary(d => d.Id, _ => ReportDiagnostic.Suppress));
        Assert.Equal(0, allOff.OperationActionsCount + allOff.SymbolActionsCount);
    }

    private static AnalyzerTelemetryInfo Telemetry(DiagnosticAnalyzer analyzer, ImmutableDictionary<string, ReportDiagnostic> specificOptions)
    {
        var compilation = ReliabilityHarness.Compile(
            ReliabilityHarness.Full(AspNetVersion.Net100),
            ReliabilityHarness.Trees("public class C { public bool M(string password, string given) => password == given; }"));
        compilation = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(specificOptions));
        var withAnalyzers = compilation.WithAnalyzers(
            ImmutableArray.Create(analyzer),
            new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false));
        withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        return withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, default).GetAwaiter().GetResult();
    }
}
