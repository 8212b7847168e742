using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace AuthStatus.Analyzers.Tests.Infrastructure;

/// <summary>The ASP.NET Core versions the rules are tested against.</summary>
public enum AspNetVersion
{
    Net80,
    Net100,
}

/// <summary>
/// Reference assemblies for the code under test. They come from packages that the test project downloads at restore
/// time (<c>PackageDownload</c> in the csproj), so a test run needs no network.
/// </summary>
public static class TestReferences
{
    private static readonly ConcurrentDictionary<string, ImmutableArray<MetadataReference>> Cache = new();

    public static string PackageRoot { get; } = FindPackageRoot();

    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot")
        ?? throw new InvalidOperationException("RepositoryRoot metadata is missing from the test assembly.");

    /// <summary>The .NET reference assemblies only (no ASP.NET Core).</summary>
    public static ImmutableArray<MetadataReference> Core(AspNetVersion version) =>
        Load("Microsoft.NETCore.App.Ref", NetVersion(version), "ref/" + Tfm(version));

    /// <summary>.NET plus the ASP.NET Core shared framework.</summary>
    public static ImmutableArray<MetadataReference> AspNetCore(AspNetVersion version) =>
        Core(version).AddRange(Load("Microsoft.AspNetCore.App.Ref", NetVersion(version), "ref/" + Tfm(version)));

    /// <summary>The JwtBearer authentication package (not part of the shared framework).</summary>
    public static ImmutableArray<MetadataReference> JwtBearer(AspNetVersion version) =>
        Load("Microsoft.AspNetCore.Authentication.JwtBearer", NetVersion(version), "lib/" + Tfm(version));

    /// <summary>ASP.NET Core without its MVC assemblies: minimal APIs only.</summary>
    public static ImmutableArray<MetadataReference> AspNetCoreWithoutMvc(AspNetVersion version) =>
        AspNetCore(version).Where(r => !(r.Display ?? string.Empty).Contains("Microsoft.AspNetCore.Mvc", StringComparison.Ordinal)).ToImmutableArray();

    public static string Tfm(AspNetVersion version) => version switch
    {
        AspNetVersion.Net80 => "net8.0",
        _ => "net10.0",
    };

    public static string NetVersion(AspNetVersion version) => version switch
    {
        AspNetVersion.Net80 => "8.0.34",
        _ => "10.0.12",
    };

    private static ImmutableArray<MetadataReference> Load(string package, string version, string folder)
    {
        return Cache.GetOrAdd(package + "/" + version + "/" + folder, _ =>
        {
            var directory = Path.Combine(PackageRoot, package.ToLowerInvariant(), version, folder);
            if (!Directory.Exists(directory))
            {
                throw new InvalidOperationException(
                    $"Reference assemblies not found at {directory}. Run 'dotnet restore' (the test project downloads {package} {version}).");
            }

            return Directory.GetFiles(directory, "*.dll")
                .OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => (MetadataReference)MetadataReference.CreateFromFile(f))
                .ToImmutableArray();
        });
    }

    private static string FindPackageRoot()
    {
        var fromBuild = Metadata("NuGetPackageRoot");
        if (!string.IsNullOrEmpty(fromBuild) && Directory.Exists(fromBuild))
        {
            return fromBuild;
        }

        var fromEnvironment = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (!string.IsNullOrEmpty(fromEnvironment) && Directory.Exists(fromEnvironment))
        {
            return fromEnvironment;
        }

        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
    }

    private static string? Metadata(string key) =>
        typeof(TestReferences).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == key)?.Value;
}
