using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using AuthStatus.Analyzers.AspNetCore;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AuthStatus.Analyzers.Rules
{
    /// <summary>
    /// AUTH010: a string given to <c>Forbid(..)</c>, <c>Challenge(..)</c>, <c>Results/TypedResults.Forbid/Challenge(authenticationSchemes: ..)</c>,
    /// <c>HttpContext.ForbidAsync/ChallengeAsync(scheme)</c> or <c>new ForbidResult/ChallengeResult(..)</c> that is not a scheme name.
    /// A string that cannot be a scheme name (whitespace, sentence punctuation) is always reported; a plain token only when the
    /// compilation's registrations are fully visible and do not contain it.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Hosted by AuthStatusAnalyzer, the one analyzer the package exports")]
    public sealed class Auth010MessageGivenAsSchemeAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Property: <c>Forbid</c> or <c>Challenge</c>.</summary>
        public const string ActionProperty = "Action";

        /// <summary>Default scheme names of the framework and common packages: never reported (their registration may live in a library).</summary>
        private static readonly ImmutableHashSet<string> WellKnownSchemes = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "Bearer", "BearerToken", "Cookies", "Identity.Application", "Identity.External", "Identity.TwoFactorRememberMe",
            "Identity.TwoFactorUserId", "Identity.Bearer", "Negotiate", "Certificate", "OpenIdConnect", "Google", "Facebook",
            "Twitter", "Microsoft", "MicrosoftAccount", "WsFederation", "Basic", "ApiKey", "AzureADBearer", "AzureAD");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.AUTH010_MessageGivenAsScheme);

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

                var state = new CompilationState(start.Compilation);
                start.RegisterInvocationAction(state.AnalyzeInvocation, "Forbid", "ForbidAsync", "Challenge", "ChallengeAsync");
                start.RegisterOperationAction(state.AnalyzeCreation, OperationKind.ObjectCreation);
            });
        }

        /// <summary>True when <paramref name="text"/> cannot be a scheme name: whitespace or sentence punctuation.</summary>
        internal static bool CannotBeSchemeName(string text)
        {
            if (text.Length == 0)
            {
                return false;
            }

            foreach (var c in text)
            {
                if (char.IsWhiteSpace(c) || c is ',' or ';' or '!' or '?' or '"' or '\'' or '(' or ')')
                {
                    return true;
                }
            }

            return text[text.Length - 1] is '.' or ':';
        }

        private sealed class CompilationState
        {
            private readonly Compilation _compilation;

            public CompilationState(Compilation compilation)
            {
                _compilation = compilation;
            }

            public void AnalyzeInvocation(OperationAnalysisContext context)
            {
                var invocation = (IInvocationOperation)context.Operation;
                var method = invocation.TargetMethod;
                var action = method.Name switch
                {
                    "Forbid" or "ForbidAsync" => "Forbid",
                    "Challenge" or "ChallengeAsync" => "Challenge",
                    _ => null,
                };

                if (action is null || !IsFramework(method.ContainingType))
                {
                    return;
                }

                Analyze(context, invocation.Arguments, action, method.Name);
            }

            public void AnalyzeCreation(OperationAnalysisContext context)
            {
                var creation = (IObjectCreationOperation)context.Operation;
                var type = creation.Type;
                var action = type?.Name switch
                {
                    "ForbidResult" => "Forbid",
                    "ChallengeResult" => "Challenge",
                    _ => null,
                };

                if (action is null || !IsFramework(type!))
                {
                    return;
                }

                Analyze(context, creation.Arguments, action, "new " + type!.Name);
            }

            private void Analyze(OperationAnalysisContext context, ImmutableArray<IArgumentOperation> arguments, string action, string display)
            {
                foreach (var argument in arguments)
                {
                    if (argument.Parameter?.Name is not ("authenticationScheme" or "authenticationSchemes" or "scheme") || argument.ArgumentKind == ArgumentKind.DefaultValue)
                    {
                        continue;
                    }

                    var strings = new List<IOperation>();
                    CollectStrings(argument.Value, strings);
                    foreach (var value in strings)
                    {
                        if (value.ConstantValue.Value is not string text || !IsMessage(text, value, context.CancellationToken, out var registered))
                        {
                            continue;
                        }

                        var properties = ImmutableDictionary<string, string?>.Empty.Add(ActionProperty, action);
                        context.ReportDiagnostic(Diagnostic.Create(
                            Descriptors.AUTH010_MessageGivenAsScheme,
                            value.Syntax.GetLocation(),
                            properties,
                            display,
                            text,
                            registered));
                    }
                }
            }

            /// <summary>String constants of a scheme argument: the value itself, params elements, <c>new[] { .. }</c>, <c>new List&lt;string&gt; { .. }</c>.</summary>
            private static void CollectStrings(IOperation value, List<IOperation> strings)
            {
                value = Http.HttpStatusResolver.Unwrap(value);
                switch (value)
                {
                    case IArrayCreationOperation { Initializer: { } initializer }:
                        foreach (var element in initializer.ElementValues)
                        {
                            CollectStrings(element, strings);
                        }

                        break;
                    case IObjectCreationOperation { Initializer: { } collection }:
                        foreach (var element in collection.Initializers)
                        {
                            if (element is IInvocationOperation { Arguments.Length: 1 } add)
                            {
                                CollectStrings(add.Arguments[0].Value, strings);
                            }
                        }

                        break;
                    case ILiteralOperation when value.ConstantValue.Value is string:
                        strings.Add(value);
                        break;
                    case IFieldReferenceOperation field when value.ConstantValue.Value is string
                        && field.Field.Name.IndexOf("Scheme", StringComparison.OrdinalIgnoreCase) < 0:
                        strings.Add(value);
                        break;
                    case IInterpolatedStringOperation when value.ConstantValue.Value is string:
                        strings.Add(value);
                        break;
                }
            }

            private bool IsMessage(string text, IOperation value, CancellationToken cancellationToken, out string registered)
            {
                registered = string.Empty;
                if (text.Length == 0)
                {
                    return false;
                }

                // A name of a well-known scheme or a constant field is never reported unless it cannot be a name; those
                // are answered before the registrations are asked for (the first question binds the body that registers them).
                var cannotBeName = CannotBeSchemeName(text);
                if (!cannotBeName && (WellKnownSchemes.Contains(text) || value is IFieldReferenceOperation))
                {
                    return false;
                }

                var schemes = Schemes(cancellationToken);
                if (schemes.Registrations.Contains(text))
                {
                    return false;
                }

                if (cannotBeName)
                {
                    registered = schemes.Describe();
                    return true;
                }

                if (!schemes.Complete)
                {
                    return false;
                }

                registered = schemes.Describe();
                return true;
            }

            /// <summary>The app's schemes and whether the list names them all (<see cref="SchemeRegistrations.NamesEveryScheme"/>).</summary>
            private KnownSchemes Schemes(CancellationToken cancellationToken)
            {
                var registrations = SchemeRegistrations.For(_compilation, cancellationToken);
                return new KnownSchemes(registrations, registrations.NamesEveryScheme(cancellationToken));
            }

            private static bool IsFramework(ITypeSymbol type)
            {
                for (var ns = type.ContainingNamespace; ns is not null && !ns.IsGlobalNamespace; ns = ns.ContainingNamespace)
                {
                    if (ns.Name == "AspNetCore" && ns.ContainingNamespace?.Name == "Microsoft" && ns.ContainingNamespace.ContainingNamespace?.IsGlobalNamespace == true)
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        private sealed class KnownSchemes
        {
            public KnownSchemes(SchemeRegistrations registrations, bool complete)
            {
                Registrations = registrations;
                Complete = complete;
            }

            public SchemeRegistrations Registrations { get; }

            /// <summary>True when every registration of the app is visible with a constant name.</summary>
            public bool Complete { get; }

            public string Describe()
            {
                if (!Complete)
                {
                    return string.Empty;
                }

                var names = new List<string>();
                foreach (var scheme in Registrations.Schemes)
                {
                    if (scheme.Name is { } name && !names.Contains(name))
                    {
                        names.Add(name);
                    }
                }

                names.Sort(StringComparer.Ordinal);
                return names.Count == 0 ? string.Empty : " (registered schemes: " + string.Join(", ", names) + ")";
            }
        }
    }
}
