using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace AuthStatus.Analyzers.Configuration
{
    /// <summary>
    /// A list of names (each a sequence of words) matched against the words of identifiers and routes.
    /// Built from defaults, an additive option and an exclude option; an entry matches a contiguous run of words,
    /// the last of which may carry a plural <c>s</c> (<c>tokens</c> matches <c>token</c>).
    /// </summary>
    internal sealed class NameVocabulary
    {
        private readonly ImmutableArray<ImmutableArray<string>> _entries;

        private NameVocabulary(ImmutableArray<ImmutableArray<string>> entries)
        {
            _entries = entries;
            _matchesWords = MatchesWords;
        }

        public ImmutableArray<ImmutableArray<string>> Entries => _entries;

        /// <summary>Builds the vocabulary; option values are lists separated by <c>|</c>, <c>,</c> or <c>;</c>. Garbage is ignored.</summary>
        public static NameVocabulary Create(IEnumerable<string> defaults, string? additional, string? excluded)
        {
            var excludedKeys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in ParseList(excluded))
            {
                excludedKeys.Add(string.Join(" ", entry));
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            var builder = ImmutableArray.CreateBuilder<ImmutableArray<string>>();
            foreach (var source in new[] { Words(defaults), ParseList(additional) })
            {
                foreach (var entry in source)
                {
                    var key = string.Join(" ", entry);
                    if (entry.Length > 0 && !excludedKeys.Contains(key) && seen.Add(key))
                    {
                        builder.Add(entry);
                    }
                }
            }

            return new NameVocabulary(builder.ToImmutable());
        }

        private readonly NameAnswers<bool> _answers = new NameAnswers<bool>();
        private readonly Func<string, bool> _matchesWords;

        /// <summary>True when the words of <paramref name="text"/> contain an entry.</summary>
        public bool Matches(string? text)
        {
            if (string.IsNullOrEmpty(text) || _entries.IsEmpty)
            {
                return false;
            }

            return _answers.Get(text!, _matchesWords);
        }

        private bool MatchesWords(string text)
        {
            var words = NameWords.Split(text);
            foreach (var entry in _entries)
            {
                for (var start = 0; start + entry.Length <= words.Count; start++)
                {
                    if (MatchesAt(words, start, entry))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>True when <paramref name="entry"/> matches the words from <paramref name="start"/> (the last word may carry a plural <c>s</c>).</summary>
        internal static bool MatchesAt(List<string> words, int start, ImmutableArray<string> entry)
        {
            for (var k = 0; k < entry.Length; k++)
            {
                var word = words[start + k];
                var expected = entry[k];
                if (word == expected)
                {
                    continue;
                }

                var isLast = k == entry.Length - 1;
                if (isLast && word.Length == expected.Length + 1 && word[word.Length - 1] == 's' && word.StartsWith(expected, StringComparison.Ordinal))
                {
                    continue;
                }

                return false;
            }

            return true;
        }

        private static IEnumerable<ImmutableArray<string>> Words(IEnumerable<string> names)
        {
            foreach (var name in names)
            {
                yield return NameWords.Split(name).ToImmutableArray();
            }
        }

        private static IEnumerable<ImmutableArray<string>> ParseList(string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                yield break;
            }

            foreach (var part in value!.Split(new[] { '|', ',', ';' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var words = NameWords.Split(part.Trim());
                if (words.Count > 0)
                {
                    yield return words.ToImmutableArray();
                }
            }
        }
    }
}
