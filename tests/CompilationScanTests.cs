using System.Linq;
using System.Threading;
using AuthStatus.Analyzers.AspNetCore;
using AuthStatus.Analyzers.Http;
using AuthStatus.Analyzers.Tests.Infrastructure;
using AuthStatus.Analyzers.Tests.Reliability;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AuthStatus.Analyzers.Tests;

/// <summary>The compilation-wide scans follow edits: a compilation that shares trees with the one before gets its own answer.</summary>
public class CompilationScanTests
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

    /// <summary>A web compilation of two plain files, the second at <paramref name="editedPath"/>, as an editor's first compilation.</summary>
    private static Compilation TwoPlainFiles(string editedPath, out SyntaxTree unchanged, out SyntaxTree edited)
    {
        unchanged = ReliabilityHarness.Parse(Plain, "/0/Plain.cs");
        edited = ReliabilityHarness.Parse(Plain, editedPath);
        return ReliabilityHarness.Compile(ReliabilityHarness.Full(AspNetVersion.Net100), new[] { unchanged, edited });
    }

    /// <summary>The registrations' reading of one file's text.</summary>
    private static SchemeRegistrations.FileScan Read(string text) => SchemeRegistrations.ReadFile(ReliabilityHarness.Parse(text, "/0/Scanned.cs"), text);

    [Fact]
    public void SafetyNet_FollowsEditsAcrossCompilations()
    {
        var before = TwoPlainFiles("/0/Edited.cs", out _, out var edited);
        Assert.False(ChallengeSafetyNet.Exists(before, CancellationToken.None));

        // The IDE's next compilation shares the unchanged tree and replaces the edited one.
        var withNet = before.ReplaceSyntaxTree(edited, ReliabilityHarness.Parse(Net, "/0/Edited.cs"));
        Assert.True(ChallengeSafetyNet.Exists(withNet, CancellationToken.None));

        var undone = withNet.ReplaceSyntaxTree(withNet.SyntaxTrees.Last(), ReliabilityHarness.Parse(Plain, "/0/Edited.cs"));
        Assert.False(ChallengeSafetyNet.Exists(undone, CancellationToken.None));
    }

    /// <summary>
    /// What a file's text says is read once per syntax tree: the IDE's next compilation reads only the edited file again
    /// (the benchmark's <c>--keystrokes</c> measures what that saves).
    /// </summary>
    [Fact]
    public void FileText_IsReadOncePerTree()
    {
        var before = TwoPlainFiles("/0/Edited.cs", out var unchanged, out var edited);
        var read = CompilationTexts.FileText.Of(unchanged, CancellationToken.None);
        var editedRead = CompilationTexts.FileText.Of(edited, CancellationToken.None);
        Assert.False(CompilationTexts.For(before, CancellationToken.None).HasChallengeSafetyNet);

        var after = before.ReplaceSyntaxTree(edited, ReliabilityHarness.Parse(Net, "/0/Edited.cs"));
        Assert.True(CompilationTexts.For(after, CancellationToken.None).HasChallengeSafetyNet);
        Assert.Same(read, CompilationTexts.FileText.Of(unchanged, CancellationToken.None));
        Assert.NotSame(editedRead, CompilationTexts.FileText.Of(after.SyntaxTrees.Last(), CancellationToken.None));
    }

    /// <summary>The registrations' reading of the text follows edits too: the files it keeps are the new compilation's.</summary>
    [Fact]
    public void Registrations_FollowEditsAcrossCompilations()
    {
        var before = TwoPlainFiles("/0/Program.cs", out _, out var edited);
        var scan = CompilationTexts.For(before, CancellationToken.None).Registrations;
        Assert.Empty(scan.Mentioning);
        Assert.False(scan.NamesCertificateRegistration);

        const string Registering = """
            public static class Setup
            {
                public static void Add(Microsoft.Extensions.DependencyInjection.IServiceCollection services) =>
                    services.AddAuthentication().AddCertificate().AddApiKey();
            }
            """;
        var withRegistrations = before.ReplaceSyntaxTree(edited, ReliabilityHarness.Parse(Registering, "/0/Program.cs"));
        var registering = withRegistrations.SyntaxTrees.Last();
        scan = CompilationTexts.For(withRegistrations, CancellationToken.None).Registrations;
        Assert.Equal(new[] { registering }, scan.Mentioning);
        Assert.True(scan.NamesCertificateRegistration);
        Assert.Single(scan.UnreadCalls);
        Assert.Same(registering, scan.UnreadCalls[0].Tree);

        var undone = withRegistrations.ReplaceSyntaxTree(registering, ReliabilityHarness.Parse(Plain, "/0/Program.cs"));
        scan = CompilationTexts.For(undone, CancellationToken.None).Registrations;
        Assert.Empty(scan.Mentioning);
        Assert.False(scan.NamesCertificateRegistration);
        Assert.Empty(scan.UnreadCalls);
    }

    /// <summary>The safety net's search finds the header's name however it is written, and only there.</summary>
    [Theory]
    [InlineData("context.Response.Headers.Append(\"WWW-Authenticate\", \"Bearer\");", true)]
    [InlineData("context.Response.Headers.Append(\"www-authenticate\", \"Bearer\");", true)]
    [InlineData("context.Response.Headers.Append(\"WWW-AUTHENTICATE\", \"Bearer\");", true)]
    [InlineData("context.Response.Headers.Append(\"Www-Authenticate\", \"Bearer\");", true)]
    [InlineData("context.Response.Headers.Append(Microsoft.Net.Http.Headers.HeaderNames.WWWAuthenticate, \"Bearer\");", true)]
    [InlineData("context.Response.Headers.WWWAuthenticate = \"Bearer\";", true)]
    [InlineData("context.Response.Headers.Append(\"Location\", \"https://www.example.com/authenticate\");", false)]
    [InlineData("if (context.User.Identity?.IsAuthenticated == true) { context.Response.Headers.Append(\"X-Authenticate\", \"1\"); }", false)]
    public void SafetyNet_FindsTheHeaderNameInAnySpelling(string write, bool expected)
    {
        var source = Net.Replace("context.Response.Headers.Append(\"WWW-Authenticate\", \"Bearer\");", write);
        var references = ReliabilityHarness.Full(AspNetVersion.Net100);
        var compilation = ReliabilityHarness.Compile(references, new[] { ReliabilityHarness.Parse(source, "/0/Net.cs") });
        Assert.Equal(expected, ChallengeSafetyNet.Exists(compilation, CancellationToken.None));
    }

    [Theory]
    [InlineData("services.AddAuthentication(o => o.DefaultScheme = \"Cookies\");", true)]
    [InlineData("o.DefaultChallengeScheme = JwtBearerDefaults.AuthenticationScheme;", true)]
    [InlineData("auth.AddJwtBearer();", true)]
    [InlineData("auth.AddScheme<Options, Handler>(\"Key\", null);", true)]
    [InlineData("var scheme = JwtBearerDefaults.AuthenticationScheme; services.AddScoped<IService, Service>();", false)]
    [InlineData("list.Add(x); var address = \"Default\"; var s = \"Scheme\";", false)]
    [InlineData("auth.AddJwtBearerish();", false)]
    public void RegistrationPrefilter_FindsRegistrationsAndDefaultSchemes(string text, bool expected)
    {
        Assert.Equal(expected, Read(text).MentionsRegistration);
    }

    /// <summary>AUTH003 binds the registrations to see a certificate-only app only when some file names <c>AddCertificate</c>.</summary>
    [Theory]
    [InlineData("services.AddAuthentication(\"Certificate\").AddCertificate();", true)]
    [InlineData("services.AddAuthentication()\n    .AddJwtBearer()\n    .AddCertificate(o => o.AllowedCertificateTypes = CertificateTypes.All);", true)]
    [InlineData("services.AddAuthentication().AddJwtBearer(); services.AddCertificateForwarding(o => { });", false)]
    [InlineData("services.AddAuthentication(o => o.DefaultScheme = \"Certificate\").AddScheme<Options, CertificateHandler>(\"Certificate\", null);", false)]
    [InlineData("AddCertificates(); x.addCertificate(); x.AddCertificate2();", false)]
    [InlineData("var name = \"AddCertificate\";", true)] // a text search: a mention in a string counts, and binding decides
    public void RegistrationScan_SaysWhetherAFileNamesTheCertificateRegistration(string text, bool expected)
    {
        Assert.Equal(expected, Read(text).NamesCertificateRegistration);
    }

    /// <summary>The calls the scan keeps for binding (marked <c>^</c>, in order): see <c>AnyUnreadRegistration</c>.</summary>
    [Theory]
    [InlineData("services.AddAuthentication().^AddApiKey();")]
    [InlineData("x.AddA()\n    .AddB();")]
    [InlineData("x.AddA() // note\n    .^AddB(); // Authentication")]
    [InlineData("x.AddA() /* c */ .^AddB(); // Scheme")]
    [InlineData("_repository.AddAsync(entity); // Authentication")]
    [InlineData("\"x\".AddB(); // Scheme")]
    [InlineData("auth.^AddApiKeyAuthentication(); auth.^AddPartnerScheme<Options>();")]
    [InlineData("services.AddAuthentication().AddJwtBearer().AddCookie();")]
    public void RegistrationScan_KeepsTheCallsThatMayRegisterUnreadSchemes(string marked)
    {
        var text = marked.Replace("^", string.Empty);
        var expected = Enumerable.Range(0, marked.Length).Where(i => marked[i] == '^').Select((at, n) => at - n).ToArray();
        Assert.Equal(expected, Read(text).UnreadCalls.Select(call => call.Start).ToArray());
    }
}
