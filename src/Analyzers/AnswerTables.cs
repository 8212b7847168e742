using System.Collections.Concurrent;
using System.Collections.Generic;

namespace AuthStatus.Analyzers
{
    /// <summary>
    /// The concurrent tables of answers the rules keep (per method, per name): filled by every analysis thread at
    /// first, read afterwards. The default table has one lock stripe per processor and grows from 31 buckets, taking every
    /// stripe each time it grows, so in the first milliseconds of a compilation the threads' adds wait for each other;
    /// more stripes and room for the first few hundred answers keep an add from waiting.
    /// </summary>
    internal static class AnswerTables
    {
        public static ConcurrentDictionary<TKey, TValue> Create<TKey, TValue>(IEqualityComparer<TKey> comparer)
            where TKey : notnull
            => new ConcurrentDictionary<TKey, TValue>(concurrencyLevel: 64, capacity: 509, comparer);
    }
}
