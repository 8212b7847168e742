using System;
using System.Collections.Generic;
using System.Text;

namespace AuthStatus.Analyzers.Http
{
    /// <summary>
    /// Produces the well-formed form of a constant <c>WWW-Authenticate</c> value: quotes and escapes parameter values,
    /// adds the missing commas, removes the comma after a scheme and empty list elements, closes a quoted-string, and adds
    /// <c>realm</c> to Basic. Returns null unless the result parses without a problem.
    /// </summary>
    internal static class ChallengeFixer
    {
        public static string? TryFix(string text, ChallengeParseResult result, string basicRealm)
        {
            if (text.IndexOf(ChallengeParser.Hole) >= 0 || result.Problems.Count == 0)
            {
                return null;
            }

            var edits = new List<Edit>();
            foreach (var problem in result.Problems)
            {
                var edit = EditFor(text, result, problem, basicRealm);
                if (edit is null)
                {
                    return null;
                }

                edits.Add(edit.Value);
            }

            edits.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Length.CompareTo(b.Length));
            var builder = new StringBuilder(text.Length + 16);
            var position = 0;
            foreach (var edit in edits)
            {
                if (edit.Start < position)
                {
                    return null; // overlapping edits
                }

                builder.Append(text, position, edit.Start - position).Append(edit.Replacement);
                position = edit.Start + edit.Length;
            }

            builder.Append(text, position, text.Length - position);
            var fixedText = builder.ToString();
            return ChallengeParser.Parse(fixedText).Problems.Count == 0 ? fixedText : null;
        }

        private static Edit? EditFor(string text, ChallengeParseResult result, ChallengeProblem problem, string basicRealm)
        {
            switch (problem.Kind)
            {
                case ChallengeProblemKind.CommaAfterScheme:
                    return new Edit(problem.Start, SkipWhitespace(text, problem.Start + 1) - problem.Start, " ");
                case ChallengeProblemKind.MissingComma:
                    return IsWhitespace(text[problem.Start])
                        ? new Edit(problem.Start, problem.Length, ", ")
                        : new Edit(problem.Start + problem.Length, 0, ", ");
                case ChallengeProblemKind.EmptyElement:
                    if (SkipWhitespace(text, problem.Start + 1) >= text.Length)
                    {
                        var start = problem.Start;
                        while (start > 0 && (text[start - 1] == ' ' || text[start - 1] == '\t'))
                        {
                            start--;
                        }

                        return new Edit(start, text.Length - start, string.Empty);
                    }

                    var previous = problem.Start;
                    while (previous > 0 && IsWhitespace(text[previous - 1]))
                    {
                        previous--;
                    }

                    return previous == 0
                        ? new Edit(problem.Start, SkipWhitespace(text, problem.Start + 1) - problem.Start, string.Empty)
                        : new Edit(previous, problem.Start + 1 - previous, string.Empty);
                case ChallengeProblemKind.UnquotedValue:
                    return new Edit(problem.Start, problem.Length, ChallengeParser.Quote(text.Substring(problem.Start, problem.Length)));
                case ChallengeProblemKind.UnterminatedQuotedString:
                    var end = text.Length;
                    while (end > problem.Start + 1 && (text[end - 1] == ' ' || text[end - 1] == '\t'))
                    {
                        end--;
                    }

                    var backslashes = 0;
                    for (var i = end - 1; i > problem.Start && text[i] == '\\'; i--)
                    {
                        backslashes++;
                    }

                    return backslashes % 2 == 0 ? new Edit(end, text.Length - end, "\"") : null;
                case ChallengeProblemKind.BasicWithoutRealm:
                    foreach (var challenge in result.Challenges)
                    {
                        if (challenge.SchemeStart == problem.Start && challenge.Scheme is not null && !challenge.HasToken68)
                        {
                            var realm = " realm=" + ChallengeParser.Quote(basicRealm);
                            return new Edit(problem.Start + problem.Length, 0, challenge.Parameters.Count > 0 ? realm + "," : realm);
                        }
                    }

                    return null;
                default:
                    return null;
            }
        }

        private static bool IsWhitespace(char c) => c == ' ' || c == '\t';

        private static int SkipWhitespace(string text, int position)
        {
            while (position < text.Length && (text[position] == ' ' || text[position] == '\t'))
            {
                position++;
            }

            return position;
        }

        private readonly struct Edit
        {
            public Edit(int start, int length, string replacement)
            {
                Start = start;
                Length = length;
                Replacement = replacement;
            }

            public int Start { get; }

            public int Length { get; }

            public string Replacement { get; }
        }
    }
}
