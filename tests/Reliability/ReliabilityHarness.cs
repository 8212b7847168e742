using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using AuthStatus.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace AuthStatus.Analyzers.Tests.Reliability;

/// <summary>One C# source the reliability suites run over.</summary>
public sealed record ReliabilityInput(string Name, string Text)
{
    public override string ToString() => Name;
}

/// <summary>A named set of metadata references the inputs are compiled against.</summary>
public sealed record ReferenceSet(string Name, ImmutableArray<MetadataReference> References)
{
    public override string ToString() => Name;
}

/// <summary>What one analysis run produced.</summary>
public sealed record AnalysisOutcome(ImmutableArray<Diagnostic> Diagnostics, IReadOnlyList<string> Exceptions);

/// <summary>
/// Shared machinery of the reliability suites. Everything is discovered, never listed: the analyzers and code fixes by
/// reflection over the package's assemblies, the inputs from the rule tests' raw string literals and from samples/, so a
/// rule added later is held to the same checks without editing these tests.
/// </summary>
public static class ReliabilityHarness
{
    public const string AnalyzerAssemblyName = "AuthStatus.Analyzers";
    public const string CodeFixAssemblyName = "AuthStatus.Analyzers.CodeFixes";

    private static readonly Lazy<ImmutableArray<ReliabilityInput>> RuleTestInputsLazy = new(LoadRuleTestInputs);
    private static readonly Lazy<ImmutableArray<ReliabilityInput>> SampleInputsLazy = new(LoadSampleInputs);
    private static readonly ConcurrentDictionary<string, CSharpCompilation> BaseCompilations = new();

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    public static Assembly AnalyzerAssembly { get; } = typeof(Descriptors).Assembly;

    public static Assembly CodeFixAssembly { get; } = Assembly.Load(new AssemblyName(CodeFixAssemblyName));

    /// <summary>The web SDK's implicit usings, as the rule tests add them.</summary>
    public static string GlobalUsings => Verifier<EmptyDiagnosticAnalyzer, EmptyCodeFixProvider>.GlobalUsings;

    /// <summary>Every concrete, exported analyzer of the package (new instances).</summary>
    public static ImmutableArray<DiagnosticAnalyzer> CreateAnalyzers() =>
        AnalyzerTypes.Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!).ToImmutableArray();

    public static ImmutableArray<Type> AnalyzerTypes { get; } = AnalyzerAssembly.GetTypes()
        .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract
            && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null
            && t.GetConstructor(Type.EmptyTypes) is not null)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToImmutableArray();

    /// <summary>Every concrete, exported code fix provider of the package (new instances).</summary>
    public static ImmutableArray<CodeFixProvider> CreateCodeFixes() =>
        CodeFixTypes.Select(t => (CodeFixProvider)Activator.CreateInstance(t)!).ToImmutableArray();

    public static ImmutableArray<Type> CodeFixTypes { get; } = CodeFixAssembly.GetTypes()
        .Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract
            && t.GetCustomAttribute<ExportCodeFixProviderAttribute>() is not null
            && t.GetConstructor(Type.EmptyTypes) is not null)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToImmutableArray();

    /// <summary>The C# sources of the rule tests: every raw string literal under tests/ (outside this folder), markup stripped.</summary>
    public static ImmutableArray<ReliabilityInput> RuleTestInputs => RuleTestInputsLazy.Value;

    /// <summary>Every C# file under samples/.</summary>
    public static ImmutableArray<ReliabilityInput> SampleInputs => SampleInputsLazy.Value;

    /// <summary>The hand-written modern-syntax inputs.</summary>
    public static ImmutableArray<ReliabilityInput> ModernInputs { get; } = ModernSyntaxInputs.All;

    /// <summary>Every input: samples, rule tests, modern syntax.</summary>
    public static ImmutableArray<ReliabilityInput> AllInputs =>
        SampleInputs.AddRange(ModernInputs).AddRange(RuleTestInputs);

    private static readonly Lazy<ImmutableArray<(ReliabilityInput Input, AnalysisOutcome Outcome)>> EachInputAloneLazy = new(AnalyzeEachInputAlone);

    /// <summary>
    /// Every input analysed alone against ASP.NET Core 10, as the rule tests compile it; computed once and shared by the
    /// suites (the never-throw suite checks its exceptions, the code-fix suite picks the inputs with fixable diagnostics).
    /// </summary>
    public static ImmutableArray<(ReliabilityInput Input, AnalysisOutcome Outcome)> EachInputAlone => EachInputAloneLazy.Value;

    private static ImmutableArray<(ReliabilityInput Input, AnalysisOutcome Outcome)> AnalyzeEachInputAlone()
    {
        var references = Full(AspNetVersion.Net100);
        var analyzers = CreateAnalyzers();
        var inputs = AllInputs;
        var results = new (ReliabilityInput, AnalysisOutcome)[inputs.Length];
        System.Threading.Tasks.Parallel.For(0, inputs.Length, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            results[i] = (inputs[i], Analyze(Compile(references, Trees(inputs[i].Text)), analyzers, concurrent: false));
        });
        return results.ToImmutableArray();
    }

    // ---------------------------------------------------------------- inputs

    private static readonly Regex OpenMarkup = new(@"\{\|[^:|{}\s]*:|\[\|", RegexOptions.Compiled);
    private static readonly Regex CloseMarkup = new(@"\|\}|\|\]", RegexOptions.Compiled);

    /// <summary>Removes the test markup: <c>[|</c>, <c>|]</c>, <c>{|ID:</c>, <c>{|#0:</c>, <c>|}</c>.</summary>
    public static string StripMarkup(string source) => CloseMarkup.Replace(OpenMarkup.Replace(source, string.Empty), string.Empty);

    private static ImmutableArray<ReliabilityInput> LoadRuleTestInputs()
    {
        var testsRoot = Path.Combine(TestReferences.RepositoryRoot, "tests");
        var skip = new[] { Path.Combine(testsRoot, "Reliability"), Path.Combine(testsRoot, "Infrastructure"), Path.Combine(testsRoot, "bin"), Path.Combine(testsRoot, "obj") };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var inputs = ImmutableArray.CreateBuilder<ReliabilityInput>();
        foreach (var file in Directory.EnumerateFiles(testsRoot, "*.cs", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
        {
            if (skip.Any(s => file.StartsWith(s + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            {
                continue;
            }

            var tree = CSharpSyntaxTree.ParseText(File.ReadAllText(file), ParseOptions);
            var index = 0;
            foreach (var token in tree.GetRoot().DescendantTokens())
            {
                if (!token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken) && !token.IsKind(SyntaxKind.SingleLineRawStringLiteralToken))
                {
                    continue;
                }

                var text = StripMarkup(token.ValueText);
                if (LooksLikeCSharp(text) && seen.Add(text))
                {
                    var name = Path.GetRelativePath(TestReferences.RepositoryRoot, file).Replace('\\', '/') + "#" + index++;
                    inputs.Add(new ReliabilityInput(name, text));
                }
            }
        }

        return inputs.ToImmutable();
    }

    /// <summary>Keeps code, drops option lines, messages and other strings the rule tests hold in raw literals.</summary>
    private static bool LooksLikeCSharp(string text)
    {
        if (text.Length < 20 || (text.IndexOf(';') < 0 && text.IndexOf('{') < 0))
        {
            return false;
        }

        var tree = CSharpSyntaxTree.ParseText(text, ParseOptions);
        var root = (CompilationUnitSyntax)tree.GetRoot();
        return root.Members.Count > 0 || root.Usings.Count > 0;
    }

    private static ImmutableArray<ReliabilityInput> LoadSampleInputs()
    {
        var samples = Path.Combine(TestReferences.RepositoryRoot, "samples");
        return Directory.EnumerateFiles(samples, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => new ReliabilityInput(Path.GetRelativePath(TestReferences.RepositoryRoot, f).Replace('\\', '/'), File.ReadAllText(f)))
            .ToImmutableArray();
    }

    // ---------------------------------------------------------------- references

    /// <summary>The full reference set the rule tests use (ASP.NET Core 10 or 8, with JwtBearer).</summary>
    public static ReferenceSet Full(AspNetVersion version) => new(
        "aspnetcore-" + TestReferences.Tfm(version),
        TestReferences.AspNetCore(version).AddRange(TestReferences.JwtBearer(version)));

    /// <summary>Complete, partial and missing ASP.NET Core: symbols the rules look for become null or error types.</summary>
    public static ImmutableArray<ReferenceSet> DegradedReferenceSets { get; } = ImmutableArray.Create(
        new ReferenceSet("net10-without-mvc", TestReferences.AspNetCoreWithoutMvc(AspNetVersion.Net100)),
        new ReferenceSet("net8-without-mvc", TestReferences.AspNetCoreWithoutMvc(AspNetVersion.Net80)),
        Without("net10-without-authentication", AspNetVersion.Net100, "Microsoft.AspNetCore.Authentication", "Microsoft.AspNetCore.Authorization"),
        Without("net10-without-results-routing-headers", AspNetVersion.Net100, "Microsoft.AspNetCore.Http.Results", "Microsoft.AspNetCore.Routing", "Microsoft.Net.Http.Headers", "Microsoft.AspNetCore.Http.Extensions"),
        Without("net8-without-cors-and-hosting", AspNetVersion.Net80, "Microsoft.AspNetCore.Cors", "Microsoft.AspNetCore.Hosting", "Microsoft.Extensions.Hosting", "Microsoft.AspNetCore.Mvc.Core"),
        Only("net10-http-abstractions-only", AspNetVersion.Net100, "Microsoft.AspNetCore.Http.Abstractions", "Microsoft.AspNetCore.Http.Features", "Microsoft.Extensions.Primitives"),
        Only("net10-mvc-without-http", AspNetVersion.Net100, "Microsoft.AspNetCore.Mvc.Core", "Microsoft.AspNetCore.Mvc.Abstractions", "Microsoft.AspNetCore.Authentication.Abstractions"),
        new ReferenceSet("net10-core-only", TestReferences.Core(AspNetVersion.Net100)),
        new ReferenceSet("net8-core-only", TestReferences.Core(AspNetVersion.Net80)),
        new ReferenceSet("no-references", ImmutableArray<MetadataReference>.Empty));

    private static ReferenceSet Without(string name, AspNetVersion version, params string[] prefixes) => new(
        name,
        Full(version).References.Where(r => !prefixes.Any(p => FileName(r).StartsWith(p, StringComparison.Ordinal))).ToImmutableArray());

    private static ReferenceSet Only(string name, AspNetVersion version, params string[] prefixes) => new(
        name,
        TestReferences.Core(version).AddRange(TestReferences.AspNetCore(version)
            .Where(r => prefixes.Any(p => FileName(r).StartsWith(p, StringComparison.Ordinal))
                && !TestReferences.Core(version).Contains(r))));

    private static string FileName(MetadataReference reference) => Path.GetFileName(reference.Display ?? string.Empty);

    // ---------------------------------------------------------------- compilation and analysis

    /// <summary>
    /// A compilation of <paramref name="trees"/> against <paramref name="references"/>. The empty base compilation per
    /// reference set is cached, so the referenced assemblies are bound once and shared by every derived compilation.
    /// </summary>
    public static CSharpCompilation Compile(ReferenceSet references, IEnumerable<SyntaxTree> trees)
    {
        var list = trees.ToList();
        var console = list.Any(HasTopLevelStatements);
        var key = references.Name + (console ? "/exe" : "/dll");
        var empty = BaseCompilations.GetOrAdd(key, _ => CSharpCompilation.Create(
            "Reliability",
            references: references.References,
            options: new CSharpCompilationOptions(console ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary)
                .WithNullableContextOptions(NullableContextOptions.Enable)
                .WithConcurrentBuild(false)));
        return empty.AddSyntaxTrees(list);
    }

    public static bool HasTopLevelStatements(SyntaxTree tree) =>
        tree.GetRoot() is CompilationUnitSyntax root && root.Members.Any(m => m is GlobalStatementSyntax);

    public static SyntaxTree Parse(string text, string path) => CSharpSyntaxTree.ParseText(text, ParseOptions, path, Encoding.UTF8);

    /// <summary>The input's tree, plus the web SDK's global usings.</summary>
    public static ImmutableArray<SyntaxTree> Trees(string text, string path = "/0/Input.cs") =>
        ImmutableArray.Create(Parse(text, path), Parse(GlobalUsings, "/0/GlobalUsings.g.cs"));

    /// <summary>
    /// Runs every analyzer over <paramref name="compilation"/>; every analyzer exception (from the callback and from AD0001
    /// diagnostics) is returned, never thrown.
    /// </summary>
    public static AnalysisOutcome Analyze(
        Compilation compilation,
        ImmutableArray<DiagnosticAnalyzer>? analyzers = null,
        AnalyzerConfigOptionsProvider? options = null,
        bool concurrent = true,
        CancellationToken cancellationToken = default)
    {
        var exceptions = new ConcurrentQueue<string>();
        var withAnalyzers = compilation.WithAnalyzers(
            analyzers ?? CreateAnalyzers(),
            new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, options ?? EditorConfigOptionsProvider.Empty),
                (exception, analyzer, diagnostic) => exceptions.Enqueue($"{analyzer.GetType().Name}: {exception}"),
                concurrent,
                logAnalyzerExecutionTime: false,
                reportSuppressedDiagnostics: false));
        var diagnostics = withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).GetAwaiter().GetResult();
        foreach (var diagnostic in diagnostics)
        {
            if (diagnostic.Id is "AD0001" or "AD0002")
            {
                exceptions.Enqueue(diagnostic.ToString());
            }
        }

        return new AnalysisOutcome(diagnostics, exceptions.ToList());
    }

    /// <summary>A stable description of a diagnostic for comparisons: ID, file, span, message.</summary>
    public static string Describe(Diagnostic diagnostic) =>
        $"{diagnostic.Id} {diagnostic.Location.SourceTree?.FilePath}{diagnostic.Location.SourceSpan} {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>FNV-1a: a hash that is the same in every process (string.GetHashCode is randomised).</summary>
    public static int StableHash(string text)
    {
        unchecked
        {
            var hash = 2166136261;
            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619;
            }

            return (int)(hash & 0x7fffffff);
        }
    }

    /// <summary>Formats failures for an assertion message, capped so a flood stays readable.</summary>
    public static string Report(IEnumerable<string> failures, int max = 15)
    {
        var list = failures.ToList();
        var text = string.Join("\n\n", list.Take(max));
        return list.Count > max ? text + $"\n\n... and {list.Count - max} more" : text;
    }
}

/// <summary>Analyzer options from <c>.editorconfig</c> key/value pairs (the same for every file).</summary>
public sealed class EditorConfigOptionsProvider : AnalyzerConfigOptionsProvider
{
    public static readonly EditorConfigOptionsProvider Empty = new(ImmutableDictionary<string, string>.Empty);

    private readonly DictionaryOptions _options;

    public EditorConfigOptionsProvider(ImmutableDictionary<string, string> values)
    {
        _options = new DictionaryOptions(values);
    }

    public override AnalyzerConfigOptions GlobalOptions => _options;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;

    /// <summary>Parses <c>.editorconfig</c> text the way the compiler does and keeps what applies to <c>/0/Input.cs</c>.</summary>
    public static EditorConfigOptionsProvider FromEditorConfig(string text)
    {
        var config = AnalyzerConfig.Parse(text, "/.editorconfig");
        var set = AnalyzerConfigSet.Create(new[] { config });
        return new EditorConfigOptionsProvider(set.GetOptionsForSourcePath("/0/Input.cs").AnalyzerOptions);
    }

    private sealed class DictionaryOptions : AnalyzerConfigOptions
    {
        private readonly ImmutableDictionary<string, string> _values;

        public DictionaryOptions(ImmutableDictionary<string, string> values)
        {
            _values = values;
        }

        public override bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);

        public override IEnumerable<string> Keys => _values.Keys;
    }
}
