using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using AuthStatus.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Host.Mef;
using Microsoft.CodeAnalysis.Text;

namespace AuthStatus.Analyzers.Tests.Reliability;

/// <summary>
/// Applies every code fix of the package (single, and Fix All at document, project and solution scope) in an
/// <see cref="AdhocWorkspace"/> and checks what it leaves: no new compiler errors, the fixed diagnostics gone, and a
/// second Fix All that changes nothing.
/// </summary>
public sealed class FixHarness
{

    private readonly ImmutableArray<DiagnosticAnalyzer> _analyzers = ReliabilityHarness.CreateAnalyzers();
    private readonly ImmutableArray<CodeFixProvider> _fixers = ReliabilityHarness.CreateCodeFixes();

    private readonly List<string> _failures = new();
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, Task<ImmutableArray<Diagnostic>>> _analyses = new();
    private int _singleFixes;
    private int _fixAlls;
    private int _fixableDiagnostics;

    public IReadOnlyList<string> Failures
    {
        get
        {
            lock (_failures)
            {
                return _failures.ToList();
            }
        }
    }

    /// <summary>Counts for the report: single fixes applied, Fix All runs, fixable diagnostics seen.</summary>
    public int SingleFixes => _singleFixes;

    public int FixAlls => _fixAlls;

    public int FixableDiagnostics => _fixableDiagnostics;

    /// <summary>Cap on single fixes per document, so that a rule test full of diagnostics stays cheap.</summary>
    public int MaxSingleFixesPerDocument { get; init; } = 2;

    /// <summary>Cap on the projects a Fix All runs over (the solution scope spans them all).</summary>
    public int MaxFixAllProjects { get; init; } = 3;

    /// <summary>The Fix All scopes to check (all three by default).</summary>
    public IReadOnlyList<FixAllScope> FixAllScopes { get; init; } = new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

    public ImmutableArray<CodeFixProvider> Fixers => _fixers;

    public static readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> Timings = new();

    private static async Task<T> Time<T>(string phase, Func<Task<T>> action)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        try { return await action(); }
        finally { Timings.AddOrUpdate(phase, sw.ElapsedMilliseconds, (_, v) => v + sw.ElapsedMilliseconds); }
    }

    private void Fail(string failure)
    {
        lock (_failures)
        {
            _failures.Add(failure);
        }
    }

    /// <summary>A solution with one project per source set (each input is its own project: inputs reuse type names).</summary>
    public static Solution CreateSolution(ReferenceSet references, IEnumerable<(string Name, IReadOnlyList<(string Path, string Text)> Files)> projects, string? editorConfig = null)
    {
        var workspace = new AdhocWorkspace(MefHostServices.DefaultHost);
        var solution = workspace.CurrentSolution;
        var index = 0;
        foreach (var (name, files) in projects)
        {
            var id = ProjectId.CreateNewId(name);
            var directory = $"/p{index}/";
            var console = files.Any(f => ReliabilityHarness.HasTopLevelStatements(ReliabilityHarness.Parse(f.Text, f.Path)));
            solution = solution.AddProject(ProjectInfo.Create(
                id,
                VersionStamp.Default,
                name,
                "Project" + index++,
                LanguageNames.CSharp,
                filePath: directory + "Project.csproj",
                compilationOptions: new CSharpCompilationOptions(console ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary)
                    .WithNullableContextOptions(NullableContextOptions.Enable),
                parseOptions: ReliabilityHarness.ParseOptions,
                metadataReferences: references.References));
            foreach (var (path, text) in files.Append(("GlobalUsings.g.cs", ReliabilityHarness.GlobalUsings)))
            {
                solution = solution.AddDocument(DocumentId.CreateNewId(id), path, SourceText.From(text), filePath: directory + path);
            }

            if (editorConfig is not null)
            {
                solution = solution.AddAnalyzerConfigDocument(DocumentId.CreateNewId(id), ".editorconfig", SourceText.From(editorConfig), filePath: directory + ".editorconfig");
            }
        }

        return solution;
    }

    /// <summary>
    /// Every single fix (capped per project) over every project, in parallel; then each Fix All (per provider and
    /// equivalence key, at each scope) over a solution of the first projects that key applies to.
    /// </summary>
    public async Task CheckAsync(Solution solution, CancellationToken cancellationToken = default)
    {
        if (_fixers.IsEmpty)
        {
            return;
        }

        var keys = new System.Collections.Concurrent.ConcurrentDictionary<(CodeFixProvider Fixer, string Key), System.Collections.Concurrent.ConcurrentBag<ProjectId>>();
        await Parallel.ForEachAsync(
            solution.Projects,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            async (project, token) =>
            {
                var singles = new Dictionary<DocumentId, int>();
                foreach (var diagnostic in await AnalyzeAsync(project, token))
                {
                    foreach (var fixer in _fixers.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id) && diagnostic.Location.IsInSource))
                    {
                        Interlocked.Increment(ref _fixableDiagnostics);
                        var document = project.GetDocument(diagnostic.Location.SourceTree)!;
                        singles.TryAdd(document.Id, 0);
                        foreach (var action in await ActionsAsync(fixer, document, diagnostic, token))
                        {
                            if (action.EquivalenceKey is { } key && fixer.GetFixAllProvider() is not null)
                            {
                                keys.GetOrAdd((fixer, key), _ => new()).Add(project.Id);
                            }

                            if (singles[document.Id]++ < MaxSingleFixesPerDocument)
                            {
                                await CheckSingleAsync(fixer, action, document, diagnostic, await DocumentErrorsAsync(document, token), token);
                            }
                        }
                    }
                }
            });

        foreach (var entry in keys.OrderBy(k => k.Key.Fixer.GetType().Name, StringComparer.Ordinal).ThenBy(k => k.Key.Key, StringComparer.Ordinal))
        {
            var chosen = solution.ProjectIds.Where(entry.Value.Contains).Take(MaxFixAllProjects).ToHashSet();
            var subset = solution;
            foreach (var id in solution.ProjectIds.Where(id => !chosen.Contains(id)))
            {
                subset = subset.RemoveProject(id);
            }

            await CheckFixAllAsync(subset, entry.Key.Fixer, entry.Key.Key, cancellationToken);
        }
    }

    /// <summary>
    /// For broken code: registering and computing every fix never throws (the fixed code need not compile, the input
    /// does not). Checks up to <see cref="MaxSingleFixesPerDocument"/> diagnostics per document.
    /// </summary>
    public async Task CheckNoThrowAsync(Solution solution, CancellationToken cancellationToken = default)
    {
        await Parallel.ForEachAsync(
            solution.Projects,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            async (project, token) =>
            {
                var perDocument = new Dictionary<DocumentId, int>();
                foreach (var diagnostic in await AnalyzeAsync(project, token))
                {
                    foreach (var fixer in _fixers.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id) && diagnostic.Location.IsInSource))
                    {
                        var document = project.GetDocument(diagnostic.Location.SourceTree)!;
                        perDocument.TryAdd(document.Id, 0);
                        if (perDocument[document.Id]++ >= MaxSingleFixesPerDocument)
                        {
                            continue;
                        }

                        Interlocked.Increment(ref _fixableDiagnostics);
                        foreach (var action in await ActionsAsync(fixer, document, diagnostic, token))
                        {
                            Interlocked.Increment(ref _singleFixes);
                            try
                            {
                                await ApplyAsync(action, project.Solution, token);
                            }
                            catch (Exception e) when (e is not OperationCanceledException)
                            {
                                Fail($"{fixer.GetType().Name} '{action.Title}' threw on {diagnostic} in {project.Name}:\n{e}\n--- source ---\n{await document.GetTextAsync(token)}");
                            }
                        }
                    }
                }
            });
    }

    private async Task CheckSingleAsync(CodeFixProvider fixer, CodeAction action, Document document, Diagnostic diagnostic, Dictionary<string, int> baseline, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _singleFixes);
        var what = $"{fixer.GetType().Name} '{action.Title}' ({action.EquivalenceKey}) on {diagnostic.Id} at {diagnostic.Location.GetLineSpan()} in {document.Project.Name}";
        Solution changed;
        try
        {
            changed = await Time("apply-single", () => ApplyAsync(action, document.Project.Solution, cancellationToken));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Fail($"{what}: the fix threw\n{e}");
            return;
        }

        var newProject = changed.GetProject(document.Project.Id)!;
        var newDocument = newProject.GetDocument(document.Id)!;
        var text = (await newDocument.GetTextAsync(cancellationToken)).ToString();
        var errors = await Time("errors", () => NewErrorsAsync(newDocument, baseline, cancellationToken));
        if (errors.Count > 0)
        {
            Fail($"{what}: the fixed code does not compile:\n  {string.Join("\n  ", errors)}\n--- fixed ---\n{text}");
        }

        var changes = (await newDocument.GetTextChangesAsync(document, cancellationToken)).ToList();
        if (changes.Count == 0 && ReferenceEquals(changed, document.Project.Solution))
        {
            Fail($"{what}: the fix changes nothing");
            return;
        }

        foreach (var remaining in await AnalyzeDocumentAsync(newDocument, cancellationToken))
        {
            if (remaining.Id == diagnostic.Id && remaining.Location.SourceTree?.FilePath == document.FilePath
                && MapToOld(remaining.Location.SourceSpan, changes).IntersectsWith(diagnostic.Location.SourceSpan))
            {
                Fail($"{what}: the diagnostic is still there after the fix: {remaining}\n--- fixed ---\n{text}");
                break;
            }
        }
    }

    private async Task CheckFixAllAsync(Solution solution, CodeFixProvider fixer, string key, CancellationToken cancellationToken)
    {
        var fixAll = fixer.GetFixAllProvider()!;
        var supported = fixAll.GetSupportedFixAllScopes().ToHashSet();
        foreach (var scope in FixAllScopes.Where(supported.Contains))
        {
            // The trigger: the first document with a diagnostic this key fixes.
            var trigger = await Time("trigger", () => FirstFixableDocumentAsync(solution, fixer, key, cancellationToken));
            if (trigger is null)
            {
                return;
            }

            Interlocked.Increment(ref _fixAlls);
            var what = $"{fixer.GetType().Name} Fix All ({key}, {scope}) from {trigger.Project.Name}";
            var inScope = ScopeProjects(solution, trigger, scope);
            var baselines = new Dictionary<ProjectId, Dictionary<string, int>>();
            foreach (var project in inScope)
            {
                baselines[project.Id] = await CompilerErrorsAsync(project, cancellationToken);
            }

            Solution fixedSolution;
            try
            {
                fixedSolution = await Time("fixall-" + scope, async () => await FixAllOnceAsync(solution, fixer, key, scope, trigger, cancellationToken) ?? solution);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Fail($"{what}: Fix All threw\n{e}");
                continue;
            }

            if (ReferenceEquals(fixedSolution, solution))
            {
                Fail($"{what}: Fix All offered nothing although a single fix is offered");
                continue;
            }

            foreach (var project in inScope)
            {
                var newProject = fixedSolution.GetProject(project.Id)!;
                var errors = await NewErrorsAsync(newProject, baselines[project.Id], cancellationToken);
                if (errors.Count > 0)
                {
                    Fail($"{what}: {project.Name} does not compile after Fix All:\n  {string.Join("\n  ", errors)}\n--- fixed ---\n{await ProjectTextAsync(newProject, cancellationToken)}");
                }

                foreach (var document in ScopeDocuments(newProject, trigger, scope))
                {
                    foreach (var remaining in (await AnalyzeAsync(newProject, cancellationToken)).Where(d => d.Location.SourceTree?.FilePath == document.FilePath && fixer.FixableDiagnosticIds.Contains(d.Id)))
                    {
                        var actions = await ActionsAsync(fixer, document, remaining, cancellationToken);
                        if (actions.Any(a => a.EquivalenceKey == key))
                        {
                            Fail($"{what}: {remaining} is still there, with the same fix offered\n--- fixed ---\n{(await document.GetTextAsync(cancellationToken))}");
                        }
                    }
                }
            }

            // Idempotent: Fix All again changes nothing.
            var newTrigger = fixedSolution.GetDocument(trigger.Id)!;
            try
            {
                var again = await FixAllOnceAsync(fixedSolution, fixer, key, scope, newTrigger, cancellationToken);
                if (again is not null)
                {
                    foreach (var project in inScope)
                    {
                        foreach (var document in fixedSolution.GetProject(project.Id)!.Documents)
                        {
                            var before = (await document.GetTextAsync(cancellationToken)).ToString();
                            var after = (await again.GetDocument(document.Id)!.GetTextAsync(cancellationToken)).ToString();
                            if (before != after)
                            {
                                Fail($"{what}: not idempotent, a second Fix All changes {document.Name}:\n--- after one ---\n{before}\n--- after two ---\n{after}");
                            }
                        }
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Fail($"{what}: the second Fix All threw\n{e}");
            }
        }
    }

    private async Task<Solution?> FixAllOnceAsync(Solution solution, CodeFixProvider fixer, string key, FixAllScope scope, Document trigger, CancellationToken cancellationToken)
    {
        var provider = new AnalyzerDiagnosticProvider(this);
        var context = scope == FixAllScope.Document
            ? new FixAllContext(trigger, fixer, scope, key, fixer.FixableDiagnosticIds, provider, cancellationToken)
            : new FixAllContext(trigger.Project, fixer, scope, key, fixer.FixableDiagnosticIds, provider, cancellationToken);
        var action = await fixer.GetFixAllProvider()!.GetFixAsync(context);
        return action is null ? null : await ApplyAsync(action, solution, cancellationToken);
    }

    private async Task<Document?> FirstFixableDocumentAsync(Solution solution, CodeFixProvider fixer, string key, CancellationToken cancellationToken)
    {
        foreach (var project in solution.Projects)
        {
            foreach (var diagnostic in await AnalyzeAsync(project, cancellationToken))
            {
                if (!fixer.FixableDiagnosticIds.Contains(diagnostic.Id) || !diagnostic.Location.IsInSource)
                {
                    continue;
                }

                var document = project.GetDocument(diagnostic.Location.SourceTree)!;
                if ((await ActionsAsync(fixer, document, diagnostic, cancellationToken)).Any(a => a.EquivalenceKey == key))
                {
                    return document;
                }
            }
        }

        return null;
    }

    private static IEnumerable<Project> ScopeProjects(Solution solution, Document trigger, FixAllScope scope) =>
        scope == FixAllScope.Solution ? solution.Projects : new[] { solution.GetProject(trigger.Project.Id)! };

    private static IEnumerable<Document> ScopeDocuments(Project project, Document trigger, FixAllScope scope) =>
        scope == FixAllScope.Document ? project.Documents.Where(d => d.Id == trigger.Id) : project.Documents;

    /// <summary>The code actions the fixer registers for one diagnostic, nested ones flattened.</summary>
    public async Task<List<CodeAction>> ActionsAsync(CodeFixProvider fixer, Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var actions = new List<CodeAction>();
        try
        {
            var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken);
            await Time("register", async () => { await fixer.RegisterCodeFixesAsync(context); return 0; });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Fail($"{fixer.GetType().Name}.RegisterCodeFixesAsync threw on {diagnostic}:\n{e}");
        }

        return actions.SelectMany(Flatten).ToList();
    }

    private static IEnumerable<CodeAction> Flatten(CodeAction action)
    {
        var nested = NestedActions(action);
        return nested.IsDefaultOrEmpty ? new[] { action } : nested.SelectMany(Flatten);
    }

    /// <summary><c>CodeAction.NestedActions</c> is internal in Roslyn 4.8 (<c>NestedCodeActions</c>); read it by reflection.</summary>
    private static ImmutableArray<CodeAction> NestedActions(CodeAction action)
    {
        const BindingFlags Flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        var property = action.GetType().GetProperty("NestedActions", Flags) ?? action.GetType().GetProperty("NestedCodeActions", Flags);
        return property?.GetValue(action) is ImmutableArray<CodeAction> nested ? nested : ImmutableArray<CodeAction>.Empty;
    }

    private static async Task<Solution> ApplyAsync(CodeAction action, Solution solution, CancellationToken cancellationToken)
    {
        foreach (var operation in await action.GetOperationsAsync(cancellationToken))
        {
            if (operation is ApplyChangesOperation apply)
            {
                return apply.ChangedSolution;
            }
        }

        return solution;
    }

    /// <summary>Every analyzer's diagnostics for the project (analyzer exceptions are failures too).</summary>
    public async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Project project, CancellationToken cancellationToken)
    {
        var compilation = (await Time("getcompilation", () => project.GetCompilationAsync(cancellationToken)))!;
        return await _analyses.GetValue(compilation, c => Time("analyze", () => Task.Run(() => AnalyzeCore(project, c, cancellationToken), cancellationToken)));
    }

    private ImmutableArray<Diagnostic> AnalyzeCore(Project project, Compilation compilation, CancellationToken cancellationToken)
    {
        var outcome = ReliabilityHarness.Analyze(compilation, _analyzers, project.AnalyzerOptions.AnalyzerConfigOptionsProvider, concurrent: false, cancellationToken: cancellationToken);
        foreach (var exception in outcome.Exceptions)
        {
            Fail($"analyzer exception in {project.Name}:\n{exception}");
        }

        return outcome.Diagnostics.Where(d => d.Location.IsInSource || d.Location == Location.None)
            .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start)
            .ToImmutableArray();
    }

    /// <summary>Every analyzer's diagnostics for one document: binds that document only.</summary>
    public async Task<ImmutableArray<Diagnostic>> AnalyzeDocumentAsync(Document document, CancellationToken cancellationToken)
    {
        var model = (await document.GetSemanticModelAsync(cancellationToken))!;
        var exceptions = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var withAnalyzers = model.Compilation.WithAnalyzers(
            _analyzers,
            new CompilationWithAnalyzersOptions(
                document.Project.AnalyzerOptions,
                (exception, analyzer, _) => exceptions.Enqueue($"{analyzer.GetType().Name}: {exception}"),
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: false));
        var diagnostics = await Time("analyze-document", async () =>
            (await withAnalyzers.GetAnalyzerSyntaxDiagnosticsAsync(model.SyntaxTree, cancellationToken))
                .AddRange(await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, null, cancellationToken)));
        foreach (var exception in exceptions.Concat(diagnostics.Where(d => d.Id is "AD0001" or "AD0002").Select(d => d.ToString())))
        {
            Fail($"analyzer exception in {document.Project.Name}/{document.Name}:\n{exception}");
        }

        return diagnostics.Where(d => d.Location.IsInSource).OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
    }

    private static async Task<Dictionary<string, int>> DocumentErrorsAsync(Document document, CancellationToken cancellationToken)
    {
        var model = (await document.GetSemanticModelAsync(cancellationToken))!;
        return model.GetDiagnostics(cancellationToken: cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error)
            .GroupBy(ErrorKey).ToDictionary(g => g.Key, g => g.Count());
    }

    private static async Task<List<string>> NewErrorsAsync(Document document, Dictionary<string, int> baseline, CancellationToken cancellationToken)
    {
        var model = (await document.GetSemanticModelAsync(cancellationToken))!;
        return NewErrors(model.GetDiagnostics(cancellationToken: cancellationToken), baseline);
    }

    private static async Task<Dictionary<string, int>> CompilerErrorsAsync(Project project, CancellationToken cancellationToken)
    {
        var compilation = (await project.GetCompilationAsync(cancellationToken))!;
        return compilation.GetDiagnostics(cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error)
            .GroupBy(ErrorKey).ToDictionary(g => g.Key, g => g.Count());
    }

    private static string ErrorKey(Diagnostic error) => error.Id + ": " + error.GetMessage(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<List<string>> NewErrorsAsync(Project project, Dictionary<string, int> baseline, CancellationToken cancellationToken)
    {
        var compilation = (await project.GetCompilationAsync(cancellationToken))!;
        return NewErrors(compilation.GetDiagnostics(cancellationToken), baseline);
    }

    private static List<string> NewErrors(ImmutableArray<Diagnostic> diagnostics, Dictionary<string, int> baseline)
    {
        var seen = new Dictionary<string, int>();
        var errors = new List<string>();
        foreach (var error in diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))
        {
            var key = ErrorKey(error);
            seen[key] = seen.TryGetValue(key, out var count) ? count + 1 : 1;
            if (seen[key] > (baseline.TryGetValue(key, out var before) ? before : 0))
            {
                errors.Add(error.ToString());
            }
        }

        return errors;
    }

    private static async Task<string> ProjectTextAsync(Project project, CancellationToken cancellationToken)
    {
        var texts = new List<string>();
        foreach (var document in project.Documents.Where(d => !d.Name.EndsWith(".g.cs", StringComparison.Ordinal)))
        {
            texts.Add("// " + document.Name + "\n" + await document.GetTextAsync(cancellationToken));
        }

        return string.Join("\n", texts);
    }

    /// <summary>Maps a span of the fixed text back to the original text through the fix's changes.</summary>
    public static TextSpan MapToOld(TextSpan span, IReadOnlyList<TextChange> changes)
    {
        return TextSpan.FromBounds(Map(span.Start, changes, end: false), Math.Max(Map(span.Start, changes, end: false), Map(span.End, changes, end: true)));
    }

    private static int Map(int position, IReadOnlyList<TextChange> changes, bool end)
    {
        var delta = 0;
        foreach (var change in changes.OrderBy(c => c.Span.Start))
        {
            var newStart = change.Span.Start + delta;
            var newEnd = newStart + (change.NewText?.Length ?? 0);
            if (position < newStart || (end && position == newStart))
            {
                break;
            }

            if (position < newEnd || (end && position == newEnd))
            {
                return end ? change.Span.End : change.Span.Start;
            }

            delta += (change.NewText?.Length ?? 0) - change.Span.Length;
        }

        return position - delta;
    }

    private sealed class AnalyzerDiagnosticProvider : FixAllContext.DiagnosticProvider
    {
        private readonly FixHarness _harness;

        public AnalyzerDiagnosticProvider(FixHarness harness)
        {
            _harness = harness;
        }

        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            var tree = await document.GetSyntaxTreeAsync(cancellationToken);
            return (await _harness.AnalyzeAsync(document.Project, cancellationToken)).Where(d => d.Location.SourceTree == tree);
        }

        public override async Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            (await _harness.AnalyzeAsync(project, cancellationToken)).Where(d => !d.Location.IsInSource);

        public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            await _harness.AnalyzeAsync(project, cancellationToken);
    }
}
