using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using AuthStatus.Analyzers.AspNetCore;
using AuthStatus.Analyzers.Configuration;
using AuthStatus.Analyzers.Http;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AuthStatus.Analyzers.Rules
{
    /// <summary>
    /// AUTH001: a 401 response without a WWW-Authenticate challenge (RFC 9110 §15.5.2).
    /// Flags every 401 producer whose function does not write the header, <c>AuthenticationHandler&lt;T&gt;</c> subclasses
    /// whose challenge is the base's bare 401, and 401s set in cookie <c>OnRedirectToLogin</c> handlers.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Hosted by AuthStatusAnalyzer, the one analyzer the package exports")]
    public sealed class Auth001UnauthorizedWithoutChallengeAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Property set on a diagnostic: how the 401 is produced (a <see cref="StatusProducerKind"/> name, or <c>Handler</c>).</summary>
        public const string ShapeProperty = "Shape";

        internal const string HandlerShape = "Handler";

        private const string ProducerAdvice = "return Challenge() or append a WWW-Authenticate header to the response";
        private const string HandlerAdvice = "override HandleChallengeAsync to append a WWW-Authenticate header with the scheme";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.AUTH001_UnauthorizedWithoutChallenge);

        public override void Initialize(AnalysisContext context)
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

                var state = new CompilationState(symbols, new AuthStatusOptions(start.Options.AnalyzerConfigOptionsProvider));
                StatusProducerActions.Subscribe(start, symbols, state.AnalyzeProducers);

                if (symbols.AuthenticationHandler is not null)
                {
                    start.RegisterSymbolAction(state.AnalyzeNamedType, SymbolKind.NamedType);
                }
            });
        }

        private sealed class CompilationState
        {
            private readonly AspNetCoreSymbols _symbols;
            private readonly AuthStatusOptions _options;
            private readonly INamedTypeSymbol? _routeTemplateProvider;
            private readonly ConcurrentDictionary<ISymbol, bool> _headerWritingHelpers = AnswerTables.Create<ISymbol, bool>(SymbolIdentity.Instance);

            public CompilationState(AspNetCoreSymbols symbols, AuthStatusOptions options)
            {
                _symbols = symbols;
                _options = options;
                _routeTemplateProvider = KnownTypes.Get(symbols.Compilation, "Microsoft.AspNetCore.Mvc.Routing.IRouteTemplateProvider");
            }

            public void AnalyzeProducers(OperationAnalysisContext context, StatusProducers producers)
            {
                var operation = context.Operation;
                for (var i = 0; i < producers.Count; i++)
                {
                    var producer = producers[i];
                    if (producer.StatusCode != HttpStatusResolver.Unauthorized)
                    {
                        continue;
                    }

                    // Cheapest first: the safety net is read once per compilation, and the refusal reason is shared
                    // with AUTH002; the rest read the producer's function.
                    if (HasSafetyNet(context.CancellationToken))
                    {
                        return;
                    }

                    // AUTH002 reports a 401 given to a failed permission check (the root cause; its fix to 403 removes this one).
                    if (producers.Reason(i, context).Kind == RefusalKind.Permission)
                    {
                        continue;
                    }

                    if (ChallengeIsWrittenNear(operation)
                        || IsCredentialEndpoint(operation, context.ContainingSymbol)
                        || Auth008OnChallengeSuppressesChallengeAnalyzer.IsInSuppressedChallenge(operation, _symbols))
                    {
                        return;
                    }

                    var properties = ImmutableDictionary<string, string?>.Empty.Add(ShapeProperty, EnumNames<StatusProducerKind>.Of(producer.Kind));
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.AUTH001_UnauthorizedWithoutChallenge,
                        producer.ReportOn.Syntax.GetLocation(),
                        properties,
                        producer.Describe(),
                        ProducerAdvice));
                }
            }

            public void AnalyzeNamedType(SymbolAnalysisContext context)
            {
                var type = (INamedTypeSymbol)context.Symbol;
                if (type.TypeKind != TypeKind.Class || type.IsAbstract || type.IsStatic)
                {
                    return;
                }

                if (!ChallengeIsBare(type, context.CancellationToken) || HasSafetyNet(context.CancellationToken))
                {
                    return;
                }

                // Report on the part that names the base class: that is where the developer declared the handler (a
                // generated part of a partial class seldom repeats the base list, and this package reports into generated
                // code only if it chooses such a part; see AnalyzerSetup).
                ClassDeclarationSyntax? target = null;
                foreach (var reference in type.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax(context.CancellationToken) is ClassDeclarationSyntax part && (target is null || (target.BaseList is null && part.BaseList is not null)))
                    {
                        target = part;
                    }
                }

                if (target is not null)
                {
                    var properties = ImmutableDictionary<string, string?>.Empty.Add(ShapeProperty, HandlerShape);
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.AUTH001_UnauthorizedWithoutChallenge,
                        target.Identifier.GetLocation(),
                        properties,
                        $"Authentication handler '{type.Name}' (its challenge, the base HandleChallengeAsync)",
                        HandlerAdvice));
                }
            }

            /// <summary>
            /// True when the function around the producer (a method, a lambda, a local function) writes WWW-Authenticate on
            /// the producer's path: directly, in a nested callback such as <c>OnStarting</c>, or through a helper of this
            /// compilation that it calls (see <see cref="ChallengePaths"/>).
            /// </summary>
            private bool ChallengeIsWrittenNear(IOperation operation)
            {
                var function = EnclosingFunctionBody(operation);
                if (function is null)
                {
                    return false;
                }

                foreach (var descendant in function.Descendants())
                {
                    var writes = descendant.Kind switch
                    {
                        OperationKind.SimpleAssignment => ChallengeHeader.IsWrite(descendant, _symbols),
                        OperationKind.Invocation => ChallengeHeader.IsWrite(descendant, _symbols)
                            || (descendant is IInvocationOperation call && HttpStatusResolver.HasBodyInSource(call.TargetMethod) && CallsHeaderWritingHelper(call.TargetMethod)),
                        _ => false,
                    };

                    if (writes && ChallengePaths.WriteCoversProducer(descendant.Syntax, operation.Syntax))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>Whether a helper of this compilation mentions the header; read once per helper and compilation.</summary>
            private bool CallsHeaderWritingHelper(IMethodSymbol method)
            {
                var definition = method.OriginalDefinition;
                if (_headerWritingHelpers.TryGetValue(definition, out var mentions))
                {
                    return mentions;
                }

                mentions = false;
                foreach (var reference in definition.DeclaringSyntaxReferences)
                {
                    if (ChallengeHeader.IsMentionedIn(reference.GetSyntax()))
                    {
                        mentions = true;
                        break;
                    }
                }

                _headerWritingHelpers.TryAdd(definition, mentions);
                return mentions;
            }

            internal static IOperation? EnclosingFunctionBody(IOperation operation)
            {
                IOperation current = operation;
                while (current.Parent is { } parent)
                {
                    if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                    {
                        return parent;
                    }

                    current = parent;
                }

                return current;
            }

            /// <summary>Login, token, sign-in and refresh endpoints answer bad credentials with 401 and the credentials travel in the body.</summary>
            private bool IsCredentialEndpoint(IOperation operation, ISymbol containingSymbol)
            {
                var vocabulary = _options.CredentialEndpoints(OperationTrees.Of(operation));
                for (var current = operation.Parent; current is not null; current = current.Parent)
                {
                    if (current is IAnonymousFunctionOperation lambda && vocabulary.Matches(MapRoute(lambda)))
                    {
                        return true;
                    }

                    if (current is ILocalFunctionOperation localFunction && vocabulary.Matches(localFunction.Symbol.Name))
                    {
                        return true;
                    }
                }

                if (containingSymbol is not IMethodSymbol method || method.MethodKind == MethodKind.AnonymousFunction)
                {
                    return false;
                }

                if (vocabulary.Matches(method.Name) || HasMatchingRoute(method.GetAttributes(), vocabulary))
                {
                    return true;
                }

                var type = method.ContainingType;
                return type is not null
                    && AspNetCoreSymbols.InheritsFromOrEquals(type, _symbols.ControllerBase)
                    && (vocabulary.Matches(type.Name) || HasMatchingRoute(type.GetAttributes(), vocabulary));
            }

            private bool HasMatchingRoute(ImmutableArray<AttributeData> attributes, NameVocabulary vocabulary)
            {
                if (_routeTemplateProvider is null)
                {
                    return false;
                }

                foreach (var attribute in attributes)
                {
                    if (attribute.AttributeClass is not { } attributeClass || !Implements(attributeClass, _routeTemplateProvider))
                    {
                        continue;
                    }

                    foreach (var argument in attribute.ConstructorArguments)
                    {
                        if (argument.Kind == TypedConstantKind.Primitive && argument.Value is string template && vocabulary.Matches(template))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            private static bool Implements(INamedTypeSymbol type, INamedTypeSymbol @interface) => Interfaces.Implements(type, @interface);

            /// <summary>The route pattern of <c>app.MapPost("/login", lambda)</c> and the other Map* calls.</summary>
            private static string? MapRoute(IAnonymousFunctionOperation lambda)
            {
                IOperation? current = lambda.Parent;
                while (current is IConversionOperation or IDelegateCreationOperation)
                {
                    current = current.Parent;
                }

                if (current is not IArgumentOperation { Parent: IInvocationOperation invocation }
                    || !invocation.TargetMethod.Name.StartsWith("Map", StringComparison.Ordinal))
                {
                    return null;
                }

                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter?.Name == "pattern" && argument.Value.ConstantValue is { HasValue: true, Value: string pattern })
                    {
                        return pattern;
                    }
                }

                return null;
            }

            private bool HasSafetyNet(CancellationToken cancellationToken) => ChallengeSafetyNet.Exists(_symbols.Compilation, cancellationToken);

            /// <summary>
            /// A concrete <c>AuthenticationHandler&lt;T&gt;</c> subclass whose challenge is the base's: no class between it and
            /// the base overrides <c>HandleChallengeAsync</c>, or the nearest override is ours, calls the base and writes no header.
            /// </summary>
            private bool ChallengeIsBare(INamedTypeSymbol type, CancellationToken cancellationToken)
            {
                // Most classes are not handlers: find AuthenticationHandler<T> among the base types before looking at members.
                var handlerBase = _symbols.AuthenticationHandler;
                INamedTypeSymbol? handler = null;
                for (var current = type.BaseType; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
                {
                    if (current.TypeKind == TypeKind.Error)
                    {
                        return false;
                    }

                    // A compilation has one symbol object per type definition: a reference test (this runs for every class).
                    if (ReferenceEquals(current.OriginalDefinition, handlerBase))
                    {
                        handler = current;
                        break;
                    }
                }

                if (handler is null || handler.TypeArguments.Length != 1 || handler.TypeArguments[0].TypeKind == TypeKind.Error)
                {
                    return false;
                }

                for (var current = type; current is not null && !ReferenceEquals(current, handler); current = current.BaseType)
                {
                    foreach (var member in current.GetMembers("HandleChallengeAsync"))
                    {
                        if (member is IMethodSymbol { IsOverride: true } method)
                        {
                            // The nearest override decides.
                            return OverrideOnlyDefersToBase(method, cancellationToken);
                        }
                    }
                }

                return true;
            }

            private bool OverrideOnlyDefersToBase(IMethodSymbol method, CancellationToken cancellationToken)
            {
                if (method.DeclaringSyntaxReferences.IsEmpty
                    || !SymbolEqualityComparer.Default.Equals(method.OverriddenMethod?.ContainingType.OriginalDefinition, _symbols.AuthenticationHandler))
                {
                    return false;
                }

                foreach (var reference in method.DeclaringSyntaxReferences)
                {
                    var syntax = reference.GetSyntax(cancellationToken);
                    if (ChallengeHeader.IsMentionedIn(syntax))
                    {
                        return false;
                    }

                    foreach (var node in syntax.DescendantNodes())
                    {
                        if (node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: BaseExpressionSyntax, Name.Identifier.ValueText: "HandleChallengeAsync" } })
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

        }
    }
}
