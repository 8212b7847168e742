using System.Threading.Tasks;
using AuthStatus.Analyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = AuthStatus.Analyzers.Tests.Infrastructure.Verifier<AuthStatus.Analyzers.Rules.Auth006SecretComparedInNonConstantTimeAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace AuthStatus.Analyzers.Tests.Rules;

public class Auth006SecretComparedInNonConstantTimeTests
{
    [Fact]
    public async Task EqualityOperatorOnApiKey_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            public class ApiKeyCheck
            {
                private readonly string _apiKey = "configured";

                public bool IsValid(string providedApiKey) => [|providedApiKey == _apiKey|];

                public bool IsInvalid(string candidate, string expectedPassword) => [|candidate != expectedPassword|];
            }
            """);
    }

    [Fact]
    public async Task StringEqualsOverloads_Trigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            public class Checks
            {
                public bool A(string token, string other) => [|token.Equals(other)|];
                public bool B(string token, string other) => [|string.Equals(token, other)|];
                public bool C(string token, string other) => [|string.Equals(token, other, StringComparison.Ordinal)|];
                public bool D(string token, string other) => [|token.Equals(other, StringComparison.OrdinalIgnoreCase)|];
                public bool E(string token, Microsoft.Extensions.Primitives.StringValues other) => [|token.Equals(other)|];
                public bool F(string signature, string expected) => [|string.Compare(signature, expected) == 0|];
                public bool G(string signature, string expected) => [|string.CompareOrdinal(signature, expected)|] == 0;
                public bool H(string signature, string expected) => [|signature.CompareTo(expected)|] == 0;
            }
            """.Replace("[|string.Compare(signature, expected) == 0|]", "[|string.Compare(signature, expected)|] == 0"));
    }

    [Fact]
    public async Task LocalsAreFollowedToTheirDeclaration()
    {
        // The declarator is found among the statements around the read (a block or two out); out var and the other
        // declarations are read through their syntax. A local whose initializer is no secret is none, and a constant
        // operand never is.
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Http;

            public class Checks
            {
                public bool A(HttpRequest request, string expected)
                {
                    var supplied = request.Headers["X-Api-Key"].ToString();
                    if (expected.Length > 0)
                    {
                        {
                            return [|supplied == expected|];
                        }
                    }

                    return false;
                }

                public bool B(HttpRequest request, string expected)
                {
                    if (request.Headers.TryGetValue("X-Api-Key", out var supplied))
                    {
                        return [|supplied == expected|];
                    }

                    return false;
                }

                public bool C(HttpRequest request, string expected)
                {
                    var supplied = request.Headers["X-Request-Id"].ToString();
                    return supplied == expected;
                }

                public bool D(string apiKey)
                {
                    var first = apiKey;
                    return first == "" || first == null || first.StartsWith("Bearer ");
                }
            }
            """);
    }

    [Fact]
    public async Task SequenceEqualAndPrefix_Trigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            public class Checks
            {
                public bool A(byte[] hmac, byte[] computed) => [|hmac.SequenceEqual(computed)|];
                public bool B(ReadOnlySpan<byte> expectedSignature, ReadOnlySpan<byte> actual) => [|expectedSignature.SequenceEqual(actual)|];
                public bool C(byte[] passwordHash, byte[] computed) => [|Enumerable.SequenceEqual(passwordHash, computed)|];
                public bool D(string input, string secret) => [|input.StartsWith(secret)|];
                public bool E(string input, string secret) => [|input.EndsWith(secret, StringComparison.Ordinal)|];
            }
            """);
    }

    [Fact]
    public async Task HeaderQueryAndConfigurationValues_Trigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.Net.Http.Headers;

            public class ApiKeyMiddleware
            {
                private readonly RequestDelegate _next;
                private readonly IConfiguration _configuration;

                public ApiKeyMiddleware(RequestDelegate next, IConfiguration configuration)
                {
                    _next = next;
                    _configuration = configuration;
                }

                public async Task InvokeAsync(HttpContext context)
                {
                    if (!context.Request.Headers.TryGetValue("X-Api-Key", out var extracted))
                    {
                        context.Response.StatusCode = 401;
                        return;
                    }

                    var expected = _configuration["Auth:ApiKey"];
                    if (![|expected.Equals(extracted)|])
                    {
                        context.Response.StatusCode = 401;
                        return;
                    }

                    var header = context.Request.Headers.Authorization.ToString();
                    var configured = _configuration.GetValue<string>("Webhooks:Secret");
                    if ([|header != configured|])
                    {
                        return;
                    }

                    if ([|context.Request.Query["api_key"] != expected|])
                    {
                        return;
                    }

                    if ([|context.Request.Headers[HeaderNames.Authorization] == configured|])
                    {
                        return;
                    }

                    await _next(context);
                }
            }
            """);
    }

    [Fact]
    public async Task PropertiesAndHashesOfPasswords_Trigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography;
            using System.Text;

            public class User
            {
                public string PasswordHash { get; set; } = "";
                public string Name { get; set; } = "";
            }

            public class Login
            {
                public bool Check(User user, string password)
                {
                    var computed = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(password)));
                    return [|user.PasswordHash == computed|];
                }

                public bool Check2(User user, string input)
                {
                    var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(input)));
                    return [|hash == user.PasswordHash|];
                }
            }
            """);
    }

    [Fact]
    public async Task InMemoryDelegateLambda_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            public record Client(string Name, string ApiKey);

            public class Clients
            {
                public Client? Find(List<Client> clients, string key) => clients.FirstOrDefault(c => [|c.ApiKey == key|]);
            }
            """);
    }

    [Fact]
    public async Task EarlyExitLoop_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            public class Compare
            {
                public static bool SignatureMatches(byte[] signature, byte[] expected)
                {
                    if (signature.Length != expected.Length)
                        return false;
                    for (var i = 0; i < signature.Length; i++)
                    {
                        if ([|signature[i] != expected[i]|])
                            return false;
                    }

                    return true;
                }

                public static bool Nested(byte[][] signatures, byte[] expected)
                {
                    foreach (var signature in signatures)
                    {
                        var match = true;
                        for (var i = 0; i < expected.Length; i++)
                        {
                            if ([|signature[i] != expected[i]|])
                            {
                                match = false;
                                break;
                            }
                        }

                        if (match)
                            return true;
                    }

                    return false;
                }

                public static bool TokenMatches(string token, string other)
                {
                    var i = 0;
                    while (i < token.Length && [|token[i] == other[i]|])
                        i++;
                    return i == token.Length;
                }
            }
            """);
    }

    [Fact]
    public async Task ConstantTimeLoop_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            public class Compare
            {
                public static bool SignatureMatches(byte[] signature, byte[] expected)
                {
                    var diff = signature.Length ^ expected.Length;
                    for (var i = 0; i < signature.Length && i < expected.Length; i++)
                    {
                        diff |= signature[i] ^ expected[i];
                    }

                    return diff == 0;
                }

                public static int CountMatches(string name, string other)
                {
                    var count = 0;
                    for (var i = 0; i < name.Length; i++)
                    {
                        if (name[i] == other[i])
                            return count;
                        count++;
                    }

                    return count;
                }
            }
            """);
    }

    [Fact]
    public async Task NullEmptyDefaultConstantAndLength_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.Extensions.Primitives;

            public class Checks
            {
                private const string Placeholder = "********";

                public bool A(string? token) => token == null;
                public bool B(string? token) => token != "";
                public bool C(string? token) => token == string.Empty;
                public bool D(string? token) => token == default;
                public bool E(string? password) => password?.Length == 0;
                public bool F(string apiKey) => apiKey.Length != 32;
                public bool G(string password) => password == Placeholder;
                public bool H(string authorization) => authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
                public bool I(StringValues apiKey) => apiKey == StringValues.Empty;
                public bool J(string? token) => string.Equals(token, null);
                public bool K(string? token) => token is null;
                public bool L(string secret) => secret.Equals("");
                public bool M(string token) => token.Count() == 3;
            }
            """);
    }

    [Fact]
    public async Task EnumBoolAndNumericOperands_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            public enum TokenKind { Access, Refresh }

            public class Checks
            {
                public bool A(TokenKind tokenKind, TokenKind other) => tokenKind == other;
                public bool B(bool passwordValid, bool other) => passwordValid == other;
                public bool C(int pin, int other) => pin == other;
                public bool D(long otp, long other) => otp.Equals(other);
                public bool E(object token, object other) => token == other;
                public bool F(byte[] signature, byte[] other) => signature.Equals(other);
                public bool G(byte[] signature, byte[] other) => signature == other;
            }
            """);
    }

    [Fact]
    public async Task NonSecretLookAlikes_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            public class Options
            {
                public string PasswordPolicy { get; set; } = "";
                public int PasswordRequiredLength { get; set; }
            }

            public class Checks
            {
                public bool A(CancellationToken cancellationToken, CancellationToken other) => cancellationToken == other;
                public bool B(string tokenType, string other) => tokenType == other;
                public bool C(string keyName, string other) => keyName == other;
                public bool D(string pageToken, string other) => pageToken == other;
                public bool E(string continuationToken, string other) => continuationToken.Equals(other);
                public bool F(Options options, string other) => options.PasswordPolicy == other;
                public bool G(string nextPageToken, string other) => string.Equals(nextPageToken, other);
                public bool H(string passwordQuestion, string other) => passwordQuestion == other;
                public bool I(string tokenEndpoint, string other) => tokenEndpoint == other;
                public bool J(string userName, string other) => userName == other;
                public bool K(string signatureAlgorithm, string other) => signatureAlgorithm == other;
                public bool L(string spinner, string other) => spinner == other;
                public bool M(string apiKeyHeaderName, string other) => apiKeyHeaderName == other;
            }
            """);
    }

    [Fact]
    public async Task ClientSuppliedPairs_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            public class RegisterModel
            {
                public string Password { get; set; } = "";
                public string ConfirmPassword { get; set; } = "";
                public string OldPassword { get; set; } = "";
                public string NewPassword { get; set; } = "";
            }

            public class Checks
            {
                public bool A(RegisterModel model) => model.Password != model.ConfirmPassword;
                public bool B(RegisterModel model) => model.OldPassword == model.NewPassword;
                public bool C(string password, string confirmPassword) => password == confirmPassword;
                public bool D(string newPassword, string repeatedPassword) => string.Equals(newPassword, repeatedPassword);
            }
            """);
    }

    [Fact]
    public async Task StoredAgainstSupplied_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            public class User { public string PasswordHash { get; set; } = ""; }
            public class ChangePasswordModel { public string OldPasswordHash { get; set; } = ""; }

            public class Checks
            {
                public bool A(User user, ChangePasswordModel model) => [|user.PasswordHash == model.OldPasswordHash|];
            }
            """);
    }

    [Fact]
    public async Task ExpressionTree_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Linq.Expressions;

            public record Client(string Name, string ApiKey);

            public class Clients
            {
                public Client? Find(IQueryable<Client> clients, string key) => clients.FirstOrDefault(c => c.ApiKey == key);

                public Expression<Func<Client, bool>> Filter(string token) => c => c.ApiKey == token;
            }
            """);
    }

    [Fact]
    public async Task StartsWithPublicPrefix_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            public class Checks
            {
                public bool A(string authorizationHeader, string scheme) => authorizationHeader.StartsWith(scheme + " ");
                public bool B(string token, string prefix) => token.StartsWith(prefix);
            }
            """);
    }

    [Fact]
    public async Task AddedSecretName_Triggers()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            public class Checks
            {
                public bool A(string sessionCookie, string other) => [|sessionCookie == other|];
                public bool B(string token, string other) => token == other;
                public bool C(string pin, string other) => pin == other;
            }
            """,
            new TestOptions { EditorConfig = new[] { "auth_status.secret_names = session cookie", "auth_status.secret_names_exclude = token|pin" } });
    }

    [Fact]
    public async Task WithoutAspNetCore_DoesNotTrigger()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            public class Checks
            {
                public bool A(string token, string other) => token == other;
            }
            """,
            new TestOptions { ImplicitUsings = false, References = v => TestReferences.Core(v) });
    }

    [Fact]
    public async Task BrokenCode_DoesNotThrow()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            public class Checks
            {
                public bool A(string token) => token == missing;
                public bool B(Unknown password, string other) => password == other;
            }
            """,
            new TestOptions { CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None });
    }
}
