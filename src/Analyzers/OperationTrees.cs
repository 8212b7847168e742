using Microsoft.CodeAnalysis;

namespace AuthStatus.Analyzers
{
    /// <summary>The file an operation is in.</summary>
    internal static class OperationTrees
    {
        /// <summary>
        /// Read from the operation's semantic model (one field each). A syntax node's <see cref="SyntaxNode.SyntaxTree"/>
        /// walks up its ancestors to the nearest one that knows the tree, the first time for each node, and marks each on the
        /// way: in replays of the benchmark that walk made reading a comparison's file cost more than judging the comparison.
        /// </summary>
        public static SyntaxTree Of(IOperation operation) => operation.SemanticModel?.SyntaxTree ?? operation.Syntax.SyntaxTree;
    }
}
