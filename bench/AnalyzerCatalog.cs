using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AuthStatus.Analyzers.Bench;

/// <summary>A set of analyzers from one assembly.</summary>
public sealed record AnalyzerGroup(string AssemblyName, bool IsPackage, ImmutableArray<DiagnosticAnalyzer> Analyzers);

/// <summary>
/// The analyzers measured: every <see cref="DiagnosticAnalyzer"/> of the package (found by reflection, so rules added later
/// are measured without touching the benchmark) and the ASP.NET Core framework's analyzers from the SDK pack.
/// </summary>
public sealed class AnalyzerCatalog
{
    public const string PackageAssembly = "AuthStatus.Analyzers";
    public const string CodeFixAssembly = "AuthStatus.Analyzers.CodeFixes";

    private AnalyzerCatalog(AnalyzerGroup package, ImmutableArray<AnalyzerGroup> framework, ImmutableArray<string> loadErrors)
    {
        Package = package;
        Framework = framework;
        LoadErrors = loadErrors;
        All = package.Analyzers.AddRange(framework.SelectMany(g => g.Analyzers));
    }

    public AnalyzerGroup Package { get; }

    public ImmutableArray<AnalyzerGroup> Framework { get; }

    public ImmutableArray<DiagnosticAnalyzer> All { get; }

    public ImmutableArray<string> LoadErrors { get; }

    /// <param name="perRule">Measure the rules that the package's exported analyzer hosts (its public static <c>CreateRules()</c>) as analyzers of their own.</param>
    public static AnalyzerCatalog Load(Sdk sdk, bool perRule = false)
    {
        var errors = new List<string>();
        var package = new AnalyzerGroup(PackageAssembly, true, PackageAnalyzers(errors, perRule));
        var framework = new List<AnalyzerGroup>();
        var loader = new DefaultContextLoader();
        foreach (var path in Directory.GetFiles(sdk.AspNetCoreAnalyzerDirectory, "*.dll").OrderBy(p => p, StringComparer.Ordinal))
        {
            var reference = new AnalyzerFileReference(path, loader);
            reference.AnalyzerLoadFailed += (_, e) => errors.Add($"{Path.GetFileName(path)}: {e.ErrorCode} {e.Message}");
            var analyzers = reference.GetAnalyzers(LanguageNames.CSharp);
            if (!analyzers.IsEmpty)
            {
                framework.Add(new AnalyzerGroup(Path.GetFileNameWithoutExtension(path), false, analyzers));
            }
        }

        return new AnalyzerCatalog(package, framework.ToImmutableArray(), errors.ToImmutableArray());
    }

    /// <summary>The package's code fix providers, by reflection (exported, non-abstract <see cref="CodeFixProvider"/> types).</summary>
    public static ImmutableArray<CodeFixProvider> PackageCodeFixes()
    {
        Assembly assembly;
        try
        {
            assembly = Assembly.Load(new AssemblyName(CodeFixAssembly));
        }
        catch (FileNotFoundException)
        {
            return ImmutableArray<CodeFixProvider>.Empty;
        }

        return LoadableTypes(assembly)
            .Where(t => t is { IsAbstract: false, IsClass: true } && typeof(CodeFixProvider).IsAssignableFrom(t)
                && t.GetCustomAttribute<ExportCodeFixProviderAttribute>() is not null && t.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .ToImmutableArray();
    }

    private static ImmutableArray<DiagnosticAnalyzer> PackageAnalyzers(List<string> errors, bool perRule)
    {
        var assembly = Assembly.Load(new AssemblyName(PackageAssembly));
        var result = ImmutableArray.CreateBuilder<DiagnosticAnalyzer>();
        foreach (var type in LoadableTypes(assembly).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            if (type.IsAbstract || !typeof(DiagnosticAnalyzer).IsAssignableFrom(type))
            {
                continue;
            }

            var attribute = type.GetCustomAttribute<DiagnosticAnalyzerAttribute>();
            if (attribute is null || !attribute.Languages.Contains(LanguageNames.CSharp))
            {
                continue;
            }

            try
            {
                if (perRule && type.GetMethod("CreateRules", BindingFlags.Public | BindingFlags.Static, Type.EmptyTypes) is { } createRules
                    && createRules.Invoke(null, null) is ImmutableArray<DiagnosticAnalyzer> rules)
                {
                    result.AddRange(rules);
                    continue;
                }

                result.Add((DiagnosticAnalyzer)Activator.CreateInstance(type)!);
            }
            catch (Exception ex)
            {
                errors.Add($"{type.FullName}: {ex.GetType().Name} {ex.Message}");
            }
        }

        return result.ToImmutable();
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            return ex.Types.Where(t => t is not null)!;
        }
    }

    /// <summary>Loads analyzer assemblies into the default context, where this host's Roslyn already is.</summary>
    private sealed class DefaultContextLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => AssemblyLoadContext.Default.LoadFromAssemblyPath(fullPath);
    }
}
