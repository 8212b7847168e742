using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AuthStatus.Analyzers.Http
{
    /// <summary>
    /// The text of a header value expression for <see cref="ChallengeParser"/>: constants, string literals, interpolated
    /// strings (holes become <see cref="ChallengeParser.Hole"/>), concatenations and
    /// <c>new AuthenticationHeaderValue(scheme, parameter).ToString()</c>, with a map from each character back to the source
    /// so that a problem can be reported on the characters that cause it.
    /// </summary>
    internal sealed class ChallengeSource
    {
        private readonly List<Segment> _segments;

        private ChallengeSource(SyntaxNode root, string text, List<ChallengeHoleKind> holes, List<Segment> segments)
        {
            Root = root;
            Text = text;
            Holes = holes;
            _segments = segments;
        }

        /// <summary>The whole value expression.</summary>
        public SyntaxNode Root { get; }

        public string Text { get; }

        public IReadOnlyList<ChallengeHoleKind> Holes { get; }

        /// <summary>The string literal when the value is exactly one literal (the code fix can replace it).</summary>
        public LiteralExpressionSyntax? Literal => _segments.Count == 1 && _segments[0].Node is LiteralExpressionSyntax literal && _segments[0].Map is not null ? literal : null;

        /// <summary>The syntax of the interpolation hole at <paramref name="offset"/>, or null when the character there is not a hole.</summary>
        public SyntaxNode? HoleAt(int offset)
        {
            foreach (var segment in _segments)
            {
                if (segment.IsHole && segment.Start == offset)
                {
                    return segment.Node;
                }
            }

            return null;
        }

        /// <summary>Reads the value, or returns null when nothing can be said about it (an opaque variable, a method result).</summary>
        public static ChallengeSource? TryCreate(IOperation value)
        {
            var builder = new Builder();
            builder.Add(value);
            if (builder.HasErrors || builder.Segments.Count == 0 || builder.Segments.TrueForAll(s => s.IsHole))
            {
                return null;
            }

            return new ChallengeSource(value.Syntax, builder.Text.ToString(), builder.Holes, builder.Segments);
        }

        /// <summary>The source location of the characters [start, start + length) of <see cref="Text"/>.</summary>
        public Location Locate(int start, int length)
        {
            if (_segments.Count == 0)
            {
                return Root.GetLocation();
            }

            var end = start + Math.Max(length, 1);
            var spanStart = int.MaxValue;
            var spanEnd = int.MinValue;
            foreach (var segment in _segments)
            {
                var segmentEnd = segment.Start + segment.Length;
                var overlaps = segment.Length == 0 ? segment.Start >= start && segment.Start < end : segment.Start < end && segmentEnd > start;
                if (!overlaps)
                {
                    continue;
                }

                TextSpan span;
                if (segment.Map is { } map)
                {
                    var from = map[Math.Max(start, segment.Start) - segment.Start];
                    var to = map[Math.Min(end, segmentEnd) - segment.Start];
                    span = TextSpan.FromBounds(from, Math.Max(to, from));
                }
                else
                {
                    span = segment.Node.Span;
                }

                spanStart = Math.Min(spanStart, span.Start);
                spanEnd = Math.Max(spanEnd, span.End);
            }

            if (spanStart == int.MaxValue || spanEnd <= spanStart)
            {
                return Root.GetLocation();
            }

            return Location.Create(Root.SyntaxTree, TextSpan.FromBounds(spanStart, spanEnd));
        }

        private sealed class Segment
        {
            public Segment(int start, int length, SyntaxNode node, int[]? map, bool isHole)
            {
                Start = start;
                Length = length;
                Node = node;
                Map = map;
                IsHole = isHole;
            }

            public int Start { get; }

            public int Length { get; }

            public SyntaxNode Node { get; }

            /// <summary>Absolute source position of each character, plus one entry for the end; null when unknown.</summary>
            public int[]? Map { get; }

            public bool IsHole { get; }
        }

        private sealed class Builder
        {
            private int _depth;

            public StringBuilder Text { get; } = new StringBuilder();

            public List<ChallengeHoleKind> Holes { get; } = new List<ChallengeHoleKind>();

            public List<Segment> Segments { get; } = new List<Segment>();

            /// <summary>A part does not compile: say nothing about the value.</summary>
            public bool HasErrors { get; private set; }

            public void Add(IOperation operation)
            {
                if (++_depth > 32)
                {
                    AddHole(operation);
                    return;
                }

                operation = HttpStatusResolver.Unwrap(operation);
                switch (operation)
                {
                    case ILiteralOperation { ConstantValue: { HasValue: true, Value: string text } } when operation.Syntax is LiteralExpressionSyntax literal:
                        AddText(text, literal, LiteralMap(literal.Token, text));
                        break;
                    case IInterpolatedStringOperation interpolated:
                        foreach (var part in interpolated.Parts)
                        {
                            switch (part)
                            {
                                case IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: string partText } } textPart
                                    when textPart.Syntax is InterpolatedStringTextSyntax textSyntax:
                                    AddText(partText, textSyntax, TextTokenMap(textSyntax, partText));
                                    break;
                                case IInterpolationOperation { Alignment: null, FormatString: null } hole
                                    when hole.Expression.ConstantValue is { HasValue: true, Value: string holeText }:
                                    AddText(holeText, hole.Syntax, null);
                                    break;
                                case IInterpolationOperation hole:
                                    AddHole(hole.Expression, hole.Syntax);
                                    break;
                                default:
                                    AddHole(part);
                                    break;
                            }
                        }

                        break;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } binary
                        when !binary.ConstantValue.HasValue || binary.Syntax is BinaryExpressionSyntax:
                        Add(binary.LeftOperand);
                        Add(binary.RightOperand);
                        break;
                    case IInvocationOperation { TargetMethod.Name: "ToString", Arguments.Length: 0, Instance: { } instance } when IsAuthenticationHeaderValueCreation(HttpStatusResolver.Unwrap(instance)):
                        AddAuthenticationHeaderValue((IObjectCreationOperation)HttpStatusResolver.Unwrap(instance));
                        break;
                    case IObjectCreationOperation creation when IsAuthenticationHeaderValueCreation(creation):
                        AddAuthenticationHeaderValue(creation);
                        break;
                    case ILocalReferenceOperation { Type.SpecialType: SpecialType.System_String, ConstantValue.HasValue: false } local
                        when _depth == 1 && HttpStatusResolver.TryGetSingleAssignmentValue(local, out var initial)
                            && HttpStatusResolver.Unwrap(initial) is ILiteralOperation or IInterpolatedStringOperation or IBinaryOperation:
                        // var challenge = "Basic"; ... Append(HeaderNames.WWWAuthenticate, challenge): read the initializer.
                        Add(initial);
                        break;
                    default:
                        if (operation.ConstantValue is { HasValue: true, Value: string constant })
                        {
                            AddText(constant, operation.Syntax, null);
                        }
                        else
                        {
                            AddHole(operation);
                        }

                        break;
                }

                _depth--;
            }

            private void AddAuthenticationHeaderValue(IObjectCreationOperation creation)
            {
                if (creation.Arguments.Length == 0)
                {
                    AddHole(creation);
                    return;
                }

                Add(creation.Arguments[0].Value);
                if (creation.Arguments.Length > 1 && !(creation.Arguments[1].Value.ConstantValue is { HasValue: true, Value: null }))
                {
                    AddText(" ", creation.Syntax, null);
                    Add(creation.Arguments[1].Value);
                }
            }

            private static bool IsAuthenticationHeaderValueCreation(IOperation operation)
            {
                return operation is IObjectCreationOperation { Type: { Name: "AuthenticationHeaderValue" } type }
                    && type.ContainingNamespace?.ToDisplayString() == "System.Net.Http.Headers";
            }

            private void AddText(string text, SyntaxNode node, int[]? map)
            {
                Segments.Add(new Segment(Text.Length, text.Length, node, map, isHole: false));
                Text.Append(text);
            }

            private void AddHole(IOperation operation) => AddHole(operation, operation.Syntax);

            private void AddHole(IOperation expression, SyntaxNode node)
            {
                if (expression is IInvalidOperation || expression.Type is null || expression.Type.TypeKind == TypeKind.Error)
                {
                    HasErrors = true;
                }

                Segments.Add(new Segment(Text.Length, 1, node, null, isHole: true));
                Text.Append(ChallengeParser.Hole);
                Holes.Add(Classify(expression));
            }
        }

        /// <summary>What a hole's value can contain, from its type and shape.</summary>
        internal static ChallengeHoleKind Classify(IOperation expression)
        {
            expression = HttpStatusResolver.Unwrap(expression);
            var type = expression.Type;
            if (type is not null)
            {
                if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable && nullable.TypeArguments.Length == 1)
                {
                    type = nullable.TypeArguments[0];
                }

                switch (type.SpecialType)
                {
                    case SpecialType.System_Boolean:
                    case SpecialType.System_Byte:
                    case SpecialType.System_SByte:
                    case SpecialType.System_Int16:
                    case SpecialType.System_UInt16:
                    case SpecialType.System_Int32:
                    case SpecialType.System_UInt32:
                    case SpecialType.System_Int64:
                    case SpecialType.System_UInt64:
                        return ChallengeHoleKind.Token;
                }

                if (type.TypeKind == TypeKind.Enum || type is { Name: "Guid", ContainingNamespace.Name: "System" })
                {
                    return ChallengeHoleKind.Token;
                }
            }

            switch (expression)
            {
                case IInvocationOperation invocation:
                    var name = invocation.TargetMethod.Name;
                    if (name.IndexOf("Escape", StringComparison.Ordinal) >= 0 || name.IndexOf("Encode", StringComparison.Ordinal) >= 0 || name.IndexOf("Quote", StringComparison.Ordinal) >= 0)
                    {
                        return ChallengeHoleKind.Escaped;
                    }

                    if (name == "Replace" && invocation.Arguments.Length == 2
                        && invocation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: var replaced }
                        && (replaced is '"' || replaced is string s && s == "\""))
                    {
                        return ChallengeHoleKind.Escaped;
                    }

                    break;
                case IPropertyReferenceOperation { Property: { Name: "Error" or "ErrorDescription" or "ErrorUri" } property }
                    when property.ContainingType is { } container && container.Name.EndsWith("ChallengeContext", StringComparison.Ordinal):
                    // The handler's own error text (JwtBearerChallengeContext): the framework writes it inside quotes too.
                    return ChallengeHoleKind.Escaped;
            }

            return ChallengeHoleKind.Opaque;
        }

        /// <summary>The source position of each character of a string literal's value, or null when they cannot be matched.</summary>
        private static int[]? LiteralMap(SyntaxToken token, string value)
        {
            var text = token.Text;
            var start = token.SpanStart;
            switch (token.Kind())
            {
                case SyntaxKind.StringLiteralToken when text.StartsWith("@\"", StringComparison.Ordinal) && text.Length >= 3:
                    return Decode(text, 2, text.Length - 1, start, value, verbatim: true, braces: false);
                case SyntaxKind.StringLiteralToken when text.StartsWith("\"", StringComparison.Ordinal) && text.Length >= 2:
                    return Decode(text, 1, text.Length - 1, start, value, verbatim: false, braces: false);
                case SyntaxKind.SingleLineRawStringLiteralToken:
                    var quotes = 0;
                    while (quotes < text.Length && text[quotes] == '"')
                    {
                        quotes++;
                    }

                    return text.Length >= 2 * quotes ? Identity(text, quotes, text.Length - quotes, start, value) : null;
                default:
                    return null;
            }
        }

        private static int[]? TextTokenMap(InterpolatedStringTextSyntax textSyntax, string value)
        {
            var token = textSyntax.TextToken;
            var text = token.Text;
            var start = token.SpanStart;
            if (textSyntax.Parent is not InterpolatedStringExpressionSyntax expression)
            {
                return null;
            }

            switch (expression.StringStartToken.Kind())
            {
                case SyntaxKind.InterpolatedStringStartToken:
                    return Decode(text, 0, text.Length, start, value, verbatim: false, braces: true);
                case SyntaxKind.InterpolatedVerbatimStringStartToken:
                    return Decode(text, 0, text.Length, start, value, verbatim: true, braces: true);
                case SyntaxKind.InterpolatedSingleLineRawStringStartToken:
                    return Identity(text, 0, text.Length, start, value);
                default:
                    return null;
            }
        }

        private static int[]? Identity(string text, int from, int to, int start, string value)
        {
            if (to - from != value.Length || string.CompareOrdinal(text, from, value, 0, value.Length) != 0)
            {
                return null;
            }

            var map = new int[value.Length + 1];
            for (var i = 0; i <= value.Length; i++)
            {
                map[i] = start + from + i;
            }

            return map;
        }

        /// <summary>Walks the token text, decoding escapes, and records where each value character comes from.</summary>
        private static int[]? Decode(string text, int from, int to, int start, string value, bool verbatim, bool braces)
        {
            var map = new int[value.Length + 1];
            var decoded = new StringBuilder(value.Length);
            var i = from;
            while (i < to)
            {
                var c = text[i];
                var position = start + i;
                if (braces && (c == '{' || c == '}') && i + 1 < to && text[i + 1] == c)
                {
                    Append(decoded, map, c, position);
                    i += 2;
                }
                else if (verbatim && c == '"' && i + 1 < to && text[i + 1] == '"')
                {
                    Append(decoded, map, '"', position);
                    i += 2;
                }
                else if (!verbatim && c == '\\' && i + 1 < to)
                {
                    var e = text[i + 1];
                    switch (e)
                    {
                        case 'u':
                            if (!TryHex(text, i + 2, 4, 4, to, out var u, out var uLength))
                            {
                                return null;
                            }

                            Append(decoded, map, (char)u, position);
                            i += 2 + uLength;
                            break;
                        case 'x':
                            if (!TryHex(text, i + 2, 1, 4, to, out var x, out var xLength))
                            {
                                return null;
                            }

                            Append(decoded, map, (char)x, position);
                            i += 2 + xLength;
                            break;
                        case 'U':
                            if (!TryHex(text, i + 2, 8, 8, to, out var code, out _) || code > 0x10FFFF || code >= 0xD800 && code <= 0xDFFF)
                            {
                                return null;
                            }

                            foreach (var unit in char.ConvertFromUtf32(code))
                            {
                                Append(decoded, map, unit, position);
                            }

                            i += 10;
                            break;
                        default:
                            var simple = e switch
                            {
                                '\'' => '\'',
                                '"' => '"',
                                '\\' => '\\',
                                '0' => '\0',
                                'a' => '\a',
                                'b' => '\b',
                                'f' => '\f',
                                'n' => '\n',
                                'r' => '\r',
                                't' => '\t',
                                'v' => '\v',
                                'e' => '\u001b',
                                _ => '\uffff',
                            };
                            if (simple == '\uffff')
                            {
                                return null;
                            }

                            Append(decoded, map, simple, position);
                            i += 2;
                            break;
                    }
                }
                else
                {
                    Append(decoded, map, c, position);
                    i++;
                }

                if (decoded.Length > value.Length)
                {
                    return null;
                }
            }

            if (decoded.Length != value.Length || decoded.ToString() != value)
            {
                return null;
            }

            map[value.Length] = start + to;
            return map;
        }

        private static void Append(StringBuilder decoded, int[] map, char c, int position)
        {
            if (decoded.Length < map.Length - 1)
            {
                map[decoded.Length] = position;
            }

            decoded.Append(c);
        }

        private static bool TryHex(string text, int from, int min, int max, int to, out int value, out int length)
        {
            value = 0;
            length = 0;
            while (length < max && from + length < to)
            {
                var c = text[from + length];
                int digit;
                if (c >= '0' && c <= '9')
                {
                    digit = c - '0';
                }
                else if (c >= 'a' && c <= 'f')
                {
                    digit = c - 'a' + 10;
                }
                else if (c >= 'A' && c <= 'F')
                {
                    digit = c - 'A' + 10;
                }
                else
                {
                    break;
                }

                value = value * 16 + digit;
                length++;
            }

            return length >= min;
        }
    }
}
