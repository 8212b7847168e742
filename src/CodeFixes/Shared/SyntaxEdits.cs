using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace AuthStatus.Analyzers.CodeFixes.Shared
{
    /// <summary>Syntax edits shared by the fixes: statement insertion, usings, qualified names that simplify.</summary>
    internal static class SyntaxEdits
    {
        /// <summary>
        /// Finds the statement that runs <paramref name="expression"/> unconditionally (directly, awaited, assigned, returned,
        /// or as the body of an expression-bodied lambda or member). Null when the expression runs only on some paths
        /// (a branch of <c>?:</c>, a switch arm, a lambda inside), where a statement placed before it would run on all paths.
        /// </summary>
        public static SyntaxNode? UnconditionalHost(SyntaxNode expression)
        {
            SyntaxNode current = expression;
            while (current.Parent is { } parent)
            {
                switch (parent)
                {
                    case StatementSyntax:
                        return parent;
                    case ArrowExpressionClauseSyntax:
                        return parent;
                    case LambdaExpressionSyntax lambda when lambda.ExpressionBody == current:
                        return parent;
                    case ParenthesizedExpressionSyntax:
                    case CastExpressionSyntax:
                    case AwaitExpressionSyntax:
                    case EqualsValueClauseSyntax:
                    case VariableDeclaratorSyntax:
                    case VariableDeclarationSyntax:
                        current = parent;
                        continue;
                    case AssignmentExpressionSyntax assignment when assignment.Right == current || assignment == expression:
                        current = parent;
                        continue;
                    default:
                        return null;
                }
            }

            return null;
        }

        /// <summary>Parses a statement to be inserted and formatted.</summary>
        public static StatementSyntax ParseStatement(string text)
        {
            return SyntaxFactory.ParseStatement(text)
                .WithTrailingTrivia(SyntaxFactory.ElasticLineFeed)
                .WithAdditionalAnnotations(Formatter.Annotation);
        }

        /// <summary>Inserts <paramref name="newStatement"/> before <paramref name="statement"/>, wrapping an embedded statement in a block.</summary>
        public static SyntaxNode? InsertBefore(SyntaxNode root, StatementSyntax statement, StatementSyntax newStatement)
        {
            var leading = statement.GetLeadingTrivia();
            var indentation = SyntaxFactory.TriviaList(leading.Reverse().TakeWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).Reverse());
            switch (statement.Parent)
            {
                case BlockSyntax:
                case SwitchSectionSyntax:
                    var moved = newStatement.WithLeadingTrivia(leading).WithTrailingTrivia(statement.GetTrailingTrivia());
                    var tracked = root.TrackNodes(statement);
                    var current = tracked.GetCurrentNode(statement)!;
                    var inserted = tracked.InsertNodesBefore(current, new[] { moved });
                    current = inserted.GetCurrentNode(statement)!;
                    return inserted.ReplaceNode(current, current.WithLeadingTrivia(indentation));
                case GlobalStatementSyntax:
                    return null;
                case StatementSyntax or ElseClauseSyntax or SwitchSectionSyntax:
                    var block = SyntaxFactory.Block(newStatement, statement.WithLeadingTrivia(SyntaxFactory.ElasticMarker).WithTrailingTrivia(SyntaxFactory.ElasticLineFeed))
                        .WithLeadingTrivia(leading)
                        .WithTrailingTrivia(statement.GetTrailingTrivia())
                        .WithAdditionalAnnotations(Formatter.Annotation);
                    return root.ReplaceNode(statement, block);
                default:
                    return null;
            }
        }

        /// <summary>System namespaces first, then ordinal, as the .NET conventions sort usings.</summary>
        private static string SortKey(string namespaceName) =>
            (namespaceName == "System" || namespaceName.StartsWith("System.", System.StringComparison.Ordinal) ? "0" : "1") + namespaceName;

        /// <summary>Adds each <c>using</c> whose probe type is not already in scope at <paramref name="position"/>.</summary>
        public static SyntaxNode EnsureUsings(SyntaxNode root, SemanticModel model, int position, (string Namespace, string ProbeType)[] usings)
        {
            foreach (var (namespaceName, probeType) in usings)
            {
                root = EnsureUsing(root, model, position, namespaceName, probeType);
            }

            return root;
        }

        /// <summary>Adds <c>using <paramref name="namespaceName"/>;</c> when no using (local or global) brings it in at <paramref name="position"/>.</summary>
        public static SyntaxNode EnsureUsing(SyntaxNode root, SemanticModel model, int position, string namespaceName, string probeTypeName)
        {
            if (!model.LookupNamespacesAndTypes(position, name: probeTypeName).IsEmpty || root is not CompilationUnitSyntax unit)
            {
                return root;
            }

            if (unit.Usings.Any(u => u.Name?.ToString() == namespaceName && u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None)))
            {
                return root;
            }

            var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(namespaceName))
                .WithTrailingTrivia(SyntaxFactory.ElasticLineFeed)
                .WithAdditionalAnnotations(Formatter.Annotation);
            var key = SortKey(namespaceName);
            var index = 0;
            while (index < unit.Usings.Count
                && (unit.Usings[index].Alias is not null
                    || !unit.Usings[index].StaticKeyword.IsKind(SyntaxKind.None)
                    || !unit.Usings[index].GlobalKeyword.IsKind(SyntaxKind.None)
                    || string.CompareOrdinal(SortKey(unit.Usings[index].Name?.ToString() ?? string.Empty), key) < 0))
            {
                index++;
            }

            if (index < unit.Usings.Count && index == 0)
            {
                // Keep a file header comment on top: it belongs to the first directive's leading trivia.
                var first = unit.Usings[0];
                directive = directive.WithLeadingTrivia(first.GetLeadingTrivia());
                unit = unit.ReplaceNode(first, first.WithoutLeadingTrivia());
            }

            return unit.WithUsings(unit.Usings.Insert(index, directive));
        }
    }
}
