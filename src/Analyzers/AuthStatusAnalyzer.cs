using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using AuthStatus.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AuthStatus.Analyzers
{
    /// <summary>
    /// The package's one exported analyzer: it hosts every rule (each rule stays its own <see cref="DiagnosticAnalyzer"/>
    /// class, in its own file, with its own tests) and gives the compiler one callback per operation kind and symbol kind
    /// instead of one per rule. The driver's cost of a callback (timing, a context, exception handling) is paid once per
    /// operation rather than eleven times. Invocations are dispatched by the called method's name and by whether this
    /// compilation has the method's body (<see cref="InvocationActions"/>), so a call that no rule can concern costs one
    /// lookup and one test. The rules that ask the same first question of an operation (does it produce a 401/403?) share
    /// one action and its answer through <see cref="Http.StatusProducerActions"/>, since the host gives them one
    /// compilation-start context. A rule whose diagnostics are all off for the compilation is skipped.
    /// </summary>
    /// <remarks>
    /// A rule's <see cref="DiagnosticAnalyzer.Initialize"/> may only configure generated code and concurrency and register
    /// compilation-start actions; inside those, operation and symbol actions. Anything else is a programming error,
    /// reported at once: by the constructor for <see cref="DiagnosticAnalyzer.Initialize"/>, at compilation start for the
    /// rest (every rule test runs both).
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class AuthStatusAnalyzer : DiagnosticAnalyzer
    {
        private readonly ImmutableArray<HostedRule> _rules;

        public AuthStatusAnalyzer()
            : this(CreateRules())
        {
        }

        /// <summary>Hosts the given rules (the tests host one rule, or all).</summary>
        public AuthStatusAnalyzer(ImmutableArray<DiagnosticAnalyzer> rules)
        {
            var hosted = ImmutableArray.CreateBuilder<HostedRule>(rules.Length);
            var supported = ImmutableArray.CreateBuilder<DiagnosticDescriptor>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var rule in rules)
            {
                var registrations = new RuleRegistrations();
                rule.Initialize(registrations);
                hosted.Add(new HostedRule(rule.SupportedDiagnostics, registrations.CompilationStarts.ToImmutable()));
                foreach (var descriptor in rule.SupportedDiagnostics)
                {
                    if (ids.Add(descriptor.Id))
                    {
                        supported.Add(descriptor);
                    }
                }
            }

            _rules = hosted.MoveToImmutable();
            SupportedDiagnostics = supported.ToImmutable();
        }

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

        /// <summary>Every rule of the package, in ID order.</summary>
        public static ImmutableArray<DiagnosticAnalyzer> CreateRules() => ImmutableArray.Create<DiagnosticAnalyzer>(
            new Auth001UnauthorizedWithoutChallengeAnalyzer(),
            new Auth002AuthorizationFailureAnsweredWith401Analyzer(),
            new Auth003CredentialFailureAnsweredWith403Analyzer(),
            new Auth004OptionsEndpointAnalyzer(),
            new Auth004Auth011PipelineOrderAnalyzer(),
            new Auth005InternalDetailInAuthResponseAnalyzer(),
            new Auth006SecretComparedInNonConstantTimeAnalyzer(),
            new Auth007MalformedWwwAuthenticateAnalyzer(),
            new Auth008OnChallengeSuppressesChallengeAnalyzer(),
            new Auth009InsufficientScopeWithoutScopeAnalyzer(),
            new Auth010MessageGivenAsSchemeAnalyzer());

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(AnalyzerSetup.GeneratedCode);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                // Each rule resolves its symbols and registers its actions here (or nothing, without ASP.NET Core);
                // the table then registers one dispatcher per kind that some rule asked for.
                var actions = new ActionTable(start);
                foreach (var rule in _rules)
                {
                    if (IsSuppressed(rule.Descriptors, start.Compilation, start.CancellationToken))
                    {
                        continue;
                    }

                    foreach (var ruleStart in rule.CompilationStarts)
                    {
                        ruleStart(actions);
                    }
                }

                actions.RegisterDispatchers(start);
            });
        }

        /// <summary>
        /// True when every diagnostic of a rule is turned off for the whole compilation (<c>NoWarn</c>, a ruleset, a global
        /// analyzer config) and no file's options turn one back on: the compiler would skip such a rule if it were an
        /// analyzer of its own, so the host skips it too. Per-file <c>.editorconfig</c> severities do not skip a rule
        /// (the compiler filters those diagnostics after the fact, for any analyzer).
        /// </summary>
        private static bool IsSuppressed(ImmutableArray<DiagnosticDescriptor> descriptors, Compilation compilation, CancellationToken cancellationToken)
        {
            foreach (var descriptor in descriptors)
            {
                var suppressed = !descriptor.IsEnabledByDefault;
                if (compilation.Options.SpecificDiagnosticOptions.TryGetValue(descriptor.Id, out var specific))
                {
                    suppressed = specific == ReportDiagnostic.Suppress;
                }

                var provider = compilation.Options.SyntaxTreeOptionsProvider;
                if (provider is not null && provider.TryGetGlobalDiagnosticValue(descriptor.Id, cancellationToken, out var global))
                {
                    suppressed = global == ReportDiagnostic.Suppress;
                }

                if (!suppressed)
                {
                    return false;
                }

                if (provider is not null)
                {
                    foreach (var tree in compilation.SyntaxTrees)
                    {
                        if (provider.TryGetDiagnosticValue(tree, descriptor.Id, cancellationToken, out var local) && local != ReportDiagnostic.Suppress)
                        {
                            return false;
                        }
                    }
                }
            }

            return true;
        }

        private sealed class HostedRule
        {
            public HostedRule(ImmutableArray<DiagnosticDescriptor> descriptors, ImmutableArray<Action<CompilationStartAnalysisContext>> compilationStarts)
            {
                Descriptors = descriptors;
                CompilationStarts = compilationStarts;
            }

            public ImmutableArray<DiagnosticDescriptor> Descriptors { get; }

            public ImmutableArray<Action<CompilationStartAnalysisContext>> CompilationStarts { get; }
        }

        /// <summary>Records what the rules' <see cref="DiagnosticAnalyzer.Initialize"/> registers.</summary>
        private sealed class RuleRegistrations : AnalysisContext
        {
            public ImmutableArray<Action<CompilationStartAnalysisContext>>.Builder CompilationStarts { get; } =
                ImmutableArray.CreateBuilder<Action<CompilationStartAnalysisContext>>();

            public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) => CompilationStarts.Add(action);

            // Every rule sets these exactly as the host does.
            public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode)
            {
            }

            public override void EnableConcurrentExecution()
            {
            }

            public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => throw Unsupported(nameof(RegisterCompilationAction));

            public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw Unsupported(nameof(RegisterSemanticModelAction));

            public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => throw Unsupported(nameof(RegisterSymbolAction));

            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw Unsupported(nameof(RegisterCodeBlockStartAction));

            public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw Unsupported(nameof(RegisterCodeBlockAction));

            public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw Unsupported(nameof(RegisterSyntaxTreeAction));

            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw Unsupported(nameof(RegisterSyntaxNodeAction));
        }

        /// <summary>
        /// Collects the rules' operation and symbol actions for one compilation, by kind (invocation actions also by method
        /// name and by where the method's body is), and registers one dispatcher per kind on the real context. Options, the
        /// compilation and cancellation are the real context's.
        /// </summary>
        private sealed class ActionTable : CompilationStartAnalysisContext, INamedInvocationRegistry
        {
            private readonly Dictionary<OperationKind, List<Action<OperationAnalysisContext>>> _operationActions = new();
            private readonly Dictionary<SymbolKind, List<Action<SymbolAnalysisContext>>> _symbolActions = new();
            private readonly Dictionary<string, List<Action<OperationAnalysisContext>>> _invocationActionsByName = new(StringComparer.Ordinal);
            private readonly List<Action<OperationAnalysisContext>> _invocationActionsWithBodyHere = new();
            private readonly List<Action<OperationAnalysisContext>> _invocationActionsWithoutBodyHere = new();

#pragma warning disable RS1012 // The real context only lends its compilation, options and token; RegisterDispatchers registers on it.
            public ActionTable(CompilationStartAnalysisContext start)
                : base(start.Compilation, start.Options, start.CancellationToken)
            {
            }
#pragma warning restore RS1012

            public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds)
            {
                foreach (var kind in operationKinds)
                {
                    Add(_operationActions, kind, action);
                }
            }

            public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds)
            {
                foreach (var kind in symbolKinds)
                {
                    Add(_symbolActions, kind, action);
                }
            }

            public void RegisterInvocationAction(Action<OperationAnalysisContext> action, string[] methodNames)
            {
                foreach (var name in methodNames)
                {
                    Add(_invocationActionsByName, name, action);
                }
            }

            public void RegisterInvocationAction(Action<OperationAnalysisContext> action, bool withBodyHere)
            {
                (withBodyHere ? _invocationActionsWithBodyHere : _invocationActionsWithoutBodyHere).Add(action);
            }

            private bool DispatchesInvocations => _invocationActionsByName.Count > 0 || _invocationActionsWithBodyHere.Count > 0 || _invocationActionsWithoutBodyHere.Count > 0;

            public void RegisterDispatchers(CompilationStartAnalysisContext start)
            {
                if (DispatchesInvocations)
                {
                    _operationActions.TryGetValue(OperationKind.Invocation, out var always);
                    start.RegisterOperationAction(Invocations(always), OperationKind.Invocation);
                }

                foreach (var pair in _operationActions)
                {
                    if (pair.Key == OperationKind.Invocation && DispatchesInvocations)
                    {
                        continue;
                    }

                    start.RegisterOperationAction(InTurn(pair.Value), pair.Key);
                }

                foreach (var pair in _symbolActions)
                {
                    start.RegisterSymbolAction(InTurn(pair.Value), pair.Key);
                }
            }

            /// <summary>
            /// One callback for invocations: the actions registered for the called method's name (one lookup), those for
            /// methods whose body this compilation has or has not (one test), then those registered for every invocation.
            /// </summary>
            private Action<OperationAnalysisContext> Invocations(List<Action<OperationAnalysisContext>>? always)
            {
                var table = new Dictionary<string, Action<OperationAnalysisContext>[]>(_invocationActionsByName.Count, StringComparer.Ordinal);
                foreach (var pair in _invocationActionsByName)
                {
                    table.Add(pair.Key, pair.Value.ToArray());
                }

                var withBodyHere = _invocationActionsWithBodyHere.ToArray();
                var withoutBodyHere = _invocationActionsWithoutBodyHere.ToArray();
                var byBody = withBodyHere.Length > 0 || withoutBodyHere.Length > 0;
                var everyInvocation = always?.ToArray() ?? Array.Empty<Action<OperationAnalysisContext>>();
                return context =>
                {
                    var method = ((IInvocationOperation)context.Operation).TargetMethod;
                    if (table.TryGetValue(method.Name, out var named))
                    {
                        foreach (var action in named)
                        {
                            action(context);
                        }
                    }

                    if (byBody)
                    {
                        foreach (var action in Http.HttpStatusResolver.HasBodyInSource(method) ? withBodyHere : withoutBodyHere)
                        {
                            action(context);
                        }
                    }

                    foreach (var action in everyInvocation)
                    {
                        action(context);
                    }
                };
            }

            /// <summary>One callback that runs the rules' actions for a kind one after the other.</summary>
            private static Action<TContext> InTurn<TContext>(List<Action<TContext>> registered)
            {
                var actions = registered.ToArray();
                return context =>
                {
                    foreach (var action in actions)
                    {
                        action(context);
                    }
                };
            }

            public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => throw Unsupported(nameof(RegisterCompilationEndAction));

            public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw Unsupported(nameof(RegisterSemanticModelAction));

            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw Unsupported(nameof(RegisterCodeBlockStartAction));

            public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw Unsupported(nameof(RegisterCodeBlockAction));

            public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw Unsupported(nameof(RegisterSyntaxTreeAction));

            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw Unsupported(nameof(RegisterSyntaxNodeAction));

            private static void Add<TKind, TAction>(Dictionary<TKind, List<TAction>> table, TKind kind, TAction action)
                where TKind : notnull
            {
                if (!table.TryGetValue(kind, out var actions))
                {
                    actions = new List<TAction>();
                    table.Add(kind, actions);
                }

                actions.Add(action);
            }
        }

        private static NotSupportedException Unsupported(string registration) =>
            new NotSupportedException(registration + ": a rule hosted by " + nameof(AuthStatusAnalyzer) + " registers only compilation-start, operation and symbol actions");
    }
}
