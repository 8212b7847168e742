using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AuthStatus.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace AuthStatus.Analyzers.CodeFixes
{
    /// <summary>
    /// AUTH004 pipeline shapes: move <c>UseCors()</c> before the first authentication registration (preferred); under
    /// minimal hosting, call <c>UseAuthentication()</c>/<c>UseAuthorization()</c> explicitly after <c>UseCors()</c>; for a
    /// middleware that rejects preflights, pass exact preflight requests (OPTIONS with <c>Origin</c> and
    /// <c>Access-Control-Request-Method</c>) to the next middleware. Never lets every OPTIONS request through.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(Auth004CorsPreflightCodeFix)), Shared]
    public sealed class Auth004CorsPreflightCodeFix : CodeFixProvider
    {
        public const string MoveUseCorsKey = "AUTH004_MoveUseCorsBeforeAuthentication";
        public const string ExplicitAuthenticationKey = "AUTH004_CallAuthenticationAfterUseCors";
        public const string PassPreflightKey = "AUTH004_PassPreflightRequests";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.AuthenticationBlocksCorsPreflight);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                diagnostic.Properties.TryGetValue(Auth004Auth011PipelineOrderAnalyzer.ShapeProperty, out var shape);
                switch (shape)
                {
                    case Auth004Auth011PipelineOrderAnalyzer.CorsAfterAuthorizationShape when diagnostic.AdditionalLocations.Count > 0:
                        RegisterMove(context, root, diagnostic, diagnostic.Location, diagnostic.AdditionalLocations[0]);
                        break;
                    case Auth004Auth011PipelineOrderAnalyzer.MiddlewareBeforeCorsShape when diagnostic.AdditionalLocations.Count > 1:
                        RegisterMove(context, root, diagnostic, diagnostic.AdditionalLocations[0], diagnostic.Location);
                        await RegisterPassPreflightAsync(context, diagnostic, diagnostic.AdditionalLocations[1]).ConfigureAwait(false);
                        break;
                    case Auth004Auth011PipelineOrderAnalyzer.ImplicitAuthenticationShape:
                        RegisterExplicitAuthentication(context, root, diagnostic);
                        break;
                }
            }
        }

        private static void RegisterMove(CodeFixContext context, SyntaxNode root, Diagnostic diagnostic, Location corsLocation, Location targetLocation)
        {
            if (corsLocation.SourceTree != root.SyntaxTree || targetLocation.SourceTree != root.SyntaxTree)
            {
                return;
            }

            var cors = PipelineStatements.StatementOf(PipelineStatements.InvocationAt(root, corsLocation.SourceSpan));
            var target = PipelineStatements.StatementOf(PipelineStatements.InvocationAt(root, targetLocation.SourceSpan));
            if (cors is null || target is null || !PipelineStatements.AreSiblings(cors, target) || target.SpanStart > cors.SpanStart)
            {
                return;
            }

            var document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Move UseCors() before authentication",
                    _ => Task.FromResult(document.WithSyntaxRoot(Move(root, cors, target))),
                    MoveUseCorsKey),
                diagnostic);
        }

        private static SyntaxNode Move(SyntaxNode root, SyntaxNode moved, SyntaxNode before)
        {
            var tracked = root.TrackNodes(moved, before);
            var movedNode = tracked.GetCurrentNode(moved)!;
            var withoutMoved = tracked.RemoveNode(movedNode, SyntaxRemoveOptions.KeepNoTrivia)!;
            return withoutMoved.InsertNodesBefore(withoutMoved.GetCurrentNode(before)!, new[] { moved });
        }

        private static void RegisterExplicitAuthentication(CodeFixContext context, SyntaxNode root, Diagnostic diagnostic)
        {
            if (!diagnostic.Properties.TryGetValue(Auth004Auth011PipelineOrderAnalyzer.InsertableProperty, out var insertable) || insertable != "true")
            {
                return;
            }

            var invocation = PipelineStatements.InvocationAt(root, diagnostic.Location.SourceSpan);
            var cors = PipelineStatements.StatementOf(invocation);
            if (cors is null || invocation?.Expression is not MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver })
            {
                return;
            }

            var withAuthentication = diagnostic.Properties.TryGetValue(Auth004Auth011PipelineOrderAnalyzer.HasAuthenticationProperty, out var value) && value == "true";
            var document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(
                    withAuthentication ? "Call UseAuthentication() and UseAuthorization() after UseCors()" : "Call UseAuthorization() after UseCors()",
                    _ => Task.FromResult(document.WithSyntaxRoot(InsertAfter(root, cors, receiver.Identifier.ValueText, withAuthentication))),
                    ExplicitAuthenticationKey),
                diagnostic);
        }

        private static SyntaxNode InsertAfter(SyntaxNode root, SyntaxNode cors, string receiver, bool withAuthentication)
        {
            var statement = cors is GlobalStatementSyntax global ? global.Statement : (StatementSyntax)cors;
            var indentation = statement.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
            var endOfLine = statement.GetTrailingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            if (endOfLine == default)
            {
                endOfLine = SyntaxFactory.EndOfLine(EndOfLine(root));
            }

            var added = new System.Collections.Generic.List<SyntaxNode>();
            foreach (var name in withAuthentication ? new[] { "UseAuthentication", "UseAuthorization" } : new[] { "UseAuthorization" })
            {
                var call = SyntaxFactory.ParseStatement(receiver + "." + name + "();")
                    .WithLeadingTrivia(indentation == default ? SyntaxFactory.TriviaList() : SyntaxFactory.TriviaList(indentation))
                    .WithTrailingTrivia(endOfLine);
                added.Add(cors is GlobalStatementSyntax ? SyntaxFactory.GlobalStatement(call) : call);
            }

            return root.InsertNodesAfter(cors, added);
        }

        private static async Task RegisterPassPreflightAsync(CodeFixContext context, Diagnostic diagnostic, Location functionLocation)
        {
            if (functionLocation.SourceTree is not { } tree || context.Document.Project.GetDocument(tree) is not { } document)
            {
                return;
            }

            var root = await tree.GetRootAsync(context.CancellationToken).ConfigureAwait(false);
            var function = root.FindNode(functionLocation.SourceSpan, getInnermostNodeForTie: true)
                .AncestorsAndSelf()
                .FirstOrDefault(n => n is MethodDeclarationSyntax or AnonymousFunctionExpressionSyntax && n.Span == functionLocation.SourceSpan);
            if (function is null)
            {
                return;
            }

            var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (model is null || !TryBuildPassOn(function, model, context.CancellationToken, out var body, out var passOn))
            {
                return;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Pass CORS preflight requests to the next middleware",
                    cancellationToken => InsertPreflightCheckAsync(document, body, passOn, cancellationToken),
                    PassPreflightKey),
                diagnostic);
        }

        /// <summary>The body to insert into and the statements that pass the request on, in the form the middleware needs.</summary>
        private static bool TryBuildPassOn(SyntaxNode function, SemanticModel model, CancellationToken cancellationToken, out BlockSyntax body, out string passOn)
        {
            body = null!;
            passOn = string.Empty;
            string? contextName;
            string? nextCall;
            bool isAsync;
            switch (function)
            {
                case MethodDeclarationSyntax { Body: { } block } method when model.GetDeclaredSymbol(method, cancellationToken) is { } symbol && symbol.Parameters.Length > 0:
                    body = block;
                    contextName = symbol.Parameters[0].Name;
                    isAsync = symbol.IsAsync;
                    nextCall = symbol.Parameters.Skip(1).FirstOrDefault(p => p.Type.Name == "RequestDelegate")?.Name
                        ?? RequestDelegateMember(symbol.ContainingType, method);
                    nextCall = nextCall is null ? null : nextCall + "(" + contextName + ")";
                    if (!isAsync && symbol.ReturnType.Name != "Task")
                    {
                        return false;
                    }

                    break;
                case AnonymousFunctionExpressionSyntax { Block: { } block, AsyncKeyword.RawKind: not 0 } lambda
                    when model.GetSymbolInfo(lambda, cancellationToken).Symbol is IMethodSymbol { Parameters.Length: 2 } symbol:
                    body = block;
                    contextName = symbol.Parameters[0].Name;
                    isAsync = true;
                    var next = symbol.Parameters[1];
                    nextCall = next.Type.Name == "RequestDelegate" ? next.Name + "(" + contextName + ")"
                        : next.Type is INamedTypeSymbol { Name: "Func", TypeArguments.Length: 1 } ? next.Name + "()"
                        : null;
                    break;
                default:
                    return false;
            }

            if (nextCall is null || contextName is null)
            {
                return false;
            }

            passOn = isAsync ? "await " + nextCall + ";\nreturn;" : "return " + nextCall + ";";
            return true;
        }

        /// <summary>A <c>RequestDelegate</c> field, property or primary-constructor parameter of the middleware class.</summary>
        private static string? RequestDelegateMember(INamedTypeSymbol type, MethodDeclarationSyntax method)
        {
            foreach (var member in type.GetMembers())
            {
                var memberType = member switch
                {
                    IFieldSymbol { IsImplicitlyDeclared: false } field => field.Type,
                    IPropertySymbol property => property.Type,
                    _ => null,
                };
                if (memberType?.Name == "RequestDelegate")
                {
                    return member.Name;
                }
            }

            if (method.Parent is TypeDeclarationSyntax declaration)
            {
                var parameters = declaration.ChildNodes().OfType<ParameterListSyntax>().FirstOrDefault();
                var parameter = parameters?.Parameters.FirstOrDefault(p => p.Type is IdentifierNameSyntax { Identifier.ValueText: "RequestDelegate" }
                    || p.Type is QualifiedNameSyntax { Right.Identifier.ValueText: "RequestDelegate" });
                if (parameter is not null)
                {
                    return parameter.Identifier.ValueText;
                }
            }

            return null;
        }

        private static async Task<Solution> InsertPreflightCheckAsync(Document document, BlockSyntax body, string passOn, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document.Project.Solution;
            }

            var contextName = ContextName(body, model, cancellationToken);
            var httpMethods = ResolvesTo(model, body.SpanStart, "HttpMethods", "Microsoft.AspNetCore.Http.HttpMethods")
                ? "HttpMethods"
                : "Microsoft.AspNetCore.Http.HttpMethods";
            var eol = EndOfLine(root);
            var text =
                "if (" + httpMethods + ".IsOptions(" + contextName + ".Request.Method)" + eol +
                "    && " + contextName + ".Request.Headers.ContainsKey(\"Origin\")" + eol +
                "    && " + contextName + ".Request.Headers.ContainsKey(\"Access-Control-Request-Method\"))" + eol +
                "{" + eol +
                "    // A CORS preflight carries no credentials: let the CORS middleware answer it." + eol +
                "    " + passOn.Replace("\n", eol + "    ") + eol +
                "}" + eol;
            var check = SyntaxFactory.ParseStatement(text)
                .WithTrailingTrivia(SyntaxFactory.EndOfLine(eol), SyntaxFactory.EndOfLine(eol))
                .WithAdditionalAnnotations(Formatter.Annotation);
            var newBody = body.WithStatements(body.Statements.Insert(0, check));
            return document.WithSyntaxRoot(root.ReplaceNode(body, newBody)).Project.Solution;
        }

        /// <summary>The document's line ending (the first one in it), so that inserted code does not mix line endings.</summary>
        private static string EndOfLine(SyntaxNode root)
        {
            foreach (var trivia in root.DescendantTrivia())
            {
                if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    return trivia.ToString();
                }
            }

            return "\r\n";
        }

        private static string ContextName(BlockSyntax body, SemanticModel model, CancellationToken cancellationToken)
        {
            var function = body.Parent;
            var symbol = function is MethodDeclarationSyntax method
                ? model.GetDeclaredSymbol(method, cancellationToken)
                : function is null ? null : model.GetSymbolInfo(function, cancellationToken).Symbol as IMethodSymbol;
            return symbol?.Parameters.FirstOrDefault()?.Name ?? "context";
        }

        private static bool ResolvesTo(SemanticModel model, int position, string name, string metadataName)
        {
            var expected = model.Compilation.GetTypeByMetadataName(metadataName);
            foreach (var symbol in model.LookupNamespacesAndTypes(position, name: name))
            {
                if (SymbolEqualityComparer.Default.Equals(symbol, expected))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
