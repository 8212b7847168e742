using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AuthStatus.Analyzers.Bench;

/// <summary>
/// The floor of the measurement (<c>--control</c>): an analyzer that registers what the package's host registers (an
/// operation action on invocations, object creations, simple assignments and binary operators; a symbol action on
/// named types) and returns at once from each. Its logged time is the driver's dispatch and timing overhead
/// for those callbacks, which the package pays before doing any work, plus the GC pauses that land in them.
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
        context.RegisterCompilationStartAction(start =>
        {
            start.RegisterOperationAction(
                _ => Interlocked.Increment(ref _callbacks),
                OperationKind.Invocation,
                OperationKind.ObjectCreation,
                OperationKind.SimpleAssignment,
                OperationKind.Binary);
            start.RegisterSymbolAction(_ => Interlocked.Increment(ref _callbacks), SymbolKind.NamedType);
        });
    }

    public void Reset() => Interlocked.Exchange(ref _callbacks, 0);
}
