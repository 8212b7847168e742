using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AuthStatus.Analyzers.Tests.Reliability;

/// <summary>
/// Puts each input in its own namespace so that many inputs share one compilation without their types merging
/// (<c>OrdersController</c> is in every other rule test). A compilation costs far more than the code it binds, so
/// batching makes thousands of mutants affordable. Inputs that cannot be wrapped (top-level statements, a wrapper that
/// an <c>#if</c> disables) are compiled on their own.
/// </summary>
public static class Isolation
{
    /// <summary>The source wrapped in <c>namespace Isolated{k}</c>, or null when it cannot be wrapped faithfully.</summary>
    public static string? Wrap(string text, int k)
    {
        var tree = CSharpSyntaxTree.ParseText(text, ReliabilityHarness.ParseOptions);
        var root = (CompilationUnitSyntax)tree.GetRoot();
        if (root.Members.Count == 0 || root.Members.Any(m => m is GlobalStatementSyntax))
        {
            return null;
        }

        var wrapper = "Isolated" + k;
        var insertAt = tree.GetText().Lines.GetLineFromPosition(root.Members[0].SpanStart).Start;
        var builder = new StringBuilder(text.Length + 64);
        builder.Append(text, 0, insertAt).Append("namespace ").Append(wrapper).Append(" {\n");
        var position = insertAt;
        var closers = 1;
        foreach (var fileScoped in root.Members.OfType<FileScopedNamespaceDeclarationSyntax>())
        {
            var semicolon = fileScoped.SemicolonToken;
            if (semicolon.IsMissing || semicolon.SpanStart < position)
            {
                continue;
            }

            builder.Append(text, position, semicolon.SpanStart - position).Append(" {");
            position = semicolon.Span.End;
            closers++;
        }

        builder.Append(text, position, text.Length - position);
        for (var i = 0; i < closers; i++)
        {
            builder.Append("\n}");
        }

        var wrapped = builder.ToString();
        return IsIsolated(wrapped, wrapper) ? wrapped : null;
    }

    /// <summary>Every declaration of the wrapped source is inside the wrapper namespace.</summary>
    private static bool IsIsolated(string wrapped, string wrapper)
    {
        var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(wrapped, ReliabilityHarness.ParseOptions).GetRoot();
        return root.Members.Count == 1
            && root.Members[0] is NamespaceDeclarationSyntax { Name: IdentifierNameSyntax name } && name.Identifier.ValueText == wrapper;
    }

    /// <summary>Groups sources into compilations: wrapped ones in batches of <paramref name="batchSize"/>, the others alone.</summary>
    public static List<Job> Batch(IEnumerable<(string Name, string Text)> sources, ReferenceSet references, int batchSize = 40)
    {
        var jobs = new List<Job>();
        var batch = new List<(string Name, string Text)>();
        var k = 0;
        foreach (var (name, text) in sources)
        {
            var wrapped = Wrap(text, k++);
            if (wrapped is null)
            {
                jobs.Add(new Job(references, new[] { (name, text) }));
                continue;
            }

            batch.Add((name, wrapped));
            if (batch.Count == batchSize)
            {
                jobs.Add(new Job(references, batch.ToArray()));
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            jobs.Add(new Job(references, batch.ToArray()));
        }

        return jobs;
    }
}

/// <summary>One compilation to analyse: sources (each with the input it came from) and references.</summary>
public sealed class Job
{
    public Job(ReferenceSet references, IReadOnlyList<(string Name, string Text)> sources, bool implicitUsings = true)
    {
        References = references;
        Sources = sources;
        ImplicitUsings = implicitUsings;
    }

    public ReferenceSet References { get; }

    public IReadOnlyList<(string Name, string Text)> Sources { get; }

    public bool ImplicitUsings { get; }

    public IEnumerable<SyntaxTree> Trees()
    {
        for (var i = 0; i < Sources.Count; i++)
        {
            yield return ReliabilityHarness.Parse(Sources[i].Text, $"/0/Input{i}.cs");
        }

        if (ImplicitUsings)
        {
            yield return ReliabilityHarness.Parse(ReliabilityHarness.GlobalUsings, "/0/GlobalUsings.g.cs");
        }
    }

    public override string ToString() => Sources.Count == 1 ? Sources[0].Name : $"{Sources.Count} sources from {Sources[0].Name} on";
}
