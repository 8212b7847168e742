using System;
using AuthStatus.Analyzers.AspNetCore;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AuthStatus.Analyzers.Http
{
    /// <summary>Recognises writes of the <c>WWW-Authenticate</c> response header, by symbol.</summary>
    internal static class ChallengeHeader
    {
        public const string Name = "WWW-Authenticate";
        public const string MemberName = "WWWAuthenticate";

        /// <summary>
        /// True for a write of WWW-Authenticate: the <c>IHeaderDictionary.WWWAuthenticate</c> property, the indexer, or
        /// <c>Append</c>/<c>Add</c>/<c>TryAdd</c>/<c>AppendCommaSeparatedValues</c>/<c>SetCommaSeparatedValues</c> with the header's name.
        /// </summary>
        public static bool IsWrite(IOperation operation, AspNetCoreSymbols symbols)
        {
            switch (operation)
            {
                case IAssignmentOperation assignment:
                    return IsHeaderTarget(assignment.Target, symbols);
                case IInvocationOperation invocation:
                    return IsWriteCall(invocation);
                default:
                    return false;
            }
        }

        /// <summary>True when the expression names the header: <c>HeaderNames.WWWAuthenticate</c>, <c>HttpKnownHeaderNames.WWWAuthenticate</c> or the literal in any case.</summary>
        public static bool IsHeaderName(IOperation? operation)
        {
            if (operation is null)
            {
                return false;
            }

            operation = HttpStatusResolver.Unwrap(operation);
            if (operation.ConstantValue.HasValue)
            {
                return operation.ConstantValue.Value is string text && string.Equals(text.Trim(), Name, StringComparison.OrdinalIgnoreCase);
            }

            // HeaderNames.WWWAuthenticate is a const in some versions and static readonly in others.
            ISymbol? member = operation switch
            {
                IFieldReferenceOperation field => field.Field,
                IPropertyReferenceOperation property => property.Property,
                _ => null,
            };

            return member is { Name: MemberName, IsStatic: true }
                && member.ContainingType is { Name: "HeaderNames" or "HttpKnownHeaderNames" };
        }

        /// <summary>True when the subtree (a method body, a lambda) writes the header anywhere, nested callbacks such as <c>OnStarting</c> included.</summary>
        public static bool IsWrittenIn(IOperation root, AspNetCoreSymbols symbols)
        {
            foreach (var descendant in root.DescendantsAndSelf())
            {
                if (descendant.Kind is OperationKind.Invocation or OperationKind.SimpleAssignment && IsWrite(descendant, symbols))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Syntax-only test used where no semantic model is at hand (a helper's body, other files): a mention of
        /// <c>WWWAuthenticate</c> or of the literal header name.
        /// </summary>
        public static bool IsMentionedIn(SyntaxNode node)
        {
            foreach (var token in node.DescendantTokens())
            {
                if (IsMention(token))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A token that names the header: the identifier <c>WWWAuthenticate</c> or a string literal equal to the name.</summary>
        public static bool IsMention(SyntaxToken token)
        {
            switch (token.Kind())
            {
                case SyntaxKind.IdentifierToken:
                    return token.ValueText == MemberName;
                case SyntaxKind.StringLiteralToken:
                    return string.Equals(token.ValueText.Trim(), Name, StringComparison.OrdinalIgnoreCase);
                default:
                    return false;
            }
        }

        private static bool IsHeaderTarget(IOperation target, AspNetCoreSymbols symbols)
        {
            if (target is not IPropertyReferenceOperation property)
            {
                return false;
            }

            if (property.Property.IsIndexer)
            {
                return property.Arguments.Length == 1 && IsHeaderName(property.Arguments[0].Value) && IsHeaderCollection(property.Instance?.Type, symbols);
            }

            return property.Property.Name == MemberName && IsHeaderCollection(property.Property.ContainingType, symbols);
        }

        private static bool IsWriteCall(IInvocationOperation invocation)
        {
            switch (invocation.TargetMethod.Name)
            {
                case "Append":
                case "Add":
                case "TryAdd":
                case "AppendCommaSeparatedValues":
                case "SetCommaSeparatedValues":
                case "AppendList":
                    break;
                default:
                    return false;
            }

            // A write names the header and gives a value: a one-argument Add (a list's, a collection's) is none, and its
            // parameter is not read.
            if (invocation.Arguments.Length < 2)
            {
                return false;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == "key" || argument.Parameter?.Name == "name")
                {
                    return IsHeaderName(argument.Value);
                }
            }

            return false;
        }

        private static bool IsHeaderCollection(ITypeSymbol? type, AspNetCoreSymbols symbols)
        {
            var headers = symbols.HeaderDictionary;
            if (type is null || headers is null)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(type, headers))
            {
                return true;
            }

            return Interfaces.Implements(type, headers);
        }
    }
}
