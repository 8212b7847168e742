using System;
using System.Collections.Immutable;
using AuthStatus.Analyzers.AspNetCore;
using AuthStatus.Analyzers.Configuration;
using AuthStatus.Analyzers.Http;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AuthStatus.Analyzers.Rules
{
    /// <summary>
    /// AUTH006: a secret (password, API key, token, signature, HMAC...) compared with <c>==</c>, <c>string.Equals</c>,
    /// <c>Compare</c>, <c>SequenceEqual</c>, <c>StartsWith</c> or an early-exit loop: the comparison returns at the first
    /// difference, so its duration tells an attacker how much of a guess is right.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Hosted by AuthStatusAnalyzer, the one analyzer the package exports")]
    public sealed class Auth006SecretComparedInNonConstantTimeAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Property: the comparison's shape (a <see cref="ComparisonShape"/> name) for the code fix.</summary>
        public const string ShapeProperty = "Shape";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.AUTH006_SecretComparedInNonConstantTime);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(AnalyzerSetup.GeneratedCode);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                if (AspNetCoreSymbols.TryCreate(start.Compilation) is null)
                {
                    return;
                }

                var state = new CompilationState(start.Compilation, new AuthStatusOptions(start.Options.AnalyzerConfigOptionsProvider));
                start.RegisterOperationAction(state.AnalyzeBinary, OperationKind.Binary);
                start.RegisterInvocationAction(state.AnalyzeInvocation, SecretComparisons.ComparisonMethodNames);
            });
        }

        private sealed class CompilationState
        {
            private readonly AuthStatusOptions _options;
            private readonly SecretComparisons _comparisons;

            public CompilationState(Compilation compilation, AuthStatusOptions options)
            {
                _options = options;
                _comparisons = new SecretComparisons(compilation);
            }

            public void AnalyzeBinary(OperationAnalysisContext context)
            {
                var binary = (IBinaryOperation)context.Operation;

                // Only == and != compare, and a constant operand (x == null, s != "", b[i] == 0) is never a secret: both
                // read before any operand's type.
                if (binary.OperatorKind is not (BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals)
                    || binary.RightOperand.ConstantValue.HasValue
                    || binary.LeftOperand.ConstantValue.HasValue)
                {
                    return;
                }

                if (_comparisons.TryGetComparison(binary, out var comparison))
                {
                    if (Secret(comparison) is { } compared)
                    {
                        Report(context, comparison, compared);
                    }

                    return;
                }

                // A hand-written loop over the bytes or characters of a secret that exits at the first difference.
                if (!SecretComparisons.IsElementComparison(binary))
                {
                    return;
                }

                var secrets = _options.Secrets(OperationTrees.Of(binary));
                if (SecretComparisons.EarlyExitElementComparison(binary, secrets) is { } secret)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.AUTH006_SecretComparedInNonConstantTime,
                        binary.Syntax.GetLocation(),
                        ImmutableDictionary<string, string?>.Empty.Add(ShapeProperty, EnumNames<ComparisonShape>.Of(ComparisonShape.Loop)),
                        Describe(secret)));
                }
            }

            public void AnalyzeInvocation(OperationAnalysisContext context)
            {
                // The operands' names before their types: most comparison calls compare no secret, and a call's operand
                // types are read only for the few that do.
                var invocation = (IInvocationOperation)context.Operation;
                if (_comparisons.TryGetCandidate(invocation, out var comparison)
                    && Secret(comparison) is { } secret
                    && _comparisons.ComparesContents(comparison))
                {
                    Report(context, comparison, secret);
                }
            }

            /// <summary>The operand that is a secret (the left first; only the right of a prefix test), or null.</summary>
            private IOperation? Secret(Comparison comparison)
            {
                var secrets = _options.Secrets(OperationTrees.Of(comparison.Operation));
                if (comparison.Shape != ComparisonShape.Prefix && secrets.IsSecret(comparison.Left))
                {
                    return comparison.Left;
                }

                return secrets.IsSecret(comparison.Right) ? comparison.Right : null;
            }

            private static void Report(OperationAnalysisContext context, Comparison comparison, IOperation secret)
            {
                if (SecretComparisons.IsUserInputPair(comparison.Left, comparison.Right)
                    || SecretComparisons.IsInExpressionTree(comparison.Operation))
                {
                    return;
                }

                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.AUTH006_SecretComparedInNonConstantTime,
                    comparison.Operation.Syntax.GetLocation(),
                    ImmutableDictionary<string, string?>.Empty.Add(ShapeProperty, EnumNames<ComparisonShape>.Of(comparison.Shape)),
                    Describe(secret)));
            }

            private static string Describe(IOperation secret)
            {
                return ShownText.Of(Secrets.Unwrap(secret).Syntax);
            }
        }
    }
}
