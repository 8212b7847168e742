using System;
using System.Collections.Generic;
using System.Composition;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using AuthStatus.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace AuthStatus.Analyzers.Tests;

/// <summary>Reflection checks over the whole package: descriptors, docs, README, release tracking, fix exports.</summary>
public class CatalogTests
{
    private static readonly Assembly AnalyzerAssembly = typeof(Descriptors).Assembly;
    private static readonly Assembly CodeFixAssembly = typeof(CodeFixes.Auth001UnauthorizedWithoutChallengeCodeFixProvider).Assembly;

    public static IEnumerable<DiagnosticAnalyzer> Analyzers() =>
        AnalyzerAssembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!);

    public static IEnumerable<CodeFixProvider> CodeFixes() =>
        CodeFixAssembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!);

    private static List<DiagnosticDescriptor> SupportedDescriptors() =>
        Analyzers().SelectMany(a => a.SupportedDiagnostics).GroupBy(d => d.Id).Select(g => g.First()).OrderBy(d => d.Id).ToList();

    [Fact]
    public void EveryAnalyzer_IsCSharpOnly_AndSupportsSomething()
    {
        var analyzers = Analyzers().ToList();
        Assert.NotEmpty(analyzers);
        foreach (var analyzer in analyzers)
        {
            var attribute = analyzer.GetType().GetCustomAttribute<DiagnosticAnalyzerAttribute>()!;
            Assert.Equal(new[] { LanguageNames.CSharp }, attribute.Languages);
            Assert.NotEmpty(analyzer.SupportedDiagnostics);
        }
    }

    [Fact]
    public void EveryDescriptor_HasHelpLinkAndDocPage()
    {
        foreach (var descriptor in SupportedDescriptors())
        {
            Assert.Matches("^AUTH[0-9]{3}$", descriptor.Id);
            Assert.Equal(Descriptors.HelpLinkBase + descriptor.Id + ".md", descriptor.HelpLinkUri);
            var doc = Path.Combine(TestReferences.RepositoryRoot, "docs", "rules", descriptor.Id + ".md");
            Assert.True(File.Exists(doc), $"{doc} is missing");
            var text = File.ReadAllText(doc);
            Assert.StartsWith($"# {descriptor.Id}: {descriptor.Title}", text);
            foreach (var section in new[] { "## Cause", "## Rule description", "## How to fix violations", "## When to suppress warnings", "## Examples", "## Related rules" })
            {
                Assert.Contains(section, text);
            }

            // The standard the rule enforces: an RFC section; CWE/OWASP for timing; the Fetch standard and the ASP.NET Core docs for CORS and middleware order.
            Assert.Matches("RFC [0-9]+|CWE-[0-9]+|OWASP|Fetch [Ss]tandard|learn.microsoft.com/aspnet/core", text);
        }
    }

    [Fact]
    public void EveryDescriptor_IsInReleaseTracking()
    {
        var unshipped = File.ReadAllText(Path.Combine(TestReferences.RepositoryRoot, "src", "Analyzers", "AnalyzerReleases.Unshipped.md"));
        foreach (var descriptor in SupportedDescriptors())
        {
            Assert.Matches(new Regex($@"^{descriptor.Id}\s*\|\s*{descriptor.Category}\s*\|\s*{descriptor.DefaultSeverity}\s*\|", RegexOptions.Multiline), unshipped);
        }
    }

    [Fact]
    public void ReadmeRuleTable_MatchesDescriptors()
    {
        var readme = File.ReadAllText(Path.Combine(TestReferences.RepositoryRoot, "README.md"));
        var rows = Regex.Matches(readme, @"^\| \[(AUTH\d{3})\]\(docs/rules/AUTH\d{3}\.md\) \| (\w+) \| ([^|]+?) \| ([^|]+?) \|$", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[1].Value, m => (Severity: m.Groups[2].Value, Title: m.Groups[3].Value));
        var descriptors = SupportedDescriptors();
        Assert.Equal(descriptors.Select(d => d.Id), rows.Keys.OrderBy(k => k));
        foreach (var descriptor in descriptors)
        {
            Assert.Equal(descriptor.Title.ToString(), rows[descriptor.Id].Title);
            Assert.Equal(descriptor.DefaultSeverity.ToString(), rows[descriptor.Id].Severity);
        }
    }

    [Fact]
    public void EveryCodeFix_IsExportedSharedAndFixesKnownIds()
    {
        var ids = SupportedDescriptors().Select(d => d.Id).ToHashSet();
        var fixes = CodeFixes().ToList();
        Assert.NotEmpty(fixes);
        foreach (var fix in fixes)
        {
            var type = fix.GetType();
            var export = type.GetCustomAttribute<ExportCodeFixProviderAttribute>();
            Assert.NotNull(export);
            Assert.Contains(LanguageNames.CSharp, export!.Languages);
            Assert.Equal(type.Name, export.Name);
            Assert.NotNull(type.GetCustomAttribute<SharedAttribute>());
            Assert.True(type.IsSealed, $"{type.Name} should be sealed");
            Assert.NotNull(fix.GetFixAllProvider());
            Assert.NotEmpty(fix.FixableDiagnosticIds);
            Assert.All(fix.FixableDiagnosticIds, id => Assert.Contains(id, ids));
            foreach (var key in type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.Name.EndsWith("Key", StringComparison.Ordinal)))
            {
                Assert.Matches("^AUTH[0-9]{3}_[A-Za-z]+$", (string)key.GetRawConstantValue()!);
            }
        }
    }

    [Fact]
    public void DiagnosticIds_AreUniqueConstants()
    {
        var values = typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();
        Assert.Equal(values.Count, values.Distinct().Count());
        Assert.All(SupportedDescriptors(), d => Assert.Contains(d.Id, values));
    }
}
