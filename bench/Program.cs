using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AuthStatus.Analyzers.Bench;

public static class Program
{
    private const string Usage = """
        AuthStatus.Analyzers benchmark: the package's analyzer cost next to the compiler and the ASP.NET Core analyzers.

        dotnet run -c Release --project bench -- [options]
          --sizes 500,1000,2000,4000   generated code base sizes, in files (about 70 lines each)
          --src DIR                    analyze the C# files of a real source folder instead (bin/ and obj/ skipped)
          --warmup N                   untimed runs per size before the timed ones (default 1)
          --repeat N                   timed runs per size; the median is reported (default 3)
          --seed N                     generator seed (default 42)
          --mix typical|dense          infrastructure files (middleware, auth handlers, pipelines) in 22% of the generated
                                       modules, as in real apps (typical, the default), or in every module (dense, ~5x)
          --out FILE                   JSON results (default bench/results/latest.json)
          --no-library                 skip the measurement without ASP.NET Core references
          --no-codefix                 skip the code fix timing
          --fix-id ID                  the diagnostic whose code fixes are timed (default AUTH001)
          --control                    also run empty actions on the operation and symbol kinds the package registers (the floor)
          --per-rule                   run each rule as its own analyzer instead of the package's one host (a cost per rule; it adds the driver's per-analyzer overhead)
          --split-pauses               also time the package's callbacks in this process and split their wall time into the GC
                                       pauses that land in them and the rest (their work and their waits for a core or a lock)
          --replay                     time the package's own work only: its actions called on one thread for every operation and
                                       type of a bound compilation, without the driver (repeatable to a few percent; see Replay.cs)
          --replay-per-rule            the same, then the host with each rule alone
          --replay-actions             the same, each rule action timed on its own (the rules share one context, as in the host)
          --keystrokes N               the cost per keystroke in an editor instead: N edits of endpoint files of a warm
                                       compilation, each followed by one document's diagnostics from every analyzer
          --sequential                 analyze on one thread (concurrentAnalysis off): steadier per-analyzer times on a busy machine
          --show-errors                print the first compiler errors of each code base (the generator's are 0)
        """;

    public static async Task<int> Main(string[] args)
    {
        Settings settings;
        try
        {
            settings = Settings.Parse(args);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }

        if (settings.Help)
        {
            Console.WriteLine(Usage);
            return 0;
        }

        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var cancellationToken = CancellationToken.None;
        var sdk = Sdk.Locate();
        var catalog = AnalyzerCatalog.Load(sdk, settings.PerRule);
        var machine = Machine.Describe(sdk);
        Console.WriteLine($"# AuthStatus.Analyzers benchmark");
        Console.WriteLine();
        Console.WriteLine($"Machine: {machine.ProcessorCount} cores, {machine.Os}, {machine.Runtime}, Roslyn {machine.Roslyn}, ASP.NET Core pack {machine.AspNetCorePack}.");
        Console.WriteLine($"Package analyzers ({catalog.Package.Analyzers.Length}): {string.Join(", ", catalog.Package.Analyzers.Select(a => a.GetType().Name))}.");
        Console.WriteLine($"Framework analyzers: {string.Join(", ", catalog.Framework.Select(g => $"{g.AssemblyName} ({g.Analyzers.Length})"))}.");
        foreach (var error in catalog.LoadErrors)
        {
            Console.WriteLine($"Analyzer load error: {error}");
        }

        var timed = settings.Keystrokes > 0 ? $"Median of {settings.Keystrokes} timed edits after {settings.Warmup} untimed" : $"Median of {settings.Repeat} timed runs after {settings.Warmup} warm-up run(s)";
        Console.WriteLine($"{timed} per size; seed {settings.Seed}; {settings.Mix.Name} mix ({settings.Mix.InfrastructurePercent}% of modules with an infrastructure file).");
        Console.WriteLine();

        var webReferences = sdk.NetCore.AddRange(sdk.AspNetCore).AddRange(sdk.JwtBearer);
        var generator = new CodeBaseGenerator(settings.Seed, jwtBearer: !sdk.JwtBearer.IsEmpty, settings.Mix);
        var codeBases = new List<CodeBase>();
        if (settings.Source is not null)
        {
            codeBases.Add(new CodeBase(Path.GetFileName(Path.GetFullPath(settings.Source).TrimEnd('/')), ReadFolder(settings.Source), webReferences, Runner.ParseOptions, Runner.Options(OutputKind.ConsoleApplication)));
        }
        else
        {
            foreach (var size in settings.Sizes)
            {
                codeBases.Add(new CodeBase("generated", generator.GenerateWebApi(size), webReferences, Runner.ParseOptions, Runner.Options(OutputKind.ConsoleApplication)));
            }
        }

        if (settings.Keystrokes > 0)
        {
            foreach (var codeBase in codeBases)
            {
                await Keystrokes.RunAsync(codeBase, catalog, settings, cancellationToken);
                Console.WriteLine();
            }

            return 0;
        }

        if (settings.Replay)
        {
            foreach (var codeBase in codeBases)
            {
                Replay.Run(codeBase, catalog, settings, cancellationToken);
                Console.WriteLine();
            }

            return 0;
        }

        var report = new Report(machine, settings, catalog);
        foreach (var codeBase in codeBases)
        {
            var result = await MeasureAsync(codeBase, catalog, catalog.All, settings, "ASP.NET Core", cancellationToken);
            report.Web.Add(result);
            Console.WriteLine(Report.Progress(result));
        }

        if (!settings.NoLibrary)
        {
            foreach (var codeBase in codeBases)
            {
                var library = new CodeBase("library", generator.GenerateLibrary(codeBase.FileCount), sdk.NetCore, Runner.ParseOptions, Runner.Options(OutputKind.DynamicallyLinkedLibrary));
                // The framework's analyzers come with the ASP.NET Core reference only; the package can be in any project.
                var result = await MeasureAsync(library, catalog, catalog.Package.Analyzers, settings, "no ASP.NET Core", cancellationToken);
                report.Library.Add(result);
                Console.WriteLine(Report.Progress(result));
            }
        }

        if (!settings.NoCodeFix && codeBases.Count > 0)
        {
            var largest = codeBases.OrderByDescending(c => c.FileCount).First();
            var preferred = report.Web.First(r => r.Files == largest.FileCount && r.Lines == largest.LineCount).FirstFileWith(settings.FixId);
            Runner.Collect();
            report.CodeFix = await CodeFixTiming.MeasureAsync(largest, catalog, settings.FixId, preferred, Math.Max(1, settings.Repeat), cancellationToken);
        }

        Console.WriteLine();
        Console.WriteLine(report.ToMarkdown());
        var output = settings.Output ?? Path.Combine(Sdk.BenchDirectory() ?? ".", "results", "latest.json");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        await File.WriteAllTextAsync(output, report.ToJson(), cancellationToken);
        Console.WriteLine($"JSON: {Path.GetFullPath(output)}");
        return 0;
    }

    private static async Task<SizeResult> MeasureAsync(
        CodeBase codeBase, AnalyzerCatalog catalog, ImmutableArray<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer> analyzers, Settings settings, string kind, CancellationToken cancellationToken)
    {
        var samples = new List<RunSample>();
        for (var i = 0; i < settings.Warmup + settings.Repeat; i++)
        {
            var sample = await Runner.RunOnceAsync(codeBase, catalog, analyzers, settings.Control ? Control : null, settings.SplitPauses ? Timed(catalog) : null, settings.Sequential, cancellationToken);
            if (settings.ShowErrors && i == 0)
            {
                foreach (var error in sample.FirstErrors)
                {
                    Console.WriteLine($"  {kind} compiler error: {error}");
                }
            }

            if (i >= settings.Warmup)
            {
                samples.Add(sample);
            }
        }

        return SizeResult.From(kind, codeBase, catalog, withFramework: analyzers.Length > catalog.Package.Analyzers.Length, samples);
    }

    private static readonly ControlAnalyzer Control = new();

    private static Dictionary<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer, TimedAnalyzer>? _timed;

    /// <summary>One wrapper per package analyzer for the whole process, as the analyzers themselves are.</summary>
    private static Dictionary<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer, TimedAnalyzer> Timed(AnalyzerCatalog catalog) =>
        _timed ??= catalog.Package.Analyzers.ToDictionary(a => a, a => new TimedAnalyzer(a));

    private static List<SourceFile> ReadFolder(string directory)
    {
        var root = Path.GetFullPath(directory);
        var files = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(p =>
            {
                var relative = Path.GetRelativePath(root, p).Replace('\\', '/');
                return !relative.Split('/').Any(part => part is "bin" or "obj" or ".git" or "node_modules");
            })
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => new SourceFile(Path.GetRelativePath(root, p).Replace('\\', '/'), File.ReadAllText(p)))
            .ToList();
        if (files.Count == 0)
        {
            throw new ArgumentException($"No .cs files under {root}.");
        }

        // SDK-style projects rely on the implicit global usings that the build generates into obj/.
        files.Insert(0, new SourceFile("obj/GlobalUsings.g.cs", CodeBaseGenerator.WebGlobalUsings));
        return files;
    }
}

/// <summary>Command-line options.</summary>
public sealed class Settings
{
    public IReadOnlyList<int> Sizes { get; private set; } = new[] { 500, 1000, 2000, 4000 };

    public string? Source { get; private set; }

    public int Warmup { get; private set; } = 1;

    public int Repeat { get; private set; } = 3;

    public int Seed { get; private set; } = 42;

    public GeneratorMix Mix { get; private set; } = GeneratorMix.Typical;

    public string? Output { get; private set; }

    public bool NoLibrary { get; private set; }

    public bool NoCodeFix { get; private set; }

    public string FixId { get; private set; } = "AUTH001";

    public bool Help { get; private set; }

    public bool ShowErrors { get; private set; }

    public bool Control { get; private set; }

    public bool Sequential { get; private set; }

    public bool SplitPauses { get; private set; }

    public bool PerRule { get; private set; }

    public bool Replay { get; private set; }

    public bool ReplayPerRule { get; private set; }

    public bool ReplayActions { get; private set; }

    public int Keystrokes { get; private set; }

    public static Settings Parse(string[] args)
    {
        var settings = new Settings();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int NextInt(int min)
            {
                var name = args[i];
                var text = Next();
                return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min
                    ? value
                    : throw new ArgumentException($"{name}: '{text}' is not an integer >= {min}.");
            }

            switch (args[i])
            {
                case "--sizes":
                    var text = Next();
                    settings.Sizes = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                        .Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"--sizes: '{s}' is not a positive integer."))
                        .ToArray();
                    break;
                case "--src":
                    settings.Source = Next();
                    if (!Directory.Exists(settings.Source))
                    {
                        throw new ArgumentException($"--src: {settings.Source} is not a directory.");
                    }

                    break;
                case "--warmup":
                    settings.Warmup = NextInt(0);
                    break;
                case "--repeat":
                    settings.Repeat = NextInt(1);
                    break;
                case "--seed":
                    settings.Seed = NextInt(0);
                    break;
                case "--mix":
                    settings.Mix = GeneratorMix.Parse(Next());
                    break;
                case "--out":
                    settings.Output = Next();
                    break;
                case "--no-library":
                    settings.NoLibrary = true;
                    break;
                case "--no-codefix":
                    settings.NoCodeFix = true;
                    break;
                case "--fix-id":
                    settings.FixId = Next();
                    break;
                case "--control":
                    settings.Control = true;
                    break;
                case "--per-rule":
                    settings.PerRule = true;
                    break;
                case "--replay":
                    settings.Replay = true;
                    break;
                case "--replay-actions":
                    settings.Replay = true;
                    settings.ReplayActions = true;
                    break;
                case "--replay-per-rule":
                    settings.Replay = true;
                    settings.ReplayPerRule = true;
                    break;
                case "--keystrokes":
                    settings.Keystrokes = NextInt(1);
                    break;
                case "--sequential":
                    settings.Sequential = true;
                    break;
                case "--split-pauses":
                    settings.SplitPauses = true;
                    break;
                case "--show-errors":
                    settings.ShowErrors = true;
                    break;
                case "-h":
                case "--help":
                    settings.Help = true;
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        return settings;
    }
}

/// <summary>The machine and toolchain a result was measured on.</summary>
public sealed record Machine(int ProcessorCount, string Os, string Runtime, string Roslyn, string AspNetCorePack)
{
    public static Machine Describe(Sdk sdk)
    {
        var roslyn = typeof(CSharpCompilation).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?";
        var plus = roslyn.IndexOf('+', StringComparison.Ordinal);
        return new Machine(
            Environment.ProcessorCount,
            RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription,
            plus < 0 ? roslyn : roslyn[..plus],
            sdk.AspNetCoreVersion);
    }
}

public static class Statistics
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).OrderBy(v => v).ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
