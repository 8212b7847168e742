using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using AuthStatus.Analyzers.AspNetCore;
using AuthStatus.Analyzers.Configuration;
using AuthStatus.Analyzers.Http;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AuthStatus.Analyzers.Rules
{
    /// <summary>
    /// AUTH007: a malformed WWW-Authenticate value (RFC 9110 §11.6.1 and §11.2, RFC 6750 §3, RFC 7617 §2). Parses the
    /// values written through <c>Headers.WWWAuthenticate</c>, the indexer, <c>Append</c>/<c>Add</c>/<c>TryAdd</c> and the
    /// typed <c>HttpResponseHeaders.WwwAuthenticate</c> collection, and reports each problem on the characters that cause it.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Hosted by AuthStatusAnalyzer, the one analyzer the package exports")]
    public sealed class Auth007MalformedWwwAuthenticateAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Property: the well-formed value that replaces the string literal.</summary>
        public const string FixedValueProperty = "FixedValue";

        /// <summary>Property: the value that replaces the previous header value when this one continues its challenge.</summary>
        public const string JoinedValueProperty = "JoinedValue";

        /// <summary>Property: how to fix an interpolation hole of a regular interpolated string (<see cref="EscapeHole"/> or <see cref="QuoteHole"/>).</summary>
        public const string HoleFixProperty = "HoleFix";

        public const string EscapeHole = "Escape";

        public const string QuoteHole = "Quote";

        /// <summary>Property: the problem kind.</summary>
        public const string ProblemProperty = "Problem";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.AUTH007_MalformedWwwAuthenticate);

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

                var state = new CompilationState(symbols, start.Options.AnalyzerConfigOptionsProvider);
                start.RegisterInvocationAction(state.AnalyzeInvocation, "Append", "Add", "TryAdd", "ParseAdd", "TryParseAdd");
                start.RegisterOperationAction(state.AnalyzeAssignment, OperationKind.SimpleAssignment);
            });
        }

        private sealed class CompilationState
        {
            private readonly AspNetCoreSymbols _symbols;
            private readonly AnalyzerConfigOptionsProvider _options;
            private readonly INamedTypeSymbol? _stringValues;
            private readonly ConcurrentDictionary<SyntaxTree, string> _realms = new ConcurrentDictionary<SyntaxTree, string>();

            public CompilationState(AspNetCoreSymbols symbols, AnalyzerConfigOptionsProvider options)
            {
                _symbols = symbols;
                _options = options;
                _stringValues = KnownTypes.Get(symbols.Compilation, "Microsoft.Extensions.Primitives.StringValues");
            }

            public void AnalyzeInvocation(OperationAnalysisContext context)
            {
                var invocation = (IInvocationOperation)context.Operation;
                switch (invocation.TargetMethod.Name)
                {
                    case "Append":
                    case "Add":
                    case "TryAdd":
                        if (ChallengeHeader.IsWrite(invocation, _symbols) && IsHeaderCollection(Receiver(invocation)?.Type))
                        {
                            var value = ValueArgument(invocation);
                            if (value is not null)
                            {
                                Check(context, value);
                            }

                            return;
                        }

                        if (invocation.TargetMethod.Name == "Add" && IsTypedChallengeCollection(invocation.Instance) && invocation.Arguments.Length == 1)
                        {
                            Check(context, invocation.Arguments[0].Value);
                        }

                        return;
                    case "ParseAdd":
                    case "TryParseAdd":
                        if (IsTypedChallengeCollection(invocation.Instance) && invocation.Arguments.Length == 1)
                        {
                            Check(context, invocation.Arguments[0].Value);
                        }

                        return;
                    default:
                        return;
                }
            }

            public void AnalyzeAssignment(OperationAnalysisContext context)
            {
                var assignment = (ISimpleAssignmentOperation)context.Operation;
                if (assignment.Target is not IPropertyReferenceOperation property
                    || !(property.Property.IsIndexer || property.Property.Name == ChallengeHeader.MemberName))
                {
                    return;
                }

                if (ChallengeHeader.IsWrite(assignment, _symbols))
                {
                    Check(context, assignment.Value);
                }
            }

            private static IOperation? Receiver(IInvocationOperation invocation)
            {
                if (invocation.Instance is { } instance)
                {
                    return instance;
                }

                return invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? HttpStatusResolver.Unwrap(invocation.Arguments[0].Value) : null;
            }

            /// <summary>ASP.NET Core's <c>IHeaderDictionary</c> or System.Net.Http's <c>HttpHeaders</c>: not any dictionary with the key.</summary>
            private bool IsHeaderCollection(ITypeSymbol? type)
            {
                if (type is null || _symbols.HeaderDictionary is null && type.TypeKind != TypeKind.Class)
                {
                    return false;
                }

                if (SymbolEqualityComparer.Default.Equals(type, _symbols.HeaderDictionary))
                {
                    return true;
                }

                if (Interfaces.Implements(type, _symbols.HeaderDictionary))
                {
                    return true;
                }

                for (var current = type; current is not null; current = current.BaseType)
                {
                    if (current.Name == "HttpHeaders" && current.ContainingNamespace?.ToDisplayString() == "System.Net.Http.Headers")
                    {
                        return true;
                    }
                }

                return false;
            }

            private static IOperation? ValueArgument(IInvocationOperation invocation)
            {
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter?.Name is "value" or "values")
                    {
                        return argument.Value;
                    }
                }

                return null;
            }

            /// <summary><c>HttpResponseMessage.Headers.WwwAuthenticate</c> (System.Net.Http.Headers).</summary>
            private static bool IsTypedChallengeCollection(IOperation? instance)
            {
                return instance is IPropertyReferenceOperation { Property: { Name: "WwwAuthenticate" } property }
                    && property.ContainingType?.ContainingNamespace?.ToDisplayString() == "System.Net.Http.Headers";
            }

            private void Check(OperationAnalysisContext context, IOperation value)
            {
                var values = Expand(value);
                ChallengeParseResult? previous = null;
                ChallengeSource? previousSource = null;
                for (var index = 0; index < values.Count; index++)
                {
                    var source = ChallengeSource.TryCreate(values[index]);
                    if (source is null)
                    {
                        previous = null;
                        previousSource = null;
                        continue;
                    }

                    var result = ChallengeParser.Parse(source.Text, source.Holes);
                    if (result.Problems.Count > 0)
                    {
                        // A value read through a local is reported where it is written to the header, and points at its initializer.
                        var reference = HttpStatusResolver.Unwrap(values[index]) is ILocalReferenceOperation local ? local.Syntax.GetLocation() : null;
                        Report(context, source, result, previous, previousSource, reference);
                    }

                    previous = result;
                    previousSource = source;
                }
            }

            private void Report(OperationAnalysisContext context, ChallengeSource source, ChallengeParseResult result, ChallengeParseResult? previous, ChallengeSource? previousSource, Location? reference)
            {
                var split = result.StartsWithParameter && previous is not null && previous.Challenges.Count > 0 && previous.Problems.Count == 0;
                string? fixedValue = null;
                if (!split && source.Literal is not null)
                {
                    fixedValue = ChallengeFixer.TryFix(source.Text, result, BasicRealm(source.Root.SyntaxTree));
                }

                foreach (var problem in result.Problems)
                {
                    var properties = ImmutableDictionary<string, string?>.Empty;
                    var message = problem.Message;
                    var kind = problem.Kind;
                    if (split && kind == ChallengeProblemKind.MissingScheme)
                    {
                        kind = ChallengeProblemKind.SplitChallenge;
                        message = "this header value continues the challenge of the previous value, but each value must be a whole challenge that starts with its auth-scheme (RFC 9110 §11.6.1): join them into one value";
                        if (source.Literal is not null && previousSource?.Literal is not null)
                        {
                            var separator = previous!.Challenges[previous.Challenges.Count - 1] is { Parameters.Count: 0, HasToken68: false } ? " " : ", ";
                            var joined = previousSource.Text.TrimEnd(' ', '\t') + separator + source.Text.TrimStart(' ', '\t');
                            if (ChallengeParser.Parse(joined).Problems.Count == 0)
                            {
                                properties = properties.Add(JoinedValueProperty, joined);
                            }
                        }
                    }
                    else if (fixedValue is not null)
                    {
                        properties = properties.Add(FixedValueProperty, fixedValue);
                    }
                    else if (kind is ChallengeProblemKind.UnescapedHole or ChallengeProblemKind.UnquotedHole && IsFixableHole(source.HoleAt(problem.Start), kind))
                    {
                        properties = properties.Add(HoleFixProperty, kind == ChallengeProblemKind.UnescapedHole ? EscapeHole : QuoteHole);
                    }

                    properties = properties.Add(ProblemProperty, EnumNames<ChallengeProblemKind>.Of(kind));
                    var location = source.Locate(problem.Start, problem.Length);
                    context.ReportDiagnostic(reference is null
                        ? Diagnostic.Create(Descriptors.AUTH007_MalformedWwwAuthenticate, location, properties, message)
                        : Diagnostic.Create(Descriptors.AUTH007_MalformedWwwAuthenticate, reference, new[] { location }, properties, message));
                }
            }

            /// <summary>
            /// A hole of a regular <c>$"..."</c> string without alignment or format, or (to escape, not to quote) an operand
            /// of a concatenation. The fix checks that its type is string.
            /// </summary>
            private static bool IsFixableHole(SyntaxNode? hole, ChallengeProblemKind kind)
            {
                if (hole is InterpolationSyntax { AlignmentClause: null, FormatClause: null, Parent: InterpolatedStringExpressionSyntax expression })
                {
                    return expression.StringStartToken.IsKind(SyntaxKind.InterpolatedStringStartToken);
                }

                return kind == ChallengeProblemKind.UnescapedHole && hole is ExpressionSyntax { Parent: BinaryExpressionSyntax binary } && binary.IsKind(SyntaxKind.AddExpression);
            }

            /// <summary>The values of a StringValues: one string, an array of them, or <c>new StringValues(...)</c> of either.</summary>
            private List<IOperation> Expand(IOperation value)
            {
                var list = new List<IOperation>(1);
                value = HttpStatusResolver.Unwrap(value);
                if (value is IObjectCreationOperation { Arguments.Length: 1 } creation
                    && SymbolEqualityComparer.Default.Equals(creation.Type, _stringValues))
                {
                    value = HttpStatusResolver.Unwrap(creation.Arguments[0].Value);
                }

                if (value is IArrayCreationOperation { Initializer: { } initializer })
                {
                    foreach (var element in initializer.ElementValues)
                    {
                        list.Add(element);
                    }
                }
                else if (value.Type is IArrayTypeSymbol)
                {
                    // An array we cannot see into.
                }
                else
                {
                    list.Add(value);
                }

                return list;
            }

            /// <summary>The realm for a Basic challenge: the one of the configured challenge (when it is well-formed), else the assembly's name.</summary>
            private string BasicRealm(SyntaxTree tree)
            {
                return _realms.GetOrAdd(tree, t =>
                {
                    var configured = AuthStatusOptions.ChallengeScheme(_options.GetOptions(t));
                    if (configured is not null)
                    {
                        var parsed = ChallengeParser.Parse(configured);
                        foreach (var challenge in parsed.Problems.Count == 0 ? parsed.Challenges : new List<ParsedChallenge>())
                        {
                            if (challenge.Find("realm") is { HasHole: false, Value.Length: > 0 } realm && realm.Value.IndexOf('"') < 0 && realm.Value.IndexOf('\\') < 0)
                            {
                                return realm.Value;
                            }
                        }
                    }

                    var name = _symbols.Compilation.AssemblyName;
                    return string.IsNullOrWhiteSpace(name) ? "api" : name!;
                });
            }
        }
    }
}
