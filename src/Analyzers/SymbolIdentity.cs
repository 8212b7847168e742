using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace AuthStatus.Analyzers
{
    /// <summary>
    /// Compares symbols by reference, for the caches the rules keep per compilation. A compilation hands out one symbol
    /// object per declared symbol, so this finds what <see cref="SymbolEqualityComparer"/> finds at a fraction of the
    /// cost (its hash walks the symbol's names and containers); two objects for one constructed type only cost a second
    /// computation, never a wrong answer.
    /// </summary>
    internal sealed class SymbolIdentity : IEqualityComparer<ISymbol>
    {
        public static readonly SymbolIdentity Instance = new SymbolIdentity();

        public bool Equals(ISymbol? x, ISymbol? y) => ReferenceEquals(x, y);

        public int GetHashCode(ISymbol obj) => RuntimeHelpers.GetHashCode(obj);
    }
}
