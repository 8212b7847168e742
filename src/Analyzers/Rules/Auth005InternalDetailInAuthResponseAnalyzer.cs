using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using AuthStatus.Analyzers.AspNetCore;
using AuthStatus.Analyzers.Http;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AuthStatus.Analyzers.Rules
{
    /// <summary>
    /// AUTH005: a 401/403 response whose body carries exception data (<c>ex.Message</c>, <c>ex.ToString()</c>, stack traces,
    /// token validation failure reasons). Covers result factories and result objects with a body, and
    /// <c>HttpResponse.WriteAsync</c>/<c>WriteAsJsonAsync</c> after <c>Response.StatusCode = 401</c> (event handlers included).
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Hosted by AuthStatusAnalyzer, the one analyzer the package exports")]
    public sealed class Auth005InternalDetailInAuthResponseAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Property: the response status (<c>401</c> or <c>403</c>), which picks the fix's constant message.</summary>
        public const string StatusProperty = "Status";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.AUTH005_InternalDetailInAuthResponse);

        /// <summary>The methods that write a response body.</summary>
        private static readonly string[] WriteNames = { "WriteAsync", "WriteAsJsonAsync", "Write", "TryWriteAsync", "SerializeAsync" };

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(AnalyzerSetup.GeneratedCode);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var symbols = AspNetCoreSymbols.TryCreate(start.Compilation);
                var details = ExceptionDetail.TryCreate(start.Compilation);
                if (symbols is null || details is null)
                {
                    return;
                }

                var state = new CompilationState(symbols, details);
                start.RegisterInvocationAction(state.AnalyzeWrite, WriteNames);
                start.RegisterOperationAction(state.AnalyzeCreation, OperationKind.ObjectCreation);

                // Result factories (Unauthorized(..), Problem(statusCode: 401), ...): the producers the status rules find.
                StatusProducerActions.Subscribe(start, symbols, state.AnalyzeProducers);
            });
        }

        private sealed class CompilationState
        {
            private static bool IsWrite(string methodName) => Array.IndexOf(WriteNames, methodName) >= 0;

            private readonly AspNetCoreSymbols _symbols;
            private readonly ExceptionDetail _details;

            public CompilationState(AspNetCoreSymbols symbols, ExceptionDetail details)
            {
                _symbols = symbols;
                _details = details;
            }

            /// <summary>A body write (<c>WriteAsync</c>, <c>WriteAsJsonAsync</c>, ...) after a 401/403 status.</summary>
            public void AnalyzeWrite(OperationAnalysisContext context)
            {
                var invocation = (IInvocationOperation)context.Operation;
                if (!invocation.Arguments.IsEmpty && IsWrite(invocation.TargetMethod.Name))
                {
                    AnalyzeWrite(context, invocation);
                }
            }

            /// <summary>A result factory or helper that gives a 401/403 and a body built from its other arguments.</summary>
            public void AnalyzeProducers(OperationAnalysisContext context, StatusProducers producers)
            {
                if (context.Operation is not IInvocationOperation invocation || invocation.Arguments.IsEmpty || IsWrite(invocation.TargetMethod.Name))
                {
                    return;
                }

                var status = AuthStatus(producers);
                if (status == 0)
                {
                    return;
                }

                var found = new List<IOperation>();
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter?.Name != "statusCode" && argument.ArgumentKind != ArgumentKind.DefaultValue)
                    {
                        _details.Find(argument.Value, found);
                    }
                }

                Report(context, found, status);
            }

            public void AnalyzeCreation(OperationAnalysisContext context)
            {
                // Result types only, by name first, as the 401/403 producers are found.
                var creation = (IObjectCreationOperation)context.Operation;
                if (creation.Type is not INamedTypeSymbol { TypeKind: TypeKind.Class } type
                    || (creation.Arguments.IsEmpty && creation.Initializer is null)
                    || !HttpStatusResolver.IsNamedAsResult(type))
                {
                    return;
                }

                var status = 0;
                if (AspNetCoreSymbols.InheritsFromOrEquals(type, _symbols.UnauthorizedObjectResult))
                {
                    status = HttpStatusResolver.Unauthorized;
                }
                else if (creation.Initializer is { } initializer && IsResultType(type))
                {
                    foreach (var member in initializer.Initializers)
                    {
                        if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "StatusCode" } } assignment)
                        {
                            status = StatusOf(assignment.Value);
                        }
                    }
                }

                if (status == 0)
                {
                    return;
                }

                var found = new List<IOperation>();
                foreach (var argument in creation.Arguments)
                {
                    _details.Find(argument.Value, found);
                }

                if (creation.Initializer is not null)
                {
                    foreach (var member in creation.Initializer.Initializers)
                    {
                        if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: not "StatusCode" } } assignment)
                        {
                            _details.Find(assignment.Value, found);
                        }
                    }
                }

                Report(context, found, status);
            }

            /// <summary><c>response.WriteAsync(..)</c> after <c>Response.StatusCode = 401</c> in an enclosing block of the same function.</summary>
            private void AnalyzeWrite(OperationAnalysisContext context, IInvocationOperation write)
            {
                if (!IsResponseWrite(write))
                {
                    return;
                }

                var function = EnclosingFunction(write);
                int status;
                if (GoverningStatusAssignment(write, function) is ISimpleAssignmentOperation assignment)
                {
                    status = StatusOf(assignment.Value);
                }
                else
                {
                    // JwtBearerEvents.OnForbidden runs after the handler has set 403.
                    status = IsForbiddenEventHandler(function) ? HttpStatusResolver.Forbidden : 0;
                }

                if (status == 0)
                {
                    return;
                }

                var found = new List<IOperation>();
                foreach (var argument in write.Arguments)
                {
                    if (argument.ArgumentKind != ArgumentKind.DefaultValue && !IsResponse(argument.Value))
                    {
                        _details.Find(argument.Value, found);
                    }
                }

                Report(context, found, status);
            }

            private static void Report(OperationAnalysisContext context, List<IOperation> found, int status)
            {
                if (found.Count == 0)
                {
                    return;
                }

                var reported = new HashSet<TextSpan>();
                var statusText = status.ToString(CultureInfo.InvariantCulture);
                foreach (var detail in found)
                {
                    if (ExceptionDetail.IsGated(detail) || !reported.Add(detail.Syntax.Span))
                    {
                        continue;
                    }

                    var text = ShownText.Of(detail.Syntax);

                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.AUTH005_InternalDetailInAuthResponse,
                        detail.Syntax.GetLocation(),
                        ImmutableDictionary<string, string?>.Empty.Add(StatusProperty, statusText),
                        statusText,
                        text));
                }
            }

            /// <summary>401 or 403 when some producer gives one of them (401 first), else 0.</summary>
            private static int AuthStatus(StatusProducers producers)
            {
                var status = 0;
                for (var i = 0; i < producers.Count; i++)
                {
                    var producer = producers[i];
                    if (producer.StatusCode == HttpStatusResolver.Unauthorized)
                    {
                        return producer.StatusCode;
                    }

                    if (producer.StatusCode == HttpStatusResolver.Forbidden)
                    {
                        status = producer.StatusCode;
                    }
                }

                return status;
            }

            private static int StatusOf(IOperation value)
            {
                if (HttpStatusResolver.MayBeStatus(value, HttpStatusResolver.Unauthorized))
                {
                    return HttpStatusResolver.Unauthorized;
                }

                return HttpStatusResolver.MayBeStatus(value, HttpStatusResolver.Forbidden) ? HttpStatusResolver.Forbidden : 0;
            }

            /// <summary>MVC result types (<c>ObjectResult</c>, <c>JsonResult</c>, <c>ContentResult</c>...): a namespace check, cheap and version-proof.</summary>
            private static bool IsResultType(INamedTypeSymbol type)
            {
                // Compares the namespace names innermost first, without building the display string (this runs on every
                // object creation with an initializer).
                var ns = type.ContainingNamespace;
                if (ns?.Name == "Mvc")
                {
                    return IsMicrosoftAspNetCore(ns.ContainingNamespace);
                }

                return ns?.Name == "HttpResults" && ns.ContainingNamespace is { Name: "Http" } http && IsMicrosoftAspNetCore(http.ContainingNamespace);
            }

            private static bool IsMicrosoftAspNetCore(INamespaceSymbol? ns)
            {
                return ns is { Name: "AspNetCore", ContainingNamespace: { Name: "Microsoft", ContainingNamespace.IsGlobalNamespace: true } };
            }

            private bool IsResponse(IOperation value)
            {
                return SymbolEqualityComparer.Default.Equals(Secrets.Unwrap(value).Type, _symbols.HttpResponse);
            }

            /// <summary><c>response.WriteAsync(..)</c>, <c>WriteAsJsonAsync</c>, <c>response.Body.WriteAsync</c>, <c>JsonSerializer.SerializeAsync(response.Body, ..)</c>, <c>IProblemDetailsService.WriteAsync</c>.</summary>
            private bool IsResponseWrite(IInvocationOperation write)
            {
                if (write.Instance is { } instance)
                {
                    var receiver = Secrets.Unwrap(instance);
                    return IsResponse(receiver)
                        || IsResponseBody(receiver)
                        || receiver.Type?.Name == "IProblemDetailsService";
                }

                return !write.Arguments.IsEmpty && (IsResponse(write.Arguments[0].Value) || IsResponseBody(Secrets.Unwrap(write.Arguments[0].Value)));
            }

            private bool IsResponseBody(IOperation value)
            {
                return value is IPropertyReferenceOperation { Property.Name: "Body", Instance: { } owner } && IsResponse(owner);
            }

            /// <summary>The nearest <c>Response.StatusCode = ..</c> statement before the write in one of its enclosing blocks.</summary>
            private IOperation? GoverningStatusAssignment(IOperation write, IOperation function)
            {
                var child = write;
                for (var current = write.Parent; current is not null; child = current, current = current.Parent)
                {
                    var statements = current switch
                    {
                        IBlockOperation block => block.Operations,
                        ISwitchCaseOperation section => section.Body,
                        _ => default,
                    };

                    if (!statements.IsDefault)
                    {
                        var index = statements.IndexOf(child);
                        for (var i = index - 1; i >= 0; i--)
                        {
                            if (statements[i] is IExpressionStatementOperation { Operation: ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { Name: "StatusCode" } property } } assignment }
                                && _symbols.IsResponseStatusCode(property))
                            {
                                return assignment;
                            }
                        }
                    }

                    if (ReferenceEquals(current, function))
                    {
                        break;
                    }
                }

                return null;
            }

            private static bool IsForbiddenEventHandler(IOperation function)
            {
                return function is IAnonymousFunctionOperation { Symbol.Parameters: { Length: 1 } parameters }
                    && parameters[0].Type is { Name: "ForbiddenContext" } type
                    && type.ContainingNamespace?.ToDisplayString() == "Microsoft.AspNetCore.Authentication.JwtBearer";
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
        }
    }
}
