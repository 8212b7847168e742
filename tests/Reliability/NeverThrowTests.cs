using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AuthStatus.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace AuthStatus.Analyzers.Tests.Reliability;

/// <summary>
/// Issue 9, part 1: no analyzer of the package throws, on any input. Every analyzer (found by reflection) runs over the
/// rule tests' sources, the samples and the modern-syntax inputs; over seeded mutations of them; and with ASP.NET Core
/// complete, partial or missing. An exception is an <c>onAnalyzerException</c> callback or an AD0001 diagnostic.
/// </summary>
public class NeverThrowTests
{
    private readonly ITestOutputHelper _output;

    public NeverThrowTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void Discovery_FindsAnalyzersAndInputs()
    {
        Assert.Equal(new[] { typeof(AuthStatusAnalyzer) }, ReliabilityHarness.AnalyzerTypes);
        Assert.Contains(AuthStatusAnalyzer.CreateRules(), r => r.GetType().Name.StartsWith("Auth001", StringComparison.Ordinal));
        Assert.NotEmpty(ReliabilityHarness.RuleTestInputs);
        Assert.NotEmpty(ReliabilityHarness.SampleInputs);
        Assert.DoesNotContain(ReliabilityHarness.RuleTestInputs, i => i.Text.Contains("[|", StringComparison.Ordinal) || i.Text.Contains("|]", StringComparison.Ordinal));
        _output.WriteLine($"{ReliabilityHarness.AnalyzerTypes.Length} analyzers, {ReliabilityHarness.CodeFixTypes.Length} code fixes, "
            + $"{ReliabilityHarness.RuleTestInputs.Length} rule-test inputs, {ReliabilityHarness.SampleInputs.Length} samples, {ReliabilityHarness.ModernInputs.Length} modern inputs");
    }

    [Fact]
    public void Isolation_WrapsOrdinaryInputs()
    {
        Assert.NotNull(Isolation.Wrap("using System;\nnamespace A;\npublic class C { }\n", 1));
        Assert.NotNull(Isolation.Wrap("public class C { }\nnamespace B { class D { } }\n", 2));
        Assert.Null(Isolation.Wrap("System.Console.WriteLine();\n", 3));
        Assert.Null(Isolation.Wrap("#if NEVER\nnamespace A;\n#endif\n", 4));
    }

    /// <summary>Each input alone against ASP.NET Core 10 (as the rule tests compile it), and in batches against ASP.NET Core 8.</summary>
    [Fact]
    public void Inputs_WithFullReferences_DoNotThrow()
    {
        var net10 = ReliabilityHarness.Full(AspNetVersion.Net100);
        var net8 = ReliabilityHarness.Full(AspNetVersion.Net80);
        var stopwatch = Stopwatch.StartNew();
        var alone = ReliabilityHarness.EachInputAlone;
        _output.WriteLine($"{alone.Length} inputs analysed alone in {stopwatch.Elapsed.TotalSeconds:F1} s; {alone.Sum(a => a.Outcome.Diagnostics.Length)} diagnostics");
        var failures = alone.SelectMany(a => a.Outcome.Exceptions.Select(e => $"[{net10}] {a.Input.Name}:\n{e}\n--- source ---\n{a.Input.Text}")).ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} analyzer exception(s):\n" + ReliabilityHarness.Report(failures));

        var jobs = new List<Job> { SamplesJob(net10), SamplesJob(net8) };
        jobs.AddRange(Isolation.Batch(ReliabilityHarness.AllInputs.Select(i => (i.Name, i.Text)), net8));

        // The modern inputs also without the implicit usings, as a project with ImplicitUsings off compiles them.
        jobs.AddRange(ReliabilityHarness.ModernInputs.Select(i => new Job(net10, new[] { (i.Name, i.Text) }, implicitUsings: false)));
        Run(jobs, "original inputs");
    }

    /// <summary>ASP.NET Core without MVC, without authentication, HTTP abstractions only, core library only, nothing at all.</summary>
    [Fact]
    public void Inputs_WithMissingOrPartialReferences_DoNotThrow()
    {
        var jobs = new List<Job>();
        foreach (var references in ReliabilityHarness.DegradedReferenceSets)
        {
            jobs.Add(SamplesJob(references));
            jobs.AddRange(Isolation.Batch(ReliabilityHarness.AllInputs.Select(i => (i.Name, i.Text)), references));
        }

        Run(jobs, "original inputs x " + ReliabilityHarness.DegradedReferenceSets.Length + " reference sets");
    }

    /// <summary>
    /// Every input broken in up to <see cref="Mutator.MaxPerInput"/> seeded ways. Most mutants compile against ASP.NET Core
    /// 10; every fourth batch against another reference set in turn (ASP.NET Core 8, partial, missing).
    /// </summary>
    [Fact]
    public void MutatedInputs_DoNotThrow()
    {
        var mutants = Mutator.MutateAll(ReliabilityHarness.AllInputs).ToList();
        var sets = new List<ReferenceSet> { ReliabilityHarness.Full(AspNetVersion.Net80) };
        sets.AddRange(ReliabilityHarness.DegradedReferenceSets);
        var net10 = ReliabilityHarness.Full(AspNetVersion.Net100);
        var jobs = new List<Job>();
        foreach (var chunk in mutants.Chunk(120))
        {
            var references = jobs.Count % 4 == 3 ? sets[(jobs.Count / 4) % sets.Count] : net10;
            jobs.AddRange(Isolation.Batch(chunk.Select(m => (m.ToString(), m.Text)), references));
        }

        Run(jobs, $"{mutants.Count} mutated inputs");
    }

    private static Job SamplesJob(ReferenceSet references) =>
        new(references, ReliabilityHarness.SampleInputs.Select(s => (s.Name, s.Text)).ToArray());

    private void Run(List<Job> jobs, string what)
    {
        var stopwatch = Stopwatch.StartNew();
        var analyzers = ReliabilityHarness.CreateAnalyzers();
        var failures = new ConcurrentBag<string>();
        var diagnostics = 0;
        Parallel.ForEach(jobs, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, job =>
        {
            var outcome = ReliabilityHarness.Analyze(ReliabilityHarness.Compile(job.References, job.Trees()), analyzers, concurrent: false);
            Interlocked.Add(ref diagnostics, outcome.Diagnostics.Length);
            if (outcome.Exceptions.Count > 0)
            {
                foreach (var failure in Pinpoint(job, analyzers, outcome))
                {
                    failures.Add(failure);
                }
            }
        });

        _output.WriteLine($"{what}: {jobs.Count} compilations, {jobs.Sum(j => j.Sources.Count)} sources analysed in {stopwatch.Elapsed.TotalSeconds:F1} s (process CPU so far {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F1} s); {diagnostics} diagnostics");
        Assert.True(failures.IsEmpty, $"{failures.Count} analyzer exception(s):\n" + ReliabilityHarness.Report(failures.OrderBy(f => f, StringComparer.Ordinal)));
    }

    /// <summary>For a batch that threw, the sources that throw on their own (or the whole batch when none does alone).</summary>
    private static IEnumerable<string> Pinpoint(Job job, ImmutableArray<DiagnosticAnalyzer> analyzers, AnalysisOutcome outcome)
    {
        var found = false;
        if (job.Sources.Count > 1)
        {
            foreach (var source in job.Sources)
            {
                var single = new Job(job.References, new[] { source }, job.ImplicitUsings);
                var alone = ReliabilityHarness.Analyze(ReliabilityHarness.Compile(single.References, single.Trees()), analyzers, concurrent: false);
                if (alone.Exceptions.Count > 0)
                {
                    found = true;
                    yield return $"[{job.References}] {source.Name}:\n{alone.Exceptions[0]}\n--- source ---\n{source.Text}";
                }
            }
        }

        if (!found)
        {
            yield return $"[{job.References}] {job}:\n{outcome.Exceptions[0]}\n--- first source ---\n{job.Sources[0].Text}";
        }
    }
}
