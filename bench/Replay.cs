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
/// <c>--replay</c>: the package's own work, without the driver, the compiler's threads or GC pauses. On a fresh compilation
/// (after the compiler's own pass), on one thread, the package's compilation-start action runs and its symbol and
/// operation actions are called for every named type and, body by body, for every operation of their kinds, each body
/// bound just before, as the driver calls them. The same calls with empty actions (the harness's own cost: the contexts
/// and the loop) are taken off. Each configuration (the host with every rule, then the host with each rule alone)
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

        if (settings.ReplayActions && createRules?.Invoke(null, null) is ImmutableArray<DiagnosticAnalyzer> hosted)
        {
            Actions(codeBase, hosted, settings, cancellationToken);
            return;
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

    /// <summary>
    /// <c>--replay-actions</c>: the rules registered on one context, as the host does (so they share what the host shares),
    /// and each action timed on its own; the clock's own cost, calibrated on an empty action, is taken off per call.
    /// </summary>
    private static void Actions(CodeBase codeBase, ImmutableArray<DiagnosticAnalyzer> rules, Settings settings, CancellationToken cancellationToken)
    {
        var totals = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var calls = new Dictionary<string, long>(StringComparer.Ordinal);
        var bytes = new Dictionary<string, long>(StringComparer.Ordinal);
        var largest = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        for (var run = 0; run < settings.Warmup + settings.Repeat; run++)
        {
            var compilation = Prepare(codeBase, cancellationToken, out var types, out var bodies);
            var registrations = new Registrations(compilation, Options, cancellationToken);
            foreach (var rule in rules)
            {
                var initialization = new Initialization();
                rule.Initialize(initialization);
                foreach (var start in initialization.Starts)
                {
                    start(registrations);
                }
            }

            var timed = new TimedActions(registrations);
            Dispatch(timed.Registrations, types, bodies, compilation, cancellationToken, out _, out _);
            if (run < settings.Warmup)
            {
                continue;
            }

            foreach (var (name, ms, count, allocated, largestMs) in timed.Results())
            {
                (totals.TryGetValue(name, out var list) ? list : totals[name] = new()).Add(ms);
                (largest.TryGetValue(name, out var most) ? most : largest[name] = new()).Add(largestMs);
                calls[name] = count;
                bytes[name] = allocated;
            }
        }

        Console.WriteLine($"Replay of {codeBase.FileCount:N0} files ({codeBase.LineCount:N0} lines), each action timed: median of {settings.Repeat} runs.");
        Console.WriteLine();
        Console.WriteLine("| action | calls per run | ms per run | µs per call | largest call, µs | KB allocated per run |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (name, list) in totals.OrderByDescending(p => Statistics.Median(p.Value)))
        {
            var median = Statistics.Median(list);
            Console.WriteLine($"| {name} | {calls[name]:N0} | {median:F2} | {1000 * median / Math.Max(1, calls[name]):F3} | {1000 * Statistics.Median(largest[name]):F1} | {bytes[name] / 1024.0:F0} |");
        }

        Console.WriteLine($"| all | | {totals.Values.Sum(Statistics.Median):F2} | | | {bytes.Values.Sum() / 1024.0:F0} |");
    }

    private static readonly AnalyzerOptions Options = new(ImmutableArray<AdditionalText>.Empty);

    /// <summary>Wraps every registered action in a clock read, per action.</summary>
    private sealed class TimedActions
    {
        private readonly List<(Delegate Action, long[] Counter)> _ticks = new();
        private readonly double _clockTicks;

        public TimedActions(Registrations source)
        {
            Registrations = new Registrations(source.Compilation, source.Options, source.CancellationToken);
            foreach (var (kind, actions) in source.OperationActions)
            {
                foreach (var action in actions)
                {
                    Registrations.RegisterOperationAction(Wrap(action), kind);
                }
            }

            foreach (var (kind, actions) in source.SymbolActions)
            {
                foreach (var action in actions)
                {
                    Registrations.RegisterSymbolAction(Wrap(action), kind);
                }
            }

            for (var i = 0; i < 2; i++)
            {
                foreach (var action in source.InvocationActionsByBody[i])
                {
                    Registrations.RegisterInvocationAction(Wrap(action), withBodyHere: i == 1);
                }
            }

            var wrappers = new Dictionary<Action<OperationAnalysisContext>, Action<OperationAnalysisContext>>();
            foreach (var (name, actions) in source.InvocationActionsByName)
            {
                foreach (var action in actions)
                {
                    if (!wrappers.TryGetValue(action, out var wrapper))
                    {
                        wrappers[action] = wrapper = Wrap(action);
                    }

                    Registrations.RegisterInvocationAction(wrapper, new[] { name });
                }
            }

            Action<int> nothing = _ => { };
            var counter = new long[4];
            var wrapped = Wrap(nothing, counter);
            for (var i = 0; i < 200_000; i++)
            {
                wrapped(i);
            }

            _clockTicks = counter[0] / 200_000.0;
        }

        public Registrations Registrations { get; }

        /// <summary>
        /// Per action (an action registered for several kinds counts once, its calls summed), with its largest single call:
        /// a call far above the mean is paying for something computed once per compilation and shared.
        /// </summary>
        public IEnumerable<(string Name, double Ms, long Calls, long Bytes, double LargestMs)> Results() => _ticks
            .GroupBy(entry => ActionName(entry.Action))
            .Select(group => (
                group.Key,
                group.Sum(e => e.Counter[0] - _clockTicks * e.Counter[1]) * 1000.0 / Stopwatch.Frequency,
                group.Sum(e => e.Counter[1]),
                group.Sum(e => e.Counter[2]),
                group.Max(e => e.Counter[3] - _clockTicks) * 1000.0 / Stopwatch.Frequency));

        private Action<T> Wrap<T>(Action<T> action)
        {
            var counter = new long[4];
            _ticks.Add((action, counter));
            return Wrap(action, counter);
        }

        private static Action<T> Wrap<T>(Action<T> action, long[] counter) => context =>
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var begin = Stopwatch.GetTimestamp();
            action(context);
            var ticks = Stopwatch.GetTimestamp() - begin;
            counter[0] += ticks;
            counter[3] = Math.Max(counter[3], ticks);
            counter[1]++;
            counter[2] += GC.GetAllocatedBytesForCurrentThread() - allocated;
        };
    }

    private static string ActionName(Delegate action)
    {
        // A rule's action behind a name filter (a rule registered outside the host): named after the rule's action.
        if (action.Target?.GetType().GetField("action") is { } field && field.GetValue(action.Target) is Delegate inner)
        {
            return ActionName(inner) + " (by name)";
        }

        var method = action.Method;
        var type = method.DeclaringType;
        while (type is not null && type.Name.StartsWith('<'))
        {
            type = type.DeclaringType;
        }

        for (var outer = type?.DeclaringType; outer is not null; outer = outer.DeclaringType)
        {
            type = outer;
        }

        var name = method.Name;
        var open = name.IndexOf('<');
        var close = name.IndexOf('>');
        if (open >= 0 && close > open)
        {
            name = name.Substring(open + 1, close - open - 1) + " (lambda)";
        }

        return (type?.Name ?? "?") + "." + name;
    }

    private sealed record Sample(double OwnMs, double StartMs, long SymbolCalls, long OperationCalls, int Reports, double AllocatedMb);

    private static Sample Once(CodeBase codeBase, DiagnosticAnalyzer analyzer, CancellationToken cancellationToken)
    {
        var compilation = Prepare(codeBase, cancellationToken, out var types, out var bodies);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var stopwatch = Stopwatch.StartNew();
        var registrations = new Registrations(compilation, Options, cancellationToken);
        var initialization = new Initialization();
        analyzer.Initialize(initialization);
        foreach (var start in initialization.Starts)
        {
            start(registrations);
        }

        var startMs = stopwatch.Elapsed.TotalMilliseconds;
        var (symbolCalls, operationCalls, ownTicks) = Dispatch(registrations, types, bodies, compilation, cancellationToken, out var reports, out var bindingBytes);
        var allocatedMb = (GC.GetAllocatedBytesForCurrentThread() - allocated - bindingBytes) / 1048576.0;
        return new Sample(startMs + ownTicks * 1000.0 / Stopwatch.Frequency, startMs, symbolCalls, operationCalls, reports, allocatedMb);
    }

    /// <summary>
    /// Calls the registered actions as the driver does: each type's symbol actions, then body by body: the body is bound
    /// and its operations listed (untimed, as the driver does before it calls analyzers, so that what binding touched is
    /// as warm as in a build), the same calls with empty actions are timed (the harness's own cost) and then the real ones.
    /// Returns the calls and the real calls' time less the harness's, in clock ticks.
    /// </summary>
    private static (long Symbols, long Operations, long OwnTicks) Dispatch(
        Registrations registrations,
        List<INamedTypeSymbol> types,
        List<Body> bodies,
        Compilation compilation,
        CancellationToken cancellationToken,
        out int reportCount,
        out long bindingBytes)
    {
        var reports = new List<Diagnostic>();
        Action<Diagnostic> report = reports.Add;
        Func<Diagnostic, bool> supported = _ => true;
        Action<OperationAnalysisContext> emptyOperation = _ => { };
        Action<SymbolAnalysisContext> emptySymbol = _ => { };
        var buffer = new List<Action<OperationAnalysisContext>>();
        long symbolCalls = 0, operationCalls = 0, real = 0, harness = 0;
        bindingBytes = 0;
        if (registrations.SymbolActions.TryGetValue(SymbolKind.NamedType, out var typeActions))
        {
            foreach (var type in types)
            {
                var pauseBegin = GC.GetTotalPauseDuration().Ticks;
                var begin = Stopwatch.GetTimestamp();
                var context = new SymbolAnalysisContext(type, compilation, Options, report, supported, cancellationToken);
                foreach (var _ in typeActions)
                {
                    emptySymbol(context);
                }

                var middle = Stopwatch.GetTimestamp();
                context = new SymbolAnalysisContext(type, compilation, Options, report, supported, cancellationToken);
                foreach (var action in typeActions)
                {
                    action(context);
                    symbolCalls++;
                }

                var end = Stopwatch.GetTimestamp();
                real += end - middle - ToClock(GC.GetTotalPauseDuration().Ticks - pauseBegin);
                harness += middle - begin;
            }
        }

        foreach (var body in bodies)
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var operations = body.Model.GetOperation(body.Node, cancellationToken)?.DescendantsAndSelf().ToArray() ?? Array.Empty<IOperation>();
            bindingBytes += GC.GetAllocatedBytesForCurrentThread() - allocated;
            var harnessTicks = Pass(operations, body.Member, empty: true);
            real += Pass(operations, body.Member, empty: false);
            harness += harnessTicks;
        }

        reportCount = reports.Count;
        return (symbolCalls, operationCalls, Math.Max(0, real - harness));

        // One body's operations handed to their actions (or, for the harness's own cost, to an empty action as often):
        // clock ticks, less the GC pauses in them.
        long Pass(IOperation[] operations, ISymbol member, bool empty)
        {
            var pause = GC.GetTotalPauseDuration().Ticks;
            var begin = Stopwatch.GetTimestamp();
            foreach (var operation in operations)
            {
                if (registrations.For(operation, buffer).Count == 0)
                {
                    continue;
                }

                var context = new OperationAnalysisContext(operation, member, compilation, Options, report, supported, cancellationToken);
                foreach (var action in buffer)
                {
                    if (empty)
                    {
                        emptyOperation(context);
                    }
                    else
                    {
                        action(context);
                        operationCalls++;
                    }
                }
            }

            var elapsed = Stopwatch.GetTimestamp() - begin;
            return elapsed - ToClock(GC.GetTotalPauseDuration().Ticks - pause);
        }
    }

    /// <summary>TimeSpan ticks (100 ns) to clock ticks: GC pauses are taken off the timed sections, both the harness's and the actions'.</summary>
    private static long ToClock(long timeSpanTicks) => timeSpanTicks * Stopwatch.Frequency / TimeSpan.TicksPerSecond;

    /// <summary>A member body to bind: the member and the node the driver asks the semantic model for.</summary>
    private sealed record Body(ISymbol Member, SemanticModel Model, SyntaxNode Node);

    /// <summary>
    /// A fresh compilation as the driver hands it to analyzers (one semantic model per tree, shared by every asker), after
    /// the compiler's declaration pass and checks of every body, as in a build; its source types and member bodies, unbound.
    /// </summary>
    private static Compilation Prepare(CodeBase codeBase, CancellationToken cancellationToken, out List<INamedTypeSymbol> types, out List<Body> bodies)
    {
        types = new List<INamedTypeSymbol>();
        var found = bodies = new List<Body>();
        var compilation = WithSharedSemanticModels(Runner.Compile(codeBase, Runner.Parse(codeBase, cancellationToken)));

        // The compiler's own pass first: declarations complete and bodies checked, so that the package is not charged for
        // what the compiler computes lazily (base types, method checks) and does anyway.
        compilation.GetDiagnostics(cancellationToken);
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodesAndSelf(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
            {
                switch (node)
                {
                    case CompilationUnitSyntax unit when unit.Members.Any(m => m is GlobalStatementSyntax):
                        Add(model.GetDeclaredSymbol(unit, cancellationToken) ?? compilation.GetEntryPoint(cancellationToken), unit);
                        break;
                    case TypeDeclarationSyntax typeDeclaration:
                        if (model.GetDeclaredSymbol(typeDeclaration, cancellationToken) is INamedTypeSymbol type)
                        {
                            types.Add(type);
                        }

                        break;
                    case BaseMethodDeclarationSyntax method:
                        Add(model.GetDeclaredSymbol(method, cancellationToken), method);
                        break;
                    case BasePropertyDeclarationSyntax property:
                        var propertySymbol = model.GetDeclaredSymbol(property, cancellationToken);
                        if (property is PropertyDeclarationSyntax { ExpressionBody: { } arrow })
                        {
                            Add(propertySymbol, arrow);
                        }

                        if (property is PropertyDeclarationSyntax { Initializer: { } initializer })
                        {
                            Add(propertySymbol, initializer);
                        }

                        foreach (var accessor in property.AccessorList?.Accessors ?? default)
                        {
                            Add(model.GetDeclaredSymbol(accessor, cancellationToken), accessor);
                        }

                        break;
                    case BaseFieldDeclarationSyntax field:
                        foreach (var variable in field.Declaration.Variables)
                        {
                            if (variable.Initializer is { } fieldInitializer)
                            {
                                Add(model.GetDeclaredSymbol(variable, cancellationToken), fieldInitializer);
                            }
                        }

                        break;
                }

                void Add(ISymbol? member, SyntaxNode body)
                {
                    if (member is not null)
                    {
                        found.Add(new Body(member, model, body));
                    }
                }
            }
        }

        Runner.Collect();
        return compilation;
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
    private sealed class Registrations : CompilationStartAnalysisContext, INamedInvocationRegistry
    {
        public Registrations(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
            : base(compilation, options, cancellationToken)
        {
        }

        public Dictionary<OperationKind, List<Action<OperationAnalysisContext>>> OperationActions { get; } = new();

        public Dictionary<SymbolKind, List<Action<SymbolAnalysisContext>>> SymbolActions { get; } = new();

        public Dictionary<string, List<Action<OperationAnalysisContext>>> InvocationActionsByName { get; } = new(StringComparer.Ordinal);

        public List<Action<OperationAnalysisContext>>[] InvocationActionsByBody { get; } = { new(), new() };

        public void RegisterInvocationAction(Action<OperationAnalysisContext> action, bool withBodyHere) => InvocationActionsByBody[withBodyHere ? 1 : 0].Add(action);

        public void RegisterInvocationAction(Action<OperationAnalysisContext> action, string[] methodNames)
        {
            foreach (var name in methodNames)
            {
                (InvocationActionsByName.TryGetValue(name, out var list) ? list : InvocationActionsByName[name] = new()).Add(action);
            }
        }

        /// <summary>The actions for an operation, into <paramref name="actions"/>: by kind, and for an invocation also by the called method's name and body.</summary>
        public List<Action<OperationAnalysisContext>> For(IOperation operation, List<Action<OperationAnalysisContext>> actions)
        {
            actions.Clear();
            if (OperationActions.TryGetValue(operation.Kind, out var byKind))
            {
                actions.AddRange(byKind);
            }

            if (operation is IInvocationOperation invocation)
            {
                if (InvocationActionsByName.TryGetValue(invocation.TargetMethod.Name, out var named))
                {
                    actions.AddRange(named);
                }

                if (InvocationActionsByBody[0].Count + InvocationActionsByBody[1].Count > 0)
                {
                    actions.AddRange(InvocationActionsByBody[AuthStatus.Analyzers.Http.HttpStatusResolver.HasBodyInSource(invocation.TargetMethod) ? 1 : 0]);
                }
            }

            return actions;
        }

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
