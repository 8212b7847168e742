using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using AuthStatus.Analyzers.AspNetCore;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AuthStatus.Analyzers.Http
{
    /// <summary>
    /// The rules that judge a compilation's 401/403 producers (AUTH001, AUTH002, AUTH003, AUTH009) subscribe here instead
    /// of each registering its own action: per compilation-start context, one action on invocations, creations and
    /// assignments runs the name filter and resolves the producers once, then hands them to every subscriber. The package's
    /// host gives all its rules one context, so the work is done once per operation; a rule run alone gets a context, and
    /// an action, of its own.
    /// </summary>
    internal static class StatusProducerActions
    {
        private static readonly ConditionalWeakTable<CompilationStartAnalysisContext, Subscribers> ByContext =
            new ConditionalWeakTable<CompilationStartAnalysisContext, Subscribers>();

        /// <summary>
        /// Calls <paramref name="analyze"/> for each operation that produces at least one status, with its producers (of
        /// any status: the subscriber picks; the list is shared, read it only). Call only from a compilation-start action, on its context.
        /// </summary>
        public static void Subscribe(CompilationStartAnalysisContext start, AspNetCoreSymbols symbols, Action<OperationAnalysisContext, List<StatusProducer>> analyze)
        {
            var subscribers = ByContext.GetValue(start, context =>
            {
                var created = new Subscribers(symbols);
                context.RegisterOperationAction(created.Analyze, OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.SimpleAssignment);
                return created;
            });

            subscribers.Add(analyze);
        }

        private sealed class Subscribers
        {
            private readonly AspNetCoreSymbols _symbols;

            // Written only while the compilation-start actions run, read only by the operation actions that follow.
            private Action<OperationAnalysisContext, List<StatusProducer>>[] _analyzers = Array.Empty<Action<OperationAnalysisContext, List<StatusProducer>>>();

            public Subscribers(AspNetCoreSymbols symbols)
            {
                _symbols = symbols;
            }

            public void Add(Action<OperationAnalysisContext, List<StatusProducer>> analyze)
            {
                lock (this)
                {
                    var grown = new Action<OperationAnalysisContext, List<StatusProducer>>[_analyzers.Length + 1];
                    _analyzers.CopyTo(grown, 0);
                    grown[grown.Length - 1] = analyze;
                    _analyzers = grown;
                }
            }

            public void Analyze(OperationAnalysisContext context)
            {
                var operation = context.Operation;
                if (!HttpStatusResolver.MayProduceStatus(operation))
                {
                    return;
                }

                var producers = new List<StatusProducer>(1);
                HttpStatusResolver.Collect(operation, _symbols, producers);
                if (producers.Count == 0)
                {
                    return;
                }

                foreach (var analyze in _analyzers)
                {
                    analyze(context, producers);
                }
            }
        }
    }
}
