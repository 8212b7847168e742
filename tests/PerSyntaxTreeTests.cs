using System.Linq;
using System.Threading;
using AuthStatus.Analyzers.Http;
using AuthStatus.Analyzers.Tests.Infrastructure;
using AuthStatus.Analyzers.Tests.Reliability;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AuthStatus.Analyzers.Tests;

/// <summary>The per-file facts behind the compilation-wide scans: read once per tree, and right after an edit.</summary>
public class PerSyntaxTreeTests
{
    private const string Plain = "public class Plain { public int M() => 1; }";

    private const string Net = """
        public static class ChallengeNet
        {
            public static void Use(Microsoft.AspNetCore.Builder.WebApplication app) => app.Use(async (context, next) =>
            {
                context.Response.OnStarting(() =>
                {
                    if (context.Response.StatusCode == 401)
                    {
                        context.Response.Headers.Append("WWW-Authenticate", "Bearer");
                    }

                    return System.Threading.Tasks.Task.CompletedTask;
                });
                await next(context);
            });
        }
        """;

    [Fact]
    public void Fact_IsReadOncePerTree()
    {
        var reads = 0;
        var facts = new PerSyntaxTree((tree, _) => { Interlocked.Increment(ref reads); return tree.Length > 20; });
        var a = ReliabilityHarness.Parse(Plain, "/0/A.cs");
        var b = ReliabilityHarness.Parse("class B { }", "/0/B.cs");

        Assert.True(facts.Get(a, CancellationToken.None));
        Assert.True(facts.Get(a, CancellationToken.None));
        Assert.False(facts.Get(b, CancellationToken.None));
        Assert.Equal(2, reads);
    }

    [Fact]
    public void SafetyNet_FollowsEditsAcrossCompilations()
    {
        var references = ReliabilityHarness.Full(AspNetVersion.Net100);
        var plain = ReliabilityHarness.Parse(Plain, "/0/Plain.cs");
        var edited = ReliabilityHarness.Parse(Plain, "/0/Edited.cs");
        var before = ReliabilityHarness.Compile(references, new[] { plain, edited });
        Assert.False(ChallengeSafetyNet.Exists(before, CancellationToken.None));

        // The IDE's next compilation shares the unchanged tree and replaces the edited one.
        var withNet = before.ReplaceSyntaxTree(edited, ReliabilityHarness.Parse(Net, "/0/Edited.cs"));
        Assert.True(ChallengeSafetyNet.Exists(withNet, CancellationToken.None));

        var undone = withNet.ReplaceSyntaxTree(withNet.SyntaxTrees.Last(), ReliabilityHarness.Parse(Plain, "/0/Edited.cs"));
        Assert.False(ChallengeSafetyNet.Exists(undone, CancellationToken.None));
    }
}
