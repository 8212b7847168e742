using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AuthStatus.Analyzers.Bench;

/// <summary>The result of timing the code fixes for one diagnostic.</summary>
public sealed record CodeFixResult(
    string DiagnosticId,
    int FileCount,
    int LineCount,
    string? File,
    IReadOnlyList<string> Providers,
    IReadOnlyList<string> Actions,
    double FirstMs,
    double MedianMs,
    string? Note);

/// <summary>
/// Times what the IDE does when the light bulb opens on one diagnostic in a large solution: every fix provider for the ID
/// registers its fixes, then each offered action computes its changed solution and the changed documents' text.
/// The solution is an <see cref="AdhocWorkspace"/> holding the whole code base; its compilation is built first, and the
/// diagnostic comes from running the rule's analyzer on that one document (as the IDE does), outside the timing.
/// </summary>
public static class CodeFixTiming
{
    public static async Task<CodeFixResult> MeasureAsync(
        CodeBase codeBase, AnalyzerCatalog catalog, string diagnosticId, string? preferredFile, int repeat, CancellationToken cancellationToken)
    {
        var providers = AnalyzerCatalog.PackageCodeFixes().Where(p => p.FixableDiagnosticIds.Contains(diagnosticId)).ToImmutableArray();
        var providerNames = providers.Select(p => p.GetType().Name).ToList();
        CodeFixResult Skipped(string note, string? file = null) =>
            new(diagnosticId, codeBase.FileCount, codeBase.LineCount, file, providerNames, Array.Empty<string>(), double.NaN, double.NaN, note);

        if (providers.IsEmpty)
        {
            return Skipped($"the package has no code fix provider for {diagnosticId} yet");
        }

        var analyzers = catalog.Package.Analyzers.Where(a => a.SupportedDiagnostics.Any(d => d.Id == diagnosticId)).ToImmutableArray();
        if (analyzers.IsEmpty)
        {
            return Skipped($"no analyzer reports {diagnosticId}");
        }

        using var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId("Contoso.Api");
        var documents = codeBase.Files.Select(f => DocumentInfo.Create(
            DocumentId.CreateNewId(projectId, f.Path),
            System.IO.Path.GetFileName(f.Path),
            loader: TextLoader.From(TextAndVersion.Create(SourceText.From(f.Text, System.Text.Encoding.UTF8), VersionStamp.Create(), f.Path)),
            filePath: "/src/" + f.Path)).ToList();
        var project = ProjectInfo.Create(
            projectId, VersionStamp.Create(), "Contoso.Api", "Contoso.Api", LanguageNames.CSharp,
            filePath: "/src/Contoso.Api.csproj",
            compilationOptions: codeBase.CompilationOptions,
            parseOptions: codeBase.ParseOptions,
            documents: documents,
            metadataReferences: codeBase.References);
        var solution = workspace.AddSolution(SolutionInfo.Create(SolutionId.CreateNewId(), VersionStamp.Create(), projects: new[] { project }));
        var compilation = (await solution.GetProject(projectId)!.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!;

        // The document: a controller first (a `return Unauthorized()` is the common case), then the one the benchmark run
        // reported first, then any other.
        var candidates = solution.GetProject(projectId)!.Documents
            .OrderBy(d => d.FilePath!.EndsWith("Controller.cs", StringComparison.Ordinal) ? 0 : d.FilePath == "/src/" + preferredFile ? 1 : 2)
            .ThenBy(d => d.FilePath, StringComparer.Ordinal);
        var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false));
        Document? document = null;
        Diagnostic? diagnostic = null;
        var searched = 0;
        foreach (var candidate in candidates)
        {
            if (++searched > 200)
            {
                break;
            }

            var tree = (await candidate.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false))!;
            var model = compilation.GetSemanticModel(tree);
            var found = await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, null, cancellationToken).ConfigureAwait(false);
            diagnostic = found.Where(d => d.Id == diagnosticId).OrderBy(d => d.Location.SourceSpan.Start).FirstOrDefault();
            if (diagnostic is not null)
            {
                document = candidate;
                break;
            }
        }

        if (document is null || diagnostic is null)
        {
            return Skipped($"no {diagnosticId} diagnostic found in the code base");
        }

        var times = new List<double>();
        var actionTitles = new List<string>();
        for (var i = 0; i < 1 + Math.Max(1, repeat); i++)
        {
            var stopwatch = Stopwatch.StartNew();
            var actions = new List<CodeAction>();
            foreach (var provider in providers)
            {
                var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken);
                await provider.RegisterCodeFixesAsync(context).ConfigureAwait(false);
            }

            foreach (var action in actions)
            {
                foreach (var operation in await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (operation is ApplyChangesOperation apply)
                    {
                        foreach (var change in apply.ChangedSolution.GetChanges(solution).GetProjectChanges())
                        {
                            foreach (var changed in change.GetChangedDocuments())
                            {
                                await apply.ChangedSolution.GetDocument(changed)!.GetTextAsync(cancellationToken).ConfigureAwait(false);
                            }
                        }
                    }
                }
            }

            times.Add(stopwatch.Elapsed.TotalMilliseconds);
            if (i == 0)
            {
                actionTitles.AddRange(actions.Select(a => a.Title));
            }
        }

        var note = actionTitles.Count == 0 ? "the providers offered no fix for this diagnostic" : null;
        return new CodeFixResult(
            diagnosticId, codeBase.FileCount, codeBase.LineCount, document.FilePath, providerNames, actionTitles,
            times[0], Statistics.Median(times.Skip(1)), note);
    }
}
