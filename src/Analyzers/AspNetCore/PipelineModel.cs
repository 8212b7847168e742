using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AuthStatus.Analyzers.AspNetCore
{
    /// <summary>
    /// The request pipeline a method body configures: its middleware registrations in execution order.
    /// Built from one body (top-level statements, <c>Startup.Configure</c>, an extension method on the builder), following
    /// one level into the project's own methods that are given the builder, so <c>app.UseMyCors()</c> counts as CORS at
    /// its position. Registrations under <c>if</c>/<c>switch</c>/loops are "may be present"; <c>UseWhen</c>/<c>MapWhen</c>/
    /// <c>Map</c> lambdas are branch pipelines that inherit the registrations before them. What cannot be seen (a second
    /// level of the project's methods, or a library call whose name suggests authentication) becomes an
    /// <see cref="PipelineStepKind.Unknown"/> step so that rules that need the whole pipeline can give up.
    /// </summary>
    internal sealed class Pipeline
    {
        private Pipeline(IReadOnlyList<PipelineStep> steps, IReadOnlyList<Pipeline> nested, bool createsWebApplication, IOperation root)
        {
            Steps = steps;
            Nested = nested;
            CreatesWebApplication = createsWebApplication;
            Root = root;
        }

        /// <summary>The registrations of the body, in execution order.</summary>
        public IReadOnlyList<PipelineStep> Steps { get; }

        /// <summary>Pipelines configured by lambdas given a builder that are not branches (<c>WebHost.Configure(app =&gt; ...)</c>).</summary>
        public IReadOnlyList<Pipeline> Nested { get; }

        /// <summary>True when the body builds the <c>WebApplication</c> (<c>builder.Build()</c>): the whole app's pipeline is here.</summary>
        public bool CreatesWebApplication { get; }

        /// <summary>The analysed body.</summary>
        public IOperation Root { get; }

        /// <summary>
        /// Every linear order the pipeline can run in: the main one, then for each branch the registrations before it
        /// followed by the branch's. <see cref="PipelineSequence.OwnedFrom"/> is the first index that belongs to the
        /// sequence (earlier ones are reported by the sequence that owns them).
        /// </summary>
        public IEnumerable<PipelineSequence> Sequences()
        {
            foreach (var sequence in SequencesOf(Steps, Array.Empty<PipelineStep>()))
            {
                yield return sequence;
            }

            foreach (var nested in Nested)
            {
                foreach (var sequence in nested.Sequences())
                {
                    yield return sequence;
                }
            }
        }

        /// <summary>Every step, including those of branches and nested pipelines.</summary>
        public IEnumerable<PipelineStep> AllSteps()
        {
            foreach (var sequence in Sequences())
            {
                for (var i = sequence.OwnedFrom; i < sequence.Steps.Count; i++)
                {
                    yield return sequence.Steps[i];
                }
            }
        }

        private static IEnumerable<PipelineSequence> SequencesOf(IReadOnlyList<PipelineStep> steps, IReadOnlyList<PipelineStep> prefix)
        {
            var all = new List<PipelineStep>(prefix.Count + steps.Count);
            all.AddRange(prefix);
            all.AddRange(steps);
            yield return new PipelineSequence(all, prefix.Count);

            for (var i = 0; i < steps.Count; i++)
            {
                if (steps[i].Kind != PipelineStepKind.Branch || steps[i].BranchSteps.Count == 0)
                {
                    continue;
                }

                var branchPrefix = all.GetRange(0, prefix.Count + i);
                foreach (var sequence in SequencesOf(steps[i].BranchSteps, branchPrefix))
                {
                    yield return sequence;
                }
            }
        }

        /// <summary>
        /// True when <paramref name="earlier"/> and <paramref name="later"/> can never both run: they sit in different arms
        /// of the same <c>if</c>/<c>switch</c>, or the arm that holds <paramref name="earlier"/> returns or throws.
        /// </summary>
        public static bool AreExclusive(PipelineStep earlier, PipelineStep later)
        {
            foreach (var a in earlier.Path)
            {
                var shared = false;
                foreach (var b in later.Path)
                {
                    if (ReferenceEquals(a.Owner, b.Owner))
                    {
                        shared = true;
                        if (a.Index != b.Index)
                        {
                            return true;
                        }
                    }
                }

                if (!shared && ExitsEarly(a.Arm))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool ExitsEarly(IOperation arm)
        {
            foreach (var operation in DescendantsInFunction(arm))
            {
                if (operation is IReturnOperation { Kind: OperationKind.Return } or IThrowOperation)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Descendants that belong to the same function (not inside lambdas or local functions).</summary>
        internal static IEnumerable<IOperation> DescendantsInFunction(IOperation operation)
        {
            var stack = new Stack<IOperation>();
            stack.Push(operation);
            while (stack.Count > 0)
            {
                var current = stack.Pop();
                yield return current;
                foreach (var child in current.ChildOperations)
                {
                    if (child is IAnonymousFunctionOperation or ILocalFunctionOperation)
                    {
                        continue;
                    }

                    stack.Push(child);
                }
            }
        }

        /// <summary>Builds the pipeline that <paramref name="root"/> (a method body, top-level statements) configures.</summary>
        public static Pipeline Build(IOperation root, PipelineSymbols symbols, SemanticModel model, CancellationToken cancellationToken)
        {
            var builder = new Builder(symbols, model, cancellationToken);
            return builder.BuildPipeline(root);
        }

        private sealed class Builder
        {
            /// <summary>Words in a library method's name that suggest it registers authentication itself.</summary>
            private static readonly string[] AuthenticationHints =
            {
                "Auth", "Identity", "Security", "Jwt", "Token", "OpenId", "Oidc", "Sso", "Login", "SignIn", "Keycloak", "Permission", "Abp", "Okta",
            };

            private readonly PipelineSymbols _symbols;
            private readonly SemanticModel _model;
            private readonly CancellationToken _cancellationToken;

            public Builder(PipelineSymbols symbols, SemanticModel model, CancellationToken cancellationToken)
            {
                _symbols = symbols;
                _model = model;
                _cancellationToken = cancellationToken;
            }

            public Pipeline BuildPipeline(IOperation root)
            {
                var nestedLambdas = new List<IOperation>();
                var createsApp = false;
                var steps = BuildSteps(root, ImmutableArray<BranchPoint>.Empty, null, false, 0, nestedLambdas, ref createsApp);
                var nested = new List<Pipeline>();
                foreach (var nestedBody in nestedLambdas)
                {
                    nested.Add(BuildPipeline(nestedBody));
                }

                return new Pipeline(steps, nested, createsApp, root);
            }

            /// <param name="body">The operations to read.</param>
            /// <param name="basePath">The branch points of the body itself (a branch lambda inherits its call's).</param>
            /// <param name="outerCall">Set when <paramref name="body"/> is a followed method: the call in the analysed body.</param>
            /// <param name="outerConditional">Whether <paramref name="outerCall"/> may be skipped.</param>
            /// <param name="depth">0 for the analysed body, 1 inside a followed method.</param>
            /// <param name="nestedLambdas">Collects the bodies of lambdas and local functions given a builder that are not branches.</param>
            /// <param name="createsApp">Set when the body calls <c>WebApplicationBuilder.Build()</c>.</param>
            private List<PipelineStep> BuildSteps(
                IOperation body,
                ImmutableArray<BranchPoint> basePath,
                IInvocationOperation? outerCall,
                bool outerConditional,
                int depth,
                List<IOperation>? nestedLambdas,
                ref bool createsApp)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                var calls = new List<IInvocationOperation>();
                var lambdas = new List<IAnonymousFunctionOperation>();
                var localBodies = new List<IOperation>();
                Collect(body, calls, lambdas, localBodies);
                calls.Sort((x, y) => OrderKey(x).CompareTo(OrderKey(y)));

                var consumed = new HashSet<IAnonymousFunctionOperation>();
                var steps = new List<PipelineStep>();
                foreach (var call in calls)
                {
                    var method = call.TargetMethod;
                    if (depth == 0 && method.Name == "Build" && PipelineSymbols.Is(method.ContainingType, _symbols.WebApplicationBuilder))
                    {
                        createsApp = true;
                        continue;
                    }

                    var receiver = BuilderReceiver(call);
                    if (receiver is null && !HasBuilderArgument(call))
                    {
                        continue;
                    }

                    var (conditional, relativePath) = Locate(call, body);
                    var path = outerCall is null ? basePath.AddRange(relativePath) : basePath;
                    var top = outerCall ?? call;
                    var isConditional = outerConditional || conditional;
                    var kind = Classify(call, out var middlewareType, out var lambda, out var branchLambda);
                    if (kind is null)
                    {
                        // A method that gets the app only as another of its interfaces (MapEndpoints(this
                        // IEndpointRouteBuilder), IHost) cannot add middleware to this pipeline: there is nothing to follow.
                        if (!TakesBuilder(call, method))
                        {
                            continue;
                        }

                        // The project's own method given the builder: follow it once, or give up on what it does.
                        if (depth == 0 && GetBody(method) is { } followed)
                        {
                            var ignored = false;
                            steps.AddRange(BuildSteps(followed, path, call, isConditional, depth + 1, null, ref ignored));
                            continue;
                        }

                        kind = MayRegisterAuthentication(method) ? PipelineStepKind.Unknown : PipelineStepKind.Other;
                    }

                    var step = new PipelineStep(kind.Value, top, call, isConditional, path)
                    {
                        MiddlewareType = middlewareType,
                        Lambda = lambda,
                        Receiver = outerCall is null
                            ? (receiver is null ? null : Unwrap(receiver))
                            : (BuilderReceiver(outerCall) is { } outerReceiver ? Unwrap(outerReceiver) : null),
                    };

                    if (kind == PipelineStepKind.Branch && branchLambda is not null)
                    {
                        consumed.Add(branchLambda);
                        var branchPath = path;
                        step.BranchSteps = BuildSteps(branchLambda.Body, branchPath, outerCall, isConditional, depth, null, ref createsApp);
                    }

                    steps.Add(step);
                }

                if (nestedLambdas is not null)
                {
                    foreach (var lambda in lambdas)
                    {
                        if (!consumed.Contains(lambda))
                        {
                            nestedLambdas.Add(lambda.Body);
                        }
                    }

                    nestedLambdas.AddRange(localBodies);
                }

                return steps;
            }

            /// <summary>
            /// A library registration the model cannot see into: <see cref="PipelineStepKind.Unknown"/> when it is the
            /// project's own (unseen at this depth) or its name suggests it registers authentication.
            /// </summary>
            private static bool MayRegisterAuthentication(IMethodSymbol method)
            {
                if (!method.DeclaringSyntaxReferences.IsEmpty)
                {
                    return true;
                }

                // Microsoft.AspNetCore.* and Microsoft.Extensions.*: the two outermost namespaces, without building the display string.
                INamespaceSymbol? second = null;
                for (var ns = method.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
                {
                    if (ns.ContainingNamespace is { IsGlobalNamespace: true } && ns.Name == "Microsoft" && second?.Name is "AspNetCore" or "Extensions")
                    {
                        return false;
                    }

                    second = ns;
                }

                foreach (var hint in AuthenticationHints)
                {
                    if (method.Name.IndexOf(hint, StringComparison.OrdinalIgnoreCase) >= 0)
                    {
                        return true;
                    }
                }

                return false;
            }

            private PipelineStepKind? Classify(
                IInvocationOperation call,
                out ITypeSymbol? middlewareType,
                out IAnonymousFunctionOperation? lambda,
                out IAnonymousFunctionOperation? branchLambda)
            {
                middlewareType = null;
                lambda = null;
                branchLambda = null;
                var method = call.TargetMethod;
                var type = method.ContainingType;
                switch (method.Name)
                {
                    case "UseCors" when PipelineSymbols.Is(type, _symbols.CorsExtensions):
                        return PipelineStepKind.Cors;
                    case "UseAuthentication" when PipelineSymbols.Is(type, _symbols.AuthenticationExtensions):
                        return PipelineStepKind.Authentication;
                    case "UseAuthorization" when PipelineSymbols.Is(type, _symbols.AuthorizationExtensions):
                        return PipelineStepKind.Authorization;
                    case "UseRouting" when PipelineSymbols.Is(type, _symbols.RoutingExtensions):
                        return PipelineStepKind.Routing;
                    case "UseEndpoints" when PipelineSymbols.Is(type, _symbols.RoutingExtensions):
                        return PipelineStepKind.Endpoints;
                    case "UseMiddleware" when PipelineSymbols.Is(type, _symbols.UseMiddlewareExtensions):
                        middlewareType = MiddlewareTypeOf(call);
                        return PipelineStepKind.Middleware;
                    case "Use" when PipelineSymbols.Is(type, _symbols.UseExtensions) || _symbols.IsApplicationBuilder(type):
                    case "Run" when PipelineSymbols.Is(type, _symbols.RunExtensions):
                        lambda = LambdaArgument(call, builderParameter: false);
                        return PipelineStepKind.InlineMiddleware;
                    case "UseWhen" when PipelineSymbols.Is(type, _symbols.UseWhenExtensions):
                    case "MapWhen" when PipelineSymbols.Is(type, _symbols.MapWhenExtensions):
                    case "Map" when PipelineSymbols.Is(type, _symbols.MapExtensions):
                        branchLambda = LambdaArgument(call, builderParameter: true);
                        return PipelineStepKind.Branch;
                }

                // Null: the project's own method (followed when it can be) or a library call (classified by the caller).
                return HasSourceBody(method) || method.DeclaringSyntaxReferences.IsEmpty ? null : PipelineStepKind.Unknown;
            }

            private static bool HasSourceBody(IMethodSymbol method) =>
                method.MethodKind is MethodKind.Ordinary or MethodKind.LocalFunction && Http.HttpStatusResolver.HasBodyInSource(method);

            private static ITypeSymbol? MiddlewareTypeOf(IInvocationOperation call)
            {
                if (call.TargetMethod.IsGenericMethod && call.TargetMethod.TypeArguments.Length == 1)
                {
                    return call.TargetMethod.TypeArguments[0];
                }

                foreach (var argument in call.Arguments)
                {
                    if (Unwrap(argument.Value) is ITypeOfOperation typeOf)
                    {
                        return typeOf.TypeOperand;
                    }
                }

                return null;
            }

            private IAnonymousFunctionOperation? LambdaArgument(IInvocationOperation call, bool builderParameter)
            {
                foreach (var argument in call.Arguments)
                {
                    var value = argument.Value;
                    while (value is IDelegateCreationOperation or IConversionOperation)
                    {
                        value = value is IDelegateCreationOperation creation ? creation.Target : ((IConversionOperation)value).Operand;
                    }

                    if (value is IAnonymousFunctionOperation function
                        && (!builderParameter || HasBuilderParameter(function)))
                    {
                        return function;
                    }
                }

                return null;
            }

            private bool HasBuilderParameter(IAnonymousFunctionOperation function) =>
                function.Symbol.Parameters.Length > 0 && _symbols.IsApplicationBuilder(function.Symbol.Parameters[0].Type);

            /// <summary>Invocations of the body and the lambdas given a builder, without entering lambdas or local functions.</summary>
            private void Collect(IOperation operation, List<IInvocationOperation> calls, List<IAnonymousFunctionOperation> lambdas, List<IOperation> localBodies)
            {
                var stack = new Stack<IOperation>();
                stack.Push(operation);
                while (stack.Count > 0)
                {
                    var current = stack.Pop();
                    if (current is IInvocationOperation invocation)
                    {
                        calls.Add(invocation);
                    }

                    foreach (var child in current.ChildOperations)
                    {
                        if (child is IAnonymousFunctionOperation function)
                        {
                            if (HasBuilderParameter(function))
                            {
                                lambdas.Add(function);
                            }

                            continue;
                        }

                        if (child is ILocalFunctionOperation local)
                        {
                            // A local function given a builder configures a pipeline of its own (its calls are also followed).
                            if (local.Symbol.Parameters.Length > 0 && _symbols.IsApplicationBuilder(local.Symbol.Parameters[0].Type)
                                && (local.Body ?? local.IgnoredBody) is { } localBody)
                            {
                                localBodies.Add(localBody);
                            }

                            continue;
                        }

                        stack.Push(child);
                    }
                }
            }

            /// <summary>The builder a call registers on (<c>app</c> in <c>app.UseCors()</c>), or null when it is not a builder call.</summary>
            private IOperation? BuilderReceiver(IInvocationOperation call)
            {
                var receiver = call.Instance;
                if (receiver is null && call.TargetMethod.IsExtensionMethod)
                {
                    foreach (var argument in call.Arguments)
                    {
                        if (argument.Parameter?.Ordinal == 0)
                        {
                            receiver = argument.Value;
                            break;
                        }
                    }
                }

                if (receiver is null)
                {
                    return null;
                }

                return _symbols.IsApplicationBuilder(receiver.Type) || _symbols.IsApplicationBuilder(Unwrap(receiver).Type) ? receiver : null;
            }

            private bool HasBuilderArgument(IInvocationOperation call)
            {
                foreach (var argument in call.Arguments)
                {
                    if (_symbols.IsApplicationBuilder(argument.Value.Type) || _symbols.IsApplicationBuilder(Unwrap(argument.Value).Type))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>
            /// Whether the called method receives the builder as a builder: the call's receiver is one, or an argument that
            /// is one goes to a parameter typed as one (a generic parameter counts). A library method is classified by its
            /// name as before. A project method that sees the app as <c>IEndpointRouteBuilder</c>, <c>IHost</c> or
            /// <c>object</c> has no builder call to follow, so its body is not bound for nothing.
            /// </summary>
            private bool TakesBuilder(IInvocationOperation call, IMethodSymbol method)
            {
                if (call.Instance is { } instance && _symbols.IsApplicationBuilder(instance.Type))
                {
                    return true;
                }

                foreach (var argument in call.Arguments)
                {
                    if (argument.Parameter is { } parameter && _symbols.IsApplicationBuilder(parameter.Type)
                        && (_symbols.IsApplicationBuilder(argument.Value.Type) || _symbols.IsApplicationBuilder(Unwrap(argument.Value).Type)))
                    {
                        return true;
                    }
                }

                return method.DeclaringSyntaxReferences.IsEmpty;
            }

            private IOperation? GetBody(IMethodSymbol method) =>
                HasSourceBody(method) ? SourceBodies.Get(method, _model, _symbols.Compilation, _cancellationToken) : null;

            /// <summary>Whether the call may be skipped, and the if/switch arms it sits in, up to <paramref name="stopAt"/>.</summary>
            private static (bool Conditional, ImmutableArray<BranchPoint> Path) Locate(IOperation call, IOperation stopAt)
            {
                var conditional = false;
                var path = ImmutableArray.CreateBuilder<BranchPoint>();
                for (var current = call; current.Parent is { } parent && !ReferenceEquals(current, stopAt); current = parent)
                {
                    switch (parent)
                    {
                        case IConditionalOperation branch when ReferenceEquals(current, branch.WhenTrue):
                            conditional = true;
                            path.Add(new BranchPoint(branch, current, 1));
                            break;
                        case IConditionalOperation branch when ReferenceEquals(current, branch.WhenFalse):
                            conditional = true;
                            path.Add(new BranchPoint(branch, current, 2));
                            break;
                        case ISwitchCaseOperation section when section.Parent is ISwitchOperation @switch:
                            conditional = true;
                            path.Add(new BranchPoint(@switch, section, IndexOf(@switch.Cases, section)));
                            break;
                        case ISwitchExpressionArmOperation arm when arm.Parent is ISwitchExpressionOperation switchExpression:
                            conditional = true;
                            path.Add(new BranchPoint(switchExpression, arm, IndexOf(switchExpression.Arms, arm)));
                            break;
                        case ILoopOperation:
                        case ICatchClauseOperation:
                        case IConditionalAccessOperation access when ReferenceEquals(current, access.WhenNotNull):
                        case ICoalesceOperation coalesce when ReferenceEquals(current, coalesce.WhenNull):
                        case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } logical when ReferenceEquals(current, logical.RightOperand):
                            conditional = true;
                            break;
                    }
                }

                return (conditional, path.ToImmutable());
            }

            private static int IndexOf<T>(ImmutableArray<T> items, T item)
                where T : class
            {
                for (var i = 0; i < items.Length; i++)
                {
                    if (ReferenceEquals(items[i], item))
                    {
                        return i;
                    }
                }

                return -1;
            }

            /// <summary>Execution order: the position of the invoked name, so that <c>app.UseA().UseB()</c> orders A before B.</summary>
            private static int OrderKey(IInvocationOperation call)
            {
                if (call.Syntax is InvocationExpressionSyntax invocation)
                {
                    return invocation.Expression switch
                    {
                        MemberAccessExpressionSyntax access => access.Name.SpanStart,
                        MemberBindingExpressionSyntax binding => binding.Name.SpanStart,
                        _ => invocation.Expression.SpanStart,
                    };
                }

                return call.Syntax.SpanStart;
            }
        }

        internal static IOperation Unwrap(IOperation operation)
        {
            while (operation is IConversionOperation { IsImplicit: true } or IParenthesizedOperation)
            {
                operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
            }

            return operation;
        }
    }

    /// <summary>One linear order of registrations; steps before <see cref="OwnedFrom"/> are inherited from the parent pipeline.</summary>
    internal readonly struct PipelineSequence
    {
        public PipelineSequence(IReadOnlyList<PipelineStep> steps, int ownedFrom)
        {
            Steps = steps;
            OwnedFrom = ownedFrom;
        }

        public IReadOnlyList<PipelineStep> Steps { get; }

        public int OwnedFrom { get; }
    }
}

namespace AuthStatus.Analyzers.AspNetCore
{
    /// <summary>The operation body of a method declared in this compilation.</summary>
    internal static class SourceBodies
    {
        /// <summary>
        /// The body of <paramref name="method"/> (a method or a local function with a body in this compilation), or null.
        /// <paramref name="model"/> is used when the declaration is in its tree; other trees get a semantic model of the
        /// compilation: this happens only for the few methods a pipeline rule must read (pipeline helpers, middleware).
        /// </summary>
        public static IOperation? Get(IMethodSymbol method, SemanticModel model, Compilation compilation, CancellationToken cancellationToken)
        {
            var definition = method.PartialImplementationPart ?? method.OriginalDefinition;
            foreach (var reference in definition.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax(cancellationToken);
                if (syntax is not (MethodDeclarationSyntax or LocalFunctionStatementSyntax))
                {
                    continue;
                }

                SemanticModel? declarationModel = model;
                if (syntax.SyntaxTree != model.SyntaxTree)
                {
                    if (!compilation.ContainsSyntaxTree(syntax.SyntaxTree))
                    {
                        continue;
                    }

#pragma warning disable RS1030 // Do not invoke Compilation.GetSemanticModel() method within a diagnostic analyzer: needed for bodies in other files; only for pipeline helpers and middleware classes a pipeline registers.
                    declarationModel = compilation.GetSemanticModel(syntax.SyntaxTree);
#pragma warning restore RS1030
                }

                switch (declarationModel.GetOperation(syntax, cancellationToken))
                {
                    case IMethodBodyOperation body:
                        return (IOperation?)body.BlockBody ?? body.ExpressionBody;
                    case ILocalFunctionOperation local:
                        return (IOperation?)local.Body ?? local.IgnoredBody;
                }
            }

            return null;
        }
    }
}
