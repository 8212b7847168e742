using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;
using Microsoft.CodeAnalysis.Text;

namespace AuthStatus.Analyzers.Bench;

/// <summary>What one code base is compiled with.</summary>
public sealed record CodeBase(
    string Name,
    IReadOnlyList<SourceFile> Files,
    ImmutableArray<MetadataReference> References,
    CSharpParseOptions ParseOptions,
    CSharpCompilationOptions CompilationOptions)
{
    public int FileCount => Files.Count;

    public int LineCount { get; } = Files.Sum(f => CountLines(f.Text));

    private static int CountLines(string text)
    {
        var lines = 1;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                lines++;
            }
        }

        return text.EndsWith('\n') ? lines - 1 : lines;
    }
}

/// <summary>One timed run: the compiler baseline, then the same code base with every analyzer.</summary>
public sealed class RunSample
{
    public double ParseMs { get; init; }

    public double BaselineMs { get; init; }

    public double AnalysisWallMs { get; init; }

    /// <summary>Process CPU time (all threads) of the baseline and of the analysis; less sensitive to other load than wall time.</summary>
    public double BaselineCpuMs { get; init; }

    public double AnalysisCpuMs { get; init; }

    /// <summary>
    /// Time the runtime held every managed thread for GC during the baseline and during the analysis. The analyzers'
    /// telemetry is wall time: a pause charges every callback that was running when it began.
    /// </summary>
    public double BaselineGcPauseMs { get; init; }

    public double AnalysisGcPauseMs { get; init; }

    /// <summary>
    /// Time this process's threads spent waiting for a core during the analysis, per ms they ran (Linux; else NaN): on a
    /// machine with fewer cores than runnable threads, every callback's logged time includes such waits.
    /// </summary>
    public double AnalysisWaitPerRun { get; init; } = double.NaN;

    public double BaselineWaitPerRun { get; init; } = double.NaN;

    public int CompilerErrors { get; init; }

    public Dictionary<DiagnosticAnalyzer, double> AnalyzerMs { get; } = new();

    public Dictionary<DiagnosticAnalyzer, int> ActionsBeyondStart { get; } = new();

    public Dictionary<string, int> DiagnosticCounts { get; } = new(StringComparer.Ordinal);

    public List<Diagnostic> PackageDiagnostics { get; } = new();

    public List<string> AnalyzerExceptions { get; } = new();

    public List<string> FirstErrors { get; } = new();

    /// <summary>The control analyzer's time and callback count (<c>--control</c>), else NaN and 0.</summary>
    public double ControlMs { get; set; } = double.NaN;

    public long ControlCallbacks { get; set; }

    /// <summary>The package's callbacks timed in this process (<c>--split-pauses</c>), else NaN and 0.</summary>
    public double OwnWallMs { get; set; } = double.NaN;

    public double OwnPauseMs { get; set; } = double.NaN;

    /// <summary>The JIT time inside the package's callbacks (<c>--split-pauses</c>; part of the own time).</summary>
    public double OwnJitMs { get; set; } = double.NaN;

    public long OwnAllocatedBytes { get; set; }

    public long OwnCallbacks { get; set; }
}

public static class Runner
{
    public static CSharpParseOptions ParseOptions { get; } = new CSharpParseOptions(
        LanguageVersion.Latest,
        DocumentationMode.Parse,
        SourceCodeKind.Regular,
        new[] { "NET", "NET" + Sdk.Major + "_0", "NET" + Sdk.Major + "_0_OR_GREATER", "NETCOREAPP", "RELEASE" });

    public static CSharpCompilationOptions Options(OutputKind kind) => new(
        kind,
        nullableContextOptions: NullableContextOptions.Enable,
        optimizationLevel: OptimizationLevel.Release,
        concurrentBuild: true);

    /// <summary>Parses every file, in parallel as the compiler does.</summary>
    public static SyntaxTree[] Parse(CodeBase codeBase, CancellationToken cancellationToken)
    {
        var trees = new SyntaxTree[codeBase.Files.Count];
        Parallel.For(0, trees.Length, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var file = codeBase.Files[i];
            trees[i] = CSharpSyntaxTree.ParseText(SourceText.From(file.Text, System.Text.Encoding.UTF8), codeBase.ParseOptions, file.Path, cancellationToken);
        });
        return trees;
    }

    /// <summary>The analysis options of a timed run: execution times logged, each analyzer exception recorded in <paramref name="exceptions"/>.</summary>
    public static CompilationWithAnalyzersOptions TimedOptions(ConcurrentQueue<string> exceptions, bool sequential) => new(
        new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
        (exception, analyzer, _) => exceptions.Enqueue($"{analyzer.GetType().Name}: {exception.GetType().Name}: {exception.Message}"),
        concurrentAnalysis: !sequential,
        logAnalyzerExecutionTime: true,
        reportSuppressedDiagnostics: false);

    public static CSharpCompilation Compile(CodeBase codeBase, SyntaxTree[] trees) =>
        CSharpCompilation.Create("Contoso.Api", trees, codeBase.References, codeBase.CompilationOptions);

    /// <summary>
    /// One run: the baseline (parse + <c>GetDiagnostics()</c> on a fresh compilation), then a fresh parse and compilation
    /// analysed by <see cref="CompilationWithAnalyzers"/> with every analyzer, execution times logged per analyzer.
    /// </summary>
    public static async Task<RunSample> RunOnceAsync(
        CodeBase codeBase,
        AnalyzerCatalog catalog,
        ImmutableArray<DiagnosticAnalyzer> analyzers,
        ControlAnalyzer? control,
        IReadOnlyDictionary<DiagnosticAnalyzer, TimedAnalyzer>? timed,
        bool sequential,
        CancellationToken cancellationToken)
    {
        // With --split-pauses the driver runs each package analyzer's wrapper; its telemetry stands for the analyzer.
        DiagnosticAnalyzer Running(DiagnosticAnalyzer analyzer) => timed is not null && timed.TryGetValue(analyzer, out var wrapper) ? wrapper : analyzer;

        Collect();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var pause = GC.GetTotalPauseDuration();
        var scheduler = SchedulerStats.Read();
        var stopwatch = Stopwatch.StartNew();
        var trees = Parse(codeBase, cancellationToken);
        var parseMs = stopwatch.Elapsed.TotalMilliseconds;
        var compilation = Compile(codeBase, trees);
        var compilerDiagnostics = compilation.GetDiagnostics(cancellationToken);
        var baselineMs = stopwatch.Elapsed.TotalMilliseconds;
        process.Refresh();
        var baselineCpuMs = (process.TotalProcessorTime - cpu).TotalMilliseconds;
        var baselinePauseMs = (GC.GetTotalPauseDuration() - pause).TotalMilliseconds;
        var baselineScheduler = SchedulerStats.Between(scheduler, SchedulerStats.Read());
        var errorList = compilerDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        compilation = null;
        trees = null;

        Collect();
        var exceptions = new ConcurrentQueue<string>();
        process.Refresh();
        cpu = process.TotalProcessorTime;
        pause = GC.GetTotalPauseDuration();
        scheduler = SchedulerStats.Read();
        stopwatch.Restart();
        var analyzed = Compile(codeBase, Parse(codeBase, cancellationToken));

        // The compiler's declaration pass comes first, as in csc (parse, declare, then bind bodies while analyzers run).
        // Without it, whichever analyzer resolves the first symbol would be charged for building the declaration table.
        analyzed.GetDeclarationDiagnostics(cancellationToken);
        var options = TimedOptions(exceptions, sequential);
        control?.Reset();
        foreach (var wrapper in timed?.Values ?? Enumerable.Empty<TimedAnalyzer>())
        {
            wrapper.Reset();
        }

        var running = analyzers.Select(Running).ToImmutableArray();
        var withAnalyzers = analyzed.WithAnalyzers(control is null ? running : running.Add(control), options);
        // GetAnalysisResultAsync drives the whole compilation (the driver asks for every compilation event) and carries the
        // per-analyzer telemetry (GetAnalyzerTelemetryInfoAsync reports no execution time on this Roslyn).
        var result = await withAnalyzers.GetAnalysisResultAsync(cancellationToken).ConfigureAwait(false);
        var wallMs = stopwatch.Elapsed.TotalMilliseconds;
        process.Refresh();
        var analysisCpuMs = (process.TotalProcessorTime - cpu).TotalMilliseconds;
        var analysisPauseMs = (GC.GetTotalPauseDuration() - pause).TotalMilliseconds;
        var analysisScheduler = SchedulerStats.Between(scheduler, SchedulerStats.Read());
        var all = result.GetAllDiagnostics();

        var sample = new RunSample { ParseMs = parseMs, BaselineMs = baselineMs, AnalysisWallMs = wallMs, BaselineCpuMs = baselineCpuMs, AnalysisCpuMs = analysisCpuMs, BaselineGcPauseMs = baselinePauseMs, AnalysisGcPauseMs = analysisPauseMs, BaselineWaitPerRun = baselineScheduler.WaitMs / baselineScheduler.RunMs, AnalysisWaitPerRun = analysisScheduler.WaitMs / analysisScheduler.RunMs, CompilerErrors = errorList.Count };
        sample.FirstErrors.AddRange(errorList.Take(10).Select(d => d.ToString()));
        sample.AnalyzerExceptions.AddRange(exceptions.Distinct(StringComparer.Ordinal));
        foreach (var analyzer in analyzers)
        {
            var telemetry = result.AnalyzerTelemetryInfo.TryGetValue(Running(analyzer), out var info)
                ? info
                : await withAnalyzers.GetAnalyzerTelemetryInfoAsync(Running(analyzer), cancellationToken).ConfigureAwait(false);
            sample.AnalyzerMs[analyzer] = telemetry.ExecutionTime.TotalMilliseconds;
            sample.ActionsBeyondStart[analyzer] = ActionsBeyondCompilationStart(telemetry);
        }

        if (control is not null && result.AnalyzerTelemetryInfo.TryGetValue(control, out var controlInfo))
        {
            sample.ControlMs = controlInfo.ExecutionTime.TotalMilliseconds;
            sample.ControlCallbacks = control.Callbacks;
        }

        var wrappers = analyzers.Select(Running).OfType<TimedAnalyzer>().ToList();
        if (wrappers.Count > 0)
        {
            sample.OwnWallMs = wrappers.Sum(w => w.WallMs);
            sample.OwnPauseMs = wrappers.Sum(w => w.PauseMs);
            sample.OwnJitMs = wrappers.Sum(w => w.JitMs);
            sample.OwnAllocatedBytes = wrappers.Sum(w => w.AllocatedBytes);
            sample.OwnCallbacks = wrappers.Sum(w => w.Callbacks);
        }

        var packageIds = catalog.Package.Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var diagnostic in all)
        {
            if (diagnostic.Severity == DiagnosticSeverity.Error && diagnostic.Descriptor.CustomTags.Contains(WellKnownDiagnosticTags.Compiler))
            {
                continue;
            }

            if (diagnostic.Id.StartsWith("CS", StringComparison.Ordinal))
            {
                continue;
            }

            sample.DiagnosticCounts[diagnostic.Id] = sample.DiagnosticCounts.GetValueOrDefault(diagnostic.Id) + 1;
            if (packageIds.Contains(diagnostic.Id))
            {
                sample.PackageDiagnostics.Add(diagnostic);
            }
        }

        return sample;
    }

    /// <summary>Registered actions other than the compilation-start action (what an analyzer costs when it bails out).</summary>
    public static int ActionsBeyondCompilationStart(AnalyzerTelemetryInfo t) =>
        t.CompilationEndActionsCount + t.CompilationActionsCount + t.SyntaxTreeActionsCount + t.AdditionalFileActionsCount
        + t.SemanticModelActionsCount + t.SymbolActionsCount + t.SymbolStartActionsCount + t.SymbolEndActionsCount
        + t.SyntaxNodeActionsCount + t.CodeBlockStartActionsCount + t.CodeBlockEndActionsCount + t.CodeBlockActionsCount
        + t.OperationActionsCount + t.OperationBlockActionsCount + t.OperationBlockStartActionsCount + t.OperationBlockEndActionsCount;

    public static void Collect()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    }
}
