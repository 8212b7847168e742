using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AuthStatus.Analyzers.AspNetCore;
using AuthStatus.Analyzers.CodeFixes.Shared;
using AuthStatus.Analyzers.Configuration;
using AuthStatus.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AuthStatus.Analyzers.CodeFixes
{
    /// <summary>
    /// AUTH001 fixes: (1) challenge with the authentication scheme (<c>Unauthorized()</c> to <c>Challenge()</c>), offered only
    /// when a bare challenge answers 401 with a header; (2) append a WWW-Authenticate header before the 401; (3) for an
    /// authentication handler, override <c>HandleChallengeAsync</c> to append the header and call the base.
    /// Each fix is planned on the original document and applied from the end of the document backwards, so Fix All
    /// applies every fix of a document in one pass without conflicting edits.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(Auth001UnauthorizedWithoutChallengeCodeFixProvider)), Shared]
    public sealed class Auth001UnauthorizedWithoutChallengeCodeFixProvider : CodeFixProvider
    {
        public const string ChallengeKey = "AUTH001_Challenge";
        public const string AddHeaderKey = "AUTH001_AddHeader";
        public const string OverrideChallengeKey = "AUTH001_OverrideHandleChallenge";

        /// <summary>Namespaces the header statement needs, each with a type that shows whether it is imported.</summary>
        private static readonly (string Namespace, string ProbeType)[] HeaderUsings =
        {
            ("Microsoft.AspNetCore.Http", "HeaderDictionaryExtensions"),
            ("Microsoft.Net.Http.Headers", "HeaderNames"),
        };

        private static readonly (string Namespace, string ProbeType)[] OverrideUsings =
        {
            ("System.Threading.Tasks", "Task"),
            ("Microsoft.AspNetCore.Authentication", "AuthenticationProperties"),
            ("Microsoft.AspNetCore.Http", "HeaderDictionaryExtensions"),
            ("Microsoft.Net.Http.Headers", "HeaderNames"),
        };

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UnauthorizedWithoutChallenge);

        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var planner = await Planner.CreateAsync(context.Document, context.CancellationToken).ConfigureAwait(false);
            if (planner is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                foreach (var key in new[] { ChallengeKey, AddHeaderKey, OverrideChallengeKey })
                {
                    var plan = planner.Plan(diagnostic, key);
                    if (plan is not null)
                    {
                        var document = context.Document;
                        context.RegisterCodeFix(
                            CodeAction.Create(plan.Title, ct => ApplyAsync(document, new[] { plan }, ct), key),
                            diagnostic);
                    }
                }
            }
        }

        private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
        {
            var planner = await Planner.CreateAsync(document, context.CancellationToken).ConfigureAwait(false);
            if (planner is null || context.CodeActionEquivalenceKey is not { } key)
            {
                return document;
            }

            var plans = new List<FixPlan>();
            foreach (var diagnostic in diagnostics)
            {
                if (planner.Plan(diagnostic, key) is { } plan)
                {
                    plans.Add(plan);
                }
            }

            return await ApplyAsync(document, plans, context.CancellationToken).ConfigureAwait(false);
        }

        private static async Task<Document> ApplyAsync(Document document, IReadOnlyCollection<FixPlan> plans, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null || plans.Count == 0)
            {
                return document;
            }

            var newLine = NewLine(root);
            var usings = new List<(string, string)>();
            var usingsPosition = 0;
            foreach (var plan in plans.OrderByDescending(p => p.Span.Start))
            {
                var updated = Apply(root, plan, newLine);
                if (updated is null)
                {
                    continue;
                }

                root = updated;
                usings.AddRange(plan.Usings);
                usingsPosition = plan.Span.Start;
            }

            root = SyntaxEdits.EnsureUsings(root, model, usingsPosition, usings.Distinct().ToArray());
            return document.WithSyntaxRoot(root);
        }

        private static SyntaxNode? Apply(SyntaxNode root, FixPlan plan, string newLine)
        {
            switch (plan.Kind)
            {
                case FixKind.Challenge:
                    var token = root.FindToken(plan.Span.Start);
                    if (token.Span != plan.Span || !token.IsKind(SyntaxKind.IdentifierToken))
                    {
                        return null;
                    }

                    return root.ReplaceToken(token, SyntaxFactory.Identifier(token.LeadingTrivia, "Challenge", token.TrailingTrivia));

                case FixKind.AddHeader:
                    var host = FindNode(root, plan.Span, plan.HostKind);
                    if (host is null)
                    {
                        return null;
                    }

                    var literal = SyntaxFactory.Literal(plan.Value).Text;
                    var header = SyntaxEdits.ParseStatement($"{plan.Response}.Headers.Append(HeaderNames.WWWAuthenticate, {literal});");
                    return host switch
                    {
                        StatementSyntax statement => SyntaxEdits.InsertBefore(root, statement, header),
                        ArrowExpressionClauseSyntax arrow => ToBlock(root, arrow, arrow.Expression, header, plan.ReturnsValue),
                        LambdaExpressionSyntax { ExpressionBody: { } body } lambda => ToBlock(root, lambda, body, header, plan.ReturnsValue),
                        _ => null,
                    };

                case FixKind.OverrideChallenge:
                    var declaration = root.FindToken(plan.Span.Start).Parent as ClassDeclarationSyntax;
                    return declaration is null ? null : OverrideChallenge(root, declaration, plan.Value, newLine);

                default:
                    return null;
            }
        }

        private static SyntaxNode? FindNode(SyntaxNode root, TextSpan span, System.Type kind)
        {
            for (var node = root.FindNode(span, getInnermostNodeForTie: true); node is not null; node = node.Parent)
            {
                if (node.Span == span && kind.IsInstanceOfType(node))
                {
                    return node;
                }

                if (node.Span.Start < span.Start || node.Span.End > span.End)
                {
                    return null;
                }
            }

            return null;
        }

        /// <summary>Turns <c>=&gt; expr</c> into <c>{ header; return expr; }</c> (or <c>expr;</c> when nothing is returned).</summary>
        private static SyntaxNode? ToBlock(SyntaxNode root, SyntaxNode owner, ExpressionSyntax body, StatementSyntax header, bool returnsValue)
        {
            StatementSyntax last = returnsValue
                ? SyntaxFactory.ReturnStatement(body.WithoutTrivia())
                : SyntaxFactory.ExpressionStatement(body.WithoutTrivia());
            var block = SyntaxFactory.Block(header, last).WithAdditionalAnnotations(Formatter.Annotation);
            switch (owner)
            {
                case ArrowExpressionClauseSyntax { Parent: MethodDeclarationSyntax method }:
                    return root.ReplaceNode(method, method.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block).WithAdditionalAnnotations(Formatter.Annotation));
                case ArrowExpressionClauseSyntax { Parent: LocalFunctionStatementSyntax local }:
                    return root.ReplaceNode(local, local.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block).WithAdditionalAnnotations(Formatter.Annotation));
                case ParenthesizedLambdaExpressionSyntax lambda:
                    return root.ReplaceNode(lambda, lambda.WithExpressionBody(null).WithBlock(block.WithLeadingTrivia(SyntaxFactory.ElasticSpace)));
                case SimpleLambdaExpressionSyntax lambda:
                    return root.ReplaceNode(lambda, lambda.WithExpressionBody(null).WithBlock(block.WithLeadingTrivia(SyntaxFactory.ElasticSpace)));
                default:
                    return null;
            }
        }

        private static SyntaxNode OverrideChallenge(SyntaxNode root, ClassDeclarationSyntax declaration, string headerValue, string newLine)
        {
            var header = SyntaxEdits.ParseStatement($"Response.Headers.Append(HeaderNames.WWWAuthenticate, {headerValue});");
            var existing = declaration.Members.OfType<MethodDeclarationSyntax>()
                .FirstOrDefault(m => m.Identifier.ValueText == "HandleChallengeAsync" && m.Modifiers.Any(SyntaxKind.OverrideKeyword));
            if (existing?.Body is { } body)
            {
                return root.ReplaceNode(body, body.WithStatements(body.Statements.Insert(0, header)).WithAdditionalAnnotations(Formatter.Annotation));
            }

            if (existing?.ExpressionBody is { } arrow)
            {
                // => base.HandleChallengeAsync(properties) becomes { header; return base.HandleChallengeAsync(properties); }
                StatementSyntax last = existing.Modifiers.Any(SyntaxKind.AsyncKeyword)
                    ? SyntaxFactory.ExpressionStatement(arrow.Expression.WithoutTrivia())
                    : SyntaxFactory.ReturnStatement(arrow.Expression.WithoutTrivia());
                var block = SyntaxFactory.Block(header, last);
                var converted = existing.WithExpressionBody(null).WithSemicolonToken(default)
                    .WithParameterList(existing.ParameterList.WithTrailingTrivia(SyntaxFactory.EndOfLine(newLine)))
                    .WithBody(block.WithTrailingTrivia(existing.SemicolonToken.TrailingTrivia))
                    .WithAdditionalAnnotations(Formatter.Annotation);
                return root.ReplaceNode(existing, converted);
            }

            var method = (MethodDeclarationSyntax)SyntaxFactory.ParseMemberDeclaration(
                "protected override Task HandleChallengeAsync(AuthenticationProperties properties)" + newLine
                + "{" + newLine
                + header.WithoutTrivia().ToFullString() + newLine
                + "return base.HandleChallengeAsync(properties);" + newLine
                + "}" + newLine)!;
            method = method
                .WithLeadingTrivia(SyntaxFactory.EndOfLine(newLine))
                .WithAdditionalAnnotations(Formatter.Annotation);
            var anchor = declaration.Members.OfType<MethodDeclarationSyntax>()
                .FirstOrDefault(m => m.Identifier.ValueText == "HandleAuthenticateAsync");
            var members = anchor is null
                ? declaration.Members.Add(method)
                : declaration.Members.Insert(declaration.Members.IndexOf(anchor) + 1, method);
            var newDeclaration = declaration.WithMembers(members);
            if (!declaration.OpenBraceToken.IsKind(SyntaxKind.OpenBraceToken) || declaration.OpenBraceToken.IsMissing)
            {
                // class Handler(...) : Base(...); (C# 12) has no body: give it one.
                newDeclaration = newDeclaration
                    .WithOpenBraceToken(SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(SyntaxFactory.EndOfLine(newLine)))
                    .WithCloseBraceToken(SyntaxFactory.Token(SyntaxKind.CloseBraceToken).WithTrailingTrivia(declaration.SemicolonToken.TrailingTrivia))
                    .WithSemicolonToken(default)
                    .WithAdditionalAnnotations(Formatter.Annotation);
            }

            return root.ReplaceNode(declaration, newDeclaration);
        }

        private static string NewLine(SyntaxNode root)
        {
            foreach (var trivia in root.DescendantTrivia())
            {
                if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    return trivia.ToString();
                }
            }

            return "\n";
        }

        private enum FixKind
        {
            Challenge,
            AddHeader,
            OverrideChallenge,
        }

        /// <summary>One fix, decided on the original document: where, what, and the usings it needs.</summary>
        private sealed class FixPlan
        {
            public FixPlan(FixKind kind, string title, TextSpan span, (string, string)[] usings)
            {
                Kind = kind;
                Title = title;
                Span = span;
                Usings = usings;
            }

            public FixKind Kind { get; }

            public string Title { get; }

            /// <summary>The name token (Challenge), the host node (AddHeader) or the class identifier (OverrideChallenge).</summary>
            public TextSpan Span { get; }

            public (string, string)[] Usings { get; }

            public System.Type HostKind { get; set; } = typeof(SyntaxNode);

            public string Response { get; set; } = string.Empty;

            public string Value { get; set; } = string.Empty;

            public bool ReturnsValue { get; set; }
        }

        /// <summary>Decides the fixes for one document against its compilation's symbols, schemes and options.</summary>
        private sealed class Planner
        {
            private readonly Document _document;
            private readonly SyntaxNode _root;
            private readonly SemanticModel _model;
            private readonly AspNetCoreSymbols _symbols;
            private readonly SchemeRegistrations _registrations;
            private readonly CancellationToken _cancellationToken;

            private Planner(Document document, SyntaxNode root, SemanticModel model, AspNetCoreSymbols symbols, SchemeRegistrations registrations, CancellationToken cancellationToken)
            {
                _document = document;
                _root = root;
                _model = model;
                _symbols = symbols;
                _registrations = registrations;
                _cancellationToken = cancellationToken;
            }

            public static async Task<Planner?> CreateAsync(Document document, CancellationToken cancellationToken)
            {
                var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (root is null || model is null || AspNetCoreSymbols.TryCreate(model.Compilation) is not { } symbols)
                {
                    return null;
                }

                var registrations = SchemeRegistrations.For(model.Compilation, cancellationToken);
                return new Planner(document, root, model, symbols, registrations, cancellationToken);
            }

            public FixPlan? Plan(Diagnostic diagnostic, string key)
            {
                if (diagnostic.Id != DiagnosticIds.UnauthorizedWithoutChallenge || diagnostic.Location.SourceTree != _root.SyntaxTree)
                {
                    return null;
                }

                var span = diagnostic.Location.SourceSpan;
                diagnostic.Properties.TryGetValue(Auth001UnauthorizedWithoutChallengeAnalyzer.ShapeProperty, out var shape);
                if (shape == Auth001UnauthorizedWithoutChallengeAnalyzer.HandlerShape)
                {
                    return key == OverrideChallengeKey ? PlanOverride(span) : null;
                }

                if (FindNode(_root, span, typeof(ExpressionSyntax)) is not ExpressionSyntax producer)
                {
                    return null;
                }

                return key switch
                {
                    ChallengeKey => PlanChallenge(producer),
                    AddHeaderKey => PlanHeader(producer),
                    _ => null,
                };
            }

            private FixPlan? PlanOverride(TextSpan span)
            {
                if (_root.FindToken(span.Start).Parent is not ClassDeclarationSyntax declaration || declaration.Identifier.Span != span)
                {
                    return null;
                }

                var existing = declaration.Members.OfType<MethodDeclarationSyntax>()
                    .FirstOrDefault(m => m.Identifier.ValueText == "HandleChallengeAsync" && m.Modifiers.Any(SyntaxKind.OverrideKeyword));
                if (existing is not null && existing.Body is null && existing.ExpressionBody is null)
                {
                    return null;
                }

                var value = declaration.Identifier.ValueText.StartsWith("Basic", System.StringComparison.Ordinal)
                    ? "$\"{Scheme.Name} realm=\\\"{Scheme.Name}\\\", charset=\\\"UTF-8\\\"\""
                    : "Scheme.Name";
                var title = existing is null
                    ? "Override HandleChallengeAsync to append WWW-Authenticate"
                    : "Append WWW-Authenticate in HandleChallengeAsync";
                return new FixPlan(FixKind.OverrideChallenge, title, span, existing is null ? OverrideUsings : HeaderUsings) { Value = value };
            }

            /// <summary><c>Unauthorized()</c>, <c>Results.Unauthorized()</c>, <c>TypedResults.Unauthorized()</c> with no arguments, where <c>Challenge()</c> fits the result type and answers 401 with a header.</summary>
            private FixPlan? PlanChallenge(ExpressionSyntax producer)
            {
                if (producer is not InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0 } invocation
                    || _model.GetOperation(invocation, _cancellationToken) is not IInvocationOperation operation
                    || operation.TargetMethod.Name != "Unauthorized"
                    || !_symbols.IsResultFactoryMethod(operation.TargetMethod))
                {
                    return null;
                }

                var nameToken = invocation.Expression switch
                {
                    MemberAccessExpressionSyntax member => member.Name.Identifier,
                    IdentifierNameSyntax identifier => identifier.Identifier,
                    _ => default,
                };
                var challenge = operation.TargetMethod.ContainingType.GetMembers("Challenge")
                    .OfType<IMethodSymbol>()
                    .FirstOrDefault(m => m.Parameters.All(p => p.IsOptional || p.IsParams));
                var convertedType = _model.GetTypeInfo(invocation, _cancellationToken).ConvertedType;
                if (nameToken == default || challenge is null || convertedType is null)
                {
                    return null;
                }

                var conversion = _model.Compilation.ClassifyConversion(challenge.ReturnType, convertedType);
                if ((!conversion.Exists || !conversion.IsImplicit) && !IsInferredLambdaBody(invocation))
                {
                    return null;
                }

                if (!_registrations.ChallengeAnswers401WithHeader(_cancellationToken))
                {
                    return null;
                }

                return new FixPlan(FixKind.Challenge, "Challenge with the authentication scheme", nameToken.Span, System.Array.Empty<(string, string)>());
            }

            /// <summary><c>app.MapGet("/", () => TypedResults.Unauthorized())</c>: the lambda's return type follows its body.</summary>
            private bool IsInferredLambdaBody(ExpressionSyntax expression)
            {
                SyntaxNode current = expression;
                while (current.Parent is ParenthesizedExpressionSyntax parenthesized)
                {
                    current = parenthesized;
                }

                return current.Parent is LambdaExpressionSyntax lambda
                    && lambda.ExpressionBody == current
                    && _model.GetTypeInfo(lambda, _cancellationToken).ConvertedType is { SpecialType: SpecialType.System_Delegate or SpecialType.System_MulticastDelegate };
            }

            private FixPlan? PlanHeader(ExpressionSyntax producer)
            {
                var host = SyntaxEdits.UnconditionalHost(producer);
                if (host is null || !IsInsertable(host))
                {
                    return null;
                }

                var response = StatusFixes.ResponseFor(producer, _model, _symbols, _cancellationToken);
                if (response is null)
                {
                    return null;
                }

                var returnsValue = true;
                if (host is ArrowExpressionClauseSyntax or LambdaExpressionSyntax)
                {
                    if (ReturnsValue(host) is not { } value)
                    {
                        return null;
                    }

                    returnsValue = value;
                }

                var options = _document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(producer.SyntaxTree);
                var challenge = _registrations.ChallengeValue(StatusFixes.Realm(_model.Compilation))
                    ?? AuthStatusOptions.ChallengeScheme(options)
                    ?? OptionKeys.DefaultChallengeScheme;
                return new FixPlan(FixKind.AddHeader, $"Add a WWW-Authenticate header ({challenge})", host.Span, HeaderUsings)
                {
                    HostKind = host.GetType(),
                    Response = response,
                    Value = challenge,
                    ReturnsValue = returnsValue,
                };
            }

            private bool? ReturnsValue(SyntaxNode host)
            {
                var function = host is ArrowExpressionClauseSyntax arrow ? arrow.Parent : host;
                var symbol = function switch
                {
                    LambdaExpressionSyntax => _model.GetSymbolInfo(function, _cancellationToken).Symbol as IMethodSymbol,
                    MethodDeclarationSyntax or LocalFunctionStatementSyntax => _model.GetDeclaredSymbol(function, _cancellationToken) as IMethodSymbol,
                    _ => null,
                };
                if (symbol is null)
                {
                    return null;
                }

                if (symbol.ReturnsVoid)
                {
                    return false;
                }

                return !(symbol.IsAsync && symbol.ReturnType is INamedTypeSymbol { IsGenericType: false, Name: "Task" or "ValueTask" });
            }

            private static bool IsInsertable(SyntaxNode host)
            {
                return host switch
                {
                    StatementSyntax statement => statement.Parent is BlockSyntax or SwitchSectionSyntax or StatementSyntax or ElseClauseSyntax,
                    ArrowExpressionClauseSyntax { Parent: MethodDeclarationSyntax or LocalFunctionStatementSyntax } => true,
                    LambdaExpressionSyntax => true,
                    _ => false,
                };
            }
        }
    }
}
