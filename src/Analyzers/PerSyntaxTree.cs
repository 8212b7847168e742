using System;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace AuthStatus.Analyzers
{
    /// <summary>
    /// A yes/no fact read from one syntax tree alone (its text, its syntax), kept as long as the tree lives. In the IDE a
    /// new compilation after an edit shares every unchanged tree with the one before, so the compilation-wide scans that
    /// ask through this read only the edited files again. A cancelled computation leaves nothing behind.
    /// </summary>
    internal sealed class PerSyntaxTree
    {
        private static readonly object Yes = new object();
        private static readonly object No = new object();

        private readonly ConditionalWeakTable<SyntaxTree, object> _facts = new ConditionalWeakTable<SyntaxTree, object>();
        private readonly Func<SyntaxTree, CancellationToken, bool> _read;

        public PerSyntaxTree(Func<SyntaxTree, CancellationToken, bool> read)
        {
            _read = read;
        }

        public bool Get(SyntaxTree tree, CancellationToken cancellationToken)
        {
            if (!_facts.TryGetValue(tree, out var fact))
            {
                var computed = _read(tree, cancellationToken) ? Yes : No;
                fact = _facts.GetValue(tree, _ => computed);
            }

            return ReferenceEquals(fact, Yes);
        }
    }
}
