using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using AuthStatus.Analyzers.Tests.Infrastructure;

namespace AuthStatus.Analyzers.Tests.Package;

/// <summary>Packs the NuGet package once (from the build the test run already made) into a temporary folder feed.</summary>
public sealed class PackageFixture : IDisposable
{
    public PackageFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "authstatus-package-" + Guid.NewGuid().ToString("N"));
        Feed = Path.Combine(Root, "feed");
        Directory.CreateDirectory(Feed);

        var configuration = typeof(PackageFixture).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var project = Path.Combine(TestReferences.RepositoryRoot, "src", "Package", "AuthStatus.Analyzers.Package.csproj");
        PackOutput = Dotnet.Run(TestReferences.RepositoryRoot, $"pack \"{project}\" -c {configuration} --no-build -o \"{Feed}\"", null);
        var packages = Directory.GetFiles(Feed, "AuthStatus.Analyzers.*.nupkg");
        if (packages.Length != 1)
        {
            throw new InvalidOperationException($"Expected one package in {Feed}, found {packages.Length}. dotnet pack said:\n{PackOutput.Output}");
        }

        PackagePath = packages[0];
        Version = Path.GetFileNameWithoutExtension(PackagePath).Substring("AuthStatus.Analyzers.".Length);
    }

    public string Root { get; }

    public string Feed { get; }

    public string PackagePath { get; }

    public string Version { get; }

    public Dotnet.Result PackOutput { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>Runs the dotnet CLI with a timeout and captures its output.</summary>
public static class Dotnet
{
    public sealed record Result(int ExitCode, string Output);

    public static Result Run(string workingDirectory, string arguments, string? nugetPackages, int timeoutSeconds = 300)
    {
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        // The test host's own MSBuild settings must not leak into the child build.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBuildSDKsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        if (nugetPackages is not null)
        {
            start.Environment["NUGET_PACKAGES"] = nugetPackages;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeoutSeconds * 1000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {arguments} did not finish in {timeoutSeconds} s:\n{output}");
        }

        process.WaitForExit();
        return new Result(process.ExitCode, output.ToString());
    }
}
