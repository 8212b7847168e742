using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using AuthStatus.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Xunit;
using Xunit.Abstractions;

namespace AuthStatus.Analyzers.Tests.Reliability;

/// <summary>
/// Issue 9, part 4: invalid <c>.editorconfig</c> values for every <c>auth_status.*</c> key (found in the sources, so a
/// rule's new option is covered at once) never throw, and a value that names nothing falls back to the default.
/// </summary>
public class BadConfigurationTests
{
    /// <summary>Values that hold no usable word or scheme: the rules must behave as if the key were absent.</summary>
    public static readonly string[] MeaninglessValues =
    {
        "", " \t ", ",,,", " , | ; ", "-1", "==", "\"\"", "()[]{}", "\\", "💥 \u0000 \u200B", "\r\n,\n",
    };

    /// <summary>Garbage that does hold words or characters a fix might write into code.</summary>
    public static readonly string[] OddValues =
    {
        "garbage", "null", "Bearer realm=\"api\", error=\"invalid_token\"", "{0} {1} %s \" + x + \" */ /*", "A|B|C,D;E",
        new string('x', 10_000) + "," + string.Join(",", Enumerable.Range(0, 2_000).Select(i => "word" + i)), "login,token,refresh,sign-in|LogIn",
    };

    private readonly ITestOutputHelper _output;

    public BadConfigurationTests(ITestOutputHelper output)
    {
        _output = output;
    }

    /// <summary>Every option key: the <c>auth_status.*</c> constants of the package's assemblies and every such key in src/.</summary>
    public static ImmutableArray<string> OptionKeys()
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var assembly in new[] { ReliabilityHarness.AnalyzerAssembly, ReliabilityHarness.CodeFixAssembly })
        {
            foreach (var type in assembly.GetTypes())
            {
                foreach (var field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
                {
                    if (field.FieldType == typeof(string) && (field.IsLiteral || field.IsInitOnly)
                        && (field.IsLiteral ? field.GetRawConstantValue() : field.GetValue(null)) is string value
                        && Regex.IsMatch(value, @"^auth_status\.[a-z0-9_]+$"))
                    {
                        keys.Add(value);
                    }
                }
            }
        }

        foreach (var file in Directory.EnumerateFiles(Path.Combine(TestReferences.RepositoryRoot, "src"), "*.cs", SearchOption.AllDirectories))
        {
            foreach (Match match in Regex.Matches(File.ReadAllText(file), @"auth_status\.[a-z0-9_]+"))
            {
                keys.Add(match.Value);
            }
        }

        return keys.ToImmutableArray();
    }

    [Fact]
    public void OptionKeys_AreFound()
    {
        var keys = OptionKeys();
        Assert.Contains("auth_status.challenge_scheme", keys);
        Assert.Contains("auth_status.credential_endpoints", keys);
        Assert.Contains("auth_status.credential_endpoints_exclude", keys);
        _output.WriteLine(string.Join(", ", keys));
    }

    /// <summary>
    /// Every key set to every bad value at once (values given straight to the analyzers, so control characters and line
    /// breaks that no .editorconfig can hold are tried too): no exception; a meaningless value changes nothing.
    /// </summary>
    [Fact]
    public void InvalidValues_DoNotThrow_AndMeaninglessOnesFallBackToDefaults()
    {
        var stopwatch = Stopwatch.StartNew();
        var keys = OptionKeys();
        var compilation = Compilation();
        var analyzers = ReliabilityHarness.CreateAnalyzers();
        var defaults = ReliabilityHarness.Analyze(compilation, analyzers, concurrent: true);
        Assert.Empty(defaults.Exceptions);
        var expected = defaults.Diagnostics.Select(ReliabilityHarness.Describe).OrderBy(d => d, StringComparer.Ordinal).ToList();

        var failures = new List<string>();
        foreach (var value in MeaninglessValues.Concat(OddValues))
        {
            var options = new EditorConfigOptionsProvider(keys.ToImmutableDictionary(k => k, _ => value));
            var outcome = ReliabilityHarness.Analyze(compilation, analyzers, options, concurrent: true);
            failures.AddRange(outcome.Exceptions.Select(e => $"value '{Show(value)}': {e}"));
            if (MeaninglessValues.Contains(value))
            {
                var actual = outcome.Diagnostics.Select(ReliabilityHarness.Describe).OrderBy(d => d, StringComparer.Ordinal).ToList();
                if (!actual.SequenceEqual(expected))
                {
                    failures.Add($"value '{Show(value)}' for every key does not fall back to the defaults:\n missing: {string.Join("\n   ", expected.Except(actual).Take(5))}\n extra: {string.Join("\n   ", actual.Except(expected).Take(5))}");
                }
            }
        }

        _output.WriteLine($"{keys.Length} keys x {MeaninglessValues.Length + OddValues.Length} values over {compilation.SyntaxTrees.Count()} trees in {stopwatch.Elapsed.TotalSeconds:F1} s");
        Assert.True(failures.Count == 0, ReliabilityHarness.Report(failures));
    }

    /// <summary>Each key alone, through a real .editorconfig parse (sections, comments, odd keys and duplicates included).</summary>
    [Fact]
    public void EditorConfigFiles_WithBadValues_DoNotThrow()
    {
        var compilation = Compilation();
        var analyzers = ReliabilityHarness.CreateAnalyzers();
        var failures = new List<string>();
        var keys = OptionKeys();
        foreach (var value in new[] { "", "# comment", "; comment", "[*]", "garbage = more", ",,|;", "\"Bearer\" Ünïcödé a\\" })
        {
            var text = "root = true\n\n[*]\n" + string.Concat(keys.Select(key => $"{key} = {value}\n{key.ToUpperInvariant()} = other\n{key} =\n{key}.extra = 1\n"))
                + "\n[*.cs]\n" + string.Concat(keys.Select(key => $"{key} = {value} {value}\n"));
            var options = EditorConfigOptionsProvider.FromEditorConfig(text);
            var outcome = ReliabilityHarness.Analyze(compilation, analyzers, options, concurrent: true);
            failures.AddRange(outcome.Exceptions.Select(e => $"'{value}': {e}"));
        }

        Assert.True(failures.Count == 0, ReliabilityHarness.Report(failures));
    }

    /// <summary>The code fixes read options too (the challenge scheme they write): with bad values they still leave compiling code.</summary>
    [Fact]
    public async Task CodeFixes_WithBadValues_LeaveCompilingCode()
    {
        var harness = new FixHarness { MaxSingleFixesPerDocument = 2, MaxFixAllProjects = 2, FixAllScopes = new[] { FixAllScope.Document } };
        if (harness.Fixers.IsEmpty)
        {
            return;
        }

        var stopwatch = Stopwatch.StartNew();
        var fixable = harness.Fixers.SelectMany(f => f.FixableDiagnosticIds).ToHashSet();
        var inputs = ReliabilityHarness.EachInputAlone
            .Where(a => !a.Input.Name.StartsWith("samples/", StringComparison.Ordinal) && a.Outcome.Diagnostics.Any(d => fixable.Contains(d.Id)))
            .Select(a => a.Input)
            .Take(2)
            .ToList();
        var projects = new List<(string, IReadOnlyList<(string, string)>)>
        {
            ("samples", ReliabilityHarness.SampleInputs.Select(s => (s.Name.Replace('/', '_'), s.Text)).ToList()),
        };
        projects.AddRange(inputs.Select(i => (i.Name, (IReadOnlyList<(string, string)>)new[] { ("Input.cs", i.Text) })));

        var keys = OptionKeys();
        foreach (var value in new[] { "\"", "Bearer realm=\"a\\\"b\", error=\"x\" {0} */ /* \" + x + \"", "💥 \u200B \\" })
        {
            var config = "root = true\n\n[*]\n" + string.Join("\n", keys.Select(k => $"{k} = {value}")) + "\n";
            await harness.CheckAsync(FixHarness.CreateSolution(ReliabilityHarness.Full(AspNetVersion.Net100), projects, config));
        }

        _output.WriteLine($"{harness.SingleFixes} single fixes, {harness.FixAlls} Fix All runs under bad values in {stopwatch.Elapsed.TotalSeconds:F1} s");
        Assert.True(harness.Failures.Count == 0, ReliabilityHarness.Report(harness.Failures));
    }

    /// <summary>Inputs with diagnostics in the configuration compilation (options are read per producer: a few suffice).</summary>
    private const int ConfigurationInputs = 12;

    /// <summary>The samples and the first isolable rule-test inputs that have diagnostics, in one compilation.</summary>
    private static Compilation Compilation()
    {
        var trees = ReliabilityHarness.SampleInputs.Select(s => ReliabilityHarness.Parse(s.Text, "/0/" + s.Name)).ToList();
        var k = 0;
        foreach (var (input, _) in ReliabilityHarness.EachInputAlone.Where(a => !a.Input.Name.StartsWith("samples/", StringComparison.Ordinal) && !a.Outcome.Diagnostics.IsEmpty))
        {
            if (trees.Count >= ConfigurationInputs)
            {
                break;
            }

            if (Isolation.Wrap(input.Text, k++) is { } wrapped)
            {
                trees.Add(ReliabilityHarness.Parse(wrapped, $"/0/Input{k}.cs"));
            }
        }

        trees.Add(ReliabilityHarness.Parse(ReliabilityHarness.GlobalUsings, "/0/GlobalUsings.g.cs"));
        return ReliabilityHarness.Compile(ReliabilityHarness.Full(AspNetVersion.Net100), trees);
    }

    private static string Show(string value) =>
        value.Length > 40 ? value.Substring(0, 40) + "..." : value.Replace("\r", "\\r").Replace("\n", "\\n").Replace("\0", "\\0");
}
