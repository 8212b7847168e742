using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using AuthStatus.Analyzers.AspNetCore;
using AuthStatus.Analyzers.Http;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AuthStatus.Analyzers.Rules
{
    /// <summary>
    /// The pipeline-order rules, which share one model of each pipeline body (built once per body):
    /// AUTH011 (<c>UseAuthentication()</c> after <c>UseAuthorization()</c>) and AUTH004's pipeline shapes
    /// (<c>UseCors()</c> after <c>UseAuthorization()</c>; <c>UseCors()</c> with the authentication that minimal hosting adds
    /// implicitly; a middleware that answers 401/403 to preflights and runs before <c>UseCors()</c>).
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Hosted by AuthStatusAnalyzer, the one analyzer the package exports")]
    public sealed class Auth004Auth011PipelineOrderAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Property: which AUTH004 shape a diagnostic is.</summary>
        public const string ShapeProperty = "Shape";

        /// <summary>AUTH004: <c>UseCors()</c> after <c>UseAuthorization()</c>. Additional location 0, when present: the registration to move it before.</summary>
        public const string CorsAfterAuthorizationShape = "CorsAfterAuthorization";

        /// <summary>AUTH004: <c>UseCors()</c> under minimal hosting with implicit authentication and authorization.</summary>
        public const string ImplicitAuthenticationShape = "ImplicitAuthentication";

        /// <summary>AUTH004: a rejecting middleware before <c>UseCors()</c>. Additional locations: 0 the <c>UseCors()</c> call, 1 the middleware function.</summary>
        public const string MiddlewareBeforeCorsShape = "MiddlewareBeforeCors";

        /// <summary>Property of the implicit-authentication shape: "true" when the app registers authentication services (so the fix adds <c>UseAuthentication()</c>).</summary>
        public const string HasAuthenticationProperty = "HasAuthentication";

        /// <summary>Property of the implicit-authentication shape: "true" when inserting the calls right after <c>UseCors()</c> keeps them after routing.</summary>
        public const string InsertableProperty = "Insertable";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            Descriptors.AUTH004_AuthenticationBlocksCorsPreflight,
            Descriptors.AUTH011_AuthorizationBeforeAuthentication);

        /// <summary>The framework's registrations a finding can be reported on.</summary>
        private static readonly string[] RegistrationNames = { "UseCors", "UseAuthorization", "UseMiddleware", "Use", "Run" };

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(AnalyzerSetup.GeneratedCode);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var symbols = PipelineSymbols.TryCreate(start.Compilation);
                var aspNetCore = AspNetCoreSymbols.TryCreate(start.Compilation);
                if (symbols is null || aspNetCore is null)
                {
                    return;
                }

                var state = new CompilationState(symbols, aspNetCore);
                start.RegisterInvocationAction(state.AnalyzeRegistration, RegistrationNames);
                start.RegisterInvocationAction(state.AnalyzeProjectCall, withBodyHere: true);
            });
        }

        private sealed class Finding
        {
            public Finding(DiagnosticDescriptor descriptor, IInvocationOperation reportOn, ImmutableArray<Location> additional, ImmutableDictionary<string, string?> properties, params object[] arguments)
            {
                Descriptor = descriptor;
                ReportOn = reportOn.Syntax;
                Additional = additional;
                Properties = properties;
                Arguments = arguments;
            }

            public DiagnosticDescriptor Descriptor { get; }

            private Location? _location;

            public SyntaxNode ReportOn { get; }

            /// <summary>Computed when reported (it reads the file's line map), not for every finding of a body.</summary>
            public Location Location => _location ??= ReportLocation(ReportOn);

            public ImmutableArray<Location> Additional { get; }

            public ImmutableDictionary<string, string?> Properties { get; }

            public object[] Arguments { get; }
        }

        private sealed class CompilationState
        {
            private readonly PipelineSymbols _symbols;
            private readonly AspNetCoreSymbols _aspNetCore;
            private readonly ConcurrentDictionary<SyntaxNode, ImmutableArray<Finding>> _findings = new();
            private readonly ConcurrentDictionary<ISymbol, (bool Rejects, SyntaxNode? Function)> _middleware = new(SymbolEqualityComparer.Default);

            public CompilationState(PipelineSymbols symbols, AspNetCoreSymbols aspNetCore)
            {
                _symbols = symbols;
                _aspNetCore = aspNetCore;
            }

            /// <summary><c>UseCors</c>, <c>UseAuthorization</c>, <c>UseMiddleware</c>, <c>Use</c>, <c>Run</c> given a builder (<c>app.UseCors()</c>, not <c>Task.Run()</c>).</summary>
            public void AnalyzeRegistration(OperationAnalysisContext context)
            {
                var call = (IInvocationOperation)context.Operation;
                if (GivenBuilder(call))
                {
                    Analyze(context, call);
                }
            }

            /// <summary>
            /// A call of the project's own method (one whose body this compilation has: the pipeline follows it) given a
            /// builder: it may register middleware. A method without a body here cannot be followed, and no finding is
            /// reported on its call.
            /// </summary>
            /// <remarks>
            /// The call's own receiver and arguments are read, not the method's parameters (<see cref="IMethodSymbol.Parameters"/>
            /// builds a new array each time) and not a table of methods (constructed methods are new objects at each call
            /// site; a table keyed by them grows with the calls and makes every call hash and lock): the parameter types are
            /// few, and <see cref="PipelineSymbols.IsApplicationBuilder"/> rejects values and special types before it reads a
            /// type's interfaces.
            /// </remarks>
            public void AnalyzeProjectCall(OperationAnalysisContext context)
            {
                // The builder test first: it rejects nearly every call, and reads no name.
                var call = (IInvocationOperation)context.Operation;
                if (!GivenBuilder(call) || Array.IndexOf(RegistrationNames, call.TargetMethod.Name) >= 0)
                {
                    return;
                }

                Analyze(context, call);
            }

            private void Analyze(OperationAnalysisContext context, IInvocationOperation call)
            {
                var root = (IOperation)call;
                while (root.Parent is { } parent)
                {
                    root = parent;
                }

                var model = call.SemanticModel;
                if (model is null)
                {
                    return;
                }

                var cancellationToken = context.CancellationToken;
                var findings = _findings.GetOrAdd(root.Syntax, _ => Compute(root, model, cancellationToken));
                foreach (var finding in findings)
                {
                    if (finding.ReportOn == call.Syntax)
                    {
                        context.ReportDiagnostic(Diagnostic.Create(finding.Descriptor, finding.Location, finding.Additional, finding.Properties, finding.Arguments));
                    }
                }
            }

            /// <summary>
            /// The call's receiver or an argument (an extension method's receiver is its first) is an application builder.
            /// The types of the expressions are read, already bound (a parameter's type can be substituted on each read).
            /// </summary>
            private bool GivenBuilder(IInvocationOperation call)
            {
                if (call.Instance is { } instance && _symbols.IsApplicationBuilder(instance.Type))
                {
                    return true;
                }

                foreach (var argument in call.Arguments)
                {
                    if (_symbols.IsApplicationBuilder(argument.Value.Type))
                    {
                        return true;
                    }
                }

                return false;
            }

            private ImmutableArray<Finding> Compute(IOperation root, SemanticModel model, CancellationToken cancellationToken)
            {
                var pipeline = Pipeline.Build(root, _symbols, model, cancellationToken);
                var findings = new List<Finding>();
                foreach (var sequence in pipeline.Sequences())
                {
                    CheckAuthenticationAfterAuthorization(sequence, findings);
                    CheckCorsAfterAuthorization(sequence, findings);
                    CheckMiddlewareBeforeCors(sequence, model, findings, cancellationToken);
                }

                CheckImplicitAuthentication(pipeline, findings);

                var unique = ImmutableArray.CreateBuilder<Finding>(findings.Count);
                var seen = new HashSet<(string, TextSpan)>();
                foreach (var finding in findings)
                {
                    if (seen.Add((finding.Descriptor.Id, finding.ReportOn.Span)))
                    {
                        unique.Add(finding);
                    }
                }

                return unique.ToImmutable();
            }

            /// <summary>AUTH011: a <c>UseAuthentication()</c> that runs after a <c>UseAuthorization()</c> with no authentication before it.</summary>
            private static void CheckAuthenticationAfterAuthorization(PipelineSequence sequence, List<Finding> findings)
            {
                var steps = sequence.Steps;
                for (var j = sequence.OwnedFrom; j < steps.Count; j++)
                {
                    var authentication = steps[j];
                    if (authentication.Kind != PipelineStepKind.Authentication)
                    {
                        continue;
                    }

                    for (var i = 0; i < j; i++)
                    {
                        var authorization = steps[i];
                        if (authorization.Kind != PipelineStepKind.Authorization
                            || SameCall(authorization, authentication)
                            || Pipeline.AreExclusive(authorization, authentication)
                            || AnyBefore(steps, i, PipelineStepKind.Authentication, authorization))
                        {
                            continue;
                        }

                        // Reported on the UseAuthorization() that runs too early; the additional location is the
                        // authentication the fix moves before it.
                        findings.Add(new Finding(
                            Descriptors.AUTH011_AuthorizationBeforeAuthentication,
                            authorization.Invocation,
                            ImmutableArray.Create(authentication.Invocation.Syntax.GetLocation()),
                            ImmutableDictionary<string, string?>.Empty,
                            Describe(authorization),
                            Describe(authentication)));
                        break;
                    }
                }
            }

            /// <summary>AUTH004 shape 1: <c>UseCors()</c> after <c>UseAuthorization()</c>.</summary>
            private static void CheckCorsAfterAuthorization(PipelineSequence sequence, List<Finding> findings)
            {
                var steps = sequence.Steps;
                for (var j = sequence.OwnedFrom; j < steps.Count; j++)
                {
                    var cors = steps[j];
                    if (cors.Kind != PipelineStepKind.Cors)
                    {
                        continue;
                    }

                    PipelineStep? authorization = null;
                    for (var i = 0; i < j && authorization is null; i++)
                    {
                        if (steps[i].Kind == PipelineStepKind.Authorization && !SameCall(steps[i], cors) && !Pipeline.AreExclusive(steps[i], cors))
                        {
                            authorization = steps[i];
                        }
                    }

                    if (authorization is null)
                    {
                        continue;
                    }

                    // The fix moves UseCors() before the first authentication/authorization registration after routing.
                    var lastRouting = -1;
                    for (var i = 0; i < j; i++)
                    {
                        if (steps[i].Kind == PipelineStepKind.Routing && !Pipeline.AreExclusive(steps[i], cors))
                        {
                            lastRouting = i;
                        }
                    }

                    PipelineStep? target = null;
                    var beforeRouting = false;
                    for (var i = 0; i < j && target is null; i++)
                    {
                        var step = steps[i];
                        if (step.Kind is PipelineStepKind.Authentication or PipelineStepKind.Authorization && !SameCall(step, cors) && !Pipeline.AreExclusive(step, cors))
                        {
                            if (i < lastRouting)
                            {
                                beforeRouting = true;
                                continue;
                            }

                            target = step;
                        }
                    }

                    var additional = target is null || beforeRouting
                        ? ImmutableArray<Location>.Empty
                        : ImmutableArray.Create(target.Invocation.Syntax.GetLocation());
                    findings.Add(new Finding(
                        Descriptors.AUTH004_AuthenticationBlocksCorsPreflight,
                        cors.Invocation,
                        additional,
                        ImmutableDictionary<string, string?>.Empty.Add(ShapeProperty, CorsAfterAuthorizationShape),
                        Describe(cors) + " runs after " + Describe(authorization),
                        "call UseCors() before UseAuthentication() and UseAuthorization()"));
                }
            }

            /// <summary>AUTH004 shape 3: a middleware that answers 401/403 without a preflight exemption and runs before <c>UseCors()</c>.</summary>
            private void CheckMiddlewareBeforeCors(PipelineSequence sequence, SemanticModel model, List<Finding> findings, CancellationToken cancellationToken)
            {
                var steps = sequence.Steps;
                for (var j = sequence.OwnedFrom; j < steps.Count; j++)
                {
                    var cors = steps[j];
                    if (cors.Kind != PipelineStepKind.Cors)
                    {
                        continue;
                    }

                    for (var i = 0; i < j; i++)
                    {
                        var middleware = steps[i];
                        if (middleware.Kind is not (PipelineStepKind.Middleware or PipelineStepKind.InlineMiddleware)
                            || SameCall(middleware, cors)
                            || Pipeline.AreExclusive(middleware, cors))
                        {
                            continue;
                        }

                        var (rejects, function, name) = Rejects(middleware, model, cancellationToken);
                        if (!rejects || function is null)
                        {
                            continue;
                        }

                        var additional = ImmutableArray.Create(cors.Invocation.Syntax.GetLocation(), function.GetLocation());
                        findings.Add(new Finding(
                            Descriptors.AUTH004_AuthenticationBlocksCorsPreflight,
                            middleware.Invocation,
                            additional,
                            ImmutableDictionary<string, string?>.Empty.Add(ShapeProperty, MiddlewareBeforeCorsShape),
                            name + " answers 401/403 without exempting preflight requests and runs before " + Describe(cors),
                            "register UseCors() before it, or pass preflight requests (OPTIONS with Origin and Access-Control-Request-Method headers) to the next middleware"));
                    }
                }
            }

            /// <summary>AUTH004 shape 1b: minimal hosting, <c>UseCors()</c>, and authentication/authorization left to <c>WebApplication</c>.</summary>
            private void CheckImplicitAuthentication(Pipeline pipeline, List<Finding> findings)
            {
                if (!pipeline.CreatesWebApplication || _symbols.WebApplication is null)
                {
                    return;
                }

                // WebApplication adds each of the two only when the app never calls it (the keys are independent), so an
                // explicit UseAuthentication() still leaves the blocking UseAuthorization() implicit.
                var main = pipeline.Steps;
                var explicitAuthentication = false;
                foreach (var step in MainAndBranchSteps(main))
                {
                    if (step.Kind is PipelineStepKind.Authorization or PipelineStepKind.Unknown)
                    {
                        return;
                    }

                    explicitAuthentication |= step.Kind == PipelineStepKind.Authentication;
                }

                var registersAuthorization = false;
                var registersAuthentication = false;
                foreach (var operation in Pipeline.DescendantsInFunction(pipeline.Root))
                {
                    if (operation is not IInvocationOperation invocation)
                    {
                        continue;
                    }

                    var name = invocation.TargetMethod.Name;
                    if (name == "CreateEmptyBuilder")
                    {
                        // An empty builder adds no middleware implicitly.
                        return;
                    }

                    if (name.StartsWith("AddAuthorization", StringComparison.Ordinal))
                    {
                        registersAuthorization = true;
                    }
                    else if (name.StartsWith("Add", StringComparison.Ordinal) && name.IndexOf("Authentication", StringComparison.Ordinal) >= 0)
                    {
                        registersAuthentication = true;
                    }
                }

                if (!registersAuthorization)
                {
                    return;
                }

                for (var j = 0; j < main.Count; j++)
                {
                    var cors = main[j];
                    if (cors.Kind != PipelineStepKind.Cors
                        || cors.Receiver?.Type is not { } receiverType
                        || !SymbolEqualityComparer.Default.Equals(receiverType, _symbols.WebApplication))
                    {
                        continue;
                    }

                    var insertable = !explicitAuthentication;
                    for (var k = j + 1; k < main.Count; k++)
                    {
                        if (main[k].Kind == PipelineStepKind.Routing)
                        {
                            insertable = false;
                        }
                    }

                    var properties = ImmutableDictionary<string, string?>.Empty
                        .Add(ShapeProperty, ImplicitAuthenticationShape)
                        .Add(HasAuthenticationProperty, registersAuthentication ? "true" : "false")
                        .Add(InsertableProperty, insertable ? "true" : "false");
                    findings.Add(new Finding(
                        Descriptors.AUTH004_AuthenticationBlocksCorsPreflight,
                        cors.Invocation,
                        ImmutableArray<Location>.Empty,
                        properties,
                        Describe(cors) + (explicitAuthentication
                            ? " runs after the UseAuthorization() that WebApplication adds implicitly right after routing"
                            : " runs after the UseAuthentication() and UseAuthorization() that WebApplication adds implicitly right after routing"),
                        explicitAuthentication
                            ? "call UseAuthorization() explicitly after UseCors() and UseAuthentication()"
                            : "call UseAuthentication() and UseAuthorization() explicitly after UseCors()"));
                }
            }

            private static IEnumerable<PipelineStep> MainAndBranchSteps(IReadOnlyList<PipelineStep> steps)
            {
                foreach (var step in steps)
                {
                    yield return step;
                    foreach (var inner in MainAndBranchSteps(step.BranchSteps))
                    {
                        yield return inner;
                    }
                }
            }

            /// <summary>Whether the middleware answers 401/403 (or challenges/forbids) without any preflight or OPTIONS test.</summary>
            private (bool Rejects, SyntaxNode? Function, string Name) Rejects(PipelineStep step, SemanticModel model, CancellationToken cancellationToken)
            {
                if (step.Kind == PipelineStepKind.InlineMiddleware)
                {
                    if (step.Lambda is not { } lambda)
                    {
                        return (false, null, string.Empty);
                    }

                    return (RejectsWithoutPreflightCheck(lambda), lambda.Syntax, "The middleware lambda");
                }

                if (step.MiddlewareType is not INamedTypeSymbol type || type.DeclaringSyntaxReferences.IsEmpty)
                {
                    return (false, null, string.Empty);
                }

                var (rejects, function) = _middleware.GetOrAdd(type, _ =>
                {
                    var invoke = FindInvoke(type);
                    if (invoke is null || SourceBodies.Get(invoke, model, _symbols.Compilation, cancellationToken) is not { } body)
                    {
                        return (false, null);
                    }

                    var declaration = body.Syntax.Parent;
                    return (RejectsWithoutPreflightCheck(body), declaration);
                });

                return (rejects, function, "Middleware '" + type.Name + "'");
            }

            /// <summary>The conventional <c>Invoke</c>/<c>InvokeAsync(HttpContext, ...)</c>, or <c>IMiddleware.InvokeAsync</c>.</summary>
            private IMethodSymbol? FindInvoke(INamedTypeSymbol type)
            {
                foreach (var name in new[] { "InvokeAsync", "Invoke" })
                {
                    foreach (var member in type.GetMembers(name))
                    {
                        if (member is IMethodSymbol { IsStatic: false, DeclaredAccessibility: Accessibility.Public } method
                            && method.Parameters.Length > 0
                            && SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, _symbols.HttpContext))
                        {
                            return method;
                        }
                    }
                }

                return null;
            }

            /// <summary>
            /// True when the function answers 401/403 (a status producer, <c>ChallengeAsync</c>, <c>ForbidAsync</c>) before it
            /// passes the request on, outside <c>catch</c> clauses (error mapping of what later middleware threw does not
            /// concern preflights), and nothing in it tests for OPTIONS or a preflight header.
            /// </summary>
            private bool RejectsWithoutPreflightCheck(IOperation body)
            {
                var firstNext = int.MaxValue;
                var refusals = new List<(IOperation Operation, bool Is401)>();
                var readsCredentials = false;
                var producers = new List<StatusProducer>(1);
                foreach (var operation in body.DescendantsAndSelf())
                {
                    switch (operation)
                    {
                        case IInvocationOperation invocation:
                            var method = invocation.TargetMethod;
                            if (method.Name == "IsOptions" && PipelineSymbols.Is(method.ContainingType, _symbols.HttpMethods))
                            {
                                return false;
                            }

                            if (method.MethodKind == MethodKind.DelegateInvoke && IsNextDelegate(method.ContainingType))
                            {
                                firstNext = Math.Min(firstNext, invocation.Syntax.SpanStart);
                            }
                            else if ((method.Name == "ChallengeAsync" || method.Name == "ForbidAsync")
                                && PipelineSymbols.Is(method.ContainingType, _symbols.AuthenticationHttpContextExtensions))
                            {
                                refusals.Add((operation, true));
                            }
                            else if (RefusalStatus(operation, producers) is { } status)
                            {
                                refusals.Add((operation, status == HttpStatusResolver.Unauthorized));
                            }

                            readsCredentials |= method.Name == "AuthenticateAsync";
                            break;
                        case IObjectCreationOperation:
                        case ISimpleAssignmentOperation:
                            if (RefusalStatus(operation, producers) is { } assigned)
                            {
                                refusals.Add((operation, assigned == HttpStatusResolver.Unauthorized));
                            }

                            break;
                        case IFieldReferenceOperation field when MentionsPreflight(field.Field.Name):
                            return false;
                        case IPropertyReferenceOperation property when MentionsPreflight(property.Property.Name):
                            return false;
                        case IPropertyReferenceOperation property:
                            readsCredentials |= IsCredentialName(property.Property.Name)
                                || (property.Property.Name == "User" && PipelineSymbols.Is(property.Property.ContainingType, _symbols.HttpContext));
                            break;
                        case ILiteralOperation { ConstantValue: { HasValue: true, Value: string text } }:
                            if (IsPreflightText(text))
                            {
                                return false;
                            }

                            readsCredentials |= IsCredentialName(text);
                            break;
                    }
                }

                foreach (var (refusal, is401) in refusals)
                {
                    // A 403 counts only in a middleware that reads credentials: an IP filter or a maintenance gate
                    // rightly refuses preflights too.
                    if ((is401 || readsCredentials) && refusal.Syntax.SpanStart < firstNext && !InCatchClause(refusal, body))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>Header, claim and property names that carry credentials: Authorization, X-Api-Key, ApiKey, Token, Bearer.</summary>
            private static bool IsCredentialName(string name) =>
                name.IndexOf("Authorization", StringComparison.OrdinalIgnoreCase) >= 0
                || name.IndexOf("ApiKey", StringComparison.OrdinalIgnoreCase) >= 0
                || name.IndexOf("Api-Key", StringComparison.OrdinalIgnoreCase) >= 0
                || name.IndexOf("Token", StringComparison.OrdinalIgnoreCase) >= 0
                || name.IndexOf("Bearer", StringComparison.OrdinalIgnoreCase) >= 0;

            private bool IsNextDelegate(INamedTypeSymbol? type) =>
                PipelineSymbols.Is(type, _symbols.RequestDelegate)
                || (type is { Name: "Func", TypeArguments.Length: 1 } && type.TypeArguments[0].Name == "Task");

            private static bool InCatchClause(IOperation operation, IOperation stop)
            {
                for (var current = operation.Parent; current is not null && !ReferenceEquals(current, stop); current = current.Parent)
                {
                    if (current is ICatchClauseOperation)
                    {
                        return true;
                    }
                }

                return false;
            }

            private int? RefusalStatus(IOperation operation, List<StatusProducer> producers)
            {
                producers.Clear();
                HttpStatusResolver.Collect(operation, _aspNetCore, producers);
                foreach (var producer in producers)
                {
                    if (producer.StatusCode is HttpStatusResolver.Unauthorized or HttpStatusResolver.Forbidden)
                    {
                        return producer.StatusCode;
                    }
                }

                return null;
            }

            /// <summary><c>HttpMethods.Options</c>, <c>HttpMethod.Options</c>, <c>HeaderNames.AccessControlRequestMethod</c>, <c>Headers.AccessControlRequestMethod</c>.</summary>
            private static bool MentionsPreflight(string memberName) =>
                memberName == "Options" || memberName == "AccessControlRequestMethod";

            private static bool IsPreflightText(string text) =>
                string.Equals(text, "OPTIONS", StringComparison.OrdinalIgnoreCase)
                || string.Equals(text, "Access-Control-Request-Method", StringComparison.OrdinalIgnoreCase);

            private static bool AnyBefore(IReadOnlyList<PipelineStep> steps, int index, PipelineStepKind kind, PipelineStep reference)
            {
                for (var k = 0; k < index; k++)
                {
                    if (steps[k].Kind == kind && !Pipeline.AreExclusive(steps[k], reference))
                    {
                        return true;
                    }
                }

                return false;
            }

            private static bool SameCall(PipelineStep a, PipelineStep b) => a.Invocation.Syntax == b.Invocation.Syntax;

            private static string Describe(PipelineStep step)
            {
                var syntax = step.Invocation.Syntax;
                var text = syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access, ArgumentList.Arguments.Count: 0 }
                    ? ShownText.Of(access.Name + "()")
                    : syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax named }
                        ? ShownText.Of(named.Name + "(...)")
                        : ShownText.Of(syntax);
                return "'" + text + "'";
            }
        }

        /// <summary>The whole call when it fits on one line; otherwise the call up to its argument list (<c>app.Use</c>).</summary>
        internal static Location ReportLocation(SyntaxNode syntax)
        {
            if (syntax is InvocationExpressionSyntax invocation && SpansLines(invocation))
            {
                return Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(invocation.SpanStart, invocation.ArgumentList.SpanStart));
            }

            return syntax.GetLocation();
        }

        /// <summary>
        /// The node's text contains a line break. Its characters are read up to the first break, instead of asking for line
        /// numbers, which builds the line map of the whole file.
        /// </summary>
        private static bool SpansLines(SyntaxNode node)
        {
            var text = node.SyntaxTree.GetText();
            var span = node.Span;
            for (var i = span.Start; i < span.End; i++)
            {
                switch (text[i])
                {
                    // The line terminators of C# (and of SourceText's line map).
                    case '\r':
                    case '\n':
                    case '\u0085':
                    case '\u2028':
                    case '\u2029':
                        return true;
                }
            }

            return false;
        }
    }
}
