using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using AuthStatus.Analyzers.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AuthStatus.Analyzers.Http
{
    /// <summary>
    /// Finds exception data inside a response body value (AUTH005): <c>ex.Message</c>, <c>ex.ToString()</c>, <c>StackTrace</c>,
    /// <c>InnerException</c>, <c>Data</c>, <c>Source</c>, the exception itself, or a string built from one, also through the
    /// locals of the function. Branches gated on <c>IsDevelopment()</c> (or a details/debug flag) are not exception data leaks.
    /// </summary>
    internal sealed class ExceptionDetail
    {
        private static readonly ImmutableHashSet<string> DetailProperties = ImmutableHashSet.Create(
            StringComparer.Ordinal, "Message", "StackTrace", "Source", "Data", "InnerException", "TargetSite", "HelpLink");

        /// <summary>Words of a condition's symbols that make it a debug gate: <c>IsDevelopment()</c>, <c>IncludeErrorDetails</c>, <c>ShowDebugInfo</c>.</summary>
        private static readonly ImmutableHashSet<string> GateWords = ImmutableHashSet.Create(
            StringComparer.Ordinal, "development", "detail", "details", "detailed", "debug", "verbose", "diagnostic", "diagnostics");

        private const int MaxLocalDepth = 2;

        private readonly INamedTypeSymbol _exception;

        private ExceptionDetail(INamedTypeSymbol exception)
        {
            _exception = exception;
        }

        public static ExceptionDetail? TryCreate(Compilation compilation)
        {
            var exception = KnownTypes.Get(compilation, "System.Exception");
            return exception is null ? null : new ExceptionDetail(exception);
        }

        /// <summary>True when <paramref name="type"/> is <c>System.Exception</c> or derives from it.</summary>
        public bool IsException(ITypeSymbol? type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, _exception))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Adds, for each piece of exception data in <paramref name="body"/>, the expression to report (and replace).</summary>
        public void Find(IOperation body, List<IOperation> found)
        {
            Scan(body, found, MaxLocalDepth);
        }

        /// <summary>
        /// True when the function around <paramref name="operation"/> tests <c>IsDevelopment()</c>/<c>IsEnvironment(..)</c>, or when a
        /// conditional between them tests a details/debug flag: the detail is meant for developers.
        /// </summary>
        public static bool IsGated(IOperation operation)
        {
            IOperation? previous = null;
            for (var current = operation; current is not null; previous = current, current = current.Parent)
            {
                if (current is IConditionalOperation conditional && previous is not null && !ReferenceEquals(conditional.Condition, previous) && IsGate(conditional.Condition))
                {
                    return true;
                }

                if (current.Parent is null || current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return ContainsEnvironmentTest(current);
                }
            }

            return false;
        }

        private void Scan(IOperation value, List<IOperation> found, int depth)
        {
            value = Secrets.Unwrap(value);
            if (IsExceptionData(value))
            {
                found.Add(value);
                return;
            }

            switch (value)
            {
                case IInterpolatedStringOperation interpolated:
                    foreach (var part in interpolated.Parts)
                    {
                        if (part is IInterpolationOperation hole && ContainsExceptionData(hole.Expression, depth))
                        {
                            found.Add(value);
                            return;
                        }
                    }

                    break;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concatenation when concatenation.Type?.SpecialType == SpecialType.System_String:
                    if (ContainsExceptionData(concatenation.LeftOperand, depth) || ContainsExceptionData(concatenation.RightOperand, depth))
                    {
                        found.Add(value);
                    }

                    break;
                case IInvocationOperation invocation when IsStringBuilding(invocation):
                    foreach (var argument in invocation.Arguments)
                    {
                        if (ContainsExceptionData(argument.Value, depth))
                        {
                            found.Add(value);
                            return;
                        }
                    }

                    break;
                case IInvocationOperation serialization when IsSerialization(serialization):
                    foreach (var argument in serialization.Arguments)
                    {
                        Scan(argument.Value, found, depth);
                    }

                    break;
                case IAnonymousObjectCreationOperation anonymous:
                    foreach (var initializer in anonymous.Initializers)
                    {
                        if (initializer is ISimpleAssignmentOperation assignment)
                        {
                            Scan(assignment.Value, found, depth);
                        }
                    }

                    break;
                case IObjectCreationOperation creation:
                    foreach (var argument in creation.Arguments)
                    {
                        Scan(argument.Value, found, depth);
                    }

                    if (creation.Initializer is not null)
                    {
                        ScanInitializer(creation.Initializer, found, depth);
                    }

                    break;
                case IArrayCreationOperation { Initializer: { } arrayInitializer }:
                    foreach (var element in arrayInitializer.ElementValues)
                    {
                        Scan(element, found, depth);
                    }

                    break;
                case IConditionalOperation conditional when conditional.WhenFalse is not null:
                    if (!IsGate(conditional.Condition))
                    {
                        Scan(conditional.WhenTrue, found, depth);
                        Scan(conditional.WhenFalse, found, depth);
                    }

                    break;
                case ICoalesceOperation coalesce:
                    Scan(coalesce.Value, found, depth);
                    Scan(coalesce.WhenNull, found, depth);
                    break;
                case ILocalReferenceOperation local when depth > 0:
                    // Reported on the local where the body uses it (the diagnostic stays inside the response it is about).
                    var assignedData = new List<IOperation>(1);
                    foreach (var assigned in AssignedValues(local))
                    {
                        if (!IsGated(assigned))
                        {
                            Scan(assigned, assignedData, depth - 1);
                        }
                    }

                    if (assignedData.Count > 0)
                    {
                        found.Add(value);
                    }

                    break;
            }
        }

        private void ScanInitializer(IObjectOrCollectionInitializerOperation initializer, List<IOperation> found, int depth)
        {
            foreach (var member in initializer.Initializers)
            {
                switch (member)
                {
                    case IMemberInitializerOperation nested:
                        ScanInitializer(nested.Initializer, found, depth);
                        break;
                    case ISimpleAssignmentOperation assignment:
                        if (assignment.Target is not IPropertyReferenceOperation { Property.Name: "StatusCode" or "Status" })
                        {
                            Scan(assignment.Value, found, depth);
                        }

                        break;
                    case IInvocationOperation add:
                        foreach (var argument in add.Arguments)
                        {
                            Scan(argument.Value, found, depth);
                        }

                        break;
                }
            }
        }

        /// <summary>A string-building expression whose pieces include exception data (directly or through a local).</summary>
        private bool ContainsExceptionData(IOperation value, int depth)
        {
            value = Secrets.Unwrap(value);
            if (IsExceptionData(value) || IsException(value.Type))
            {
                return true;
            }

            var found = new List<IOperation>(1);
            Scan(value, found, depth);
            return found.Count > 0;
        }

        /// <summary><c>ex.Message</c>, <c>ex.StackTrace</c>, <c>ex.ToString()</c>, the exception itself, <c>ex.Message.Substring(..)</c>.</summary>
        private bool IsExceptionData(IOperation value)
        {
            switch (value)
            {
                case IPropertyReferenceOperation property when property.Instance is { } instance && IsException(instance.Type):
                    if (!DetailProperties.Contains(property.Property.Name))
                    {
                        return false;
                    }

                    // A Message of the application's own exception type is text the application wrote: a curated reason.
                    return property.Property.Name != "Message" || !IsDeclaredInSource(instance.Type);
                case IInvocationOperation invocation when invocation.Instance is { } receiver:
                    if (IsException(receiver.Type))
                    {
                        return invocation.TargetMethod.Name == "ToString" || invocation.TargetMethod.Name == "GetBaseException";
                    }

                    return receiver.Type?.SpecialType == SpecialType.System_String && IsExceptionData(Secrets.Unwrap(receiver));
                case IConditionalAccessOperation access:
                    // ex?.Message, context.Result?.Failure?.ToString(): the member read through the access decides.
                    return IsExceptionData(access.WhenNotNull);
                default:
                    return IsException(value.Type) && value is not IObjectCreationOperation;
            }
        }

        /// <summary>
        /// The application's own exception type (declared in this compilation): its messages are the application's words.
        /// Token validation exceptions (<c>Microsoft.IdentityModel.Tokens.SecurityTokenException</c> and subclasses) never are.
        /// </summary>
        private static bool IsDeclaredInSource(ITypeSymbol? type)
        {
            if (type is null || type.DeclaringSyntaxReferences.IsEmpty)
            {
                return false;
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                var ns = current.ContainingNamespace?.ToDisplayString() ?? string.Empty;
                if (ns.StartsWith("Microsoft.IdentityModel", StringComparison.Ordinal) || ns.StartsWith("System.IdentityModel", StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsStringBuilding(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (method.Name == "GetBytes" && method.ContainingType?.Name == "Encoding")
            {
                return true; // response.Body.WriteAsync(Encoding.UTF8.GetBytes(ex.Message))
            }

            return method.ContainingType?.SpecialType == SpecialType.System_String
                && method.IsStatic
                && (method.Name == "Format" || method.Name == "Concat" || method.Name == "Join");
        }

        private static bool IsSerialization(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            return (method.Name == "Serialize" || method.Name == "SerializeObject" || method.Name == "SerializeToUtf8Bytes")
                && method.IsStatic;
        }

        private static IEnumerable<IOperation> AssignedValues(ILocalReferenceOperation reference)
        {
            var local = reference.Local;
            foreach (var operation in Secrets.Root(reference).Descendants())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                        var initializer = LocalDeclarations.InitialValue(declarator);
                        if (initializer is not null)
                        {
                            yield return initializer;
                        }

                        break;
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when SymbolEqualityComparer.Default.Equals(target.Local, local):
                        yield return assignment.Value;
                        break;
                }
            }
        }

        private static bool IsGate(IOperation condition)
        {
            foreach (var operation in condition.DescendantsAndSelf())
            {
                string? name = operation switch
                {
                    IInvocationOperation invocation => invocation.TargetMethod.Name,
                    IPropertyReferenceOperation property => property.Property.Name,
                    IFieldReferenceOperation field => field.Field.Name,
                    ILocalReferenceOperation local => local.Local.Name,
                    IParameterReferenceOperation parameter => parameter.Parameter.Name,
                    _ => null,
                };

                if (name is null)
                {
                    continue;
                }

                if (name == "IsDevelopment" || name == "IsEnvironment")
                {
                    return true;
                }

                foreach (var word in NameWords.Split(name))
                {
                    if (GateWords.Contains(word))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool ContainsEnvironmentTest(IOperation function)
        {
            foreach (var operation in function.DescendantsAndSelf())
            {
                if (operation is IInvocationOperation { TargetMethod.Name: "IsDevelopment" or "IsEnvironment" })
                {
                    return true;
                }
            }

            return false;
        }
    }
}
