using System.Collections.Generic;
using AuthStatus.Analyzers.AspNetCore;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AuthStatus.Analyzers.Http
{
    /// <summary>How a response status is produced.</summary>
    internal enum StatusProducerKind
    {
        /// <summary><c>Unauthorized()</c> on ControllerBase/PageModel, <c>Results.Unauthorized()</c>, <c>TypedResults.Unauthorized()</c>.</summary>
        UnauthorizedHelper,

        /// <summary><c>new UnauthorizedResult()</c>, <c>new UnauthorizedObjectResult(x)</c>.</summary>
        UnauthorizedResultCreation,

        /// <summary>A factory or constructor given the status: <c>StatusCode(401)</c>, <c>Problem(statusCode: 401)</c>, <c>Results.Json(x, statusCode: 401)</c>, <c>new StatusCodeResult(401)</c>.</summary>
        StatusCodeArgument,

        /// <summary><c>new ObjectResult(x) { StatusCode = 401 }</c> or <c>result.StatusCode = 401</c>.</summary>
        ResultStatusAssignment,

        /// <summary><c>HttpResponse.StatusCode = 401</c>.</summary>
        ResponseStatusAssignment,

        /// <summary>A call, to a method without a body in this compilation, whose return type is a 401 result type.</summary>
        ReturnsUnauthorizedResult,

        /// <summary>An entry of a <c>Dictionary&lt;Type, int&gt;</c> that maps an exception type to the status.</summary>
        ExceptionStatusMap,
    }

    /// <summary>One place where a 401 or 403 response is produced.</summary>
    internal readonly struct StatusProducer
    {
        public StatusProducer(IOperation operation, IOperation reportOn, IOperation? value, int statusCode, StatusProducerKind kind)
        {
            Operation = operation;
            ReportOn = reportOn;
            Value = value;
            StatusCode = statusCode;
            Kind = kind;
        }

        /// <summary>The invocation, object creation or assignment that produces the status.</summary>
        public IOperation Operation { get; }

        /// <summary>The expression a diagnostic is reported on (the producer, or the switch arm that yields the status).</summary>
        public IOperation ReportOn { get; }

        /// <summary>The expression that gives the status code, when there is one (null for <c>Unauthorized()</c>).</summary>
        public IOperation? Value { get; }

        public int StatusCode { get; }

        public StatusProducerKind Kind { get; }

        /// <summary>How a message names the producer: its code when short (<c>'Unauthorized()'</c>), else what it is.</summary>
        public string Describe()
        {
            // The node's text is as long as its span: a long node is not turned into a string only to be set aside.
            var syntax = Operation.Syntax;
            if (syntax.Span.Length <= 60 && syntax.ToString() is var text && text.IndexOf('\n') < 0)
            {
                return "'" + text + "'";
            }

            return Kind switch
            {
                StatusProducerKind.ResponseStatusAssignment => "Setting HttpResponse.StatusCode to " + StatusCode,
                StatusProducerKind.ExceptionStatusMap => "This exception-to-status map entry",
                _ => "This result",
            };
        }
    }

    /// <summary>
    /// Recognises every 401/403 producer of the rule catalog at an invocation, object creation or simple assignment.
    /// Shared by the rules: AUTH001 asks for 401s, AUTH003 for raw 403s.
    /// </summary>
    internal static class HttpStatusResolver
    {
        public const int Unauthorized = 401;
        public const int Forbidden = 403;

        /// <summary>Adds the 401/403 producers found at <paramref name="operation"/> to <paramref name="results"/>.</summary>
        public static void Collect(IOperation operation, AspNetCoreSymbols symbols, List<StatusProducer> results)
        {
            switch (operation)
            {
                case IInvocationOperation invocation:
                    CollectInvocation(invocation, symbols, results);
                    break;
                case IObjectCreationOperation creation:
                    CollectCreation(creation, symbols, results);
                    break;
                case ISimpleAssignmentOperation assignment:
                    CollectAssignment(assignment, symbols, results);
                    break;
            }
        }

        /// <summary>
        /// The methods that can produce a status by name: <c>Unauthorized</c>, and the result factories' methods that take a
        /// <c>statusCode</c> (<c>ControllerBase</c>, <c>PageModel</c>, <c>Results</c>, <c>TypedResults</c> in ASP.NET Core 8
        /// and 10; <c>ProducerNameTests</c> reads them from both reference packs). Any other call produces a status only
        /// through its return type (<see cref="MayReturnUnauthorizedResult"/>).
        /// </summary>
        public static readonly string[] ProducerMethodNames = { "Unauthorized", "StatusCode", "Problem", "ValidationProblem", "Json", "Content", "Text" };

        /// <summary>Cheap filter for a call of any other method: its type (the return type, already bound) is named like a 401 result type.</summary>
        public static bool MayReturnUnauthorizedResult(IInvocationOperation invocation) =>
            invocation.Type is { } returnType && returnType.Name is { Length: >= 12 } name && name.IndexOf("Unauthorized", System.StringComparison.Ordinal) >= 0;

        /// <summary>
        /// Cheap filter before <see cref="Collect"/> for object creations and assignments: false for those that cannot
        /// produce a 401/403 (most of them).
        /// </summary>
        public static bool MayProduceStatus(IOperation operation)
        {
            switch (operation.Kind)
            {
                case OperationKind.ObjectCreation:
                    // Result types (UnauthorizedResult, StatusCodeResult, ObjectResult and their kin) and Dictionary<Type, int> maps.
                    return operation.Type is INamedTypeSymbol { TypeKind: not TypeKind.Error } type
                        && (IsNamedAsResult(type) || (type.Name == "Dictionary" && ((IObjectCreationOperation)operation).Initializer is not null));
                case OperationKind.SimpleAssignment:
                    return ((ISimpleAssignmentOperation)operation).Target is IPropertyReferenceOperation { Property.Name: "StatusCode" };
                default:
                    return false;
            }
        }

        /// <summary>
        /// Cheap name test before any base-type walk: the framework's result types (<c>UnauthorizedResult</c>,
        /// <c>ObjectResult</c>, <c>ForbidHttpResult</c>...) and the app's subclasses named after them. Most creations are of
        /// DTOs, collections and exceptions.
        /// </summary>
        public static bool IsNamedAsResult(ITypeSymbol type) => type.Name.EndsWith("Result", System.StringComparison.Ordinal);

        /// <summary>True when the value is, or may be (a switch arm, a conditional branch), the given status.</summary>
        public static bool MayBeStatus(IOperation value, int status)
        {
            var found = new List<(IOperation, int)>(1);
            AddStatuses(value, found);
            foreach (var (_, code) in found)
            {
                if (code == status)
                {
                    return true;
                }
            }

            return false;
        }

        private static void CollectInvocation(IInvocationOperation invocation, AspNetCoreSymbols symbols, List<StatusProducer> results)
        {
            var method = invocation.TargetMethod;
            if (symbols.IsResultFactoryMethod(method))
            {
                if (method.Name == "Unauthorized")
                {
                    results.Add(new StatusProducer(invocation, invocation, null, Unauthorized, StatusProducerKind.UnauthorizedHelper));
                    return;
                }

                if (method.Name == "Forbid" || method.Name == "Challenge")
                {
                    // The authentication handler answers these: they are correct, not raw, producers.
                    return;
                }

                CollectStatusCodeArgument(invocation, invocation.Arguments, results);
                return;
            }

            if (symbols.IsUnauthorizedResultType(method.ReturnType) && !HasBodyInSource(method))
            {
                results.Add(new StatusProducer(invocation, invocation, null, Unauthorized, StatusProducerKind.ReturnsUnauthorizedResult));
            }
        }

        private static void CollectCreation(IObjectCreationOperation creation, AspNetCoreSymbols symbols, List<StatusProducer> results)
        {
            var type = creation.Type;
            if (type is null || type.TypeKind == TypeKind.Error)
            {
                return;
            }

            if (symbols.IsUnauthorizedResultType(type))
            {
                results.Add(new StatusProducer(creation, creation, null, Unauthorized, StatusProducerKind.UnauthorizedResultCreation));
                return;
            }

            if (AspNetCoreSymbols.InheritsFromOrEquals(type, symbols.StatusCodeResult))
            {
                CollectStatusCodeArgument(creation, creation.Arguments, results);
                return;
            }

            if (AspNetCoreSymbols.InheritsFromOrEquals(type, symbols.ObjectResult))
            {
                if (creation.Initializer is { } initializer)
                {
                    foreach (var member in initializer.Initializers)
                    {
                        if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "StatusCode" } } assignment)
                        {
                            AddProducers(creation, assignment.Value, StatusProducerKind.ResultStatusAssignment, results);
                        }
                    }
                }

                return;
            }

            if (creation.Initializer is not null
                && type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 2 } named
                && symbols.Dictionary is not null
                && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, symbols.Dictionary)
                && SymbolEqualityComparer.Default.Equals(named.TypeArguments[0], symbols.SystemType)
                && IsStatusType(named.TypeArguments[1], symbols))
            {
                CollectStatusMap(creation, creation.Initializer, results);
            }
        }

        private static void CollectAssignment(ISimpleAssignmentOperation assignment, AspNetCoreSymbols symbols, List<StatusProducer> results)
        {
            if (assignment.Target is not IPropertyReferenceOperation { Property: { Name: "StatusCode" } property } target)
            {
                return;
            }

            if (symbols.IsResponseStatusCode(property))
            {
                AddProducers(assignment, assignment.Value, StatusProducerKind.ResponseStatusAssignment, results);
                return;
            }

            // Object initializers are handled at the creation, which is what the diagnostic points at.
            if (target.Instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver })
            {
                return;
            }

            if (AspNetCoreSymbols.InheritsFromOrEquals(property.ContainingType, symbols.ObjectResult))
            {
                AddProducers(assignment, assignment.Value, StatusProducerKind.ResultStatusAssignment, results);
            }
        }

        private static void CollectStatusCodeArgument(IOperation producer, System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, List<StatusProducer> results)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Name == "statusCode" && argument.ArgumentKind != ArgumentKind.DefaultValue && !argument.IsImplicit)
                {
                    AddProducers(producer, argument.Value, StatusProducerKind.StatusCodeArgument, results);
                }
            }
        }

        private static void CollectStatusMap(IObjectCreationOperation creation, IObjectOrCollectionInitializerOperation initializer, List<StatusProducer> results)
        {
            foreach (var element in initializer.Initializers)
            {
                IOperation? value = element switch
                {
                    // new Dictionary<Type, int> { { typeof(X), 401 } }
                    IInvocationOperation { Arguments.Length: 2 } add => add.Arguments[1].Value,
                    // new Dictionary<Type, int> { [typeof(X)] = 401 }
                    ISimpleAssignmentOperation indexer => indexer.Value,
                    _ => null,
                };

                if (value is not null)
                {
                    var found = new List<(IOperation, int)>(1);
                    AddStatuses(value, found);
                    foreach (var (at, code) in found)
                    {
                        results.Add(new StatusProducer(creation, at, at, code, StatusProducerKind.ExceptionStatusMap));
                    }
                }
            }
        }

        private static void AddProducers(IOperation producer, IOperation value, StatusProducerKind kind, List<StatusProducer> results)
        {
            var found = new List<(IOperation, int)>(1);
            AddStatuses(value, found);
            foreach (var (at, code) in found)
            {
                // A constant status is reported on the whole producer; a switch arm or branch on its own value.
                var reportOn = ReferenceEquals(at, Unwrap(value)) ? producer : at;
                results.Add(new StatusProducer(producer, reportOn, at, code, kind));
            }
        }

        /// <summary>Finds the 401/403 constants a status expression can evaluate to.</summary>
        private static void AddStatuses(IOperation value, List<(IOperation At, int Code)> found)
        {
            value = Unwrap(value);
            if (TryGetStatusConstant(value, out var code))
            {
                if (code == Unauthorized || code == Forbidden)
                {
                    found.Add((value, code));
                }

                return;
            }

            switch (value)
            {
                case ISwitchExpressionOperation switchExpression:
                    foreach (var arm in switchExpression.Arms)
                    {
                        AddStatuses(arm.Value, found);
                    }

                    break;
                case IConditionalOperation conditional when conditional.WhenFalse is not null:
                    AddStatuses(conditional.WhenTrue, found);
                    AddStatuses(conditional.WhenFalse, found);
                    break;
                case ILocalReferenceOperation local when TryGetSingleAssignmentValue(local, out var initial):
                    if (TryGetStatusConstant(Unwrap(initial), out var localCode) && (localCode == Unauthorized || localCode == Forbidden))
                    {
                        found.Add((value, localCode));
                    }

                    break;
            }
        }

        private static bool TryGetStatusConstant(IOperation value, out int code)
        {
            code = 0;
            if (!value.ConstantValue.HasValue)
            {
                return false;
            }

            switch (value.ConstantValue.Value)
            {
                case int i:
                    code = i;
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>Strips conversions (<c>(int)HttpStatusCode.Unauthorized</c>, <c>int</c> to <c>int?</c>) and parentheses.</summary>
        internal static IOperation Unwrap(IOperation value)
        {
            while (true)
            {
                switch (value)
                {
                    case IConversionOperation conversion when !value.ConstantValue.HasValue:
                        value = conversion.Operand;
                        continue;
                    case IParenthesizedOperation parenthesized:
                        value = parenthesized.Operand;
                        continue;
                    default:
                        return value;
                }
            }
        }

        /// <summary>A local whose only write is its initializer: <c>var status = 401; ... StatusCode = status;</c>.</summary>
        internal static bool TryGetSingleAssignmentValue(ILocalReferenceOperation reference, out IOperation initial)
        {
            initial = reference;
            var local = reference.Local;
            if (local.IsConst)
            {
                return false;
            }

            var root = reference;
            IOperation current = reference;
            while (current.Parent is not null)
            {
                current = current.Parent;
            }

            IOperation? found = null;
            foreach (var descendant in current.Descendants())
            {
                switch (descendant)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                        var init = LocalDeclarations.InitialValue(declarator);
                        if (init is null)
                        {
                            return false;
                        }

                        found = init;
                        break;
                    case IAssignmentOperation { Target: ILocalReferenceOperation target } when SymbolEqualityComparer.Default.Equals(target.Local, local):
                        return false;
                    case IIncrementOrDecrementOperation { Target: ILocalReferenceOperation target } when SymbolEqualityComparer.Default.Equals(target.Local, local):
                        return false;
                    case IArgumentOperation { Parameter.RefKind: not RefKind.None, Value: ILocalReferenceOperation target } when SymbolEqualityComparer.Default.Equals(target.Local, local):
                        return false;
                    case IDeclarationExpressionOperation { Expression: ILocalReferenceOperation target } when SymbolEqualityComparer.Default.Equals(target.Local, local):
                        return false;
                }
            }

            if (found is null)
            {
                return false;
            }

            initial = found;
            return true;
        }

        private static bool IsStatusType(ITypeSymbol type, AspNetCoreSymbols symbols)
        {
            return type.SpecialType == SpecialType.System_Int32
                || SymbolEqualityComparer.Default.Equals(type, symbols.HttpStatusCode);
        }

        /// <summary>True for a method whose body this compilation has: its own producers are analysed where they are.</summary>
        internal static bool HasBodyInSource(IMethodSymbol method)
        {
            // The declarations first: a library's method (most calls) answers that from its own symbol, before any flag.
            if (method.DeclaringSyntaxReferences.IsEmpty || method.IsAbstract || method.IsExtern)
            {
                return false;
            }

            return !method.IsPartialDefinition || method.PartialImplementationPart is not null;
        }
    }
}
