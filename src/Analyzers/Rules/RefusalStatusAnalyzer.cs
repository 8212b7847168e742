using System.Collections.Generic;
using System.Collections.Immutable;
using AuthStatus.Analyzers.AspNetCore;
using AuthStatus.Analyzers.Http;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AuthStatus.Analyzers.Rules
{
    /// <summary>
    /// The shared frame of the rules that judge a 401/403 producer by the reason for the refusal (AUTH002, AUTH003,
    /// AUTH009): resolves the symbols once per compilation, subscribes to the producers that <see cref="StatusProducerActions"/> finds
    /// (once for all these rules), and hands each producer of <see cref="StatusCode"/> to <see cref="AnalyzeProducer"/>.
    /// </summary>
    public abstract class RefusalStatusAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Property set on a diagnostic: how the status is produced (a <see cref="StatusProducerKind"/> name).</summary>
        public const string ShapeProperty = "Shape";

        /// <summary>The status this rule judges: 401 or 403.</summary>
        private protected abstract int StatusCode { get; }

        public sealed override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(AnalyzerSetup.GeneratedCode);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var symbols = AspNetCoreSymbols.TryCreate(start.Compilation);
                if (symbols is null)
                {
                    return;
                }

                StatusProducerActions.Subscribe(start, symbols, (operationContext, producers) => Analyze(operationContext, producers, symbols));
            });
        }

        /// <summary>Reports on producer <paramref name="index"/>, one of <see cref="StatusCode"/> (<see cref="StatusProducers.Reason"/> gives its refusal reason).</summary>
        private protected abstract void AnalyzeProducer(OperationAnalysisContext context, StatusProducers producers, int index, AspNetCoreSymbols symbols);

        private void Analyze(OperationAnalysisContext context, StatusProducers producers, AspNetCoreSymbols symbols)
        {
            for (var i = 0; i < producers.Count; i++)
            {
                if (producers[i].StatusCode == StatusCode)
                {
                    AnalyzeProducer(context, producers, i, symbols);
                }
            }
        }

        /// <summary>Reports <paramref name="descriptor"/> on the producer; the status value (when any) is the additional location the fixes edit.</summary>
        private protected static void Report(OperationAnalysisContext context, DiagnosticDescriptor descriptor, StatusProducer producer, params object?[] extraArguments)
        {
            Report(context, descriptor, producer, ImmutableDictionary<string, string?>.Empty, extraArguments);
        }

        /// <summary>Reports with extra properties for the fixes.</summary>
        private protected static void Report(OperationAnalysisContext context, DiagnosticDescriptor descriptor, StatusProducer producer, ImmutableDictionary<string, string?> extraProperties, params object?[] extraArguments)
        {
            var properties = extraProperties.SetItem(ShapeProperty, EnumNames<StatusProducerKind>.Of(producer.Kind));
            var additional = producer.Value is { } value ? new[] { value.Syntax.GetLocation() } : null;
            var arguments = new object?[extraArguments.Length + 1];
            arguments[0] = producer.Describe();
            extraArguments.CopyTo(arguments, 1);
            context.ReportDiagnostic(Diagnostic.Create(descriptor, producer.ReportOn.Syntax.GetLocation(), additional, properties, arguments));
        }
    }
}
