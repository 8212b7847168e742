using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AuthStatus.Analyzers.AspNetCore;
using AuthStatus.Analyzers.CodeFixes.Shared;
using AuthStatus.Analyzers.Configuration;
using AuthStatus.Analyzers.Http;
using AuthStatus.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;

namespace AuthStatus.Analyzers.CodeFixes
{
    /// <summary>
    /// AUTH001 fixes: (1) challenge with the authentication scheme (<c>Unauthorized()</c> to <c>Challenge()</c>), offered only
    /// when a bare challenge answers 401 with a header; (2) append a WWW-Authenticate header before the 401; (3) for an
    /// authentication handler, override <c>HandleChallengeAsync</c> to append the header and call the base.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(Auth001UnauthorizedWithoutChallengeCodeFixProvider)), Shared]
    public sealed class Auth001UnauthorizedWithoutChallengeCodeFixProvider : CodeFixProvider
    {
        public const string ChallengeKey = "AUTH001_Challenge";
        public const string AddHeaderKey = "AUTH001_AddHeader";
        public const string OverrideChallengeKey = "AUTH001_OverrideHandleChallenge";

        private const string HeaderNamesType = "global::Microsoft.Net.Http.Headers.HeaderNames";
        private const string TaskType = "global::System.Threading.Tasks.Task";
        private const string PropertiesType = "global::Microsoft.AspNetCore.Authentication.AuthenticationProperties";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UnauthorizedWithoutChallenge);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var document = context.Document;
            var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            var symbols = AspNetCoreSymbols.TryCreate(model.Compilation);
            if (symbols is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                diagnostic.Properties.TryGetValue(Auth001UnauthorizedWithoutChallengeAnalyzer.ShapeProperty, out var shape);
                var registrations = SchemeRegistrationsCache.Get(model.Compilation, context.CancellationToken);
                if (shape == Auth001UnauthorizedWithoutChallengeAnalyzer.HandlerShape)
                {
                    var declaration = node.FirstAncestorOrSelf<ClassDeclarationSyntax>();
                    if (declaration is not null && declaration.Identifier.Span == diagnostic.Location.SourceSpan)
                    {
                        context.RegisterCodeFix(
                            CodeAction.Create(
                                "Override HandleChallengeAsync to append WWW-Authenticate",
                                ct => OverrideChallengeAsync(document, declaration, ct),
                                OverrideChallengeKey),
                            diagnostic);
                    }

                    continue;
                }

                var producer = FindProducer(node, diagnostic.Location.SourceSpan);
                if (producer is null)
                {
                    continue;
                }

                if (CanChallenge(producer, model, registrations, context.CancellationToken, out var nameToken))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Challenge with the authentication scheme",
                            ct => ReplaceWithChallengeAsync(document, nameToken, ct),
                            ChallengeKey),
                        diagnostic);
                }

                var host = SyntaxEdits.UnconditionalHost(producer);
                var response = host is null ? null : ResponseFor(producer, model, symbols, context.CancellationToken);
                if (host is not null && response is not null && IsInsertable(host))
                {
                    var options = document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(producer.SyntaxTree);
                    var value = registrations.ChallengeValue(Realm(model.Compilation))
                        ?? AuthStatusOptions.ChallengeScheme(options)
                        ?? OptionKeys.DefaultChallengeScheme;
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            $"Add a WWW-Authenticate header ({value})",
                            ct => AddHeaderAsync(document, host, response, value, ct),
                            AddHeaderKey),
                        diagnostic);
                }
            }
        }

        private static SyntaxNode? FindProducer(SyntaxNode node, Microsoft.CodeAnalysis.Text.TextSpan span)
        {
            for (var current = node; current is not null; current = current.Parent)
            {
                if (current.Span == span && current is ExpressionSyntax)
                {
                    return current;
                }

                if (current.Span.Start < span.Start || current.Span.End > span.End)
                {
                    break;
                }
            }

            return node is ExpressionSyntax ? node : null;
        }

        /// <summary><c>Unauthorized()</c>, <c>Results.Unauthorized()</c>, <c>TypedResults.Unauthorized()</c> with no arguments, where <c>Challenge()</c> fits the result type and answers 401 with a header.</summary>
        private static bool CanChallenge(SyntaxNode producer, SemanticModel model, SchemeRegistrations registrations, CancellationToken cancellationToken, out SyntaxToken nameToken)
        {
            nameToken = default;
            if (producer is not InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0 } invocation
                || model.GetOperation(invocation, cancellationToken) is not IInvocationOperation operation
                || operation.TargetMethod.Name != "Unauthorized")
            {
                return false;
            }

            nameToken = invocation.Expression switch
            {
                MemberAccessExpressionSyntax member => member.Name.Identifier,
                IdentifierNameSyntax identifier => identifier.Identifier,
                _ => default,
            };
            if (nameToken == default)
            {
                return false;
            }

            var challenge = operation.TargetMethod.ContainingType.GetMembers("Challenge")
                .OfType<IMethodSymbol>()
                .FirstOrDefault(m => m.Parameters.All(p => p.IsOptional || p.IsParams));
            var convertedType = model.GetTypeInfo(invocation, cancellationToken).ConvertedType;
            if (challenge is null || convertedType is null)
            {
                return false;
            }

            var conversion = model.Compilation.ClassifyConversion(challenge.ReturnType, convertedType);
            if (!conversion.Exists || !conversion.IsImplicit)
            {
                return false;
            }

            return registrations.ChallengeAnswers401WithHeader(cancellationToken);
        }

        private static string? ResponseFor(SyntaxNode producer, SemanticModel model, AspNetCoreSymbols symbols, CancellationToken cancellationToken)
        {
            // HttpResponse.StatusCode = 401: the header goes on that same response.
            if (producer is AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax target }
                && model.GetOperation(producer, cancellationToken) is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property }
                && symbols.IsResponseStatusCode(property.Property))
            {
                return IsSimpleReceiver(target.Expression) ? target.Expression.ToString() : null;
            }

            return ResponseInScope.Find(model, producer.SpanStart, symbols, cancellationToken);
        }

        private static bool IsSimpleReceiver(ExpressionSyntax expression)
        {
            return expression switch
            {
                IdentifierNameSyntax => true,
                ThisExpressionSyntax => true,
                BaseExpressionSyntax => true,
                MemberAccessExpressionSyntax member => IsSimpleReceiver(member.Expression),
                _ => false,
            };
        }

        private static bool IsInsertable(SyntaxNode host)
        {
            return host switch
            {
                StatementSyntax statement => statement.Parent is BlockSyntax or SwitchSectionSyntax or StatementSyntax or ElseClauseSyntax,
                ArrowExpressionClauseSyntax => true,
                LambdaExpressionSyntax => true,
                _ => false,
            };
        }

        private static async Task<Document> ReplaceWithChallengeAsync(Document document, SyntaxToken nameToken, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var replacement = SyntaxFactory.Identifier(nameToken.LeadingTrivia, "Challenge", nameToken.TrailingTrivia);
            return document.WithSyntaxRoot(root.ReplaceToken(nameToken, replacement));
        }

        private static async Task<Document> AddHeaderAsync(Document document, SyntaxNode host, string response, string value, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document;
            }

            var literal = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(value)).ToString();
            var header = SyntaxEdits.ParseStatement($"{response}.Headers.Append({HeaderNamesType}.WWWAuthenticate, {literal});", HeaderNamesType);
            var position = host.SpanStart;
            SyntaxNode? newRoot = host switch
            {
                StatementSyntax statement => SyntaxEdits.InsertBefore(root, statement, header),
                ArrowExpressionClauseSyntax arrow => ToBlock(root, arrow, arrow.Expression, header, model, cancellationToken),
                LambdaExpressionSyntax lambda when lambda.ExpressionBody is { } body => ToBlock(root, lambda, body, header, model, cancellationToken),
                _ => null,
            };

            if (newRoot is null)
            {
                return document;
            }

            newRoot = SyntaxEdits.EnsureUsing(newRoot, model, position, "Microsoft.AspNetCore.Http", "HeaderDictionaryExtensions");
            return document.WithSyntaxRoot(newRoot);
        }

        /// <summary>Turns <c>=&gt; expr</c> into <c>{ header; return expr; }</c> (or <c>expr;</c> when nothing is returned).</summary>
        private static SyntaxNode? ToBlock(SyntaxNode root, SyntaxNode owner, ExpressionSyntax body, StatementSyntax header, SemanticModel model, CancellationToken cancellationToken)
        {
            var returnsValue = ReturnsValue(owner, model, cancellationToken);
            if (returnsValue is null)
            {
                return null;
            }

            StatementSyntax last = returnsValue.Value
                ? SyntaxFactory.ReturnStatement(body.WithoutTrivia())
                : SyntaxFactory.ExpressionStatement(body.WithoutTrivia());
            var block = SyntaxFactory.Block(header, last).WithAdditionalAnnotations(Formatter.Annotation);
            switch (owner)
            {
                case ArrowExpressionClauseSyntax arrow when arrow.Parent is { } member:
                    SyntaxNode newMember = member switch
                    {
                        MethodDeclarationSyntax method => method.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block),
                        LocalFunctionStatementSyntax local => local.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block),
                        _ => member,
                    };
                    return ReferenceEquals(newMember, member) ? null : root.ReplaceNode(member, newMember.WithAdditionalAnnotations(Formatter.Annotation));
                case ParenthesizedLambdaExpressionSyntax lambda:
                    return root.ReplaceNode(lambda, lambda.WithExpressionBody(null).WithBlock(block.WithLeadingTrivia(SyntaxFactory.ElasticSpace)));
                case SimpleLambdaExpressionSyntax lambda:
                    return root.ReplaceNode(lambda, lambda.WithExpressionBody(null).WithBlock(block.WithLeadingTrivia(SyntaxFactory.ElasticSpace)));
                default:
                    return null;
            }
        }

        private static bool? ReturnsValue(SyntaxNode owner, SemanticModel model, CancellationToken cancellationToken)
        {
            var function = owner is ArrowExpressionClauseSyntax arrow ? arrow.Parent : owner;
            if (function is null)
            {
                return null;
            }

            var symbol = function is LambdaExpressionSyntax
                ? model.GetSymbolInfo(function, cancellationToken).Symbol as IMethodSymbol
                : model.GetDeclaredSymbol(function, cancellationToken) as IMethodSymbol;
            if (symbol is null)
            {
                return null;
            }

            if (symbol.ReturnsVoid)
            {
                return false;
            }

            if (symbol.IsAsync && symbol.ReturnType is INamedTypeSymbol { IsGenericType: false } taskLike && taskLike.Name is "Task" or "ValueTask")
            {
                return false;
            }

            return true;
        }

        private static async Task<Document> OverrideChallengeAsync(Document document, ClassDeclarationSyntax declaration, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document;
            }

            var value = declaration.Identifier.ValueText.StartsWith("Basic", System.StringComparison.Ordinal)
                ? "$\"{Scheme.Name} realm=\\\"{Scheme.Name}\\\", charset=\\\"UTF-8\\\"\""
                : "Scheme.Name";
            var header = SyntaxEdits.ParseStatement($"Response.Headers.Append({HeaderNamesType}.WWWAuthenticate, {value});", HeaderNamesType);

            var existing = declaration.Members.OfType<MethodDeclarationSyntax>()
                .FirstOrDefault(m => m.Identifier.ValueText == "HandleChallengeAsync" && m.Modifiers.Any(SyntaxKind.OverrideKeyword));
            SyntaxNode newRoot;
            if (existing is not null)
            {
                if (existing.Body is null)
                {
                    return document;
                }

                var body = existing.Body.WithStatements(existing.Body.Statements.Insert(0, header));
                newRoot = root.ReplaceNode(existing.Body, body.WithAdditionalAnnotations(Formatter.Annotation));
            }
            else
            {
                var method = (MethodDeclarationSyntax)SyntaxFactory.ParseMemberDeclaration(
                    $"protected override {TaskType} HandleChallengeAsync({PropertiesType} properties)\n{{\n{header.ToFullString()}\nreturn base.HandleChallengeAsync(properties);\n}}\n")!;
                method = SyntaxEdits.AnnotateTypeNames(method, TaskType, PropertiesType, HeaderNamesType)
                    .WithAdditionalAnnotations(Formatter.Annotation);
                var anchor = declaration.Members.OfType<MethodDeclarationSyntax>()
                    .FirstOrDefault(m => m.Identifier.ValueText == "HandleAuthenticateAsync");
                var members = anchor is null
                    ? declaration.Members.Add(method)
                    : declaration.Members.Insert(declaration.Members.IndexOf(anchor) + 1, method);
                newRoot = root.ReplaceNode(declaration, declaration.WithMembers(members));
            }

            newRoot = SyntaxEdits.EnsureUsing(newRoot, model, declaration.SpanStart, "Microsoft.AspNetCore.Http", "HeaderDictionaryExtensions");
            return document.WithSyntaxRoot(newRoot);
        }

        private static string Realm(Compilation compilation)
        {
            var name = compilation.AssemblyName;
            return string.IsNullOrEmpty(name) ? "api" : name!.Replace("\\", string.Empty).Replace("\"", string.Empty);
        }
    }
}
