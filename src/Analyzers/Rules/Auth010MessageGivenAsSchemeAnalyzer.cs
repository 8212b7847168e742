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

        /// <summary>Registration methods of <c>AuthenticationBuilder</c> that <see cref="SchemeRegistrations"/> reads.</summary>
        private static readonly ImmutableHashSet<string> KnownBuilderMethods = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "AddJwtBearer", "AddBearerToken", "AddMicrosoftIdentityWebApi", "AddNegotiate", "AddBasic", "AddCookie", "AddIdentityCookies",
            "AddMicrosoftIdentityWebApp", "AddCertificate", "AddOpenIdConnect", "AddOAuth", "AddWsFederation", "AddGoogle",
            "AddMicrosoftAccount", "AddFacebook", "AddTwitter", "AddPolicyScheme", "AddScheme");

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
                start.RegisterOperationAction(state.AnalyzeInvocation, OperationKind.Invocation);
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

                var schemes = Schemes(cancellationToken);
                if (schemes.Registrations.Contains(text))
                {
                    return false;
                }

                if (CannotBeSchemeName(text))
                {
                    registered = schemes.Describe();
                    return true;
                }

                if (!schemes.Complete || WellKnownSchemes.Contains(text) || value is IFieldReferenceOperation)
                {
                    return false;
                }

                registered = schemes.Describe();
                return true;
            }

            /// <summary>The app's schemes and whether the list is complete: read once per compilation, callers meanwhile wait.</summary>
            private KnownSchemes Schemes(CancellationToken cancellationToken) => SchemesOnce.Get(_compilation, cancellationToken);

            private static readonly OncePerCompilation<KnownSchemes> SchemesOnce = new OncePerCompilation<KnownSchemes>((compilation, cancellationToken) =>
            {
                var registrations = SchemeRegistrations.For(compilation, cancellationToken);
                var complete = registrations.Any && registrations.IsComplete && !HasUnknownBuilderCalls(compilation, cancellationToken);
                return new KnownSchemes(registrations, complete);
            });

            /// <summary>
            /// An <c>AuthenticationBuilder</c> extension that <see cref="SchemeRegistrations"/> does not read (a package's
            /// <c>AddApiKeyInHeader</c>): its scheme names are unknown, so the list is not complete.
            /// </summary>
            private static bool HasUnknownBuilderCalls(Compilation compilation, CancellationToken cancellationToken)
            {
                foreach (var tree in compilation.SyntaxTrees)
                {
                    // Registration calls chain onto AddAuthentication() or carry the word in their name: skip other files
                    // with an ordinal text test, and bind only chained or authentication-named Add* calls.
                    var text = tree.GetText(cancellationToken).ToString();
                    if (text.IndexOf("Authentication", StringComparison.Ordinal) < 0 && text.IndexOf("Scheme", StringComparison.Ordinal) < 0)
                    {
                        continue;
                    }

                    // Only the text at each "Add" is read: a member call (".AddX(" or ".AddX<"), not "Add" itself nor a
                    // registration SchemeRegistrations reads; the syntax is looked up for the few that remain.
                    SemanticModel? model = null;
                    SyntaxNode? root = null;
                    for (var at = text.IndexOf("Add", StringComparison.Ordinal); at >= 0; at = text.IndexOf("Add", at + 3, StringComparison.Ordinal))
                    {
                        var end = at + 3;
                        while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_'))
                        {
                            end++;
                        }

                        if (end - at <= 3 || !IsMemberCall(text, at, end))
                        {
                            continue;
                        }

                        var methodName = text.Substring(at, end - at);
                        if (KnownBuilderMethods.Contains(methodName) || methodName == "AddAuthentication")
                        {
                            continue;
                        }

                        root ??= tree.GetRoot(cancellationToken);
                        var token = root.FindToken(at);
                        if (token.SpanStart != at
                            || token.Parent is not SimpleNameSyntax name
                            || name.Parent is not MemberAccessExpressionSyntax member
                            || member.Name != name
                            || member.Parent is not InvocationExpressionSyntax invocation
                            || invocation.Expression != member)
                        {
                            continue;
                        }

                        if (member.Expression is not InvocationExpressionSyntax
                            && methodName.IndexOf("Authentication", StringComparison.Ordinal) < 0
                            && methodName.IndexOf("Scheme", StringComparison.Ordinal) < 0)
                        {
                            continue;
                        }

#pragma warning disable RS1030 // Built once per compilation, only when a candidate string is met (a rare path).
                        model ??= compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                        if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol method
                            && method.DeclaringSyntaxReferences.IsEmpty
                            && MayRegisterSchemes(method))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            /// <summary>The identifier at [<paramref name="start"/>, <paramref name="end"/>) follows a dot and is followed by a call or type arguments (whitespace allowed around both).</summary>
            private static bool IsMemberCall(string text, int start, int end)
            {
                var before = start - 1;
                while (before >= 0 && char.IsWhiteSpace(text[before]))
                {
                    before--;
                }

                if (before < 0 || text[before] != '.')
                {
                    return false;
                }

                var after = end;
                while (after < text.Length && char.IsWhiteSpace(text[after]))
                {
                    after++;
                }

                return after < text.Length && text[after] is '(' or '<';
            }

            /// <summary>A library method that may register schemes: it returns an authentication builder, is named after
            /// authentication (<c>AddMicrosoftIdentityWebAppAuthentication</c>), or takes a scheme name.</summary>
            private static bool MayRegisterSchemes(IMethodSymbol method)
            {
                if (method.ReturnType?.Name.IndexOf("AuthenticationBuilder", StringComparison.Ordinal) >= 0
                    || method.Name.IndexOf("Authentication", StringComparison.Ordinal) >= 0)
                {
                    return true;
                }

                foreach (var parameter in method.Parameters)
                {
                    if (parameter.Type.SpecialType == SpecialType.System_String && parameter.Name.IndexOf("scheme", StringComparison.OrdinalIgnoreCase) >= 0)
                    {
                        return true;
                    }
                }

                return false;
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
