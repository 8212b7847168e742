using Microsoft.CodeAnalysis;

namespace AuthStatus.Analyzers
{
    /// <summary>The file an operation is in.</summary>
    internal static class OperationTrees
    {
        /// <summary>
        /// Read from the operation's semantic model (one field each), where a syntax node's <see cref="SyntaxNode.SyntaxTree"/>
        /// walks up its ancestors to the nearest one that knows the tree, the first time for each node. (The replays did not
        /// show the difference: reading the file's options after it costs more.)
        /// </summary>
        public static SyntaxTree Of(IOperation operation) => operation.SemanticModel?.SyntaxTree ?? operation.Syntax.SyntaxTree;
    }
}
