using System;
using System.Collections.Immutable;
using AuthStatus.Analyzers.AspNetCore;
using AuthStatus.Analyzers.Http;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AuthStatus.Analyzers.Rules
{
    /// <summary>
    /// AUTH009 (suggestion): a raw 403 given because an OAuth scope check failed, whose response names the scope neither in a
    /// <c>WWW-Authenticate: Bearer error="insufficient_scope", scope="..."</c> header (RFC 6750 §3.1) nor in the body.
    /// A body that is not a constant, or any WWW-Authenticate write in the same function, counts as naming it.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Hosted by AuthStatusAnalyzer, the one analyzer the package exports")]
    public sealed class Auth009InsufficientScopeWithoutScopeAnalyzer : RefusalStatusAnalyzer
    {
        /// <summary>Property: the scope the check requires, when it is a constant.</summary>
        public const string ScopeProperty = "Scope";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.AUTH009_InsufficientScopeWithoutScope);

        private protected override int StatusCode => HttpStatusResolver.Forbidden;

        private protected override void AnalyzeProducer(OperationAnalysisContext context, StatusProducers producers, int index, AspNetCoreSymbols symbols)
        {
            var producer = producers[index];
            if (producer.Kind == StatusProducerKind.ExceptionStatusMap)
            {
                return;
            }

            var analysis = producers.Reason(index, context);
            if (analysis.Kind != RefusalKind.Permission || !analysis.IsScopeCheck)
            {
                return;
            }

            var function = EnclosingFunction(producer.Operation);
            if (ChallengeHeader.IsWrittenIn(function, symbols) || BodyMayNameScope(producer, function, analysis.Scope))
            {
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty.Add(ScopeProperty, analysis.Scope);
            Report(context, Descriptors.AUTH009_InsufficientScopeWithoutScope, producer, properties, analysis.Scope ?? "...");
        }

        private static IOperation EnclosingFunction(IOperation operation)
        {
            var current = operation;
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

        /// <summary>
        /// True when the response body may name the scope: a body argument of the producer (or a write to the response in the
        /// same function) that is not a constant, or a constant that mentions the scope or the word "scope".
        /// </summary>
        private static bool BodyMayNameScope(StatusProducer producer, IOperation function, string? scope)
        {
            if (producer.Kind == StatusProducerKind.ResponseStatusAssignment)
            {
                foreach (var descendant in function.Descendants())
                {
                    if (descendant is IInvocationOperation { TargetMethod.Name: var name } write
                        && name.StartsWith("Write", StringComparison.Ordinal)
                        && ArgumentsMayNameScope(write, null, scope))
                    {
                        return true;
                    }
                }

                return false;
            }

            return ArgumentsMayNameScope(producer.Operation, producer.Value, scope);
        }

        private static bool ArgumentsMayNameScope(IOperation call, IOperation? status, string? scope)
        {
            foreach (var child in call.ChildOperations)
            {
                IOperation value = child is IArgumentOperation argument ? argument.Value : child;
                if (child is IArgumentOperation { ArgumentKind: ArgumentKind.DefaultValue } || child is IInstanceReferenceOperation || (child is IArgumentOperation { Parameter.Type.Name: "HttpResponse" or "HttpContext" or "CancellationToken" }))
                {
                    continue;
                }

                if (child is IObjectOrCollectionInitializerOperation initializer)
                {
                    // new ObjectResult(x) { StatusCode = 403 }: only the status is set there.
                    foreach (var member in initializer.Initializers)
                    {
                        if (member is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "StatusCode" } })
                        {
                            return true;
                        }
                    }

                    continue;
                }

                if (status is not null && Contains(value, status))
                {
                    continue;
                }

                if (MayNameScope(value, scope))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Contains(IOperation root, IOperation target)
        {
            foreach (var descendant in root.DescendantsAndSelf())
            {
                if (ReferenceEquals(descendant, target))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool MayNameScope(IOperation value, string? scope)
        {
            foreach (var descendant in value.DescendantsAndSelf())
            {
                switch (descendant)
                {
                    case ILiteralOperation { ConstantValue: { HasValue: true, Value: string text } }:
                        // The scope's own value, or (when the check's scope is not a constant) any mention of a scope.
                        if (scope is null ? text.IndexOf("scope", StringComparison.OrdinalIgnoreCase) >= 0 : text.IndexOf(scope, StringComparison.Ordinal) >= 0)
                        {
                            return true;
                        }

                        break;
                    case IPropertyReferenceOperation { Parent: ISimpleAssignmentOperation { Parent: IAnonymousObjectCreationOperation } assignment } target
                        when ReferenceEquals(assignment.Target, target):
                        break;
                    case ILocalReferenceOperation:
                    case IParameterReferenceOperation:
                    case IFieldReferenceOperation { Field.IsConst: false }:
                    case IPropertyReferenceOperation:
                    case IInvocationOperation:
                        return true;
                    case IAnonymousObjectCreationOperation anonymous:
                        foreach (var property in anonymous.Initializers)
                        {
                            if (property is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: var name } }
                                && name.IndexOf("scope", StringComparison.OrdinalIgnoreCase) >= 0)
                            {
                                return true;
                            }
                        }

                        break;
                }
            }

            return false;
        }
    }
}
