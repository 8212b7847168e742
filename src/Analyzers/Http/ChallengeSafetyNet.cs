using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AuthStatus.Analyzers.Http
{
    /// <summary>
    /// Finds a global safety net in a compilation: a function (middleware, <c>OnStarting</c> callback, result filter) that
    /// tests for a 401 (<c>StatusCode == 401</c>, <c>is UnauthorizedResult</c>) and writes <c>WWW-Authenticate</c>.
    /// Such an app adds the challenge to every 401, so no single 401 producer lacks it.
    /// This reads syntax only (other files have no semantic model at hand), and only files that mention the header.
    /// </summary>
    internal static class ChallengeSafetyNet
    {
        /// <summary>
        /// Whether the compilation has a safety net: asked once per compilation, from the same reading of each file as the
        /// registrations, kept with the file's syntax tree (<see cref="CompilationTexts"/>); callers meanwhile wait.
        /// </summary>
        public static bool Exists(Compilation compilation, CancellationToken cancellationToken)
        {
            return CompilationTexts.For(compilation, cancellationToken).HasChallengeSafetyNet;
        }

        /// <summary>The file (<paramref name="text"/> is its text) holds a safety net.</summary>
        internal static bool ExistsIn(SyntaxTree tree, string text, CancellationToken cancellationToken)
        {
            // One vectorized search for "www" in any case finds the places that can mention the header: "WWWAuthenticate"
            // (the HeaderNames member) or "WWW-Authenticate" in any case (the literal). "w?w" is rare in code, so the search
            // runs at memory speed; only the tokens there are read, never a walk of the whole file.
            SyntaxNode? root = null;
            HashSet<SyntaxNode>? tested = null;
            for (var at = text.IndexOf("www", StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf("www", at + 3, StringComparison.OrdinalIgnoreCase))
            {
                if (!IsHeaderNameAt(text, at))
                {
                    continue;
                }

                root ??= tree.GetRoot(cancellationToken);
                var token = root.FindToken(at);
                if (!token.Span.Contains(at) || !ChallengeHeader.IsMention(token))
                {
                    continue;
                }

                var function = EnclosingFunction(token.Parent);
                if (function is not null && (tested ??= new HashSet<SyntaxNode>()).Add(function) && MayTestFor401(text, function) && TestsFor401(function))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>"WWW-Authenticate" (any case) or "WWWAuthenticate" starts at <paramref name="at"/>; not "www.example.com".</summary>
        private static bool IsHeaderNameAt(string text, int at)
        {
            var next = at + 3;
            if (next < text.Length && text[next] == '-')
            {
                next++;
            }

            return next + Authenticate.Length <= text.Length
                && string.Compare(text, next, Authenticate, 0, Authenticate.Length, StringComparison.OrdinalIgnoreCase) == 0;
        }

        private const string Authenticate = "authenticate";

        /// <summary>The function's text names a 401 in a form <see cref="TestsFor401"/> recognises; the syntax walk is skipped otherwise.</summary>
        private static bool MayTestFor401(string text, SyntaxNode function)
        {
            var span = function.Span;
            return text.IndexOf("401", span.Start, span.Length, StringComparison.Ordinal) >= 0
                || text.IndexOf("Unauthorized", span.Start, span.Length, StringComparison.Ordinal) >= 0
                || text.IndexOf("0x191", span.Start, span.Length, StringComparison.OrdinalIgnoreCase) >= 0;
        }

        private static SyntaxNode? EnclosingFunction(SyntaxNode? node)
        {
            for (var current = node; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case AnonymousFunctionExpressionSyntax:
                    case LocalFunctionStatementSyntax:
                    case BaseMethodDeclarationSyntax:
                    case AccessorDeclarationSyntax:
                        return current;
                }
            }

            return null;
        }

        /// <summary>A comparison or pattern that asks whether the response is a 401.</summary>
        private static bool TestsFor401(SyntaxNode function)
        {
            foreach (var node in function.DescendantNodes())
            {
                switch (node)
                {
                    case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.EqualsExpression) || binary.IsKind(SyntaxKind.NotEqualsExpression):
                        if (Is401(binary.Left) || Is401(binary.Right))
                        {
                            return true;
                        }

                        break;
                    case ConstantPatternSyntax constant when Is401(constant.Expression)
                        || (constant.Expression is TypeSyntax typeName && IsUnauthorizedResultName(typeName)):
                        // 'x is UnauthorizedResult or ...' parses as a constant pattern; the binder makes it a type.
                        return true;
                    case CaseSwitchLabelSyntax label when Is401(label.Value):
                        return true;
                    case TypeSyntax type when node.Parent is DeclarationPatternSyntax or TypePatternSyntax or RecursivePatternSyntax
                        || (node.Parent is BinaryExpressionSyntax isExpression && isExpression.IsKind(SyntaxKind.IsExpression)):
                        if (IsUnauthorizedResultName(type))
                        {
                            return true;
                        }

                        break;
                }
            }

            return false;
        }

        private static bool Is401(ExpressionSyntax expression)
        {
            while (expression is CastExpressionSyntax or ParenthesizedExpressionSyntax)
            {
                expression = expression is CastExpressionSyntax cast ? cast.Expression : ((ParenthesizedExpressionSyntax)expression).Expression;
            }

            switch (expression)
            {
                case LiteralExpressionSyntax literal:
                    return literal.Token.Value is int value && value == HttpStatusResolver.Unauthorized;
                case MemberAccessExpressionSyntax member:
                    var name = member.Name.Identifier.ValueText;
                    return name == "Status401Unauthorized"
                        || (name == "Unauthorized" && member.Expression is IdentifierNameSyntax { Identifier.ValueText: "HttpStatusCode" } or MemberAccessExpressionSyntax { Name.Identifier.ValueText: "HttpStatusCode" });
                case IdentifierNameSyntax identifier:
                    return identifier.Identifier.ValueText == "Status401Unauthorized";
                default:
                    return false;
            }
        }

        private static bool IsUnauthorizedResultName(TypeSyntax type)
        {
            var name = type switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
                _ => null,
            };
            return name is "UnauthorizedResult" or "UnauthorizedObjectResult" or "UnauthorizedHttpResult";
        }
    }
}
