using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using AuthStatus.Analyzers.Tests.Infrastructure;
using AuthStatus.Analyzers.Tests.Reliability;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AuthStatus.Analyzers.Tests.Http;

/// <summary>
/// <see cref="KnownTypes"/> walks the merged namespaces instead of asking every reference: it must find exactly what
/// <see cref="Compilation.GetTypeByMetadataName"/> finds, for every metadata name the analyzers look up, with complete,
/// partial and missing ASP.NET Core references, and with a source type that duplicates a framework type.
/// </summary>
public class KnownTypesTests
{
    /// <summary>ASP.NET Core 10 and 8 with JwtBearer, and the degraded reference sets of the reliability suites.</summary>
    public static IEnumerable<object[]> ReferenceSets() =>
        new[] { ReliabilityHarness.Full(AspNetVersion.Net100), ReliabilityHarness.Full(AspNetVersion.Net80) }
            .Concat(ReliabilityHarness.DegradedReferenceSets)
            .Select(set => new object[] { set });

    [Theory]
    [MemberData(nameof(ReferenceSets))]
    public void Finds_what_GetTypeByMetadataName_finds(ReferenceSet references)
    {
        var names = MetadataNamesInAnalyzerSources();
        Assert.True(names.Count > 40, $"only {names.Count} names found in the sources");
        var source = "namespace Microsoft.AspNetCore.Http { public class HttpResponse { } }\nnamespace App { public class Program { } }";
        foreach (var withDuplicate in new[] { false, true })
        {
            var trees = withDuplicate ? new[] { ReliabilityHarness.Parse(source, "/Duplicate.cs") } : Array.Empty<SyntaxTree>();
            var compilation = ReliabilityHarness.Compile(references, trees);
            var mismatches = new List<string>();
            foreach (var name in names.Concat(new[] { "App.Program", "Missing.Namespace.Type", "System.Collections.Generic.List`1", "System.Nullable`1" }))
            {
                var expected = compilation.GetTypeByMetadataName(name);
                if (expected is not null && expected.TypeKind == TypeKind.Error)
                {
                    expected = null;
                }

                var actual = KnownTypes.Get(compilation, name);
                if (!SymbolEqualityComparer.Default.Equals(expected, actual))
                {
                    mismatches.Add($"{name}: expected {Describe(expected)}, got {Describe(actual)}");
                }
            }

            Assert.True(mismatches.Count == 0, references.Name + (withDuplicate ? " with a duplicate" : string.Empty) + ":\n" + string.Join("\n", mismatches));
        }
    }

    private static string Describe(INamedTypeSymbol? type) => type is null ? "null" : type.ToDisplayString() + " in " + type.ContainingAssembly?.Name;

    /// <summary>Every string literal of the analyzers' sources that looks like a namespace-qualified type name.</summary>
    private static List<string> MetadataNamesInAnalyzerSources()
    {
        var root = Path.Combine(TestReferences.RepositoryRoot, "src", "Analyzers");
        var literal = new Regex("\"((?:System|Microsoft)(?:\\.[A-Z][A-Za-z0-9]*)+(?:`[0-9])?)\"", RegexOptions.Compiled);
        return Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .SelectMany(f => literal.Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToList();
    }
}
