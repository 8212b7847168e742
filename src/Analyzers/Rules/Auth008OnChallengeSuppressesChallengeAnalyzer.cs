using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using AuthStatus.Analyzers.AspNetCore;
using AuthStatus.Analyzers.Http;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AuthStatus.Analyzers.Rules
{
    /// <summary>
    /// AUTH008: an <c>OnChallenge</c> handler (<c>JwtBearerEvents.OnChallenge</c> as a lambda or a method group, a
    /// <c>JwtBearerEvents.Challenge</c> override, or another handler's <c>...ChallengeContext</c>) that calls
    /// <c>HandleResponse()</c> and writes a 401 or a body without the WWW-Authenticate header (RFC 9110 §15.5.2).
    /// <c>HandleResponse()</c> makes the handler return before it sets the status and the header.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Hosted by AuthStatusAnalyzer, the one analyzer the package exports")]
    public sealed class Auth008OnChallengeSuppressesChallengeAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Property: "true" when the response is written before <c>HandleResponse()</c> (the header can no longer be added after it).</summary>
        public const string WritesBeforeProperty = "WritesBefore";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.AUTH008_OnChallengeSuppressesChallenge);

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

                start.RegisterInvocationAction(c => Analyze(c, symbols), "HandleResponse");
            });
        }

        /// <summary>
        /// For AUTH001: true when the 401 at <paramref name="operation"/> is written by a challenge handler that calls
        /// <c>HandleResponse()</c>, which AUTH008 reports.
        /// </summary>
        internal static bool IsInSuppressedChallenge(IOperation operation, AspNetCoreSymbols symbols)
        {
            var function = EnclosingFunction(operation);
            if (function is null)
            {
                return false;
            }

            foreach (var descendant in function.Descendants())
            {
                if (descendant is IInvocationOperation invocation && IsChallengeHandleResponse(invocation)
                    && EnclosingFunction(invocation) == function && DropsChallenge(invocation, function, symbols, out _))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>context.HandleResponse()</c> on a <c>...ChallengeContext</c> of an authentication handler (certificate challenges are 403 by design: not those).</summary>
        internal static bool IsChallengeHandleResponse(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (method.Name != "HandleResponse" || method.Parameters.Length != 0 || method.IsStatic)
            {
                return false;
            }

            var type = invocation.Instance?.Type ?? method.ContainingType;
            if (type is null || !type.Name.EndsWith("ChallengeContext", StringComparison.Ordinal) || type.Name.StartsWith("Certificate", StringComparison.Ordinal))
            {
                return false;
            }

            for (var current = type.BaseType; current is not null; current = current.BaseType)
            {
                if (current.Name == "BaseContext" && current.ContainingNamespace?.ToDisplayString() == "Microsoft.AspNetCore.Authentication")
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The lambda, local function or member body around the operation.</summary>
        internal static IOperation? EnclosingFunction(IOperation operation)
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

        private static void Analyze(OperationAnalysisContext context, AspNetCoreSymbols symbols)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (invocation.TargetMethod.Name != "HandleResponse" || !IsChallengeHandleResponse(invocation))
            {
                return;
            }

            var function = EnclosingFunction(invocation);
            if (function is null || !DropsChallenge(invocation, function, symbols, out var writesBefore))
            {
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty;
            if (writesBefore)
            {
                properties = properties.Add(WritesBeforeProperty, "true");
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.AUTH008_OnChallengeSuppressesChallenge,
                invocation.Syntax.GetLocation(),
                properties,
                Describe(function, context.ContainingSymbol)));
        }

        /// <summary>
        /// True when the function that calls <c>HandleResponse()</c> writes a 401 or a body, sets no other status, does not
        /// redirect, and writes no WWW-Authenticate header.
        /// </summary>
        private static bool DropsChallenge(IInvocationOperation invocation, IOperation function, AspNetCoreSymbols symbols, out bool writesBefore)
        {
            writesBefore = false;
            if (ChallengeHeader.IsWrittenIn(function, symbols))
            {
                return false;
            }

            var writes401 = false;
            var writesBody = false;
            var producers = new List<StatusProducer>(1);
            foreach (var descendant in function.Descendants())
            {
                switch (descendant)
                {
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment when symbols.IsResponseStatusCode(property.Property):
                        if (!IsOnly401(assignment.Value))
                        {
                            return false; // another status (403, a redirect) or one we cannot know: not a dropped challenge
                        }

                        writes401 = true;
                        writesBefore |= descendant.Syntax.SpanStart < invocation.Syntax.SpanStart;
                        break;
                    case IInvocationOperation call when call != invocation:
                        if (call.TargetMethod.Name == "Redirect")
                        {
                            return false;
                        }

                        if (IsBodyWrite(call, symbols))
                        {
                            writesBody = true;
                            writesBefore |= descendant.Syntax.SpanStart < invocation.Syntax.SpanStart;
                        }

                        producers.Clear();
                        HttpStatusResolver.Collect(call, symbols, producers);
                        foreach (var producer in producers)
                        {
                            if (producer.StatusCode != HttpStatusResolver.Unauthorized)
                            {
                                return false;
                            }

                            writes401 = true;
                        }

                        break;
                }
            }

            return writes401 || writesBody;
        }

        private static bool IsOnly401(IOperation value)
        {
            var unwrapped = HttpStatusResolver.Unwrap(value);
            return unwrapped.ConstantValue is { HasValue: true, Value: int code } && code == HttpStatusResolver.Unauthorized
                || unwrapped is IFieldReferenceOperation { Field.ConstantValue: int field } && field == HttpStatusResolver.Unauthorized;
        }

        /// <summary><c>WriteAsync</c>/<c>WriteAsJsonAsync</c> on the response (or its body stream / writer), or <c>IResult.ExecuteAsync</c>.</summary>
        private static bool IsBodyWrite(IInvocationOperation call, AspNetCoreSymbols symbols)
        {
            switch (call.TargetMethod.Name)
            {
                case "WriteAsync":
                case "WriteAsJsonAsync":
                case "Write":
                case "SendFileAsync":
                case "ExecuteAsync":
                case "ExecuteResultAsync":
                    break;
                default:
                    return false;
            }

            var receiver = call.Instance ?? (call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
            receiver = receiver is null ? null : HttpStatusResolver.Unwrap(receiver);
            if (receiver is null)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(receiver.Type, symbols.HttpResponse))
            {
                return true;
            }

            // Response.Body.WriteAsync, Response.BodyWriter.WriteAsync
            if (receiver is IPropertyReferenceOperation { Property.Name: "Body" or "BodyWriter", Instance: { } owner } && SymbolEqualityComparer.Default.Equals(owner.Type, symbols.HttpResponse))
            {
                return true;
            }

            // IProblemDetailsService.WriteAsync(new ProblemDetailsContext { ... })
            if (receiver.Type is { Name: "IProblemDetailsService" or "IProblemDetailsWriter" })
            {
                return true;
            }

            // Results.Json(...).ExecuteAsync(context.HttpContext), new ObjectResult(...).ExecuteResultAsync(actionContext)
            return call.TargetMethod.Name.StartsWith("Execute", StringComparison.Ordinal);
        }

        private static string Describe(IOperation function, ISymbol containingSymbol)
        {
            if (function is IAnonymousFunctionOperation)
            {
                return "This OnChallenge handler";
            }

            if (function is ILocalFunctionOperation local)
            {
                return "'" + local.Symbol.Name + "'";
            }

            return containingSymbol is IMethodSymbol method ? "'" + method.Name + "'" : "This challenge handler";
        }
    }
}
