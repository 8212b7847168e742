using System;
using System.Collections.Concurrent;
using System.Threading;

namespace AuthStatus.Analyzers.Configuration
{
    /// <summary>
    /// Answers about identifiers, kept per name: the same names are asked about all over a compilation, and splitting a
    /// name into words allocates. Bounded, because the default vocabularies live for the process.
    /// </summary>
    internal sealed class NameAnswers<TAnswer>
    {
        private const int MaxAnswers = 16384;

        private readonly ConcurrentDictionary<string, TAnswer> _answers = AnswerTables.Create<string, TAnswer>(StringComparer.Ordinal);

        // Counted here: ConcurrentDictionary.Count takes every one of the table's locks.
        private int _count;

        public TAnswer Get(string name, Func<string, TAnswer> compute)
        {
            if (_answers.TryGetValue(name, out var known))
            {
                return known;
            }

            known = compute(name);
            if (Volatile.Read(ref _count) < MaxAnswers && _answers.TryAdd(name, known))
            {
                Interlocked.Increment(ref _count);
            }

            return known;
        }
    }
}
