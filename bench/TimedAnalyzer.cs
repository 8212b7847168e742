using System;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AuthStatus.Analyzers.Bench;

/// <summary>
/// <c>--split-pauses</c>: wraps one of the package's analyzers and times each of its callbacks in this process, next to
/// the driver's telemetry. For each callback it reads the wall time, the GC pause time that ran during it
/// (<see cref="GC.GetTotalPauseDuration"/>, process-wide), the time the thread spent compiling methods
/// (<see cref="System.Runtime.JitInfo.GetCompilationTime"/>: the JIT, which a cold process pays in the callbacks that first
/// run a method) and the bytes the thread allocated. The driver's stopwatch
/// charges a pause to every callback it lands in, whoever allocated; the wall time less those pauses is the callbacks'
/// own time: their work, and their threads' waits for a core or a lock. The reads cost a few nanoseconds each.
/// </summary>
/// <remarks>
/// Not the thread's CPU time: on Linux that is a system call per read (about 1.4 µs here), and with it in every
/// callback the package's telemetry at 500 files went from about 20 to 390 ms and the CPU it read from about 20 to 42 ms.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TimedAnalyzer : DiagnosticAnalyzer
{
    // Per thread, so that two threads in callbacks at once do not contend for one cache line; summed when read.
    private readonly ThreadLocal<Counters> _counters = new(() => new Counters(), trackAllValues: true);

    public TimedAnalyzer(DiagnosticAnalyzer inner)
    {
        Inner = inner;
        SupportedDiagnostics = inner.SupportedDiagnostics;
    }

    public DiagnosticAnalyzer Inner { get; }

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    /// <summary>The callbacks' wall time, GC pauses included, as the driver's stopwatch sees it.</summary>
    public double WallMs => Sum(c => c.WallTicks) * 1000.0 / Stopwatch.Frequency;

    /// <summary>The GC pause time that fell inside the callbacks (counted once per callback it fell in).</summary>
    public double PauseMs => TimeSpan.FromTicks(Sum(c => c.PauseTicks)).TotalMilliseconds;

    /// <summary>The time the callbacks' threads spent in the JIT while in the callbacks (part of the own time).</summary>
    public double JitMs => TimeSpan.FromTicks(Sum(c => c.JitTicks)).TotalMilliseconds;

    public long AllocatedBytes => Sum(c => c.AllocatedBytes);

    public long Callbacks => Sum(c => c.Callbacks);

    /// <summary>Between runs only, when no callback runs.</summary>
    public void Reset()
    {
        foreach (var counters in _counters.Values)
        {
            counters.WallTicks = counters.PauseTicks = counters.JitTicks = counters.AllocatedBytes = counters.Callbacks = 0;
        }
    }

#pragma warning disable RS1025, RS1026 // The wrapped analyzer configures generated code and concurrency on the real context.
    public override void Initialize(AnalysisContext context) => Inner.Initialize(new Context(context, this));
#pragma warning restore RS1025, RS1026

    private Action<T> Timed<T>(Action<T> action) => argument =>
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var jit = System.Runtime.JitInfo.GetCompilationTime(currentThread: true);
        var start = Stopwatch.GetTimestamp();
        var pause = GC.GetTotalPauseDuration();
        try
        {
            action(argument);
        }
        finally
        {
            // The pause total is read inside the clock's reads: a GC between them counts as the callback's own time, so
            // the own time is never understated.
            pause = GC.GetTotalPauseDuration() - pause;
            var end = Stopwatch.GetTimestamp();
            var counters = _counters.Value!;
            counters.WallTicks += end - start;
            counters.PauseTicks += pause.Ticks;
            counters.JitTicks += (System.Runtime.JitInfo.GetCompilationTime(currentThread: true) - jit).Ticks;
            counters.AllocatedBytes += GC.GetAllocatedBytesForCurrentThread() - allocated;
            counters.Callbacks++;
        }
    };

    private long Sum(Func<Counters, long> read)
    {
        var sum = 0L;
        foreach (var counters in _counters.Values)
        {
            sum += read(counters);
        }

        return sum;
    }

    private sealed class Counters
    {
        public long WallTicks;
        public long PauseTicks;
        public long JitTicks;
        public long AllocatedBytes;
        public long Callbacks;
    }

    private static NotSupportedException Unsupported(string registration) =>
        new($"The bench's {nameof(TimedAnalyzer)} does not wrap {registration}; the package does not register it.");

    private sealed class Context(AnalysisContext real, TimedAnalyzer owner) : AnalysisContext
    {
        public override void EnableConcurrentExecution() => real.EnableConcurrentExecution();

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => real.ConfigureGeneratedCodeAnalysis(analysisMode);

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) =>
            real.RegisterCompilationStartAction(owner.Timed<CompilationStartAnalysisContext>(start => action(new StartContext(start, owner))));

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => throw Unsupported(nameof(RegisterCompilationAction));

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw Unsupported(nameof(RegisterSemanticModelAction));

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) =>
            real.RegisterSymbolAction(owner.Timed(action), symbolKinds);

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw Unsupported(nameof(RegisterCodeBlockStartAction));

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw Unsupported(nameof(RegisterCodeBlockAction));

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw Unsupported(nameof(RegisterSyntaxTreeAction));

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw Unsupported(nameof(RegisterSyntaxNodeAction));

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
            real.RegisterOperationAction(owner.Timed(action), operationKinds);
    }

#pragma warning disable RS1012 // The wrapped analyzer's registrations go to the real start context.
    private sealed class StartContext(CompilationStartAnalysisContext real, TimedAnalyzer owner)
        : CompilationStartAnalysisContext(real.Compilation, real.Options, real.CancellationToken)
#pragma warning restore RS1012
    {
        public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => throw Unsupported(nameof(RegisterCompilationEndAction));

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw Unsupported(nameof(RegisterSemanticModelAction));

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) =>
            real.RegisterSymbolAction(owner.Timed(action), symbolKinds);

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw Unsupported(nameof(RegisterCodeBlockStartAction));

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw Unsupported(nameof(RegisterCodeBlockAction));

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw Unsupported(nameof(RegisterSyntaxTreeAction));

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw Unsupported(nameof(RegisterSyntaxNodeAction));

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => throw Unsupported(nameof(RegisterOperationBlockStartAction));

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => throw Unsupported(nameof(RegisterOperationBlockAction));

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
            real.RegisterOperationAction(owner.Timed(action), operationKinds);
    }
}
