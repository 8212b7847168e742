using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AuthStatus.Analyzers.Http;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;

namespace AuthStatus.Analyzers.CodeFixes
{
    /// <summary>
    /// AUTH006: replaces the comparison with <c>CryptographicOperations.FixedTimeEquals</c> over SHA-256 digests of both
    /// values (fixed-size digests also hide the secret's length), negated for <c>!=</c>, with null checks where an operand can be null.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(Auth006FixedTimeEqualsCodeFix)), Shared]
    public sealed class Auth006FixedTimeEqualsCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "AUTH006_FixedTimeEquals";

        private const string Title = "Compare SHA-256 digests with CryptographicOperations.FixedTimeEquals";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticIds.SecretComparedInNonConstantTime);

        /// <summary>Fix All rewrites every comparison of a document in one pass and adds the usings once.</summary>
        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixDocumentAsync);

        private static async Task<Document?> FixDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
        {
            var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return null;
            }

            var replacements = new Dictionary<SyntaxNode, SyntaxNode>();
            foreach (var diagnostic in diagnostics)
            {
                if (Plan(root, model, diagnostic, context.CancellationToken) is { } plan && !replacements.ContainsKey(plan.Target))
                {
                    replacements.Add(plan.Target, plan.Replacement);
                }
            }

            if (replacements.Count == 0)
            {
                return document;
            }

            // Nested comparisons keep the outer replacement (its operands are the original syntax).
            var newRoot = root.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]);
            return await ImportAdder.AddImportsAsync(document.WithSyntaxRoot(newRoot), Simplifier.AddImportsAnnotation, cancellationToken: context.CancellationToken).ConfigureAwait(false);
        }

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                var plan = Plan(root, model, diagnostic, context.CancellationToken);
                if (plan is null)
                {
                    continue;
                }

                var (target, replacement) = plan.Value;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        Title,
                        ct => ImportAdder.AddImportsAsync(context.Document.WithSyntaxRoot(root.ReplaceNode(target, replacement)), Simplifier.AddImportsAnnotation, cancellationToken: ct),
                        EquivalenceKey),
                    diagnostic);
            }
        }

        private static (ExpressionSyntax Target, ExpressionSyntax Replacement)? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax node)
            {
                return null;
            }

            var operation = model.GetOperation(node, cancellationToken);
            var comparisons = new SecretComparisons(model.Compilation);
            Comparison comparison;
            switch (operation)
            {
                case IBinaryOperation binary when comparisons.TryGetComparison(binary, out comparison):
                    break;
                case IInvocationOperation invocation when comparisons.TryGetComparison(invocation, out comparison):
                    break;
                default:
                    return null;
            }

            if (!comparisons.IsOrdinal(comparison) || !HasCryptography(model.Compilation))
            {
                return null;
            }

            ExpressionSyntax target = node;
            bool negated;
            switch (comparison.Shape)
            {
                case ComparisonShape.Equality:
                case ComparisonShape.SequenceEqual:
                    negated = false;
                    break;
                case ComparisonShape.Inequality:
                    negated = true;
                    break;
                case ComparisonShape.Compare:
                    // string.Compare(a, b) == 0 / != 0: the whole test is replaced; an ordering use has no fix.
                    if (!TryGetZeroTest(node, out var zeroTest, out negated))
                    {
                        return null;
                    }

                    target = zeroTest;
                    break;
                default:
                    return null;
            }

            // An instance call already throws on a null receiver: only the other operands need a check.
            var receiverIsInstance = comparison.Operation is IInvocationOperation { Instance: not null, TargetMethod.IsStatic: false };
            var left = Digest(model, comparison.Left, needsNullCheck: !receiverIsInstance, cancellationToken, out var leftCheck);
            var right = Digest(model, comparison.Right, needsNullCheck: true, cancellationToken, out var rightCheck);
            if (left is null || right is null)
            {
                return null;
            }

            ExpressionSyntax result = SyntaxFactory.InvocationExpression(
                Qualified("System.Security.Cryptography.CryptographicOperations", "FixedTimeEquals"),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[] { SyntaxFactory.Argument(left), SyntaxFactory.Argument(right) })));
            if (negated)
            {
                result = SyntaxFactory.PrefixUnaryExpression(SyntaxKind.LogicalNotExpression, result);
            }

            var checks = new[] { leftCheck, rightCheck }.Where(c => c is not null).Select(c => c!).ToList();
            if (checks.Count > 0)
            {
                // a is not null && b is not null && Fixed(...)   /   a is null || b is null || !Fixed(...)
                var chain = SyntaxKind.LogicalAndExpression;
                if (negated)
                {
                    chain = SyntaxKind.LogicalOrExpression;
                }

                ExpressionSyntax combined = NullTest(checks[0], negated);
                for (var i = 1; i < checks.Count; i++)
                {
                    combined = SyntaxFactory.BinaryExpression(chain, combined, NullTest(checks[i], negated));
                }

                result = SyntaxFactory.BinaryExpression(chain, combined, result);
                if (target.Parent is ExpressionSyntax and not ParenthesizedExpressionSyntax)
                {
                    result = SyntaxFactory.ParenthesizedExpression(result);
                }
            }

            result = result.WithTriviaFrom(target).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation, Formatter.Annotation);
            return (target, result);
        }

        private static ExpressionSyntax NullTest(ExpressionSyntax operand, bool isNull)
        {
            PatternSyntax pattern = SyntaxFactory.ConstantPattern(SyntaxFactory.LiteralExpression(SyntaxKind.NullLiteralExpression));
            if (!isNull)
            {
                pattern = SyntaxFactory.UnaryPattern(SyntaxFactory.Token(SyntaxKind.NotKeyword), pattern);
            }

            return SyntaxFactory.IsPatternExpression(operand.WithoutTrivia(), pattern);
        }

        /// <summary><c>SHA256.HashData(Encoding.UTF8.GetBytes(x))</c> for text, <c>SHA256.HashData(x)</c> for bytes; null when there is no safe form.</summary>
        private static ExpressionSyntax? Digest(SemanticModel model, IOperation operand, bool needsNullCheck, CancellationToken cancellationToken, out ExpressionSyntax? nullCheck)
        {
            nullCheck = null;
            var value = Secrets.Unwrap(operand);
            if (value.Syntax is not ExpressionSyntax syntax || value.Type is not { } type)
            {
                return null;
            }

            syntax = syntax.WithoutTrivia();
            ExpressionSyntax bytes;
            if (type.SpecialType == SpecialType.System_String || type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Char })
            {
                bytes = GetBytes(syntax);
            }
            else if (type.Name == "StringValues")
            {
                // StringValues is a struct: ToString() is never null ("" when the header is missing).
                bytes = GetBytes(SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Parenthesize(syntax), SyntaxFactory.IdentifierName("ToString"))));
                needsNullCheck = false;
            }
            else if (type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte }
                || (type is INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", TypeArguments.Length: 1 } span && span.TypeArguments[0].SpecialType == SpecialType.System_Byte))
            {
                bytes = syntax;
                needsNullCheck &= type.IsReferenceType;
            }
            else
            {
                return null;
            }

            if (needsNullCheck && MayBeNull(model, syntax, value, cancellationToken))
            {
                if (!IsRepeatable(syntax))
                {
                    return null;
                }

                nullCheck = syntax;
            }

            return SyntaxFactory.InvocationExpression(
                Qualified("System.Security.Cryptography.SHA256", "HashData"),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(bytes))));
        }

        private static bool MayBeNull(SemanticModel model, ExpressionSyntax syntax, IOperation value, CancellationToken cancellationToken)
        {
            if (value.ConstantValue.HasValue || value.Type?.IsReferenceType != true)
            {
                return false;
            }

            var original = value.Syntax as ExpressionSyntax ?? syntax;
            var state = model.GetTypeInfo(original, cancellationToken).Nullability.FlowState;
            return state != NullableFlowState.NotNull;
        }

        /// <summary>Names, member accesses and constant-indexed element accesses: evaluating them twice is harmless.</summary>
        private static bool IsRepeatable(ExpressionSyntax syntax)
        {
            switch (syntax)
            {
                case IdentifierNameSyntax:
                case ThisExpressionSyntax:
                    return true;
                case MemberAccessExpressionSyntax member:
                    return IsRepeatable(member.Expression);
                case ElementAccessExpressionSyntax element:
                    return IsRepeatable(element.Expression) && element.ArgumentList.Arguments.All(a => a.Expression is LiteralExpressionSyntax);
                case ParenthesizedExpressionSyntax parenthesized:
                    return IsRepeatable(parenthesized.Expression);
                default:
                    return false;
            }
        }

        private static ExpressionSyntax GetBytes(ExpressionSyntax text)
        {
            return SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression,
                    Qualified("System.Text.Encoding", "UTF8"),
                    SyntaxFactory.IdentifierName("GetBytes")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(text))));
        }

        private static ExpressionSyntax Parenthesize(ExpressionSyntax syntax)
        {
            return syntax is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax or ParenthesizedExpressionSyntax
                ? syntax
                : SyntaxFactory.ParenthesizedExpression(syntax);
        }

        private static ExpressionSyntax Qualified(string typeName, string member)
        {
            return SyntaxFactory.MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression,
                SyntaxFactory.ParseTypeName(typeName).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation),
                SyntaxFactory.IdentifierName(member)).WithAdditionalAnnotations(Simplifier.Annotation);
        }

        private static bool TryGetZeroTest(ExpressionSyntax compare, out ExpressionSyntax test, out bool negated)
        {
            test = compare;
            negated = false;
            var parent = compare.Parent;
            while (parent is ParenthesizedExpressionSyntax)
            {
                parent = parent.Parent;
            }

            if (parent is not BinaryExpressionSyntax binary || !(binary.IsKind(SyntaxKind.EqualsExpression) || binary.IsKind(SyntaxKind.NotEqualsExpression)))
            {
                return false;
            }

            var other = binary.Left.Span.Contains(compare.Span) ? binary.Right : binary.Left;
            if (other is not LiteralExpressionSyntax { Token.ValueText: "0" })
            {
                return false;
            }

            test = binary;
            negated = binary.IsKind(SyntaxKind.NotEqualsExpression);
            return true;
        }

        private static bool HasCryptography(Compilation compilation)
        {
            var sha256 = compilation.GetTypeByMetadataName("System.Security.Cryptography.SHA256");
            return compilation.GetTypeByMetadataName("System.Security.Cryptography.CryptographicOperations") is not null
                && compilation.GetTypeByMetadataName("System.Text.Encoding") is not null
                && sha256 is not null
                && !sha256.GetMembers("HashData").IsEmpty;
        }
    }
}
