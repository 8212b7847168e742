using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AuthStatus.Analyzers.Bench;

/// <summary>
/// <c>--keystrokes N</c>: what the analyzers cost per keystroke in an editor. A warm compilation of the code base (its
/// references' symbols loaded, every analyzer run once) is edited in one file, an endpoint file each time (a line added at
/// its end); the new compilation's diagnostics for that document alone are asked of every analyzer, as the IDE asks for
/// the open document, and each analyzer's time is read from the telemetry. Every keystroke is measured twice, on two
/// compilations: with the analyzers first, and with the compiler's own diagnostics of the document first (the IDE computes
/// them too, and in no fixed order). The first analyzer to touch a new compilation's symbols pays for merging its
/// declarations (work any binding needs), so the first variant charges it to an analyzer and the second to the compiler.
/// </summary>
internal static class Keystrokes
{
    public static async Task RunAsync(CodeBase codeBase, AnalyzerCatalog catalog, Settings settings, CancellationToken cancellationToken)
    {
        var trees = Runner.Parse(codeBase, cancellationToken);
        Compilation compilation = Runner.Compile(codeBase, trees);
        compilation.GetDiagnostics(cancellationToken);
        var exceptions = new ConcurrentQueue<string>();
        var options = Runner.TimedOptions(exceptions, settings.Sequential);
        await compilation.WithAnalyzers(catalog.All, options).GetAnalysisResultAsync(cancellationToken).ConfigureAwait(false);

        var documents = trees.Where(t => t.FilePath.EndsWith("Controller.cs", StringComparison.Ordinal) || t.FilePath.EndsWith("Endpoints.cs", StringComparison.Ordinal)).ToList();
        if (documents.Count == 0)
        {
            documents = trees.Where(t => !t.FilePath.StartsWith("obj/", StringComparison.Ordinal)).ToList();
        }

        var package = catalog.Package.Analyzers.ToHashSet();
        var samples = new[] { new List<(double Package, double Framework)>(), new List<(double Package, double Framework)>() };
        for (var i = 0; i < settings.Warmup + settings.Keystrokes; i++)
        {
            var tree = documents[i % documents.Count];
            var text = tree.GetText(cancellationToken);
            var edited = tree.WithChangedText(text.WithChanges(new TextChange(new TextSpan(text.Length, 0), "\n// keystroke " + i + "\n")));
            for (var variant = 0; variant < 2; variant++)
            {
                var next = compilation.ReplaceSyntaxTree(tree, edited);
                var model = next.GetSemanticModel(edited);
                if (variant == 1)
                {
                    model.GetDiagnostics(cancellationToken: cancellationToken);
                }

                var result = await next.WithAnalyzers(catalog.All, options).GetAnalysisResultAsync(model, filterSpan: null, cancellationToken).ConfigureAwait(false);
                double packageMs = 0, frameworkMs = 0;
                foreach (var (analyzer, info) in result.AnalyzerTelemetryInfo)
                {
                    if (package.Contains(analyzer))
                    {
                        packageMs += info.ExecutionTime.TotalMilliseconds;
                    }
                    else
                    {
                        frameworkMs += info.ExecutionTime.TotalMilliseconds;
                    }
                }

                if (i >= settings.Warmup)
                {
                    samples[variant].Add((packageMs, frameworkMs));
                }
            }
        }

        Console.WriteLine($"Keystrokes in {codeBase.FileCount:N0} files ({codeBase.LineCount:N0} lines): {settings.Keystrokes} edits of endpoint files after {settings.Warmup} untimed, one document's diagnostics each; medians.");
        Console.WriteLine();
        Console.WriteLine("| who touches the new compilation first | package ms | framework ms | package / framework | package ms, fastest to slowest |");
        Console.WriteLine("|---|---:|---:|---:|---|");
        string[] names = { "the analyzers", "the compiler (the document's diagnostics)" };
        for (var variant = 0; variant < 2; variant++)
        {
            var list = samples[variant];
            var packageMedian = Statistics.Median(list.Select(s => s.Package).ToList());
            var frameworkMedian = Statistics.Median(list.Select(s => s.Framework).ToList());
            var spread = string.Join(", ", list.Select(s => s.Package).OrderBy(x => x).Select(x => x.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)));
            Console.WriteLine($"| {names[variant]} | {packageMedian:F2} | {frameworkMedian:F2} | {100 * packageMedian / Math.Max(frameworkMedian, 1e-9):F1}% | {spread} |");
        }

        foreach (var exception in exceptions.Distinct(StringComparer.Ordinal))
        {
            Console.WriteLine($"Analyzer exception: {exception}");
        }
    }
}
