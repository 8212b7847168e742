using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AuthStatus.Analyzers
{
    /// <summary>
    /// Invocation actions that only some method names can concern (<c>HandleResponse</c>, <c>Append</c>, <c>Forbid</c>...),
    /// or only calls of methods whose body this compilation has (or has not). Under <see cref="AuthStatusAnalyzer"/> they
    /// are called through one table keyed by the called method's name and one test of where its body is, made once per
    /// invocation for all of them: an invocation no rule can concern costs one lookup and one test, not one filter per
    /// rule. A rule run as an analyzer of its own gets the same filter in front of its action.
    /// </summary>
    internal static class InvocationActions
    {
        /// <summary>
        /// Runs <paramref name="action"/> for invocations of methods whose body this compilation has
        /// (<paramref name="withBodyHere"/> true: the project's own code) or does not have (false: libraries, interfaces,
        /// abstract and extern methods). Under the host the test is made once per invocation for both kinds of rule.
        /// </summary>
        public static void RegisterInvocationAction(this CompilationStartAnalysisContext start, Action<OperationAnalysisContext> action, bool withBodyHere)
        {
            if (start is INamedInvocationRegistry registry)
            {
                registry.RegisterInvocationAction(action, withBodyHere);
                return;
            }

            start.RegisterOperationAction(
                context =>
                {
                    if (Http.HttpStatusResolver.HasBodyInSource(((IInvocationOperation)context.Operation).TargetMethod) == withBodyHere)
                    {
                        action(context);
                    }
                },
                OperationKind.Invocation);
        }

        /// <summary>Runs <paramref name="action"/> for invocations of methods named one of <paramref name="methodNames"/> (ordinal).</summary>
        public static void RegisterInvocationAction(this CompilationStartAnalysisContext start, Action<OperationAnalysisContext> action, params string[] methodNames)
        {
            if (start is INamedInvocationRegistry registry)
            {
                registry.RegisterInvocationAction(action, methodNames);
                return;
            }

            var names = new HashSet<string>(methodNames, StringComparer.Ordinal);
            start.RegisterOperationAction(
                context =>
                {
                    if (names.Contains(((IInvocationOperation)context.Operation).TargetMethod.Name))
                    {
                        action(context);
                    }
                },
                OperationKind.Invocation);
        }
    }

    /// <summary>A compilation-start context that dispatches invocations by method name and by where the method's body is (the host's).</summary>
    internal interface INamedInvocationRegistry
    {
        void RegisterInvocationAction(Action<OperationAnalysisContext> action, string[] methodNames);

        void RegisterInvocationAction(Action<OperationAnalysisContext> action, bool withBodyHere);
    }
}
