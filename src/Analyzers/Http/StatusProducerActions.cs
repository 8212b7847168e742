using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using AuthStatus.Analyzers.AspNetCore;
using AuthStatus.Analyzers.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AuthStatus.Analyzers.Http
{
    /// <summary>
    /// The rules that judge a compilation's 401/403 producers (AUTH001, AUTH002, AUTH003, AUTH005, AUTH009) subscribe here instead
    /// of each registering its own actions: per compilation-start context, one set of actions on invocations (the factories
    /// by name, any other call by its return type), creations and assignments resolves the producers once, then hands them
    /// to every subscriber. The package's
    /// host gives all its rules one context, so the work is done once per operation; a rule run alone gets a context, and
    /// an action, of its own.
    /// </summary>
    internal static class StatusProducerActions
    {
        private static readonly ConditionalWeakTable<CompilationStartAnalysisContext, Subscribers> ByContext =
            new ConditionalWeakTable<CompilationStartAnalysisContext, Subscribers>();

        /// <summary>
        /// Calls <paramref name="analyze"/> for each operation that produces at least one status, with its producers (of
        /// any status: the subscriber picks). Call only from a compilation-start action, on its context.
        /// </summary>
        public static void Subscribe(CompilationStartAnalysisContext start, AspNetCoreSymbols symbols, Action<OperationAnalysisContext, StatusProducers> analyze)
        {
            var subscribers = ByContext.GetValue(start, context =>
            {
                var created = new Subscribers(symbols, new AuthStatusOptions(context.Options.AnalyzerConfigOptionsProvider));
                context.RegisterInvocationAction(created.AnalyzeProducerCall, HttpStatusResolver.ProducerMethodNames);
                context.RegisterInvocationAction(created.AnalyzeOtherCall, withBodyHere: false);
                context.RegisterOperationAction(created.AnalyzeCreationOrAssignment, OperationKind.ObjectCreation, OperationKind.SimpleAssignment);
                return created;
            });

            subscribers.Add(analyze);
        }

        private sealed class Subscribers
        {
            private readonly AspNetCoreSymbols _symbols;
            private readonly AuthStatusOptions _options;

            // Written only while the compilation-start actions run, read only by the operation actions that follow.
            private Action<OperationAnalysisContext, StatusProducers>[] _analyzers = Array.Empty<Action<OperationAnalysisContext, StatusProducers>>();

            public Subscribers(AspNetCoreSymbols symbols, AuthStatusOptions options)
            {
                _symbols = symbols;
                _options = options;
            }

            public void Add(Action<OperationAnalysisContext, StatusProducers> analyze)
            {
                lock (this)
                {
                    var grown = new Action<OperationAnalysisContext, StatusProducers>[_analyzers.Length + 1];
                    _analyzers.CopyTo(grown, 0);
                    grown[grown.Length - 1] = analyze;
                    _analyzers = grown;
                }
            }

            /// <summary><c>Unauthorized()</c>, <c>StatusCode(..)</c>, <c>Problem(statusCode: ..)</c> and the other factories given a status.</summary>
            public void AnalyzeProducerCall(OperationAnalysisContext context) => Analyze(context);

            /// <summary>
            /// Any other call of a method whose body is elsewhere: a producer only when it returns a 401 result type (a
            /// library's or an interface's helper; a helper with a body here is analysed where its producers are).
            /// </summary>
            public void AnalyzeOtherCall(OperationAnalysisContext context)
            {
                var invocation = (IInvocationOperation)context.Operation;
                if (HttpStatusResolver.MayReturnUnauthorizedResult(invocation)
                    && Array.IndexOf(HttpStatusResolver.ProducerMethodNames, invocation.TargetMethod.Name) < 0)
                {
                    Analyze(context);
                }
            }

            public void AnalyzeCreationOrAssignment(OperationAnalysisContext context)
            {
                if (HttpStatusResolver.MayProduceStatus(context.Operation))
                {
                    Analyze(context);
                }
            }

            private void Analyze(OperationAnalysisContext context)
            {
                var producers = new List<StatusProducer>(1);
                HttpStatusResolver.Collect(context.Operation, _symbols, producers);
                if (producers.Count == 0)
                {
                    return;
                }

                var batch = new StatusProducers(producers, _symbols, _options);
                foreach (var analyze in _analyzers)
                {
                    analyze(context, batch);
                }
            }
        }
    }

    /// <summary>
    /// One operation's status producers, handed to every subscriber in turn on one thread: the refusal reason of each is
    /// computed by the first subscriber that asks and kept for the others (AUTH001, AUTH002, AUTH003 and AUTH009 ask it
    /// of the same producers).
    /// </summary>
    internal sealed class StatusProducers
    {
        private readonly List<StatusProducer> _items;
        private readonly AspNetCoreSymbols _symbols;
        private readonly AuthStatusOptions _options;
        private RefusalAnalysis?[]? _reasons;

        public StatusProducers(List<StatusProducer> items, AspNetCoreSymbols symbols, AuthStatusOptions options)
        {
            _items = items;
            _symbols = symbols;
            _options = options;
        }

        public int Count => _items.Count;

        public StatusProducer this[int index] => _items[index];

        /// <summary>Why the request at producer <paramref name="index"/> is refused (computed once per producer).</summary>
        public RefusalAnalysis Reason(int index, in OperationAnalysisContext context)
        {
            _reasons ??= new RefusalAnalysis?[_items.Count];
            return _reasons[index] ??= RefusalReason.Analyze(_items[index], context.ContainingSymbol, _symbols, _options, context.CancellationToken);
        }
    }
}
