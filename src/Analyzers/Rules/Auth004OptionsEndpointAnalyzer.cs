using System;
using System.Collections.Immutable;
using System.Threading;
using AuthStatus.Analyzers.AspNetCore;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AuthStatus.Analyzers.Rules
{
    /// <summary>
    /// AUTH004 shape 2: a hand-written preflight endpoint (it answers OPTIONS and writes <c>Access-Control-Allow-*</c>
    /// headers) that requires authorization, in an app without the CORS middleware. A preflight carries no credentials,
    /// so the authorization middleware answers it 401/403 before the endpoint runs. When the app calls <c>UseCors()</c>,
    /// the CORS middleware answers preflights before authorization (if it runs first; the pipeline rule checks that), so
    /// such an endpoint is not flagged.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Hosted by AuthStatusAnalyzer, the one analyzer the package exports")]
    public sealed class Auth004OptionsEndpointAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Shape property value of this analyzer's diagnostics.</summary>
        public const string OptionsEndpointShape = "OptionsEndpoint";

        private const string Advice = "let the CORS middleware answer preflights (AddCors and UseCors() before UseAuthentication()), or allow anonymous access to requests that are preflights only";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.AUTH004_AuthenticationBlocksCorsPreflight);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(AnalyzerSetup.GeneratedCode);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var compilation = start.Compilation;
                var authorizeData = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Authorization.IAuthorizeData");
                if (authorizeData is null)
                {
                    return;
                }

                var state = new State(
                    compilation,
                    authorizeData,
                    KnownTypes.Get(compilation, "Microsoft.AspNetCore.Authorization.IAllowAnonymous"),
                    KnownTypes.Get(compilation, "Microsoft.AspNetCore.Mvc.Routing.IActionHttpMethodProvider"),
                    KnownTypes.Get(compilation, "Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions"),
                    KnownTypes.Get(compilation, "Microsoft.AspNetCore.Builder.AuthorizationEndpointConventionBuilderExtensions"),
                    KnownTypes.Get(compilation, "Microsoft.AspNetCore.Mvc.ControllerAttribute"));
                if (state.HttpMethodProvider is not null)
                {
                    // One callback per type rather than per method: a compilation has several times more methods than
                    // types, and each callback costs the driver a context and its timing (the bench's --control floor).
                    start.RegisterSymbolAction(state.AnalyzeType, SymbolKind.NamedType);
                }

                if (state.EndpointRouteBuilderExtensions is not null)
                {
                    start.RegisterInvocationAction(state.AnalyzeInvocation, "MapMethods");
                }
            });
        }

        private sealed class State
        {
            private readonly Compilation _compilation;
            private readonly INamedTypeSymbol _authorizeData;
            private readonly INamedTypeSymbol? _allowAnonymous;
            private readonly INamedTypeSymbol? _authorizationConventions;
            private readonly INamedTypeSymbol? _controllerAttribute;
            private int _usesCorsMiddleware; // 0 unknown, 1 no, 2 yes

            public State(
                Compilation compilation,
                INamedTypeSymbol authorizeData,
                INamedTypeSymbol? allowAnonymous,
                INamedTypeSymbol? httpMethodProvider,
                INamedTypeSymbol? endpointRouteBuilderExtensions,
                INamedTypeSymbol? authorizationConventions,
                INamedTypeSymbol? controllerAttribute)
            {
                _compilation = compilation;
                _authorizeData = authorizeData;
                _allowAnonymous = allowAnonymous;
                HttpMethodProvider = httpMethodProvider;
                EndpointRouteBuilderExtensions = endpointRouteBuilderExtensions;
                _authorizationConventions = authorizationConventions;
                _controllerAttribute = controllerAttribute;
            }

            public INamedTypeSymbol? HttpMethodProvider { get; }

            public INamedTypeSymbol? EndpointRouteBuilderExtensions { get; }

            /// <summary>A controller's <c>[HttpOptions]</c> / <c>[AcceptVerbs("OPTIONS")]</c> actions under <c>[Authorize]</c>.</summary>
            public void AnalyzeType(SymbolAnalysisContext context)
            {
                var type = (INamedTypeSymbol)context.Symbol;
                if (type.TypeKind != TypeKind.Class || !MayBeController(type))
                {
                    return;
                }

                foreach (var member in type.GetMembers())
                {
                    if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: false } method && AnswersOptions(method.GetAttributes()))
                    {
                        AnalyzeAction(context, method);
                    }
                }
            }

            /// <summary>
            /// MVC's test for a controller (<c>ControllerFeatureProvider.IsController</c>), on the part that every app's
            /// variant keeps: the class is named <c>*Controller</c> (any case), or it or a base class carries
            /// <c>[Controller]</c> (inherited; <c>[ApiController]</c> derives from it and <c>ControllerBase</c> carries it).
            /// The rest of MVC's test (public, not abstract, not generic, no <c>[NonController]</c>) is left out: custom
            /// providers relax it (internal controllers). Services and DTOs end here, before their members are listed.
            /// </summary>
            private bool MayBeController(INamedTypeSymbol type)
            {
                if (type.Name.EndsWith("Controller", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }

                for (INamedTypeSymbol? current = type; current is { SpecialType: not SpecialType.System_Object }; current = current.BaseType)
                {
                    foreach (var attribute in current.GetAttributes())
                    {
                        if (AspNetCoreSymbols.InheritsFromOrEquals(attribute.AttributeClass, _controllerAttribute))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            private void AnalyzeAction(SymbolAnalysisContext context, IMethodSymbol method)
            {
                if (!RequiresAuthorization(method) || !WritesCorsHeaders(method, context.CancellationToken) || UsesCorsMiddleware(context.CancellationToken))
                {
                    return;
                }

                // The driver decided for the type; a method of it may still be generated (its own [GeneratedCode], or a
                // partial part in a generated file), and the package reports only on the code it analyzes.
                if (AnalyzerSetup.IsGenerated(method, context.Compilation, context.CancellationToken))
                {
                    return;
                }

                foreach (var location in method.Locations)
                {
                    if (location.IsInSource)
                    {
                        context.ReportDiagnostic(Diagnostic.Create(
                            Descriptors.AUTH004_AuthenticationBlocksCorsPreflight,
                            location,
                            ImmutableDictionary<string, string?>.Empty.Add(Auth004Auth011PipelineOrderAnalyzer.ShapeProperty, OptionsEndpointShape),
                            "Action '" + method.Name + "' answers OPTIONS and writes CORS headers but requires authorization, and the app has no CORS middleware",
                            Advice));
                        return;
                    }
                }
            }

            /// <summary><c>MapMethods(pattern, new[] { "OPTIONS" }, handler).RequireAuthorization()</c>.</summary>
            public void AnalyzeInvocation(OperationAnalysisContext context)
            {
                var invocation = (IInvocationOperation)context.Operation;
                if (invocation.TargetMethod.Name != "MapMethods"
                    || !SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, EndpointRouteBuilderExtensions))
                {
                    return;
                }

                IOperation? handler = null;
                var answersOptions = false;
                foreach (var argument in invocation.Arguments)
                {
                    switch (argument.Parameter?.Name)
                    {
                        case "httpMethods":
                            answersOptions = ContainsOptions(argument.Value);
                            break;
                        case "handler":
                        case "requestDelegate":
                            handler = argument.Value;
                            break;
                    }
                }

                if (!answersOptions || handler is null || !ChainRequiresAuthorization(invocation))
                {
                    return;
                }

                if (!HandlerWritesCorsHeaders(handler, context.CancellationToken) || UsesCorsMiddleware(context.CancellationToken))
                {
                    return;
                }

                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.AUTH004_AuthenticationBlocksCorsPreflight,
                    Auth004Auth011PipelineOrderAnalyzer.ReportLocation(invocation.Syntax),
                    ImmutableDictionary<string, string?>.Empty.Add(Auth004Auth011PipelineOrderAnalyzer.ShapeProperty, OptionsEndpointShape),
                    "This OPTIONS endpoint writes CORS headers but requires authorization, and the app has no CORS middleware",
                    Advice));
            }

            /// <summary>
            /// An HTTP method provider (<c>IActionHttpMethodProvider</c>) that names OPTIONS: <c>[HttpOptions]</c>, or OPTIONS among
            /// its constructor arguments (<c>[AcceptVerbs("GET", "OPTIONS")]</c>). The verb is read first: <c>[HttpGet("{id}")]</c>,
            /// <c>[ProducesResponseType(200)]</c> and most of an action's attributes end there, before the attribute class's
            /// interfaces are read.
            /// </summary>
            private bool AnswersOptions(ImmutableArray<AttributeData> attributes)
            {
                foreach (var attribute in attributes)
                {
                    if (attribute.AttributeClass is { } type
                        && (type.Name == "HttpOptionsAttribute" || NamesOptions(attribute))
                        && Implements(type, HttpMethodProvider))
                    {
                        return true;
                    }
                }

                return false;
            }

            private static bool NamesOptions(AttributeData attribute)
            {
                foreach (var argument in attribute.ConstructorArguments)
                {
                    if (argument.Kind == TypedConstantKind.Array)
                    {
                        foreach (var item in argument.Values)
                        {
                            if (item.Value is string verb && IsOptions(verb))
                            {
                                return true;
                            }
                        }
                    }
                    else if (argument.Value is string verb && IsOptions(verb))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary><c>[Authorize]</c> on the action or its controller (or a base), and no <c>[AllowAnonymous]</c> on either.</summary>
            private bool RequiresAuthorization(IMethodSymbol method)
            {
                var required = HasAttribute(method.GetAttributes(), _authorizeData);
                if (HasAttribute(method.GetAttributes(), _allowAnonymous))
                {
                    return false;
                }

                for (var type = method.ContainingType; type is not null; type = type.BaseType)
                {
                    var attributes = type.GetAttributes();
                    if (HasAttribute(attributes, _allowAnonymous))
                    {
                        return false;
                    }

                    required |= HasAttribute(attributes, _authorizeData);
                }

                return required;
            }

            /// <summary><c>.RequireAuthorization(...)</c> called on the endpoint builder, without a later or earlier <c>.AllowAnonymous()</c>.</summary>
            private bool ChainRequiresAuthorization(IInvocationOperation map)
            {
                var required = false;
                IOperation current = map;
                while (current.Parent is IArgumentOperation { Parameter.Ordinal: 0, Parent: IInvocationOperation next }
                    && next.TargetMethod.IsExtensionMethod)
                {
                    if (SymbolEqualityComparer.Default.Equals(next.TargetMethod.ContainingType, _authorizationConventions))
                    {
                        if (next.TargetMethod.Name == "AllowAnonymous")
                        {
                            return false;
                        }

                        required |= next.TargetMethod.Name == "RequireAuthorization";
                    }

                    current = next;
                }

                return required;
            }

            private static bool ContainsOptions(IOperation value)
            {
                foreach (var operation in value.DescendantsAndSelf())
                {
                    if (operation is ILiteralOperation { ConstantValue: { HasValue: true, Value: string verb } } && IsOptions(verb))
                    {
                        return true;
                    }

                    if (operation is IFieldReferenceOperation { Field: { Name: "Options", ContainingType.Name: "HttpMethods" } })
                    {
                        return true;
                    }
                }

                return false;
            }

            private bool HandlerWritesCorsHeaders(IOperation handler, CancellationToken cancellationToken)
            {
                var value = handler;
                while (value is IConversionOperation or IDelegateCreationOperation)
                {
                    value = value is IConversionOperation conversion ? conversion.Operand : ((IDelegateCreationOperation)value).Target;
                }

                return value switch
                {
                    IAnonymousFunctionOperation lambda => MentionsCorsHeader(lambda.Syntax),
                    IMethodReferenceOperation reference => WritesCorsHeaders(reference.Method, cancellationToken),
                    _ => false,
                };
            }

            private static bool WritesCorsHeaders(IMethodSymbol method, CancellationToken cancellationToken)
            {
                foreach (var reference in method.DeclaringSyntaxReferences)
                {
                    if (MentionsCorsHeader(reference.GetSyntax(cancellationToken)))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary><c>"Access-Control-Allow-..."</c> in any case, <c>HeaderNames.AccessControlAllow...</c>, <c>Headers.AccessControlAllow...</c>.</summary>
            private static bool MentionsCorsHeader(SyntaxNode syntax)
            {
                foreach (var token in syntax.DescendantTokens())
                {
                    if (token.IsKind(SyntaxKind.StringLiteralToken) && token.ValueText.StartsWith("Access-Control-Allow-", StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }

                    if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText.StartsWith("AccessControlAllow", StringComparison.Ordinal))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>Whether any file calls <c>UseCors</c> (read once, only when an endpoint is otherwise flagged).</summary>
            private bool UsesCorsMiddleware(CancellationToken cancellationToken)
            {
                var known = Volatile.Read(ref _usesCorsMiddleware);
                if (known == 0)
                {
                    known = 1;
                    foreach (var tree in _compilation.SyntaxTrees)
                    {
                        if (tree.GetText(cancellationToken).ToString().IndexOf("UseCors", StringComparison.Ordinal) < 0)
                        {
                            continue;
                        }

                        foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
                        {
                            if (node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "UseCors" } or IdentifierNameSyntax { Identifier.ValueText: "UseCors" } })
                            {
                                known = 2;
                                break;
                            }
                        }

                        if (known == 2)
                        {
                            break;
                        }
                    }

                    Volatile.Write(ref _usesCorsMiddleware, known);
                }

                return known == 2;
            }

            private static bool IsOptions(string verb) => string.Equals(verb, "OPTIONS", StringComparison.OrdinalIgnoreCase);

            private static bool HasAttribute(ImmutableArray<AttributeData> attributes, INamedTypeSymbol? @interface)
            {
                if (@interface is null)
                {
                    return false;
                }

                foreach (var attribute in attributes)
                {
                    if (attribute.AttributeClass is { } type && Implements(type, @interface))
                    {
                        return true;
                    }
                }

                return false;
            }

            private static bool Implements(INamedTypeSymbol type, INamedTypeSymbol? @interface)
            {
                return Interfaces.Implements(type, @interface);
            }
        }
    }
}
