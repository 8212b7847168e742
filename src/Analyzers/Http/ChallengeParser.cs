using System;
using System.Collections.Generic;
using System.Text;

namespace AuthStatus.Analyzers.Http
{
    /// <summary>What is wrong with a part of a <c>WWW-Authenticate</c> value.</summary>
    internal enum ChallengeProblemKind
    {
        /// <summary>The value is empty: a challenge needs at least an auth-scheme (RFC 9110 §11.6.1).</summary>
        Empty,

        /// <summary>The value starts with an auth-param (<c>error="invalid_token"</c>) instead of an auth-scheme.</summary>
        MissingScheme,

        /// <summary><c>Bearer, error=...</c>: the parameters follow the scheme after a space, not a comma.</summary>
        CommaAfterScheme,

        /// <summary>Two auth-params (or challenges) without the comma that separates list elements.</summary>
        MissingComma,

        /// <summary>A parameter value with spaces, commas, quotes or other delimiters that is not a quoted-string.</summary>
        UnquotedValue,

        /// <summary>A quoted-string without its closing quote.</summary>
        UnterminatedQuotedString,

        /// <summary>An interpolation hole inside a quoted-string whose value is not escaped.</summary>
        UnescapedHole,

        /// <summary>An interpolation hole used as a free-text parameter value (realm, scope, error_description, error_uri) outside quotes.</summary>
        UnquotedHole,

        /// <summary><c>name=</c> with no value.</summary>
        MissingValue,

        /// <summary>A character that the grammar does not allow at this place (control characters, delimiters).</summary>
        InvalidCharacter,

        /// <summary>An empty list element (a doubled or trailing comma, RFC 9110 §5.6.1).</summary>
        EmptyElement,

        /// <summary>The same auth-param twice in one challenge (RFC 9110 §11.2).</summary>
        DuplicateParameter,

        /// <summary>A Bearer <c>error</c> that is not one of RFC 6750 §3.1's codes.</summary>
        InvalidBearerError,

        /// <summary>A Bearer parameter value with characters outside RFC 6750 §3's set.</summary>
        InvalidBearerCharacters,

        /// <summary>A Bearer challenge with a token68 instead of auth-params (RFC 6750 §3).</summary>
        BearerToken68,

        /// <summary>A Basic challenge without <c>realm</c> (RFC 7617 §2).</summary>
        BasicWithoutRealm,

        /// <summary>A Basic <c>charset</c> other than <c>UTF-8</c> (RFC 7617 §2.1).</summary>
        BasicCharset,

        /// <summary>A header value that continues the previous value's challenge (set by the caller for multi-value writes).</summary>
        SplitChallenge,
    }

    /// <summary>One problem of a parsed value, with its position in the value (holes count as one character).</summary>
    internal readonly struct ChallengeProblem
    {
        public ChallengeProblem(ChallengeProblemKind kind, int start, int length, string message)
        {
            Kind = kind;
            Start = start;
            Length = length;
            Message = message;
        }

        public ChallengeProblemKind Kind { get; }

        public int Start { get; }

        public int Length { get; }

        public string Message { get; }

        public override string ToString() => Kind + "@" + Start + "+" + Length;
    }

    /// <summary>How an interpolation hole's value behaves in a header value.</summary>
    internal enum ChallengeHoleKind
    {
        /// <summary>Any text: inside a quoted-string it may carry quotes or backslashes.</summary>
        Opaque,

        /// <summary>Text known to carry neither <c>"</c> nor <c>\</c> (escaped or encoded).</summary>
        Escaped,

        /// <summary>A value that is always a token (numbers, enums, Guids, booleans).</summary>
        Token,
    }

    /// <summary>An auth-param of a parsed challenge.</summary>
    internal sealed class ChallengeParameter
    {
        public ChallengeParameter(string name, int nameStart, int nameLength)
        {
            Name = name;
            NameStart = nameStart;
            NameLength = nameLength;
        }

        public string Name { get; }

        public int NameStart { get; }

        public int NameLength { get; }

        /// <summary>The value, unescaped (holes appear as <see cref="ChallengeParser.Hole"/>).</summary>
        public string Value { get; set; } = string.Empty;

        /// <summary>Start of the value in the text (the opening quote for a quoted-string).</summary>
        public int ValueStart { get; set; }

        public int ValueLength { get; set; }

        public bool Quoted { get; set; }

        public bool HasHole { get; set; }
    }

    /// <summary>A parsed challenge: its scheme (null when the scheme is missing or a hole) and its parameters.</summary>
    internal sealed class ParsedChallenge
    {
        public ParsedChallenge(string? scheme, int schemeStart, int schemeLength)
        {
            Scheme = scheme;
            SchemeStart = schemeStart;
            SchemeLength = schemeLength;
        }

        public string? Scheme { get; }

        public int SchemeStart { get; }

        public int SchemeLength { get; }

        public bool HasToken68 { get; set; }

        /// <summary>A hole or unparsable part may contribute parameters we cannot see.</summary>
        public bool HasOpaquePart { get; set; }

        public List<ChallengeParameter> Parameters { get; } = new List<ChallengeParameter>();

        public bool Is(string scheme) => string.Equals(Scheme, scheme, StringComparison.OrdinalIgnoreCase);

        public ChallengeParameter? Find(string name)
        {
            foreach (var parameter in Parameters)
            {
                if (string.Equals(parameter.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return parameter;
                }
            }

            return null;
        }
    }

    /// <summary>The result of <see cref="ChallengeParser.Parse(string, IReadOnlyList{ChallengeHoleKind})"/>.</summary>
    internal sealed class ChallengeParseResult
    {
        public List<ParsedChallenge> Challenges { get; } = new List<ParsedChallenge>();

        public List<ChallengeProblem> Problems { get; } = new List<ChallengeProblem>();

        /// <summary>True when the value starts with an auth-param rather than a scheme (a continuation of another value).</summary>
        public bool StartsWithParameter { get; set; }

        /// <summary>True when the whole value is one hole (nothing can be said about it).</summary>
        public bool IsOpaque { get; set; }
    }

    /// <summary>
    /// Parses <c>WWW-Authenticate</c> field values with the grammar of RFC 9110 §11.6.1 and §11.2
    /// (<c>challenge = auth-scheme [ 1*SP ( token68 / #auth-param ) ]</c>,
    /// <c>auth-param = token BWS "=" BWS ( token / quoted-string )</c>, comma-separated lists of challenges), plus the
    /// Bearer parameters of RFC 6750 §3 and Basic's <c>realm</c> of RFC 7617. Interpolation holes are given as
    /// <see cref="Hole"/> characters with a <see cref="ChallengeHoleKind"/> each (in order). Never throws.
    /// </summary>
    internal static class ChallengeParser
    {
        /// <summary>The character that stands for an interpolation hole in the parsed text.</summary>
        public const char Hole = '\uFFFF';

        private static readonly string[] BearerErrors = { "invalid_request", "invalid_token", "insufficient_scope" };

        /// <summary>Parses a value without holes.</summary>
        public static ChallengeParseResult Parse(string text) => Parse(text, Array.Empty<ChallengeHoleKind>());

        /// <summary>Parses a value whose holes (<see cref="Hole"/>) have the given kinds, in order.</summary>
        public static ChallengeParseResult Parse(string text, IReadOnlyList<ChallengeHoleKind> holes)
        {
            var parser = new Parser(text ?? string.Empty, holes ?? Array.Empty<ChallengeHoleKind>());
            try
            {
                parser.Run();
            }
            catch (IndexOutOfRangeException)
            {
                // Defensive: a parser bug must never surface as AD0001. Report what was found so far.
            }
            catch (ArgumentOutOfRangeException)
            {
            }

            return parser.Result;
        }

        /// <summary>True for tchar (RFC 9110 §5.6.2).</summary>
        public static bool IsTokenChar(char c)
        {
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')
            {
                return true;
            }

            switch (c)
            {
                case '!':
                case '#':
                case '$':
                case '%':
                case '&':
                case '\'':
                case '*':
                case '+':
                case '-':
                case '.':
                case '^':
                case '_':
                case '`':
                case '|':
                case '~':
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>True when <paramref name="text"/> is a non-empty token.</summary>
        public static bool IsToken(string text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return false;
            }

            foreach (var c in text)
            {
                if (!IsTokenChar(c))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Quotes a value as a quoted-string, escaping <c>"</c> and <c>\</c>.</summary>
        public static string Quote(string value)
        {
            var builder = new StringBuilder(value.Length + 2);
            builder.Append('"');
            foreach (var c in value)
            {
                if (c == '"' || c == '\\')
                {
                    builder.Append('\\');
                }

                builder.Append(c);
            }

            return builder.Append('"').ToString();
        }

        private static bool IsToken68Char(char c) =>
            c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';

        private static bool IsWhitespace(char c) => c == ' ' || c == '\t';

        /// <summary>qdtext and the characters a quoted-pair may escape: HTAB, SP, VCHAR, obs-text.</summary>
        private static bool IsQuotedTextChar(char c) => c == '\t' || c >= ' ' && c != '\u007f';

        private sealed class Parser
        {
            private readonly string _text;
            private readonly ChallengeHoleKind[] _holeAt;
            private readonly bool[] _isHole;
            private int _pos;
            private ParsedChallenge? _current;
            private int _depth;

            public Parser(string text, IReadOnlyList<ChallengeHoleKind> holes)
            {
                _text = text;
                _holeAt = new ChallengeHoleKind[text.Length];
                _isHole = new bool[text.Length];
                var index = 0;
                for (var i = 0; i < text.Length; i++)
                {
                    if (text[i] == Hole)
                    {
                        _isHole[i] = true;
                        _holeAt[i] = index < holes.Count ? holes[index] : ChallengeHoleKind.Opaque;
                        index++;
                    }
                }
            }

            public ChallengeParseResult Result { get; } = new ChallengeParseResult();

            private bool AtEnd => _pos >= _text.Length;

            private char Current => _text[_pos];

            public void Run()
            {
                var trimmed = _text.Trim(' ', '\t');
                if (trimmed.Length == 0)
                {
                    Add(ChallengeProblemKind.Empty, 0, _text.Length, "the value is empty; a challenge starts with an auth-scheme such as Bearer (RFC 9110 §11.6.1)");
                    return;
                }

                if (trimmed.Length == 1 && trimmed[0] == Hole)
                {
                    Result.IsOpaque = true;
                    return;
                }

                SkipWhitespace();
                var first = true;
                while (!AtEnd)
                {
                    ParseElement(first);
                    first = false;
                    SkipWhitespace();
                    if (AtEnd)
                    {
                        break;
                    }

                    if (Current == ',')
                    {
                        var comma = _pos;
                        _pos++;
                        SkipWhitespace();
                        if (AtEnd)
                        {
                            Add(ChallengeProblemKind.EmptyElement, comma, 1, "a trailing comma makes an empty list element, which senders must not generate (RFC 9110 §5.6.1); remove it");
                        }

                        continue;
                    }

                    // ParseElement stops at a comma, the end, or after recovering; anything else is unexpected here.
                    var start = _pos;
                    SkipToComma();
                    Add(ChallengeProblemKind.InvalidCharacter, start, Math.Max(1, TrimEnd(_pos) - start), "unexpected text; list elements are separated by commas (RFC 9110 §11.6.1)");
                }

                Close();
            }

            private void ParseElement(bool first)
            {
                if (++_depth > 64)
                {
                    // Dozens of elements without commas: stop reading, the problems found so far are enough.
                    _pos = _text.Length;
                    return;
                }

                try
                {
                    ParseElementCore(first);
                }
                finally
                {
                    _depth--;
                }
            }

            private void ParseElementCore(bool first)
            {
                while (!AtEnd && Current == ',')
                {
                    Add(ChallengeProblemKind.EmptyElement, _pos, 1, "an empty list element (a comma with nothing before it), which senders must not generate (RFC 9110 §5.6.1); remove it");
                    _pos++;
                    SkipWhitespace();
                }

                if (AtEnd)
                {
                    return;
                }

                var tokenStart = _pos;
                var token = ReadToken();
                if (token.Length == 0 && Current < ' ' && Current != '\t')
                {
                    Add(ChallengeProblemKind.InvalidCharacter, _pos, 1, "a header value cannot contain control characters such as line breaks (RFC 9110 §5.5); servers reject or strip them: remove it");
                    _pos++;
                    SkipWhitespace();
                    if (!AtEnd && Current != ',')
                    {
                        ParseElement(first);
                    }

                    return;
                }

                if (token.Length == 0)
                {
                    var start = _pos;
                    SkipToComma();
                    Add(ChallengeProblemKind.InvalidCharacter, start, Math.Max(1, TrimEnd(_pos) - start), first
                        ? "the value must start with an auth-scheme token such as Bearer (RFC 9110 §11.6.1)"
                        : "expected an auth-scheme or an auth-param (RFC 9110 §11.6.1)");
                    if (_current is not null)
                    {
                        _current.HasOpaquePart = true;
                    }

                    return;
                }

                var afterToken = _pos;
                var afterSpace = SkipWhitespaceFrom(afterToken);
                if (afterSpace < _text.Length && _text[afterSpace] == '=')
                {
                    if (_current is null)
                    {
                        if (first)
                        {
                            Result.StartsWithParameter = true;
                        }

                        Add(ChallengeProblemKind.MissingScheme, tokenStart, afterToken - tokenStart, "the value starts with the parameter '" + token + "' but a challenge starts with an auth-scheme such as Bearer (RFC 9110 §11.6.1)");
                        _current = new ParsedChallenge(null, tokenStart, 0) { HasOpaquePart = true };
                        Result.Challenges.Add(_current);
                    }

                    _pos = afterSpace + 1;
                    ParseParameter(token, tokenStart, afterToken - tokenStart);
                    return;
                }

                // A new challenge: auth-scheme [ 1*SP ( token68 / #auth-param ) ].
                Close();
                var schemeIsHole = token.IndexOf(Hole) >= 0;
                _current = new ParsedChallenge(schemeIsHole ? null : token, tokenStart, afterToken - tokenStart) { HasOpaquePart = schemeIsHole };
                Result.Challenges.Add(_current);
                if (afterSpace >= _text.Length)
                {
                    _pos = afterSpace;
                    return;
                }

                if (_text[afterSpace] == ',')
                {
                    // "Bearer, error=..." : the comma ends the challenge, and the parameters after it belong to no scheme.
                    var next = SkipWhitespaceFrom(afterSpace + 1);
                    if (StartsParameter(next))
                    {
                        Add(ChallengeProblemKind.CommaAfterScheme, afterSpace, 1, "a comma right after the auth-scheme '" + token + "' ends the challenge; parameters follow the scheme after a space (RFC 9110 §11.6.1): remove the comma");
                        _pos = next;
                        while (!AtEnd)
                        {
                            // The parameters that follow are read as this challenge's.
                            var nameStart = _pos;
                            var name = ReadToken();
                            var eq = SkipWhitespaceFrom(_pos);
                            if (name.Length == 0 || eq >= _text.Length || _text[eq] != '=')
                            {
                                _pos = nameStart;
                                return;
                            }

                            _pos = eq + 1;
                            ParseParameter(name, nameStart, name.Length);
                            SkipWhitespace();
                            if (AtEnd || Current != ',' || !StartsParameter(SkipWhitespaceFrom(_pos + 1)))
                            {
                                return;
                            }

                            _pos = SkipWhitespaceFrom(_pos + 1);
                        }

                        return;
                    }

                    _pos = afterSpace;
                    return;
                }

                if (afterSpace == afterToken)
                {
                    // Something glued to the scheme: Bearer"x", Bearer(x).
                    var start = afterToken;
                    SkipToComma();
                    Add(ChallengeProblemKind.InvalidCharacter, start, Math.Max(1, TrimEnd(_pos) - start), "the auth-scheme '" + token + "' must be followed by a space before its parameters (RFC 9110 §11.6.1)");
                    _current.HasOpaquePart = true;
                    return;
                }

                _pos = afterSpace;
                if (TryReadToken68())
                {
                    return;
                }

                if (StartsParameter(_pos))
                {
                    ParseElement(first: false); // the first auth-param
                    return;
                }

                var junk = _pos;
                SkipToComma();
                Add(ChallengeProblemKind.InvalidCharacter, junk, Math.Max(1, TrimEnd(_pos) - junk), "expected name=value parameters or a token68 after the auth-scheme '" + token + "' (RFC 9110 §11.6.1)");
                _current.HasOpaquePart = true;
            }

            /// <summary>Reads the value of an auth-param; <see cref="_pos"/> is just after the <c>=</c>.</summary>
            private void ParseParameter(string name, int nameStart, int nameLength)
            {
                var parameter = new ChallengeParameter(name, nameStart, nameLength);
                _current!.Parameters.Add(parameter);
                if (name.IndexOf(Hole) >= 0)
                {
                    _current.HasOpaquePart = true;
                }

                SkipWhitespace();
                parameter.ValueStart = _pos;
                if (AtEnd || Current == ',')
                {
                    Add(ChallengeProblemKind.MissingValue, nameStart, Math.Max(1, _pos - nameStart), "the parameter '" + name + "' has no value; give it a token or a quoted-string (RFC 9110 §11.2)");
                    return;
                }

                if (Current == '"')
                {
                    if (!ReadQuotedString(parameter))
                    {
                        return;
                    }

                    AfterValue(parameter);
                    return;
                }

                var valueStart = _pos;
                var value = ReadToken();
                if (value.Length > 0 && IsValueEnd())
                {
                    parameter.Value = value;
                    parameter.ValueLength = _pos - valueStart;
                    parameter.HasHole = value.IndexOf(Hole) >= 0;
                    if (parameter.HasHole && value.Length == 1 && HoleKindAt(valueStart) == ChallengeHoleKind.Opaque && IsFreeTextParameter(name))
                    {
                        Add(ChallengeProblemKind.UnquotedHole, valueStart, 1, "the value of '" + name + "' is free text that may contain spaces, commas or quotes, so it must be a quoted-string (RFC 9110 §11.2): quote it and escape the value");
                    }

                    AfterValue(parameter);
                    return;
                }

                if (value.Length > 0 && StartsParameterAfterWhitespace())
                {
                    parameter.Value = value;
                    parameter.ValueLength = _pos - valueStart;
                    parameter.HasHole = value.IndexOf(Hole) >= 0;
                    AfterValue(parameter);
                    return;
                }

                // The value runs on with spaces, delimiters or quotes: it needed to be a quoted-string.
                _pos = valueStart;
                var end = UnquotedValueEnd(valueStart);
                _pos = end;
                parameter.Value = _text.Substring(valueStart, end - valueStart);
                parameter.ValueLength = end - valueStart;
                parameter.HasHole = parameter.Value.IndexOf(Hole) >= 0;
                Add(ChallengeProblemKind.UnquotedValue, valueStart, end - valueStart, "the value of '" + name + "' contains spaces, commas, quotes or delimiters, so it must be a quoted-string (RFC 9110 §11.2): quote it");
            }

            /// <summary>After a value: the end, a comma, or (a problem) the next parameter without a comma.</summary>
            private void AfterValue(ChallengeParameter parameter)
            {
                var valueEnd = _pos;
                var next = SkipWhitespaceFrom(valueEnd);
                if (next >= _text.Length || _text[next] == ',')
                {
                    _pos = next;
                    return;
                }

                var nameStart = next;
                var save = _pos;
                _pos = next;
                var token = ReadToken();
                if (token.Length > 0)
                {
                    var eq = SkipWhitespaceFrom(_pos);
                    var isParameter = eq < _text.Length && _text[eq] == '=';
                    // Point at the spaces between the two, or at the last character of the value when they touch.
                    Add(ChallengeProblemKind.MissingComma, next > valueEnd ? valueEnd : valueEnd - 1, next > valueEnd ? next - valueEnd : 1, isParameter
                        ? "a comma is missing before the parameter '" + token + "' (RFC 9110 §11.6.1: auth-params are a comma-separated list)"
                        : "a comma is missing before the challenge '" + token + "' (RFC 9110 §11.6.1: challenges are a comma-separated list)");
                    _pos = nameStart;
                    ParseElement(first: false);
                    return;
                }

                _pos = save;
                var start = next;
                _pos = next;
                SkipToComma();
                Add(ChallengeProblemKind.InvalidCharacter, start, Math.Max(1, TrimEnd(_pos) - start), "unexpected text after the value of '" + parameter.Name + "' (RFC 9110 §11.2)");
            }

            private bool ReadQuotedString(ChallengeParameter parameter)
            {
                var open = _pos;
                _pos++;
                var value = new StringBuilder();
                while (!AtEnd)
                {
                    var c = Current;
                    if (_isHole[_pos])
                    {
                        parameter.HasHole = true;
                        if (_holeAt[_pos] == ChallengeHoleKind.Opaque)
                        {
                            Add(ChallengeProblemKind.UnescapedHole, _pos, 1, "the interpolated value inside the quoted-string of '" + parameter.Name + "' is not escaped: a '\"' or '\\' in it breaks the header (RFC 9110 §5.6.4); escape it or use a constant");
                        }

                        value.Append(c);
                        _pos++;
                        continue;
                    }

                    if (c == '"')
                    {
                        _pos++;
                        parameter.Quoted = true;
                        parameter.Value = value.ToString();
                        parameter.ValueLength = _pos - open;
                        return true;
                    }

                    if (c == '\\')
                    {
                        if (_pos + 1 >= _text.Length)
                        {
                            break;
                        }

                        var escaped = _text[_pos + 1];
                        if (!IsQuotedTextChar(escaped) && !_isHole[_pos + 1])
                        {
                            Add(ChallengeProblemKind.InvalidCharacter, _pos + 1, 1, "a control character cannot appear in a quoted-string (RFC 9110 §5.6.4)");
                        }

                        value.Append(escaped);
                        _pos += 2;
                        continue;
                    }

                    if (!IsQuotedTextChar(c))
                    {
                        Add(ChallengeProblemKind.InvalidCharacter, _pos, 1, "a control character cannot appear in a quoted-string (RFC 9110 §5.6.4)");
                    }

                    value.Append(c);
                    _pos++;
                }

                Add(ChallengeProblemKind.UnterminatedQuotedString, open, _text.Length - open, "the quoted-string of '" + parameter.Name + "' has no closing quote (RFC 9110 §5.6.4): close it");
                parameter.Quoted = true;
                parameter.Value = value.ToString();
                parameter.ValueLength = _text.Length - open;
                _pos = _text.Length;
                return false;
            }

            /// <summary>token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=", followed by the end or a comma.</summary>
            private bool TryReadToken68()
            {
                var start = _pos;
                var i = _pos;
                var sawHole = false;
                while (i < _text.Length && (IsToken68Char(_text[i]) || _isHole[i]))
                {
                    sawHole |= _isHole[i];
                    i++;
                }

                if (i == start)
                {
                    return false;
                }

                var padding = i;
                while (i < _text.Length && _text[i] == '=')
                {
                    i++;
                }

                var after = SkipWhitespaceFrom(i);
                if (after < _text.Length && _text[after] != ',')
                {
                    return false;
                }

                if (i > padding && after < _text.Length && StartsParameter(SkipWhitespaceFrom(after + 1)))
                {
                    return false; // "realm=, error=..." is a parameter without a value, not a token68
                }

                _pos = after;
                if (sawHole)
                {
                    _current!.HasOpaquePart = true;
                }
                else
                {
                    _current!.HasToken68 = true;
                }

                return true;
            }

            private bool StartsParameter(int position)
            {
                var i = position;
                while (i < _text.Length && (IsTokenChar(_text[i]) || _isHole[i]))
                {
                    i++;
                }

                if (i == position)
                {
                    return false;
                }

                i = SkipWhitespaceFrom(i);
                return i < _text.Length && _text[i] == '=';
            }

            private bool StartsParameterAfterWhitespace()
            {
                var next = SkipWhitespaceFrom(_pos);
                return next > _pos && StartsParameter(next);
            }

            private bool IsValueEnd()
            {
                var next = SkipWhitespaceFrom(_pos);
                return next >= _text.Length || _text[next] == ',';
            }

            /// <summary>The end of an unquoted value that runs on: the next comma, or a space before another name=.</summary>
            private int UnquotedValueEnd(int start)
            {
                var i = start;
                var inQuotes = false;
                while (i < _text.Length)
                {
                    var c = _text[i];
                    if (c == '"')
                    {
                        inQuotes = !inQuotes;
                    }
                    else if (!inQuotes && c == ',')
                    {
                        break;
                    }
                    else if (!inQuotes && IsWhitespace(c))
                    {
                        var next = SkipWhitespaceFrom(i);
                        if (StartsParameter(next))
                        {
                            break;
                        }
                    }

                    i++;
                }

                return TrimEnd(i);
            }

            private string ReadToken()
            {
                var start = _pos;
                while (!AtEnd && (IsTokenChar(Current) || _isHole[_pos]))
                {
                    _pos++;
                }

                return _text.Substring(start, _pos - start);
            }

            private ChallengeHoleKind HoleKindAt(int position) => _holeAt[position];

            private void SkipWhitespace() => _pos = SkipWhitespaceFrom(_pos);

            private int SkipWhitespaceFrom(int position)
            {
                while (position < _text.Length && IsWhitespace(_text[position]))
                {
                    position++;
                }

                return position;
            }

            private int TrimEnd(int end)
            {
                while (end > 0 && IsWhitespace(_text[end - 1]))
                {
                    end--;
                }

                return end;
            }

            private void SkipToComma()
            {
                var inQuotes = false;
                while (!AtEnd)
                {
                    var c = Current;
                    if (c == '"')
                    {
                        inQuotes = !inQuotes;
                    }
                    else if (c == '\\' && inQuotes)
                    {
                        _pos++;
                    }
                    else if (c == ',' && !inQuotes)
                    {
                        return;
                    }

                    _pos++;
                }

                _pos = Math.Min(_pos, _text.Length);
            }

            private void Add(ChallengeProblemKind kind, int start, int length, string message)
            {
                Result.Problems.Add(new ChallengeProblem(kind, start, length, message));
            }

            /// <summary>The checks that need the whole challenge: duplicates, Bearer (RFC 6750 §3), Basic (RFC 7617 §2).</summary>
            private void Close()
            {
                var challenge = _current;
                _current = null;
                if (challenge is null)
                {
                    return;
                }

                var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var parameter in challenge.Parameters)
                {
                    if (parameter.Name.IndexOf(Hole) < 0 && !seen.Add(parameter.Name))
                    {
                        Add(ChallengeProblemKind.DuplicateParameter, parameter.NameStart, parameter.NameLength, "the parameter '" + parameter.Name + "' appears more than once in the challenge; each parameter name must occur once (RFC 9110 §11.2)");
                    }
                }

                if (challenge.Is("Bearer"))
                {
                    CheckBearer(challenge);
                }
                else if (challenge.Is("Basic"))
                {
                    CheckBasic(challenge);
                }
            }

            private void CheckBearer(ParsedChallenge challenge)
            {
                if (challenge.HasToken68)
                {
                    var start = SkipWhitespaceFrom(challenge.SchemeStart + challenge.SchemeLength);
                    var end = start;
                    while (end < _text.Length && _text[end] != ',')
                    {
                        end++;
                    }

                    Add(ChallengeProblemKind.BearerToken68, start, Math.Max(1, TrimEnd(end) - start), "a Bearer challenge carries name=value parameters, not a bare token (RFC 6750 §3): write for example error=\"invalid_token\"");
                }

                foreach (var parameter in challenge.Parameters)
                {
                    if (parameter.HasHole || parameter.ValueLength == 0)
                    {
                        continue;
                    }

                    switch (parameter.Name.ToLowerInvariant())
                    {
                        case "error":
                            if (Array.IndexOf(BearerErrors, parameter.Value) < 0)
                            {
                                Add(ChallengeProblemKind.InvalidBearerError, parameter.ValueStart, parameter.ValueLength, "the Bearer error '" + parameter.Value + "' is not one of invalid_request, invalid_token, insufficient_scope (RFC 6750 §3.1)");
                            }

                            break;
                        case "error_description":
                            if (!IsInSet(parameter.Value, allowSpace: true))
                            {
                                Add(ChallengeProblemKind.InvalidBearerCharacters, parameter.ValueStart, parameter.ValueLength, "the Bearer error_description may contain only printable ASCII without '\"' and '\\' (RFC 6750 §3): reword it");
                            }

                            break;
                        case "error_uri":
                            if (!IsInSet(parameter.Value, allowSpace: false))
                            {
                                Add(ChallengeProblemKind.InvalidBearerCharacters, parameter.ValueStart, parameter.ValueLength, "the Bearer error_uri must be a URI without spaces, '\"' and '\\' (RFC 6750 §3)");
                            }

                            break;
                        case "scope":
                            if (!IsInSet(parameter.Value, allowSpace: true))
                            {
                                Add(ChallengeProblemKind.InvalidBearerCharacters, parameter.ValueStart, parameter.ValueLength, "Bearer scope values may contain only printable ASCII without '\"' and '\\', separated by spaces (RFC 6750 §3)");
                            }

                            break;
                        default:
                            break;
                    }
                }
            }

            private void CheckBasic(ParsedChallenge challenge)
            {
                if (challenge.Find("realm") is null && !challenge.HasOpaquePart)
                {
                    Add(ChallengeProblemKind.BasicWithoutRealm, challenge.SchemeStart, challenge.SchemeLength, "a Basic challenge requires the realm parameter (RFC 7617 §2): add realm=\"...\"");
                }

                var charset = challenge.Find("charset");
                if (charset is not null && !charset.HasHole && charset.ValueLength > 0 && !string.Equals(charset.Value, "UTF-8", StringComparison.OrdinalIgnoreCase))
                {
                    Add(ChallengeProblemKind.BasicCharset, charset.ValueStart, charset.ValueLength, "the only charset a Basic challenge allows is \"UTF-8\" (RFC 7617 §2.1)");
                }
            }

            /// <summary>RFC 6750 §3: %x20-21 / %x23-5B / %x5D-7E (error, error_description, scope), without %x20 for error_uri.</summary>
            private static bool IsInSet(string value, bool allowSpace)
            {
                foreach (var c in value)
                {
                    if (c == Hole)
                    {
                        continue;
                    }

                    if (c == ' ' ? !allowSpace : c < '\u0021' || c > '\u007e' || c == '"' || c == '\\')
                    {
                        return false;
                    }
                }

                return true;
            }

            private static bool IsFreeTextParameter(string name)
            {
                switch (name.ToLowerInvariant())
                {
                    case "realm":
                    case "scope":
                    case "error_description":
                    case "error_uri":
                    case "title":
                        return true;
                    default:
                        return false;
                }
            }
        }
    }
}
