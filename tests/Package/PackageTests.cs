using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace AuthStatus.Analyzers.Tests.Package;

/// <summary>The package's contents, and the package installed from a local feed into a real web project.</summary>
[Trait("Category", "Package")]
public sealed class PackageTests : IClassFixture<PackageFixture>
{
    private readonly PackageFixture _package;

    public PackageTests(PackageFixture package) => _package = package;

    [Fact]
    public void Package_CarriesAnalyzersOnly()
    {
        using var archive = ZipFile.OpenRead(_package.PackagePath);
        var entries = archive.Entries.Select(e => e.FullName.Replace('\\', '/')).ToList();

        Assert.Contains("analyzers/dotnet/cs/AuthStatus.Analyzers.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/AuthStatus.Analyzers.CodeFixes.dll", entries);
        Assert.Contains("README.md", entries);
        Assert.Contains("LICENSE", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.StartsWith("analyzers/", StringComparison.Ordinal) && !e.StartsWith("analyzers/dotnet/cs/", StringComparison.Ordinal));

        var nuspecEntry = archive.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspecEntry.Open();
        var nuspec = XDocument.Load(stream);
        var ns = nuspec.Root!.GetDefaultNamespace();
        var metadata = nuspec.Root!.Element(ns + "metadata")!;
        Assert.Equal("AuthStatus.Analyzers", metadata.Element(ns + "id")!.Value);
        Assert.Equal("true", metadata.Element(ns + "developmentDependency")?.Value);
        Assert.Empty(metadata.Descendants(ns + "dependency"));
    }

    [Fact]
    public void InstalledFromLocalFeed_BuildReportsAuth001()
    {
        var app = Path.Combine(_package.Root, "app");
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(_package.Root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{_package.Feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(app, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="AuthStatus.Analyzers" Version="{_package.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            var app = WebApplication.Create(args);

            app.MapGet("/challenge", () => Results.Challenge());
            app.MapGet("/bare", () => Results.Unauthorized());
            app.MapPost("/login", () => Results.Unauthorized());
            app.Run();
            """);

        var build = Dotnet.Run(app, "build -nologo", Path.Combine(_package.Root, "packages"));

        Assert.True(build.ExitCode == 0, build.Output);
        var warnings = Regex.Matches(build.Output, @"Program\.cs\((\d+),(\d+)\): warning (AUTH\d{3})")
            .Select(m => $"{m.Groups[3].Value}@{m.Groups[1].Value}:{m.Groups[2].Value}")
            .Distinct()
            .ToList();
        Assert.Equal(new[] { "AUTH001@4:27" }, warnings);

        // The package is a development dependency: the app's own output does not carry the analyzers.
        Assert.False(File.Exists(Path.Combine(app, "bin", "Debug", "net10.0", "AuthStatus.Analyzers.dll")));
    }
}
