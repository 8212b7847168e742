using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using AuthStatus.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace AuthStatus.Analyzers.Tests.Reliability;

/// <summary>
/// Issue 9, part 3: with concurrent execution on, analysing the same large compilation several times gives the same
/// diagnostics; a cancelled token ends analysis promptly with nothing but <see cref="OperationCanceledException"/>.
/// </summary>
public class DeterminismTests
{
    /// <summary>Copies of each input in the large compilation, while it stays under <see cref="MaxTrees"/>.</summary>
    private const int Copies = 3;

    /// <summary>Cap on the input trees of the large compilation (it is analysed seven times).</summary>
    private const int MaxTrees = 150;

    private readonly ITestOutputHelper _output;

    public DeterminismTests(ITestOutputHelper output)
    {
        _output = output;
    }

    /// <summary>
    /// The samples plus, several times over, every input that can be isolated and has diagnostics when analysed alone.
    /// (An input without any, such as an app-wide challenge middleware, would silence a rule for the whole compilation.)
    /// </summary>
    public static CSharpCompilationBuilder LargeCompilation()
    {
        var trees = new List<SyntaxTree>();
        foreach (var sample in ReliabilityHarness.SampleInputs)
        {
            trees.Add(ReliabilityHarness.Parse(sample.Text, "/" + sample.Name));
        }

        var k = 0;
        var inputs = ReliabilityHarness.EachInputAlone
            .Where(a => !a.Input.Name.StartsWith("samples/", StringComparison.Ordinal) && !a.Outcome.Diagnostics.IsEmpty)
            .Select(a => a.Input)
            .ToList();
        for (var copy = 0; copy < Copies; copy++)
        {
            foreach (var input in inputs)
            {
                if (trees.Count >= MaxTrees)
                {
                    break;
                }

                if (Isolation.Wrap(input.Text, k) is { } wrapped)
                {
                    trees.Add(ReliabilityHarness.Parse(wrapped, $"/large/Input{k}.cs"));
                }

                k++;
            }
        }

        trees.Add(ReliabilityHarness.Parse(ReliabilityHarness.GlobalUsings, "/large/GlobalUsings.g.cs"));
        return new CSharpCompilationBuilder(trees.ToImmutableArray());
    }

    [Fact]
    public void RepeatedConcurrentAnalysis_GivesTheSameDiagnostics()
    {
        var stopwatch = Stopwatch.StartNew();
        var large = LargeCompilation();
        var runs = new List<(string Name, ImmutableArray<string> Diagnostics)>();
        var exceptions = new List<string>();
        for (var run = 0; run < 3; run++)
        {
            // A fresh compilation and fresh analyzer instances each time, so that no cache carries a result over.
            var outcome = ReliabilityHarness.Analyze(large.Create(), ReliabilityHarness.CreateAnalyzers(), concurrent: true);
            exceptions.AddRange(outcome.Exceptions);
            runs.Add(($"concurrent run {run}", Sorted(outcome.Diagnostics)));
        }

        var sequential = ReliabilityHarness.Analyze(large.Create(), ReliabilityHarness.CreateAnalyzers(), concurrent: false);
        exceptions.AddRange(sequential.Exceptions);
        runs.Add(("sequential run", Sorted(sequential.Diagnostics)));

        // The same analyzer instances over two compilations (as an IDE reuses them).
        var shared = ReliabilityHarness.CreateAnalyzers();
        for (var run = 0; run < 2; run++)
        {
            var outcome = ReliabilityHarness.Analyze(large.Create(), shared, concurrent: true);
            exceptions.AddRange(outcome.Exceptions);
            runs.Add(($"shared-instance run {run}", Sorted(outcome.Diagnostics)));
        }

        Assert.True(exceptions.Count == 0, ReliabilityHarness.Report(exceptions));
        var first = runs[0];
        Assert.NotEmpty(first.Diagnostics);
        foreach (var other in runs.Skip(1))
        {
            var missing = first.Diagnostics.Except(other.Diagnostics).ToList();
            var extra = other.Diagnostics.Except(first.Diagnostics).ToList();
            Assert.True(
                first.Diagnostics.SequenceEqual(other.Diagnostics),
                $"{other.Name} differs from {first.Name}: {first.Diagnostics.Length} vs {other.Diagnostics.Length} diagnostics\n"
                + $"missing:\n{ReliabilityHarness.Report(missing)}\nextra:\n{ReliabilityHarness.Report(extra)}");
        }

        _output.WriteLine($"{large.Trees.Length} trees, {first.Diagnostics.Length} diagnostics, {runs.Count} runs agree; {stopwatch.Elapsed.TotalSeconds:F1} s (process CPU so far {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F1} s)");
    }

    [Fact]
    public void CancelledToken_ThrowsOnlyOperationCanceled()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var large = LargeCompilation();
        var exceptions = new List<string>();
        var thrown = Record(() => exceptions.AddRange(ReliabilityHarness.Analyze(large.Create(), ReliabilityHarness.CreateAnalyzers(), concurrent: true, cancellationToken: cancelled.Token).Exceptions));
        Assert.IsAssignableFrom<OperationCanceledException>(thrown);
        Assert.Empty(exceptions);
    }

    /// <summary>Cancelled part-way through (at several moments): analysis returns promptly, completed or cancelled, never another exception.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(50)]
    [InlineData(250)]
    public void CancellationDuringAnalysis_EndsPromptly(int delayMilliseconds)
    {
        var large = LargeCompilation();
        using var source = new CancellationTokenSource();
        var stopwatch = Stopwatch.StartNew();
        var cancelledAt = TimeSpan.Zero;
        source.Token.Register(() => cancelledAt = stopwatch.Elapsed);
        source.CancelAfter(delayMilliseconds);
        var exceptions = new List<string>();
        var thrown = Record(() => exceptions.AddRange(ReliabilityHarness.Analyze(large.Create(), ReliabilityHarness.CreateAnalyzers(), concurrent: true, cancellationToken: source.Token).Exceptions));
        var ended = stopwatch.Elapsed;
        Assert.True(thrown is null or OperationCanceledException, $"unexpected exception: {thrown}");
        Assert.True(exceptions.Count == 0, ReliabilityHarness.Report(exceptions));
        if (thrown is not null)
        {
            // Promptly: a loaded 2-core machine still ends well within this.
            Assert.True(ended - cancelledAt < TimeSpan.FromSeconds(10), $"analysis ran on for {(ended - cancelledAt).TotalSeconds:F1} s after cancellation");
        }

        _output.WriteLine($"cancel after {delayMilliseconds} ms: {(thrown is null ? "completed" : "cancelled")} at {ended.TotalMilliseconds:F0} ms (cancel at {cancelledAt.TotalMilliseconds:F0} ms)");
    }

    private static Exception? Record(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (AggregateException aggregate) when (aggregate.InnerExceptions.All(e => e is OperationCanceledException))
        {
            return aggregate.InnerExceptions[0];
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private static ImmutableArray<string> Sorted(ImmutableArray<Diagnostic> diagnostics) =>
        diagnostics.Select(ReliabilityHarness.Describe).OrderBy(d => d, StringComparer.Ordinal).ToImmutableArray();
}

/// <summary>Creates fresh compilations of the same trees.</summary>
public sealed class CSharpCompilationBuilder
{
    public CSharpCompilationBuilder(ImmutableArray<SyntaxTree> trees)
    {
        Trees = trees;
    }

    public ImmutableArray<SyntaxTree> Trees { get; }

    /// <summary>A new compilation (no semantic caches shared with earlier ones) against ASP.NET Core 10.</summary>
    public Compilation Create() => Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
        "Large",
        Trees,
        ReliabilityHarness.Full(AspNetVersion.Net100).References,
        new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.ConsoleApplication)
            .WithNullableContextOptions(NullableContextOptions.Enable));
}
