using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using AuthStatus.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CodeFixes;
using Xunit;
using Xunit.Abstractions;

namespace AuthStatus.Analyzers.Tests.Reliability;

/// <summary>
/// Issue 9, part 2: every code fix of the package (found by reflection) leaves code that compiles. Each fix is applied,
/// single and with Fix All at document, project and solution scope, to the samples and to the rule tests' inputs.
/// </summary>
public class CodeFixReliabilityTests
{
    /// <summary>Cap on the rule-test inputs the fixes run over (evenly spread), to keep the suite fast as rules are added.</summary>
    private const int MaxInputProjects = 40;

    /// <summary>Cap on the mutants the fixes are computed on.</summary>
    private const int MaxBrokenInputs = 40;

    /// <summary>Inputs per workspace project.</summary>
    private const int InputsPerProject = 8;

    private readonly ITestOutputHelper _output;

    public CodeFixReliabilityTests(ITestOutputHelper output)
    {
        _output = output;
    }

    /// <summary>Mutants of the inputs with fixable diagnostics: computing any fix on broken code never throws.</summary>
    [Fact]
    public async Task EveryFix_OnBrokenCode_DoesNotThrow()
    {
        var stopwatch = Stopwatch.StartNew();
        var harness = new FixHarness();
        if (harness.Fixers.IsEmpty)
        {
            return;
        }

        var fixable = harness.Fixers.SelectMany(f => f.FixableDiagnosticIds).ToHashSet();
        var inputs = ReliabilityHarness.EachInputAlone
            .Where(a => a.Outcome.Diagnostics.Any(d => fixable.Contains(d.Id)))
            .Select(a => a.Input)
            .ToList();
        var mutants = Mutator.MutateAll(inputs).ToList();
        var step = Math.Max(1.0, mutants.Count / (double)MaxBrokenInputs);
        var chosen = Enumerable.Range(0, Math.Min(mutants.Count, MaxBrokenInputs)).Select(i => mutants[(int)(i * step)]).ToList();
        var projects = chosen.Select(m => (m.ToString(), (IReadOnlyList<(string, string)>)new[] { ("Input.cs", m.Text) }));
        await harness.CheckNoThrowAsync(FixHarness.CreateSolution(ReliabilityHarness.Full(AspNetVersion.Net100), projects));

        _output.WriteLine($"{chosen.Count} of {mutants.Count} mutants: {harness.FixableDiagnostics} fixable diagnostics, {harness.SingleFixes} fixes computed in {stopwatch.Elapsed.TotalSeconds:F1} s");
        Assert.True(harness.Failures.Count == 0, $"{harness.Failures.Count} failure(s):\n" + ReliabilityHarness.Report(harness.Failures));
    }

    [Fact]
    public void Discovery_EveryCodeFixIsExportedAndFixesAnAnalyzersDiagnostic()
    {
        var supported = ReliabilityHarness.CreateAnalyzers().SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToHashSet();
        foreach (var fixer in ReliabilityHarness.CreateCodeFixes())
        {
            Assert.NotEmpty(fixer.FixableDiagnosticIds);
            Assert.All(fixer.FixableDiagnosticIds, id => Assert.Contains(id, supported));
        }

        // A provider that is not exported is never loaded by the IDE or the build: flag it.
        var unexported = ReliabilityHarness.CodeFixAssembly.GetTypes()
            .Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract && !ReliabilityHarness.CodeFixTypes.Contains(t))
            .Select(t => t.FullName);
        Assert.Empty(unexported);
        _output.WriteLine($"{ReliabilityHarness.CodeFixTypes.Length} code fix providers: {string.Join(", ", ReliabilityHarness.CodeFixTypes.Select(t => t.Name))}");
    }

    [Fact]
    public async Task EveryFix_OnSamplesAndRuleTestInputs_LeavesCompilingCode()
    {
        var stopwatch = Stopwatch.StartNew();
        var harness = new FixHarness();
        if (harness.Fixers.IsEmpty)
        {
            _output.WriteLine("No code fix providers yet.");
            return;
        }

        var fixable = harness.Fixers.SelectMany(f => f.FixableDiagnosticIds).ToHashSet();
        var candidates = ReliabilityHarness.EachInputAlone
            .Where(a => !a.Input.Name.StartsWith("samples/", StringComparison.Ordinal) && a.Outcome.Diagnostics.Any(d => fixable.Contains(d.Id)))
            .Select(a => a.Input)
            .ToList();
        var step = Math.Max(1.0, candidates.Count / (double)MaxInputProjects);
        var chosen = Enumerable.Range(0, Math.Min(candidates.Count, MaxInputProjects)).Select(i => candidates[(int)(i * step)]).ToList();

        // Inputs share projects (each in its own namespace, see Isolation) so that a project's references are bound once
        // for several inputs; an input that cannot be wrapped (top-level statements) is a project of its own.
        var projects = new List<(string, IReadOnlyList<(string, string)>)>
        {
            ("samples", ReliabilityHarness.SampleInputs.Select(s => (s.Name.Replace('/', '_'), s.Text)).ToList()),
        };
        var batch = new List<(string Name, string Text)>();
        for (var k = 0; k < chosen.Count; k++)
        {
            var wrapped = Isolation.Wrap(chosen[k].Text, k);
            if (wrapped is null)
            {
                projects.Add((chosen[k].Name, new[] { ("Input.cs", chosen[k].Text) }));
                continue;
            }

            batch.Add((chosen[k].Name, wrapped));
            if (batch.Count == InputsPerProject || k == chosen.Count - 1)
            {
                projects.Add((string.Join(" + ", batch.Select(b => b.Name)), batch.Select((b, i) => ($"Input{i}.cs", b.Text)).ToList()));
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            projects.Add((string.Join(" + ", batch.Select(b => b.Name)), batch.Select((b, i) => ($"Input{i}.cs", b.Text)).ToList()));
        }

        var solution = FixHarness.CreateSolution(ReliabilityHarness.Full(AspNetVersion.Net100), projects);
        await harness.CheckAsync(solution);

        _output.WriteLine($"{chosen.Count} of {candidates.Count} inputs with fixable diagnostics, plus the samples: {harness.FixableDiagnostics} fixable diagnostics, "
            + $"{harness.SingleFixes} single fixes, {harness.FixAlls} Fix All runs in {stopwatch.Elapsed.TotalSeconds:F1} s (process CPU so far {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F1} s)");
        foreach (var t in FixHarness.Timings) _output.WriteLine($"  {t.Key}: {t.Value} ms");
        Assert.True(harness.Failures.Count == 0, $"{harness.Failures.Count} failure(s):\n" + ReliabilityHarness.Report(harness.Failures));
    }
}
