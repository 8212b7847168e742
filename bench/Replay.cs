using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AuthStatus.Analyzers.Bench;

/// <summary>
/// <c>--replay</c>: the package's own work, without the driver, the compiler's threads or GC pauses. A fresh compilation
/// is bound first (every member body's operations, untimed); then, on one thread, the package's compilation-start action
/// runs and its symbol and operation actions are called for every named type and every operation of their kinds, in the
/// order of the bodies, as the driver would call them. The same loop with empty actions (the harness's own cost: the
/// contexts and the loop) is taken off. Each configuration (the host with every rule, then the host with each rule alone)
/// gets a fresh compilation per run, so no per-compilation cache carries over.
/// </summary>
/// <remarks>
/// It measures the work, not what the telemetry charges for it: in a build a callback's logged time also holds the GC
/// pauses and the waits for a core that land in it, which scale with the work. The numbers repeat within a few percent,
/// so two builds of the package can be compared by running this for each.
/// </remarks>
public static class Replay
{
    public static void Run(CodeBase codeBase, AnalyzerCatalog catalog, Settings settings, CancellationToken cancellationToken)
    {
        var host = catalog.Package.Analyzers.Single();
        var configurations = new List<(string Name, DiagnosticAnalyzer Analyzer)> { ("all rules (the host)", host) };
        var createRules = host.GetType().GetMethod("CreateRules");
        if (settings.ReplayPerRule && createRules?.Invoke(null, null) is ImmutableArray<DiagnosticAnalyzer> rules)
        {
            foreach (var rule in rules)
            {
                var alone = (DiagnosticAnalyzer)Activator.CreateInstance(host.GetType(), ImmutableArray.Create(rule))!;
                configurations.Add((rule.GetType().Name.Replace("Analyzer", string.Empty, StringComparison.Ordinal), alone));
            }
        }

        Console.WriteLine($"Replay of {codeBase.FileCount:N0} files ({codeBase.LineCount:N0} lines): {settings.Warmup} warm-up and {settings.Repeat} timed runs per configuration, one thread, no driver.");
        Console.WriteLine();
        Console.WriteLine("| configuration | own ms (median) | runs | start ms | symbol calls | operation calls | reports | µs per call | MB allocated |");
        Console.WriteLine("|---|---:|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, analyzer) in configurations)
        {
            var samples = new List<Sample>();
            for (var i = 0; i < settings.Warmup + settings.Repeat; i++)
            {
                var sample = Once(codeBase, analyzer, cancellationToken);
                if (i >= settings.Warmup)
                {
                    samples.Add(sample);
                }
            }

            var own = Statistics.Median(samples.Select(s => s.OwnMs));
            var last = samples[^1];
            var calls = last.SymbolCalls + last.OperationCalls;
            Console.WriteLine($"| {name} | {own:F1} | {string.Join(", ", samples.Select(s => s.OwnMs.ToString("F1")))} | {Statistics.Median(samples.Select(s => s.StartMs)):F2} | {last.SymbolCalls:N0} | {last.OperationCalls:N0} | {last.Reports:N0} | {1000 * own / Math.Max(1, calls):F3} | {Statistics.Median(samples.Select(s => s.AllocatedMb)):F2} |");
        }
    }

    private sealed record Sample(double OwnMs, double StartMs, long SymbolCalls, long OperationCalls, int Reports, double AllocatedMb);

    private static Sample Once(CodeBase codeBase, DiagnosticAnalyzer analyzer, CancellationToken cancellationToken)
    {
        var compilation = WithSharedSemanticModels(Runner.Compile(codeBase, Runner.Parse(codeBase, cancellationToken)));
        var (types, bodies) = Bind(compilation, cancellationToken);
        Runner.Collect();

        var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty);
        var reports = new List<Diagnostic>();
        Action<Diagnostic> report = reports.Add;
        Func<Diagnostic, bool> supported = _ => true;

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var stopwatch = Stopwatch.StartNew();
        var registrations = new Registrations(compilation, options, cancellationToken);
        var initialization = new Initialization();
        analyzer.Initialize(initialization);
        foreach (var start in initialization.Starts)
        {
            start(registrations);
        }

        var startMs = stopwatch.Elapsed.TotalMilliseconds;
        var (symbolCalls, operationCalls) = Dispatch(registrations, types, bodies, compilation, options, report, supported, cancellationToken);
        var workMs = stopwatch.Elapsed.TotalMilliseconds;
        var allocatedMb = (GC.GetAllocatedBytesForCurrentThread() - allocated) / 1048576.0;

        // The harness's own cost: the same calls with nothing in them.
        var empty = new Registrations(compilation, options, cancellationToken);
        foreach (var kind in registrations.OperationActions.Keys)
        {
            empty.RegisterOperationAction(_ => { }, kind);
        }

        foreach (var kind in registrations.SymbolActions.Keys)
        {
            empty.RegisterSymbolAction(_ => { }, kind);
        }

        stopwatch.Restart();
        Dispatch(empty, types, bodies, compilation, options, report, supported, cancellationToken);
        var harnessMs = stopwatch.Elapsed.TotalMilliseconds;
        return new Sample(Math.Max(0, workMs - harnessMs), startMs, symbolCalls, operationCalls, reports.Count, allocatedMb);
    }

    /// <summary>
    /// The compilation as the driver hands it to analyzers: one semantic model per tree, shared by every asker
    /// (<c>CompilationWithAnalyzers</c> sets Roslyn's internal caching provider), so a body the replay bound is not bound
    /// again by a rule that asks <see cref="Compilation.GetSemanticModel"/>.
    /// </summary>
    private static Compilation WithSharedSemanticModels(Compilation compilation)
    {
        var roslyn = typeof(Compilation).Assembly;
        var providerType = roslyn.GetType("Microsoft.CodeAnalysis.Diagnostics.CachingSemanticModelProvider", throwOnError: true)!;
        var provider = Activator.CreateInstance(providerType, nonPublic: true);
        var with = typeof(Compilation).GetMethod("WithSemanticModelProvider", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public)
            ?? throw new MissingMethodException("Compilation.WithSemanticModelProvider");
        return (Compilation)with.Invoke(compilation, new[] { provider })!;
    }

    private static (long Symbols, long Operations) Dispatch(
        Registrations registrations,
        List<INamedTypeSymbol> types,
        List<(ISymbol Member, IOperation[] Operations)> bodies,
        Compilation compilation,
        AnalyzerOptions options,
        Action<Diagnostic> report,
        Func<Diagnostic, bool> supported,
        CancellationToken cancellationToken)
    {
        long symbolCalls = 0, operationCalls = 0;
        if (registrations.SymbolActions.TryGetValue(SymbolKind.NamedType, out var typeActions))
        {
            foreach (var type in types)
            {
                var context = new SymbolAnalysisContext(type, compilation, options, report, supported, cancellationToken);
                foreach (var action in typeActions)
                {
                    action(context);
                    symbolCalls++;
                }
            }
        }

        foreach (var (member, operations) in bodies)
        {
            foreach (var operation in operations)
            {
                if (!registrations.OperationActions.TryGetValue(operation.Kind, out var actions))
                {
                    continue;
                }

                var context = new OperationAnalysisContext(operation, member, compilation, options, report, supported, cancellationToken);
                foreach (var action in actions)
                {
                    action(context);
                    operationCalls++;
                }
            }
        }

        return (symbolCalls, operationCalls);
    }

    /// <summary>Every source type, and every member body's operations (field and property initializers and top-level statements included).</summary>
    private static (List<INamedTypeSymbol> Types, List<(ISymbol, IOperation[])> Bodies) Bind(Compilation compilation, CancellationToken cancellationToken)
    {
        // The compiler's own pass first, as in a build: declarations complete, bodies bound and checked, so that the
        // package is not charged for what the compiler computes lazily (base types, method checks) and does anyway.
        compilation.GetDiagnostics(cancellationToken);
        var types = new List<INamedTypeSymbol>();
        var bodies = new List<(ISymbol, IOperation[])>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodesAndSelf(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
            {
                switch (node)
                {
                    case CompilationUnitSyntax unit when unit.Members.Any(m => m is GlobalStatementSyntax):
                        Add(model.GetDeclaredSymbol(unit, cancellationToken) ?? compilation.GetEntryPoint(cancellationToken), model.GetOperation(unit, cancellationToken));
                        break;
                    case TypeDeclarationSyntax typeDeclaration:
                        if (model.GetDeclaredSymbol(typeDeclaration, cancellationToken) is INamedTypeSymbol type)
                        {
                            types.Add(type);
                        }

                        break;
                    case BaseMethodDeclarationSyntax method:
                        Add(model.GetDeclaredSymbol(method, cancellationToken), model.GetOperation(method, cancellationToken));
                        break;
                    case BasePropertyDeclarationSyntax property:
                        var propertySymbol = model.GetDeclaredSymbol(property, cancellationToken);
                        if (property is PropertyDeclarationSyntax { ExpressionBody: { } arrow })
                        {
                            Add(propertySymbol, model.GetOperation(arrow, cancellationToken));
                        }

                        if (property is PropertyDeclarationSyntax { Initializer: { } initializer })
                        {
                            Add(propertySymbol, model.GetOperation(initializer, cancellationToken));
                        }

                        foreach (var accessor in property.AccessorList?.Accessors ?? default)
                        {
                            Add(model.GetDeclaredSymbol(accessor, cancellationToken), model.GetOperation(accessor, cancellationToken));
                        }

                        break;
                    case BaseFieldDeclarationSyntax field:
                        foreach (var variable in field.Declaration.Variables)
                        {
                            if (variable.Initializer is { } fieldInitializer)
                            {
                                Add(model.GetDeclaredSymbol(variable, cancellationToken), model.GetOperation(fieldInitializer, cancellationToken));
                            }
                        }

                        break;
                }
            }
        }

        return (types, bodies);

        void Add(ISymbol? member, IOperation? root)
        {
            if (member is not null && root is not null)
            {
                bodies.Add((member, root.DescendantsAndSelf().ToArray()));
            }
        }
    }

    /// <summary>The context of the host's <c>Initialize</c>: it registers its compilation-start action.</summary>
    private sealed class Initialization : AnalysisContext
    {
        public List<Action<CompilationStartAnalysisContext>> Starts { get; } = new();

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) => Starts.Add(action);

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode)
        {
        }

        public override void EnableConcurrentExecution()
        {
        }

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => throw new NotSupportedException();

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw new NotSupportedException();

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => throw new NotSupportedException();

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw new NotSupportedException();

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw new NotSupportedException();

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw new NotSupportedException();

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw new NotSupportedException();
    }

    /// <summary>The context the host's compilation-start action register on.</summary>
    private sealed class Registrations : CompilationStartAnalysisContext
    {
        public Registrations(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
            : base(compilation, options, cancellationToken)
        {
        }

        public Dictionary<OperationKind, List<Action<OperationAnalysisContext>>> OperationActions { get; } = new();

        public Dictionary<SymbolKind, List<Action<SymbolAnalysisContext>>> SymbolActions { get; } = new();

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds)
        {
            foreach (var kind in operationKinds)
            {
                (OperationActions.TryGetValue(kind, out var list) ? list : OperationActions[kind] = new()).Add(action);
            }
        }

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds)
        {
            foreach (var kind in symbolKinds)
            {
                (SymbolActions.TryGetValue(kind, out var list) ? list : SymbolActions[kind] = new()).Add(action);
            }
        }

        public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => throw new NotSupportedException();

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw new NotSupportedException();

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw new NotSupportedException();

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw new NotSupportedException();

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw new NotSupportedException();

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw new NotSupportedException();
    }
}
