using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AuthStatus.Analyzers.Bench;

/// <summary>One analyzer's (or one analyzer assembly's) median cost in one code base.</summary>
public sealed record AnalyzerCost(
    string Name,
    double Ms,
    double RatioToBaseline,
    double MsPerKLoc,
    int Diagnostics,
    int? ActionsBeyondCompilationStart);

/// <summary>The medians for one code base.</summary>
public sealed record SizeResult(
    string Kind,
    string CodeBase,
    int Files,
    int Lines,
    int CompilerErrors,
    double ParseMs,
    double BaselineMs,
    double AnalysisWallMs,
    AnalyzerCost Package,
    double FrameworkMs,
    double PackageToFramework,
    IReadOnlyList<AnalyzerCost> Assemblies,
    IReadOnlyList<AnalyzerCost> PackageAnalyzers,
    IReadOnlyDictionary<string, int> Diagnostics,
    IReadOnlyList<string> AnalyzerExceptions,
    IReadOnlyList<double> BaselineSamplesMs,
    IReadOnlyList<double> PackageSamplesMs,
    IReadOnlyList<double> FrameworkSamplesMs,
    double ControlMs,
    long ControlCallbacks,
    double BaselineCpuMs,
    double AnalysisCpuMs,
    double BaselineGcPauseMs,
    double AnalysisGcPauseMs,
    double BaselineWaitPerRun,
    double AnalysisWaitPerRun,
    OwnTime? Own)
{
    [JsonIgnore]
    public IReadOnlyDictionary<string, string> FirstFileById { get; init; } = new Dictionary<string, string>();

    public string? FirstFileWith(string id) => FirstFileById.TryGetValue(id, out var file) ? file : null;

    public static SizeResult From(string kind, CodeBase codeBase, AnalyzerCatalog catalog, bool withFramework, IReadOnlyList<RunSample> samples)
    {
        var kloc = codeBase.LineCount / 1000.0;
        var baseline = Statistics.Median(samples.Select(s => s.BaselineMs));
        var last = samples[^1];
        var ids = new Dictionary<DiagnosticAnalyzer, HashSet<string>>();
        foreach (var analyzer in catalog.All)
        {
            ids[analyzer] = analyzer.SupportedDiagnostics.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        }

        int CountFor(IEnumerable<DiagnosticAnalyzer> analyzers)
        {
            var set = analyzers.SelectMany(a => ids[a]).ToHashSet(StringComparer.Ordinal);
            return last.DiagnosticCounts.Where(p => set.Contains(p.Key)).Sum(p => p.Value);
        }

        AnalyzerCost Cost(string name, IReadOnlyList<DiagnosticAnalyzer> analyzers, bool withActions)
        {
            // The median of the group's per-run totals (not the sum of per-analyzer medians).
            var ms = Statistics.Median(samples.Select(s => analyzers.Sum(a => s.AnalyzerMs[a])));
            int? actions = withActions ? analyzers.Max(a => last.ActionsBeyondStart[a]) : null;
            return new AnalyzerCost(name, Round(ms), Round(ms / baseline, 6), Round(ms / kloc), CountFor(analyzers), actions);
        }

        var package = Cost(catalog.Package.AssemblyName, catalog.Package.Analyzers, withActions: true);
        var assemblies = new List<AnalyzerCost> { package };
        var frameworkMs = double.NaN;
        var frameworkSamples = new List<double>();
        if (withFramework)
        {
            assemblies.AddRange(catalog.Framework.Select(g => Cost(g.AssemblyName, g.Analyzers, withActions: false)));
            var frameworkAnalyzers = catalog.Framework.SelectMany(g => g.Analyzers).ToList();
            frameworkSamples = samples.Select(s => Round(frameworkAnalyzers.Sum(a => s.AnalyzerMs[a]))).ToList();
            frameworkMs = Statistics.Median(frameworkSamples);
        }

        var perRule = catalog.Package.Analyzers.Select(a => Cost(a.GetType().Name, new[] { a }, withActions: true)).ToList();

        var firstFiles = last.PackageDiagnostics
            .Where(d => d.Location.IsInSource)
            .GroupBy(d => d.Id, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => g.Select(d => d.Location.SourceTree!.FilePath).OrderBy(p => p, StringComparer.Ordinal).First(),
                StringComparer.Ordinal);

        return new SizeResult(
            kind,
            codeBase.Name,
            codeBase.FileCount,
            codeBase.LineCount,
            samples.Max(s => s.CompilerErrors),
            Round(Statistics.Median(samples.Select(s => s.ParseMs))),
            Round(baseline),
            Round(Statistics.Median(samples.Select(s => s.AnalysisWallMs))),
            package,
            Round(frameworkMs),
            Round(package.Ms / frameworkMs, 6),
            assemblies,
            perRule,
            new SortedDictionary<string, int>(last.DiagnosticCounts, StringComparer.Ordinal),
            samples.SelectMany(s => s.AnalyzerExceptions).Distinct(StringComparer.Ordinal).ToList(),
            samples.Select(s => Round(s.BaselineMs)).ToList(),
            samples.Select(s => Round(catalog.Package.Analyzers.Sum(a => s.AnalyzerMs[a]))).ToList(),
            frameworkSamples,
            Round(Statistics.Median(samples.Select(s => s.ControlMs))),
            last.ControlCallbacks,
            Round(Statistics.Median(samples.Select(s => s.BaselineCpuMs))),
            Round(Statistics.Median(samples.Select(s => s.AnalysisCpuMs))),
            Round(Statistics.Median(samples.Select(s => s.BaselineGcPauseMs))),
            Round(Statistics.Median(samples.Select(s => s.AnalysisGcPauseMs))),
            Round(Statistics.Median(samples.Select(s => s.BaselineWaitPerRun))),
            Round(Statistics.Median(samples.Select(s => s.AnalysisWaitPerRun))),
            OwnTime.From(samples, baseline))
        {
            FirstFileById = firstFiles,
        };
    }

    internal static double Round(double value, int digits = 3) => double.IsFinite(value) ? Math.Round(value, digits) : double.NaN;
}

/// <summary>
/// The package's callbacks as timed in this process (<c>--split-pauses</c>), medians over the timed runs: their wall time,
/// the GC pauses inside it, and the rest (their own time: work, and waits for a core or a lock), with their allocations.
/// </summary>
public sealed record OwnTime(
    double WallMs,
    double GcPauseMs,
    double OwnMs,
    double OwnToBaseline,
    double JitMs,
    double AllocatedMB,
    long Callbacks,
    IReadOnlyList<double> OwnSamplesMs,
    IReadOnlyList<double> GcPauseSamplesMs)
{
    public static OwnTime? From(IReadOnlyList<RunSample> samples, double baselineMs)
    {
        if (samples.Count == 0 || samples.Any(s => double.IsNaN(s.OwnWallMs)))
        {
            return null;
        }

        var own = Statistics.Median(samples.Select(s => s.OwnWallMs - s.OwnPauseMs));
        return new OwnTime(
            SizeResult.Round(Statistics.Median(samples.Select(s => s.OwnWallMs))),
            SizeResult.Round(Statistics.Median(samples.Select(s => s.OwnPauseMs))),
            SizeResult.Round(own),
            SizeResult.Round(own / baselineMs, 6),
            SizeResult.Round(Statistics.Median(samples.Select(s => s.OwnJitMs))),
            SizeResult.Round(Statistics.Median(samples.Select(s => s.OwnAllocatedBytes / 1048576.0))),
            samples[^1].OwnCallbacks,
            samples.Select(s => SizeResult.Round(s.OwnWallMs - s.OwnPauseMs)).ToList(),
            samples.Select(s => SizeResult.Round(s.OwnPauseMs)).ToList());
    }
}

/// <summary>Everything one benchmark run measured: the console tables and the JSON file.</summary>
public sealed class Report
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly Machine _machine;
    private readonly Settings _settings;
    private readonly AnalyzerCatalog _catalog;

    public Report(Machine machine, Settings settings, AnalyzerCatalog catalog)
    {
        _machine = machine;
        _settings = settings;
        _catalog = catalog;
    }

    public List<SizeResult> Web { get; } = new();

    public List<SizeResult> Library { get; } = new();

    public CodeFixResult? CodeFix { get; set; }

    public static string Progress(SizeResult r) =>
        $"{r.Kind}: {r.Files} files, {r.Lines:N0} lines: baseline {r.BaselineMs:N0} ms, with analyzers {r.AnalysisWallMs:N0} ms wall, "
        + $"package {r.Package.Ms:N1} ms ({Percent(r.Package.RatioToBaseline)} of baseline)"
        + (double.IsNaN(r.FrameworkMs) ? string.Empty : $", framework {r.FrameworkMs:N1} ms")
        + (r.CompilerErrors > 0 ? $", {r.CompilerErrors} compiler errors" : string.Empty)
        + (r.AnalyzerExceptions.Count > 0 ? $", {r.AnalyzerExceptions.Count} analyzer exceptions" : string.Empty);

    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Machine: {_machine.ProcessorCount} cores, {_machine.Os}, {_machine.Runtime}, Roslyn {_machine.Roslyn}, ASP.NET Core {_machine.AspNetCorePack}; ")
          .Append(CultureInfo.InvariantCulture, $"median of {_settings.Repeat} runs after {_settings.Warmup} warm-up.\n\n");
        if (Web.Count > 0)
        {
            var mix = _settings.Source is null ? $" (generated, {_settings.Mix.Name} mix: an infrastructure file in {_settings.Mix.InfrastructurePercent}% of modules)" : string.Empty;
            sb.Append(CultureInfo.InvariantCulture, $"ASP.NET Core code base{mix}: the package next to the compiler baseline and the framework's analyzers\n\n");
            sb.Append("| files | lines | baseline ms | AUTH ms | AUTH / baseline | AUTH ms per 1k lines | framework ms | framework / baseline | AUTH / framework | AUTH diagnostics |\n");
            sb.Append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            foreach (var r in Web)
            {
                sb.Append(CultureInfo.InvariantCulture,
                    $"| {r.Files:N0} | {r.Lines:N0} | {r.BaselineMs:N0} | {r.Package.Ms:N1} | {Percent(r.Package.RatioToBaseline)} | {r.Package.MsPerKLoc:N3} | {r.FrameworkMs:N1} | {Percent(r.FrameworkMs / r.BaselineMs)} | {Percent(r.PackageToFramework)} | {r.Package.Diagnostics:N0} |\n");
            }

            if (_settings.Repeat > 1)
            {
                // Each timed run's analyzer time is wall time inside callbacks: a GC pause or a descheduled thread lands in
                // whichever callback is running, so one size's runs spread widely. The fastest run is the least disturbed.
                sb.Append(CultureInfo.InvariantCulture, $"\nFastest of the {_settings.Repeat} timed runs, each total on its own (the floor under that noise; the targets are read on the medians above)\n\n");
                sb.Append("| files | baseline ms | AUTH ms | AUTH / baseline | framework ms | AUTH / framework | AUTH ms, all runs |\n");
                sb.Append("|---:|---:|---:|---:|---:|---:|---|\n");
                foreach (var r in Web)
                {
                    var baseline = r.BaselineSamplesMs.Min();
                    var package = r.PackageSamplesMs.Min();
                    var framework = r.FrameworkSamplesMs.Count > 0 ? r.FrameworkSamplesMs.Min() : double.NaN;
                    var all = string.Join(", ", r.PackageSamplesMs.Select(v => v.ToString("N0", CultureInfo.InvariantCulture)));
                    sb.Append(CultureInfo.InvariantCulture,
                        $"| {r.Files:N0} | {baseline:N0} | {package:N1} | {Percent(package / baseline)} | {framework:N1} | {Percent(package / framework)} | {all} |\n");
                }
            }

            sb.Append("\nPer analyzer assembly and per package analyzer: ms (share of baseline; ms per 1k lines)\n\n");
            sb.Append("| analyzer |");
            foreach (var r in Web)
            {
                sb.Append(CultureInfo.InvariantCulture, $" {r.Files:N0} files |");
            }

            sb.Append("\n|---|").Append(string.Concat(Enumerable.Repeat("---:|", Web.Count))).Append('\n');
            var names = Web[0].Assemblies.Select(a => (a.Name, IsRule: false))
                .Concat(Web[0].PackageAnalyzers.Select(a => (a.Name, IsRule: true)))
                .ToList();
            foreach (var (name, isRule) in names)
            {
                sb.Append(isRule ? "| &nbsp;&nbsp;" + name + " |" : "| " + name + " |");
                foreach (var r in Web)
                {
                    var cost = (isRule ? r.PackageAnalyzers : r.Assemblies).First(a => a.Name == name);
                    sb.Append(CultureInfo.InvariantCulture, $" {cost.Ms:N1} ({Percent(cost.RatioToBaseline)}; {cost.MsPerKLoc:N3}) |");
                }

                sb.Append('\n');
            }

            if (Web.Any(r => !double.IsNaN(r.ControlMs)))
            {
                sb.Append("| control: empty actions on the same kinds (floor) |");
                foreach (var r in Web)
                {
                    sb.Append(CultureInfo.InvariantCulture, $" {r.ControlMs:N1} ({Percent(r.ControlMs / r.BaselineMs)}; {r.ControlMs / (r.Lines / 1000.0):N3}; {r.ControlCallbacks:N0} callbacks) |");
                }

                sb.Append('\n');
            }

            if (Web.All(r => r.Own is not null))
            {
                // Medians of each part, so the parts need not add up to the wall time's median.
                sb.Append("| package callbacks timed in process (`--split-pauses`): wall ms = GC pauses in them + own ms (own / baseline); of the own ms, JIT; MB allocated |");
                foreach (var r in Web)
                {
                    var own = r.Own!;
                    sb.Append(CultureInfo.InvariantCulture, $" {own.WallMs:N1} = {own.GcPauseMs:N1} + {own.OwnMs:N1} ({Percent(own.OwnToBaseline)}); JIT {own.JitMs:N1}; {own.AllocatedMB:N1} MB |");
                }

                sb.Append('\n');
            }

            sb.Append("| compiler errors in the code base |").Append(string.Concat(Web.Select(r => $" {r.CompilerErrors} |"))).Append('\n');
            sb.Append("| analysis wall time, ms |").Append(string.Concat(Web.Select(r => string.Create(CultureInfo.InvariantCulture, $" {r.AnalysisWallMs:N0} |")))).Append('\n');
            sb.Append("| process CPU ms: baseline / analysis |").Append(string.Concat(Web.Select(r => string.Create(CultureInfo.InvariantCulture, $" {r.BaselineCpuMs:N0} / {r.AnalysisCpuMs:N0} |")))).Append('\n');
            sb.Append("| GC pauses, ms: baseline / analysis (share of its wall time) |").Append(string.Concat(Web.Select(r => string.Create(CultureInfo.InvariantCulture, $" {r.BaselineGcPauseMs:N0} / {r.AnalysisGcPauseMs:N0} ({Percent(r.AnalysisGcPauseMs / r.AnalysisWallMs)}) |")))).Append('\n');
            if (Web.Any(r => !double.IsNaN(r.AnalysisWaitPerRun)))
            {
                sb.Append("| threads' wait for a core per ms on one: baseline / analysis |").Append(string.Concat(Web.Select(r => string.Create(CultureInfo.InvariantCulture, $" {r.BaselineWaitPerRun:N2} / {r.AnalysisWaitPerRun:N2} |")))).Append('\n');
            }

            var exceptions = Web.Concat(Library).SelectMany(r => r.AnalyzerExceptions).Distinct(StringComparer.Ordinal).ToList();
            foreach (var exception in exceptions)
            {
                sb.Append("\nANALYZER EXCEPTION: ").Append(exception).Append('\n');
            }

            var ids = Web[^1].Diagnostics.Where(p => p.Key.StartsWith("AUTH", StringComparison.Ordinal)).Select(p => $"{p.Key} {p.Value}");
            sb.Append("\nPackage diagnostics in the largest code base: ").Append(string.Join(", ", ids)).Append('\n');
        }

        if (Library.Count > 0)
        {
            sb.Append("\nNo ASP.NET Core reference (a class library of the same size): the package should cost nothing\n\n");
            sb.Append("| files | lines | baseline ms | AUTH ms | AUTH / baseline | AUTH actions beyond compilation start |\n");
            sb.Append("|---:|---:|---:|---:|---:|---:|\n");
            foreach (var r in Library)
            {
                sb.Append(CultureInfo.InvariantCulture,
                    $"| {r.Files:N0} | {r.Lines:N0} | {r.BaselineMs:N0} | {r.Package.Ms:N2} | {Percent(r.Package.RatioToBaseline)} | {r.Package.ActionsBeyondCompilationStart} |\n");
            }
        }

        if (CodeFix is { } fix)
        {
            sb.Append('\n');
            if (fix.Note is not null && double.IsNaN(fix.FirstMs))
            {
                sb.Append(CultureInfo.InvariantCulture, $"Code fix timing ({fix.DiagnosticId}, {fix.FileCount:N0} files): skipped, {fix.Note}.\n");
            }
            else
            {
                sb.Append(CultureInfo.InvariantCulture,
                    $"Code fixes for one {fix.DiagnosticId} in a {fix.FileCount:N0}-file solution ({fix.LineCount:N0} lines; {fix.File}): first {fix.FirstMs:N0} ms, then median {fix.MedianMs:N0} ms; ")
                  .Append(CultureInfo.InvariantCulture, $"providers {string.Join(", ", fix.Providers)}; actions: {string.Join("; ", fix.Actions.Select(a => "\"" + a + "\""))}")
                  .Append(fix.Note is null ? ".\n" : $" ({fix.Note}).\n");
            }
        }

        return sb.ToString();
    }

    public string ToJson() => JsonSerializer.Serialize(
        new
        {
            machine = _machine,
            settings = new
            {
                sizes = _settings.Source is null ? _settings.Sizes : Array.Empty<int>(),
                source = _settings.Source,
                warmup = _settings.Warmup,
                repeat = _settings.Repeat,
                seed = _settings.Seed,
                mix = _settings.Source is null ? _settings.Mix.Name : null,
            },
            analyzers = new
            {
                package = _catalog.Package.Analyzers.Select(a => a.GetType().FullName).ToList(),
                framework = _catalog.Framework.Select(g => new { assembly = g.AssemblyName, analyzers = g.Analyzers.Length }).ToList(),
                loadErrors = _catalog.LoadErrors,
            },
            aspNetCore = Web,
            noAspNetCore = Library,
            codeFix = CodeFix,
        },
        JsonOptions);

    private static string Percent(double ratio) =>
        double.IsFinite(ratio) ? (ratio * 100).ToString(ratio < 0.1 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + "%" : "n/a";
}
