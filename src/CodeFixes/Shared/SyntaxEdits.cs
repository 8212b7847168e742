using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

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

        /// <summary>Parses a statement; the listed <c>global::</c> type names get Simplifier and import annotations; formatted on insertion.</summary>
        public static StatementSyntax ParseStatement(string text, params string[] qualifiedTypeNames)
        {
            var statement = SyntaxFactory.ParseStatement(text);
            return AnnotateTypeNames(statement, qualifiedTypeNames).WithAdditionalAnnotations(Formatter.Annotation);
        }

        /// <summary>Marks each occurrence of the given <c>global::</c>-qualified type names to be simplified, adding a using.</summary>
        public static TNode AnnotateTypeNames<TNode>(TNode node, params string[] qualifiedTypeNames)
            where TNode : SyntaxNode
        {
            var targets = node.DescendantNodesAndSelf()
                .Where(n => n is QualifiedNameSyntax or MemberAccessExpressionSyntax && qualifiedTypeNames.Contains(n.ToString()))
                .ToList();
            return node.ReplaceNodes(targets, (_, rewritten) => rewritten.WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation));
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
                    var moved = newStatement.WithLeadingTrivia(leading).WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed);
                    var tracked = root.TrackNodes(statement);
                    var current = tracked.GetCurrentNode(statement)!;
                    var inserted = tracked.InsertNodesBefore(current, new[] { moved });
                    current = inserted.GetCurrentNode(statement)!;
                    return inserted.ReplaceNode(current, current.WithLeadingTrivia(indentation));
                case GlobalStatementSyntax:
                    return null;
                case StatementSyntax or ElseClauseSyntax or SwitchSectionSyntax:
                    var block = SyntaxFactory.Block(newStatement, statement.WithoutLeadingTrivia())
                        .WithLeadingTrivia(leading)
                        .WithTrailingTrivia(statement.GetTrailingTrivia())
                        .WithAdditionalAnnotations(Formatter.Annotation);
                    return root.ReplaceNode(statement, block);
                default:
                    return null;
            }
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
                .WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed)
                .WithAdditionalAnnotations(Formatter.Annotation);
            var index = 0;
            while (index < unit.Usings.Count
                && string.CompareOrdinal(unit.Usings[index].Name?.ToString(), namespaceName) < 0
                && unit.Usings[index].Alias is null
                && unit.Usings[index].StaticKeyword.IsKind(SyntaxKind.None)
                && unit.Usings[index].GlobalKeyword.IsKind(SyntaxKind.None))
            {
                index++;
            }

            return unit.WithUsings(unit.Usings.Insert(index, directive));
        }
    }
}
