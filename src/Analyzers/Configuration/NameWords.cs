using System.Collections.Generic;

namespace AuthStatus.Analyzers.Configuration
{
    /// <summary>Splits identifiers and route templates into lower-case words: <c>RefreshTokenAsync</c> -> refresh, token, async.</summary>
    internal static class NameWords
    {
        public static List<string> Split(string text)
        {
            var words = new List<string>();
            var start = -1;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (!char.IsLetter(c))
                {
                    Flush(text, ref start, i, words);
                    continue;
                }

                if (start < 0)
                {
                    start = i;
                    continue;
                }

                var previous = text[i - 1];
                var boundary = char.IsUpper(c)
                    && (char.IsLower(previous) || (i + 1 < text.Length && char.IsLower(text[i + 1]) && char.IsUpper(previous)));
                if (boundary)
                {
                    Flush(text, ref start, i, words);
                    start = i;
                }
            }

            Flush(text, ref start, text.Length, words);
            return words;
        }

        private static void Flush(string text, ref int start, int end, List<string> words)
        {
            if (start >= 0 && end > start)
            {
                words.Add(text.Substring(start, end - start).ToLowerInvariant());
            }

            start = -1;
        }
    }
}
