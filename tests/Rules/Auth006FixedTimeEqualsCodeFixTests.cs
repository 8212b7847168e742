using System.Threading.Tasks;
using AuthStatus.Analyzers.CodeFixes;
using AuthStatus.Analyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = AuthStatus.Analyzers.Tests.Infrastructure.Verifier<AuthStatus.Analyzers.Rules.Auth006SecretComparedInNonConstantTimeAnalyzer, AuthStatus.Analyzers.CodeFixes.Auth006FixedTimeEqualsCodeFix>;

namespace AuthStatus.Analyzers.Tests.Rules;

public class Auth006FixedTimeEqualsCodeFixTests
{
    [Fact]
    public async Task EqualityAndInequality_Triggers()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            public class ApiKeyCheck
            {
                private readonly string _apiKey = "configured";

                public bool IsValid(string providedApiKey) => [|providedApiKey == _apiKey|];

                public bool IsInvalid(string candidate, string expectedPassword)
                {
                    if ([|candidate != expectedPassword|])
                        return true;
                    return false;
                }
            }
            """, """
            using System.Security.Cryptography;
            using System.Text;

            public class ApiKeyCheck
            {
                private readonly string _apiKey = "configured";

                public bool IsValid(string providedApiKey) => CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(providedApiKey)), SHA256.HashData(Encoding.UTF8.GetBytes(_apiKey)));

                public bool IsInvalid(string candidate, string expectedPassword)
                {
                    if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(candidate)), SHA256.HashData(Encoding.UTF8.GetBytes(expectedPassword))))
                        return true;
                    return false;
                }
            }
            """, Auth006FixedTimeEqualsCodeFix.EquivalenceKey);
    }

    [Fact]
    public async Task NullableOperandsKeepNullChecks_Triggers()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Text;

            public class Checks
            {
                public bool A(string? token, string expected) => [|token == expected|];
                public bool B(string? token, string? expected) => ![|string.Equals(token, expected, StringComparison.Ordinal)|];
                public bool C(string? token, string expected) => [|token != expected|] && expected.Length > 0;
                public bool D(string? token, string expected) => token != null && [|token == expected|];
            }
            """, """
            using System.Security.Cryptography;
            using System.Text;

            public class Checks
            {
                public bool A(string? token, string expected) => token is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(token)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
                public bool B(string? token, string? expected) => !(token is not null && expected is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(token)), SHA256.HashData(Encoding.UTF8.GetBytes(expected))));
                public bool C(string? token, string expected) => (token is null || !CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(token)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)))) && expected.Length > 0;
                public bool D(string? token, string expected) => token != null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(token)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
            }
            """, Auth006FixedTimeEqualsCodeFix.EquivalenceKey);
    }

    [Fact]
    public async Task HeaderStringValuesCompareAndBytes_Triggers()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            public class Checks
            {
                public bool A(HttpContext context, string apiKey) => [|context.Request.Headers["X-Api-Key"] == apiKey|];
                public bool B(string signature, string expected) => [|string.CompareOrdinal(signature, expected)|] != 0;
                public bool C(byte[] hmac, byte[] computed) => [|hmac.SequenceEqual(computed)|];
                public bool D(string apiKey, Microsoft.Extensions.Primitives.StringValues extracted) => [|apiKey.Equals(extracted)|];
            }
            """, """
            using System.Security.Cryptography;
            using System.Text;

            public class Checks
            {
                public bool A(HttpContext context, string apiKey) => CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(context.Request.Headers["X-Api-Key"].ToString())), SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
                public bool B(string signature, string expected) => !CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(signature)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
                public bool C(byte[] hmac, byte[] computed) => CryptographicOperations.FixedTimeEquals(SHA256.HashData(hmac), SHA256.HashData(computed));
                public bool D(string apiKey, Microsoft.Extensions.Primitives.StringValues extracted) => CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)), SHA256.HashData(Encoding.UTF8.GetBytes(extracted.ToString())));
            }
            """, Auth006FixedTimeEqualsCodeFix.EquivalenceKey);
    }

    [Fact]
    public async Task CaseInsensitivePrefixLoopAndUnrepeatableNullable_DoesNotTrigger()
    {
        await VerifyCS.VerifyNoCodeFixAsync("""
            public class Checks
            {
                public bool A(string token, string other) => [|token.Equals(other, StringComparison.OrdinalIgnoreCase)|];
                public bool B(string input, string secret) => [|input.StartsWith(secret)|];
                public bool C(string signature, string expected) => [|string.Compare(signature, expected)|] < 0;
                public bool D(Func<string?> read, string apiKey) => [|read() == apiKey|];
                public static bool E(byte[] signature, byte[] expected)
                {
                    for (var i = 0; i < signature.Length; i++)
                    {
                        if ([|signature[i] != expected[i]|])
                            return false;
                    }

                    return true;
                }
            }
            """, Auth006FixedTimeEqualsCodeFix.EquivalenceKey);
    }
}
