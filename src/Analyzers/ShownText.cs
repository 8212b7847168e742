using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AuthStatus.Analyzers
{
    /// <summary>The code a diagnostic message quotes: a node's text, cut to 60 characters.</summary>
    internal static class ShownText
    {
        private const int Max = 60;

        /// <summary>
        /// The node's text, or its first 57 characters and "..." when longer. Only the characters shown are read: a node's
        /// text is as long as its span, and a long one would be built whole only to be cut.
        /// </summary>
        public static string Of(SyntaxNode node)
        {
            var span = node.Span;
            return span.Length <= Max ? node.ToString() : node.SyntaxTree.GetText().ToString(new TextSpan(span.Start, Max - 3)) + "...";
        }

        /// <summary><paramref name="text"/>, cut the same way.</summary>
        public static string Of(string text) => text.Length <= Max ? text : text.Substring(0, Max - 3) + "...";
    }
}
