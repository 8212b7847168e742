using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace AuthStatus.Analyzers.Tests.Reliability;

/// <summary>One broken variant of an input.</summary>
public sealed record Mutant(string Input, string Kind, string Text)
{
    public override string ToString() => Input + " [" + Kind + "]";
}

/// <summary>
/// Breaks sources the way half-typed or half-deleted code is broken, deterministically: the random generator is seeded
/// by the input's text, so a failure reproduces with the same mutant on every machine.
/// </summary>
public static class Mutator
{
    /// <summary>The kinds of mutation, each applied up to <see cref="PerKind"/> times per input.</summary>
    public static readonly string[] Kinds = { "truncate", "delete-line", "rename", "empty-body", "remove-brace", "drop-token" };

    /// <summary>Mutants of one kind per input.</summary>
    public const int PerKind = 2;

    /// <summary>The cap on mutants per input.</summary>
    public const int MaxPerInput = 12;

    /// <summary>The cap on mutants in all: past it, inputs get fewer mutants each (never fewer than <see cref="MinPerInput"/>).</summary>
    public const int MaxTotal = 1200;

    /// <summary>The floor on mutants per input; the kinds start at an input-dependent offset so every kind stays in play.</summary>
    public const int MinPerInput = 3;

    /// <summary>Mutants of every input, each input capped so that the total stays near <see cref="MaxTotal"/>.</summary>
    public static IEnumerable<Mutant> MutateAll(IReadOnlyCollection<ReliabilityInput> inputs)
    {
        var perInput = Math.Max(MinPerInput, Math.Min(MaxPerInput, MaxTotal / Math.Max(1, inputs.Count)));
        return inputs.SelectMany(input => Mutate(input, perInput));
    }

    /// <summary>Up to <paramref name="max"/> distinct mutants of the input, the kinds taken in turn.</summary>
    public static IEnumerable<Mutant> Mutate(ReliabilityInput input, int max = MaxPerInput)
    {
        var seed = ReliabilityHarness.StableHash(input.Text);
        var random = new Random(seed);
        var offset = seed % Kinds.Length;
        var tree = CSharpSyntaxTree.ParseText(input.Text, ReliabilityHarness.ParseOptions);
        var root = tree.GetRoot();
        var tokens = root.DescendantTokens().Where(t => !t.IsKind(SyntaxKind.EndOfFileToken)).ToList();
        if (tokens.Count == 0)
        {
            yield break;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal) { input.Text };
        var count = 0;
        for (var i = 0; i < PerKind; i++)
        {
            for (var k = 0; k < Kinds.Length; k++)
            {
                var kind = Kinds[(k + offset) % Kinds.Length];
                if (count >= max)
                {
                    yield break;
                }

                var text = kind switch
                {
                    "truncate" => Truncate(input.Text, tokens, random),
                    "delete-line" => DeleteLines(input.Text, random),
                    "rename" => Rename(input.Text, tokens, random, i),
                    "empty-body" => EmptyBodies(root, random, all: i == 0),
                    "remove-brace" => RemoveBrace(input.Text, tokens, random),
                    "drop-token" => DropToken(input.Text, tokens, random),
                    _ => null,
                };

                if (text is not null && seen.Add(text))
                {
                    count++;
                    yield return new Mutant(input.Name, kind + "#" + i, text);
                }
            }
        }
    }

    /// <summary>Cuts the source right after a token: what an editor holds while a statement is being typed.</summary>
    private static string Truncate(string text, List<SyntaxToken> tokens, Random random)
    {
        var token = tokens[random.Next(tokens.Count)];
        return text.Substring(0, token.Span.End);
    }

    /// <summary>Deletes one to three consecutive lines.</summary>
    private static string? DeleteLines(string text, Random random)
    {
        var lines = SourceText.From(text).Lines;
        if (lines.Count < 2)
        {
            return null;
        }

        var first = random.Next(lines.Count);
        var last = Math.Min(lines.Count - 1, first + random.Next(3));
        var start = lines[first].Start;
        var end = lines[last].EndIncludingLineBreak;
        return text.Remove(start, end - start);
    }

    /// <summary>Renames every occurrence of one identifier (a type, a member, a parameter) to a name that binds to nothing.</summary>
    private static string? Rename(string text, List<SyntaxToken> tokens, Random random, int index)
    {
        var identifiers = tokens.Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText).Distinct(StringComparer.Ordinal).ToList();
        if (identifiers.Count == 0)
        {
            return null;
        }

        var name = identifiers[random.Next(identifiers.Count)];
        var unknown = "Unknown" + index + "_" + name;
        var builder = new System.Text.StringBuilder(text.Length + 64);
        var position = 0;
        foreach (var token in tokens)
        {
            if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == name)
            {
                builder.Append(text, position, token.Span.Start - position).Append(unknown);
                position = token.Span.End;
            }
        }

        builder.Append(text, position, text.Length - position);
        return builder.ToString();
    }

    /// <summary>Empties method, accessor, local function and lambda bodies: all of them, or one.</summary>
    private static string? EmptyBodies(SyntaxNode root, Random random, bool all)
    {
        var bodies = root.DescendantNodes()
            .Where(n => n is BlockSyntax && n.Parent is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax)
            .Cast<BlockSyntax>()
            .ToList();
        if (bodies.Count == 0)
        {
            return null;
        }

        var chosen = all ? bodies : new List<BlockSyntax> { bodies[random.Next(bodies.Count)] };
        var emptied = root.ReplaceNodes(chosen, (_, block) => block.WithStatements(default));
        return emptied.ToFullString();
    }

    private static string? RemoveBrace(string text, List<SyntaxToken> tokens, Random random)
    {
        var braces = tokens.Where(t => t.IsKind(SyntaxKind.OpenBraceToken) || t.IsKind(SyntaxKind.CloseBraceToken)).ToList();
        if (braces.Count == 0)
        {
            return null;
        }

        var brace = braces[random.Next(braces.Count)];
        return text.Remove(brace.Span.Start, brace.Span.Length);
    }

    /// <summary>Deletes one token: a parenthesis, a dot, an argument, a keyword.</summary>
    private static string DropToken(string text, List<SyntaxToken> tokens, Random random)
    {
        var token = tokens[random.Next(tokens.Count)];
        return text.Remove(token.Span.Start, token.Span.Length);
    }
}
