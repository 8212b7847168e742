using System;
using System.Linq;
using AuthStatus.Analyzers.Http;
using Xunit;

namespace AuthStatus.Analyzers.Tests.Http;

/// <summary>The WWW-Authenticate grammar (RFC 9110 §11.6.1, §11.2), Bearer (RFC 6750 §3) and Basic (RFC 7617) checks, by table.</summary>
public class ChallengeParserTests
{
    private const char H = ChallengeParser.Hole;

    public static TheoryData<string> ValidValues => new()
    {
        // RFC 9110 §11.6.1 example.
        "Basic realm=\"simple\", Newauth realm=\"apps\", type=1, title=\"Login to \\\"apps\\\"\"",
        // RFC 7235 §4.1 example (the same challenges in the other order).
        "Newauth realm=\"apps\", type=1, title=\"Login to \\\"apps\\\"\", Basic realm=\"simple\"",
        // RFC 7617 §2 and §2.1 examples.
        "Basic realm=\"WallyWorld\"",
        "Basic realm=\"foo\", charset=\"UTF-8\"",
        // RFC 6750 §3 examples.
        "Bearer realm=\"example\"",
        "Bearer realm=\"example\", error=\"invalid_token\", error_description=\"The access token expired\"",
        "Bearer realm=\"example\",\n error=\"invalid_token\"".Replace("\n", string.Empty),
        // RFC 6750 §3 scope examples.
        "Bearer scope=\"openid profile email\"",
        "Bearer scope=\"urn:example:channel=HBO&urn:example:rating=G,PG-13\"",
        "Bearer error=\"insufficient_scope\", scope=\"orders:read\"",
        "Bearer error=invalid_request",
        "Bearer",
        "Negotiate",
        "Negotiate a87421000492aa874209af8bc028",
        "NTLM TlRMTVNTUAABAAAAB4IIogAAAAAAAAAAAAAAAAAAAAAGAbEdAAAADw==",
        "Bearer, Basic realm=\"api\"",
        "Bearer error = \"invalid_token\"",
        "  Bearer   realm=\"api\"  ",
        "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=SHA-256, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"",
        "ApiKey header=\"X-Api-Key\"",
        "Bearer realm=\"a\\\\b\"",
        // Holes: a hole as a scheme, a token value, the whole value, an escaped hole in quotes.
        H + " realm=\"api\"",
        "Bearer error=" + H,
        H.ToString(),
        "Bearer " + H,
        "Basic " + H,
        "Bearer realm=\"api\", " + H,
    };

    [Theory]
    [MemberData(nameof(ValidValues))]
    public void ValidValue_HasNoProblem(string value)
    {
        var result = ChallengeParser.Parse(value, new[] { ChallengeHoleKind.Opaque });
        Assert.Empty(result.Problems);
    }

    [Theory]
    [InlineData("Bearer realm=\"" + "\uFFFF" + "\"", "Escaped")]
    [InlineData("Bearer realm=\"" + "\uFFFF" + "\"", "Token")]
    [InlineData("Bearer scope=" + "\uFFFF", "Token")]
    [InlineData("Bearer error=\"invalid_token\", error_description=\"" + "\uFFFF" + "\"", "Escaped")]
    public void SafeHole_HasNoProblem(string value, string kind)
    {
        Assert.Empty(ChallengeParser.Parse(value, new[] { Enum.Parse<ChallengeHoleKind>(kind) }).Problems);
    }

    /// <summary>Invalid values: the problem expected first, and the text it points at.</summary>
    public static TheoryData<string, string, string> InvalidValues => new()
    {
        { "", nameof(ChallengeProblemKind.Empty), "" },
        { "   ", nameof(ChallengeProblemKind.Empty), "   " },
        { "error=\"invalid_token\"", nameof(ChallengeProblemKind.MissingScheme), "error" },
        { "realm=\"api\"", nameof(ChallengeProblemKind.MissingScheme), "realm" },
        { "Bearer, error=\"invalid_token\"", nameof(ChallengeProblemKind.CommaAfterScheme), "," },
        { "Bearer,error=\"invalid_token\", error_description=\"expired\"", nameof(ChallengeProblemKind.CommaAfterScheme), "," },
        { "Bearer realm=\"api\" error=\"invalid_token\"", nameof(ChallengeProblemKind.MissingComma), " " },
        { "Bearer error=invalid_token error_description=\"x\"", nameof(ChallengeProblemKind.MissingComma), " " },
        { "Bearer realm=\"api\"error=\"invalid_token\"", nameof(ChallengeProblemKind.MissingComma), "\"" },
        { "Bearer realm=\"a\" Basic realm=\"b\"", nameof(ChallengeProblemKind.MissingComma), " " },
        { "Bearer error_description=The token expired", nameof(ChallengeProblemKind.UnquotedValue), "The token expired" },
        { "Bearer error=\"invalid_token\", error_description=The token expired", nameof(ChallengeProblemKind.UnquotedValue), "The token expired" },
        { "Bearer error_uri=https://example.com/errors", nameof(ChallengeProblemKind.UnquotedValue), "https://example.com/errors" },
        { "Basic realm=my\"realm\"", nameof(ChallengeProblemKind.UnquotedValue), "my\"realm\"" },
        { "Bearer scope=read write, error=\"insufficient_scope\"", nameof(ChallengeProblemKind.UnquotedValue), "read write" },
        { "Bearer realm=\"api", nameof(ChallengeProblemKind.UnterminatedQuotedString), "\"api" },
        { "Bearer error_description=\"ends with \\\"", nameof(ChallengeProblemKind.UnterminatedQuotedString), "\"ends with \\\"" },
        { "Bearer error_description=\"bad " + "\uFFFF" + "\"", nameof(ChallengeProblemKind.UnescapedHole), "\uFFFF" },
        { "Bearer error_description=" + "\uFFFF", nameof(ChallengeProblemKind.UnquotedHole), "\uFFFF" },
        { "Basic realm=" + "\uFFFF", nameof(ChallengeProblemKind.UnquotedHole), "\uFFFF" },
        { "Bearer realm=\"a\", scope=", nameof(ChallengeProblemKind.MissingValue), "scope=" },
        { "Bearer realm=, error=\"invalid_token\"", nameof(ChallengeProblemKind.MissingValue), "realm=" },
        { "Bearer\"x\"", nameof(ChallengeProblemKind.InvalidCharacter), "\"x\"" },
        { "\"Bearer\"", nameof(ChallengeProblemKind.InvalidCharacter), "\"Bearer\"" },
        { "Bearer realm=\"a\nb\"", nameof(ChallengeProblemKind.InvalidCharacter), "\n" },
        { "Bearer The token expired", nameof(ChallengeProblemKind.InvalidCharacter), "The token expired" },
        { "Bearer realm=\"example\",\r\n error=\"invalid_token\"", nameof(ChallengeProblemKind.InvalidCharacter), "\r" },
        { "Bearer realm=\"api\",", nameof(ChallengeProblemKind.EmptyElement), "," },
        { "Bearer realm=\"api\",, error=\"invalid_token\"", nameof(ChallengeProblemKind.EmptyElement), "," },
        { ", Bearer", nameof(ChallengeProblemKind.EmptyElement), "," },
        { "Bearer realm=\"a\", realm=\"b\"", nameof(ChallengeProblemKind.DuplicateParameter), "realm" },
        { "Bearer error=\"invalid_token\", ERROR=\"invalid_request\"", nameof(ChallengeProblemKind.DuplicateParameter), "ERROR" },
        { "Bearer error=\"token_expired\"", nameof(ChallengeProblemKind.InvalidBearerError), "\"token_expired\"" },
        { "Bearer error=Unauthorized", nameof(ChallengeProblemKind.InvalidBearerError), "Unauthorized" },
        { "Bearer error=\"INVALID_TOKEN\"", nameof(ChallengeProblemKind.InvalidBearerError), "\"INVALID_TOKEN\"" },
        { "Bearer error=\"invalid_token\", error_description=\"The \\\"exp\\\" claim\"", nameof(ChallengeProblemKind.InvalidBearerCharacters), "\"The \\\"exp\\\" claim\"" },
        { "Bearer error_description=\"Jeton expiré\"", nameof(ChallengeProblemKind.InvalidBearerCharacters), "\"Jeton expiré\"" },
        { "Bearer error_uri=\"https://example.com/a b\"", nameof(ChallengeProblemKind.InvalidBearerCharacters), "\"https://example.com/a b\"" },
        { "Bearer invalid_token", nameof(ChallengeProblemKind.BearerToken68), "invalid_token" },
        { "Bearer realm", nameof(ChallengeProblemKind.BearerToken68), "realm" },
        { "Basic", nameof(ChallengeProblemKind.BasicWithoutRealm), "Basic" },
        { "basic charset=\"UTF-8\"", nameof(ChallengeProblemKind.BasicWithoutRealm), "basic" },
        { "Bearer, Basic", nameof(ChallengeProblemKind.BasicWithoutRealm), "Basic" },
        { "Basic realm=\"api\", charset=\"ISO-8859-1\"", nameof(ChallengeProblemKind.BasicCharset), "\"ISO-8859-1\"" },
    };

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public void InvalidValue_ReportsProblemAtItsText(string value, string kind, string at)
    {
        var result = ChallengeParser.Parse(value, new[] { ChallengeHoleKind.Opaque });
        Assert.NotEmpty(result.Problems);
        var problem = result.Problems[0];
        Assert.Equal(kind, problem.Kind.ToString());
        Assert.Equal(at, value.Substring(problem.Start, problem.Length));
        Assert.False(string.IsNullOrEmpty(problem.Message));
    }

    [Fact]
    public void ParameterFirst_IsMarkedAsContinuation()
    {
        Assert.True(ChallengeParser.Parse("error=\"invalid_token\"").StartsWithParameter);
        Assert.False(ChallengeParser.Parse("Bearer error=\"invalid_token\"").StartsWithParameter);
    }

    [Fact]
    public void Challenges_AreSplitWithTheirParameters()
    {
        var result = ChallengeParser.Parse("Basic realm=\"simple\", Newauth realm=\"apps\", type=1, title=\"Login to \\\"apps\\\"\"");
        Assert.Equal(new[] { "Basic", "Newauth" }, result.Challenges.Select(c => c.Scheme));
        Assert.Equal(new[] { "realm", "type", "title" }, result.Challenges[1].Parameters.Select(p => p.Name));
        Assert.Equal("Login to \"apps\"", result.Challenges[1].Parameters[2].Value);
        Assert.Equal("1", result.Challenges[1].Parameters[1].Value);
    }

    [Fact]
    public void SeveralProblems_AreAllReported()
    {
        var result = ChallengeParser.Parse("Bearer realm=\"a\" error=token_expired, error=\"invalid_token\"");
        Assert.Equal(
            new[] { ChallengeProblemKind.MissingComma, ChallengeProblemKind.DuplicateParameter, ChallengeProblemKind.InvalidBearerError },
            result.Problems.Select(p => p.Kind).OrderBy(k => k));
    }

    [Theory]
    [InlineData("Bearer, error=\"invalid_token\"", "Bearer error=\"invalid_token\"")]
    [InlineData("Bearer,error=\"invalid_token\", error_description=\"expired\"", "Bearer error=\"invalid_token\", error_description=\"expired\"")]
    [InlineData("Bearer realm=\"api\" error=\"invalid_token\"", "Bearer realm=\"api\", error=\"invalid_token\"")]
    [InlineData("Bearer realm=\"api\"error=\"invalid_token\"", "Bearer realm=\"api\", error=\"invalid_token\"")]
    [InlineData("Bearer error_description=The token expired", "Bearer error_description=\"The token expired\"")]
    [InlineData("Bearer error_uri=https://example.com/errors", "Bearer error_uri=\"https://example.com/errors\"")]
    [InlineData("Basic realm=my\"realm\"", "Basic realm=\"my\\\"realm\\\"\"")]
    [InlineData("Bearer realm=\"api", "Bearer realm=\"api\"")]
    [InlineData("Bearer realm=\"api\",", "Bearer realm=\"api\"")]
    [InlineData("Bearer realm=\"api\",, error=\"invalid_token\"", "Bearer realm=\"api\", error=\"invalid_token\"")]
    [InlineData("Basic", "Basic realm=\"MyApp\"")]
    [InlineData("Basic charset=\"UTF-8\"", "Basic realm=\"MyApp\", charset=\"UTF-8\"")]
    [InlineData("Bearer, Basic", "Bearer, Basic realm=\"MyApp\"")]
    public void Fixer_ProducesTheWellFormedValue(string value, string expected)
    {
        var fixedValue = ChallengeFixer.TryFix(value, ChallengeParser.Parse(value), "MyApp");
        Assert.Equal(expected, fixedValue);
        Assert.Empty(ChallengeParser.Parse(fixedValue!).Problems);
    }

    [Theory]
    [InlineData("Bearer error=\"token_expired\"")]
    [InlineData("Bearer realm=\"a\", realm=\"b\"")]
    [InlineData("Bearer invalid_token")]
    [InlineData("Bearer error_description=\"ends with \\\"")]
    [InlineData("Bearer realm=\"api\"")]
    public void Fixer_GivesUpWhenNoWellFormedValueIsKnown(string value)
    {
        Assert.Null(ChallengeFixer.TryFix(value, ChallengeParser.Parse(value), "MyApp"));
    }

    [Fact]
    public void VeryLongValues_DoNotOverflow()
    {
        var missingCommas = "Bearer " + string.Join(" ", Enumerable.Range(0, 5000).Select(i => "p" + i + "=\"v\""));
        Assert.NotEmpty(ChallengeParser.Parse(missingCommas).Problems);
        var wellFormed = "Bearer " + string.Join(", ", Enumerable.Range(0, 5000).Select(i => "p" + i + "=\"v\""));
        Assert.Empty(ChallengeParser.Parse(wellFormed).Problems);
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("\\")]
    [InlineData("=")]
    [InlineData(",")]
    [InlineData("Bearer realm=\"")]
    [InlineData("Bearer realm=\"\\")]
    [InlineData("Bearer =")]
    [InlineData("Bearer ,=,")]
    [InlineData("a=b=c=d")]
    [InlineData("Basic realm=\"x\" , , ,")]
    [InlineData("\uFFFF=\uFFFF \uFFFF \"\uFFFF")]
    public void OddValues_DoNotThrow(string value)
    {
        var result = ChallengeParser.Parse(value, new[] { ChallengeHoleKind.Opaque, ChallengeHoleKind.Opaque, ChallengeHoleKind.Opaque });
        foreach (var problem in result.Problems)
        {
            Assert.InRange(problem.Start, 0, value.Length);
            Assert.InRange(problem.Start + problem.Length, 0, value.Length);
        }

        ChallengeFixer.TryFix(value, result, "r");
    }
}
