using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AuthStatus.Analyzers.Bench;

/// <summary>
/// The floor of the measurement (<c>--control</c>): an analyzer whose operation action on invocations, object creations
/// and simple assignments (the kinds the status-producer rules need) returns at once. Its logged time is the driver's
/// dispatch and timing overhead for those callbacks, which any rule registering the same kinds pays before doing any work.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ControlAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Never = new(
        "BENCH000", "Never reported", "Never reported", "Benchmark", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    private long _callbacks;

    public long Callbacks => Interlocked.Read(ref _callbacks);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Never);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start => start.RegisterOperationAction(
            _ => Interlocked.Increment(ref _callbacks),
            OperationKind.Invocation,
            OperationKind.ObjectCreation,
            OperationKind.SimpleAssignment));
    }

    public void Reset() => Interlocked.Exchange(ref _callbacks, 0);
}
