using System;
using System.Collections.Generic;
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

namespace AuthStatus.Analyzers.CodeFixes
{
    /// <summary>
    /// AUTH008: (1) append the challenge built from <c>context.Options.Challenge</c>, <c>context.Error</c> and
    /// <c>context.ErrorDescription</c> right after <c>HandleResponse()</c>; (2) when the handler only writes a constant
    /// message, set <c>context.ErrorDescription</c> instead and drop <c>HandleResponse()</c> so that the handler challenges.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(Auth008OnChallengeSuppressesChallengeCodeFixProvider)), Shared]
    public sealed class Auth008OnChallengeSuppressesChallengeCodeFixProvider : CodeFixProvider
    {
        public const string AppendChallengeKey = "AUTH008_AppendChallenge";
        public const string SetErrorDescriptionKey = "AUTH008_SetErrorDescription";

        private const string HeaderNamesNamespace = "Microsoft.Net.Http.Headers";
        private const string HttpNamespace = "Microsoft.AspNetCore.Http";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.OnChallengeSuppressesChallenge);

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

            foreach (var diagnostic in context.Diagnostics)
            {
                if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>() is not
                    { Expression: MemberAccessExpressionSyntax { Expression: { } contextExpression }, Parent: ExpressionStatementSyntax { Parent: BlockSyntax } statement } invocation)
                {
                    continue;
                }

                var contextType = model.GetTypeInfo(contextExpression, context.CancellationToken).Type;
                if (contextType is null || contextType.TypeKind == TypeKind.Error)
                {
                    continue;
                }

                if (!diagnostic.Properties.ContainsKey(Auth008OnChallengeSuppressesChallengeAnalyzer.WritesBeforeProperty)
                    && ChallengeExpression(contextType, contextExpression.ToString()) is { } challenge)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Append the WWW-Authenticate challenge",
                            ct => AppendChallengeAsync(document, statement, contextExpression.ToString(), challenge, ct),
                            AppendChallengeKey),
                        diagnostic);
                }

                if (HasSettableString(contextType, "ErrorDescription")
                    && TryGetMessageOnlyHandler(statement, invocation, model, context.CancellationToken, out var function, out var message))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Set context.ErrorDescription and let the handler send the challenge",
                            ct => SetErrorDescriptionAsync(document, function!, contextExpression.ToString(), message!, ct),
                            SetErrorDescriptionKey),
                        diagnostic);
                }
            }
        }

        /// <summary>The header value: JwtBearer's challenge with its error details, or the scheme's name for other handlers.</summary>
        private static string? ChallengeExpression(ITypeSymbol contextType, string c)
        {
            var options = FindProperty(contextType, "Options");
            if (options is not null && FindProperty(options.Type, "Challenge") is { Type.SpecialType: SpecialType.System_String }
                && FindProperty(contextType, "Error") is not null && FindProperty(contextType, "ErrorDescription") is not null)
            {
                return $"string.IsNullOrEmpty({c}.Error)\n? {c}.Options.Challenge\n: $\"{{{c}.Options.Challenge}}{{({c}.Options.Challenge.Contains(' ') ? \",\" : \"\")}} error=\\\"{{{c}.Error}}\\\", error_description=\\\"{{{c}.ErrorDescription}}\\\"\"";
            }

            if (FindProperty(contextType, "Scheme") is { } scheme && FindProperty(scheme.Type, "Name") is not null)
            {
                return c + ".Scheme.Name";
            }

            return null;
        }

        private static IPropertySymbol? FindProperty(ITypeSymbol type, string name)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers(name))
                {
                    if (member is IPropertySymbol { IsStatic: false } property)
                    {
                        return property;
                    }
                }
            }

            return null;
        }

        private static bool HasSettableString(ITypeSymbol type, string name)
        {
            return FindProperty(type, name) is { Type.SpecialType: SpecialType.System_String, SetMethod: { DeclaredAccessibility: Accessibility.Public } };
        }

        private static async Task<Document> AppendChallengeAsync(Document document, ExpressionStatementSyntax statement, string c, string challenge, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null || statement.Parent is not BlockSyntax block)
            {
                return document;
            }

            var indent = statement.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).ToString();
            var newLine = statement.GetTrailingTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)).ToString();
            if (newLine.Length == 0)
            {
                newLine = "\n";
            }

            var value = challenge.Replace("\n", newLine + indent + "    ");
            var text = indent + c + ".Response.Headers.Append(HeaderNames.WWWAuthenticate, " + value + ");" + newLine;
            var added = SyntaxFactory.ParseStatement(text);
            var newBlock = block.InsertNodesAfter(statement, new[] { added });
            var newRoot = root.ReplaceNode(block, newBlock);
            if (newRoot is CompilationUnitSyntax unit)
            {
                var position = statement.SpanStart;
                var needed = new List<string>();
                if (!IsTypeInScope(model, position, "HeaderNames", HeaderNamesNamespace))
                {
                    needed.Add(HeaderNamesNamespace);
                }

                var headers = model.Compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.IHeaderDictionary");
                if (headers is not null && model.LookupSymbols(position, headers, "Append", includeReducedExtensionMethods: true).IsEmpty)
                {
                    needed.Add(HttpNamespace);
                }

                newRoot = AddUsings(unit, needed);
            }

            return document.WithSyntaxRoot(newRoot);
        }

        private static bool IsTypeInScope(SemanticModel model, int position, string name, string containingNamespace)
        {
            foreach (var symbol in model.LookupNamespacesAndTypes(position, name: name))
            {
                if (symbol.ContainingNamespace?.ToDisplayString() == containingNamespace)
                {
                    return true;
                }
            }

            return false;
        }

        private static CompilationUnitSyntax AddUsings(CompilationUnitSyntax unit, List<string> namespaces)
        {
            foreach (var name in namespaces)
            {
                if (unit.Usings.Any(u => u.Name?.ToString() == name && u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None)))
                {
                    continue;
                }

                var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(name))
                    .WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed);
                var usings = unit.Usings;
                var index = 0;
                while (index < usings.Count && CompareUsings(usings[index].Name?.ToString() ?? string.Empty, name) < 0)
                {
                    index++;
                }

                if (usings.Count == 0)
                {
                    directive = directive.WithTrailingTrivia(SyntaxFactory.EndOfLine("\n"), SyntaxFactory.EndOfLine("\n"));
                    unit = unit.WithUsings(usings.Add(directive.WithLeadingTrivia(unit.GetLeadingTrivia())))
                        .WithLeadingTrivia(SyntaxTriviaList.Empty);
                    continue;
                }

                var trailing = usings[Math.Min(index, usings.Count - 1)].GetTrailingTrivia();
                directive = directive.WithTrailingTrivia(trailing.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) ? SyntaxFactory.TriviaList(SyntaxFactory.EndOfLine("\n")) : trailing);
                unit = unit.WithUsings(usings.Insert(index, directive));
            }

            return unit;
        }

        /// <summary>System namespaces first, then ordinal.</summary>
        private static int CompareUsings(string left, string right)
        {
            var leftSystem = left == "System" || left.StartsWith("System.", StringComparison.Ordinal);
            var rightSystem = right == "System" || right.StartsWith("System.", StringComparison.Ordinal);
            if (leftSystem != rightSystem)
            {
                return leftSystem ? -1 : 1;
            }

            return string.CompareOrdinal(left, right);
        }

        /// <summary>
        /// A handler whose statements are only <c>HandleResponse()</c>, a 401 status, a content type, one write of a constant
        /// message (within RFC 6750 §3's error_description characters) and <c>return Task.CompletedTask</c>.
        /// </summary>
        private static bool TryGetMessageOnlyHandler(ExpressionStatementSyntax handleResponse, InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken, out SyntaxNode? function, out string? message)
        {
            function = null;
            message = null;
            var block = (BlockSyntax)handleResponse.Parent!;
            function = block.Parent;
            if (function is not (AnonymousFunctionExpressionSyntax or MethodDeclarationSyntax or LocalFunctionStatementSyntax))
            {
                return false;
            }

            foreach (var statement in block.Statements)
            {
                if (statement == handleResponse)
                {
                    continue;
                }

                switch (statement)
                {
                    case ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "StatusCode" }, Right: var status } }
                        when model.GetConstantValue(status, cancellationToken) is { HasValue: true, Value: 401 }:
                        continue;
                    case ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ContentType" } } }:
                        continue;
                    case ReturnStatementSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CompletedTask" } }:
                        continue;
                    case ExpressionStatementSyntax { Expression: AwaitExpressionSyntax { Expression: InvocationExpressionSyntax write } }:
                        if (message is not null || !TryGetConstantWrite(write, model, cancellationToken, out message))
                        {
                            return false;
                        }

                        continue;
                    case ReturnStatementSyntax { Expression: InvocationExpressionSyntax write }:
                        if (message is not null || !TryGetConstantWrite(write, model, cancellationToken, out message))
                        {
                            return false;
                        }

                        continue;
                    default:
                        return false;
                }
            }

            if (message is null || message.Length == 0)
            {
                return false;
            }

            foreach (var c in message)
            {
                if (c < ' ' || c > '~' || c == '"' || c == '\\')
                {
                    return false;
                }
            }

            // The rewritten body returns Task.CompletedTask: the function must return a Task.
            return model.GetSymbolInfo(invocation, cancellationToken).Symbol is not null && ReturnsTask(function, model, cancellationToken);
        }

        private static bool ReturnsTask(SyntaxNode function, SemanticModel model, CancellationToken cancellationToken)
        {
            IMethodSymbol? method = function switch
            {
                AnonymousFunctionExpressionSyntax lambda => model.GetSymbolInfo(lambda, cancellationToken).Symbol as IMethodSymbol,
                _ => model.GetDeclaredSymbol(function, cancellationToken) as IMethodSymbol,
            };

            return method?.ReturnType is INamedTypeSymbol { Name: "Task", Arity: 0, ContainingNamespace: { } ns } && ns.ToDisplayString() == "System.Threading.Tasks";
        }

        private static bool TryGetConstantWrite(InvocationExpressionSyntax write, SemanticModel model, CancellationToken cancellationToken, out string? message)
        {
            message = null;
            if (write is not { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "WriteAsync" } } || write.ArgumentList.Arguments.Count != 1)
            {
                return false;
            }

            if (model.GetConstantValue(write.ArgumentList.Arguments[0].Expression, cancellationToken) is { HasValue: true, Value: string text })
            {
                message = text;
                return true;
            }

            return false;
        }

        private static async Task<Document> SetErrorDescriptionAsync(Document document, SyntaxNode function, string c, string message, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var block = function switch
            {
                AnonymousFunctionExpressionSyntax lambda => lambda.Block,
                MethodDeclarationSyntax method => method.Body,
                LocalFunctionStatementSyntax local => local.Body,
                _ => null,
            };
            if (block is null || block.Statements.Count == 0)
            {
                return document;
            }

            var first = block.Statements[0];
            var assignment = SyntaxFactory.ParseStatement(c + ".ErrorDescription = " + SyntaxFactory.Literal(message).ToString() + ";")
                .WithLeadingTrivia(first.GetLeadingTrivia())
                .WithTrailingTrivia(first.GetTrailingTrivia());
            var returns = SyntaxFactory.ParseStatement("return Task.CompletedTask;")
                .WithLeadingTrivia(first.GetLeadingTrivia())
                .WithTrailingTrivia(block.Statements.Last().GetTrailingTrivia());
            var newBlock = block.WithStatements(SyntaxFactory.List(new[] { assignment, returns }));
            SyntaxNode newFunction = function.ReplaceNode(block, newBlock);
            newFunction = newFunction switch
            {
                AnonymousFunctionExpressionSyntax lambda when !lambda.AsyncKeyword.IsKind(SyntaxKind.None) => RemoveAsync(lambda),
                MethodDeclarationSyntax method => method.WithModifiers(RemoveAsync(method.Modifiers)),
                LocalFunctionStatementSyntax local => local.WithModifiers(RemoveAsync(local.Modifiers)),
                _ => newFunction,
            };

            return document.WithSyntaxRoot(root.ReplaceNode(function, newFunction));
        }

        private static SyntaxNode RemoveAsync(AnonymousFunctionExpressionSyntax lambda)
        {
            var asyncKeyword = lambda.AsyncKeyword;
            var leading = asyncKeyword.LeadingTrivia;
            var stripped = lambda.WithAsyncKeyword(default);
            return stripped.WithLeadingTrivia(leading);
        }

        private static SyntaxTokenList RemoveAsync(SyntaxTokenList modifiers)
        {
            var index = modifiers.IndexOf(SyntaxKind.AsyncKeyword);
            if (index < 0)
            {
                return modifiers;
            }

            var asyncToken = modifiers[index];
            var result = modifiers.RemoveAt(index);
            if (index < result.Count)
            {
                result = result.Replace(result[index], result[index].WithLeadingTrivia(asyncToken.LeadingTrivia));
            }

            return result;
        }
    }
}
