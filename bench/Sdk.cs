using System;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace AuthStatus.Analyzers.Bench;

/// <summary>
/// Reference assemblies and analyzers from the SDK that runs the benchmark: the dotnet root is found from the running
/// runtime (<c>shared/Microsoft.NETCore.App/&lt;version&gt;</c>), then the newest 10.x reference packs under <c>packs/</c>.
/// </summary>
public sealed class Sdk
{
    public const int Major = 10;

    private Sdk(string dotnetRoot)
    {
        DotnetRoot = dotnetRoot;
        NetCoreRefDirectory = Path.Combine(NewestPack(dotnetRoot, "Microsoft.NETCore.App.Ref"), "ref", "net" + Major + ".0");
        var aspNetPack = NewestPack(dotnetRoot, "Microsoft.AspNetCore.App.Ref");
        AspNetCoreVersion = Path.GetFileName(aspNetPack);
        AspNetCoreRefDirectory = Path.Combine(aspNetPack, "ref", "net" + Major + ".0");
        AspNetCoreAnalyzerDirectory = Path.Combine(aspNetPack, "analyzers", "dotnet", "cs");
        NetCore = Load(NetCoreRefDirectory);
        AspNetCore = Load(AspNetCoreRefDirectory);
        JwtBearer = FindJwtBearer();
    }

    public string DotnetRoot { get; }

    public string AspNetCoreVersion { get; }

    public string NetCoreRefDirectory { get; }

    public string AspNetCoreRefDirectory { get; }

    public string AspNetCoreAnalyzerDirectory { get; }

    /// <summary>The .NET reference assemblies.</summary>
    public ImmutableArray<MetadataReference> NetCore { get; }

    /// <summary>The ASP.NET Core shared framework's reference assemblies.</summary>
    public ImmutableArray<MetadataReference> AspNetCore { get; }

    /// <summary>The JwtBearer package's assembly (downloaded at restore time), or empty when it is not there.</summary>
    public ImmutableArray<MetadataReference> JwtBearer { get; }

    public static Sdk Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var fromRuntime = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        foreach (var candidate in new[] { fromRuntime, fromEnvironment })
        {
            if (!string.IsNullOrEmpty(candidate) && Directory.Exists(Path.Combine(candidate, "packs", "Microsoft.AspNetCore.App.Ref")))
            {
                return new Sdk(candidate);
            }
        }

        throw new InvalidOperationException($"No packs/Microsoft.AspNetCore.App.Ref under the dotnet root ({fromRuntime}); set DOTNET_ROOT.");
    }

    private static string NewestPack(string dotnetRoot, string pack)
    {
        var directory = Path.Combine(dotnetRoot, "packs", pack);
        var newest = Directory.Exists(directory)
            ? Directory.GetDirectories(directory)
                .Select(d => (Path: d, Version: ParseVersion(Path.GetFileName(d))))
                .Where(d => d.Version is not null && d.Version.Major == Major)
                .OrderByDescending(d => d.Version)
                .Select(d => d.Path)
                .FirstOrDefault()
            : null;
        return newest ?? throw new InvalidOperationException($"No {Major}.x version of {pack} under {directory}.");
    }

    private static Version? ParseVersion(string text)
    {
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        return Version.TryParse(dash < 0 ? text : text[..dash], out var version) ? version : null;
    }

    private static ImmutableArray<MetadataReference> Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new InvalidOperationException($"Reference assemblies not found at {directory}.");
        }

        return Directory.GetFiles(directory, "*.dll")
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => (MetadataReference)MetadataReference.CreateFromFile(f))
            .ToImmutableArray();
    }

    private static ImmutableArray<MetadataReference> FindJwtBearer()
    {
        var root = typeof(Sdk).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "NuGetPackageRoot")?.Value;
        if (string.IsNullOrEmpty(root))
        {
            root = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        }

        var package = Path.Combine(root, "microsoft.aspnetcore.authentication.jwtbearer");
        if (!Directory.Exists(package))
        {
            return ImmutableArray<MetadataReference>.Empty;
        }

        var lib = Directory.GetDirectories(package)
            .Select(d => (Path: d, Version: ParseVersion(Path.GetFileName(d))))
            .Where(d => d.Version is not null && d.Version.Major == Major)
            .OrderByDescending(d => d.Version)
            .Select(d => Path.Combine(d.Path, "lib", "net" + Major.ToString(CultureInfo.InvariantCulture) + ".0"))
            .FirstOrDefault(Directory.Exists);
        return lib is null ? ImmutableArray<MetadataReference>.Empty : Load(lib);
    }

    public static string? BenchDirectory() =>
        typeof(Sdk).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "BenchDirectory")?.Value;
}
