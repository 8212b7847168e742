using AuthStatus.Analyzers.Http;
using Xunit;

namespace AuthStatus.Analyzers.Tests.Http;

public class SecretsTests
{
    [Theory]
    [InlineData("password")]
    [InlineData("Password")]
    [InlineData("expectedPassword")]
    [InlineData("PasswordHash")]
    [InlineData("passwd")]
    [InlineData("pwd")]
    [InlineData("clientSecret")]
    [InlineData("_secretKey")]
    [InlineData("apiKey")]
    [InlineData("ApiKeyValue")]
    [InlineData("apikey")]
    [InlineData("api_key")]
    [InlineData("AccessKey")]
    [InlineData("accessToken")]
    [InlineData("refresh_token")]
    [InlineData("tokens")]
    [InlineData("signature")]
    [InlineData("expectedSignatureBytes")]
    [InlineData("hmac")]
    [InlineData("otpCode")]
    [InlineData("pin")]
    [InlineData("privateKey")]
    [InlineData("GetApiKey")]
    [InlineData("apiKeyHeaderValues")]
    public void SecretNames_AreSecrets(string name)
    {
        Assert.True(Secrets.Create(null, null).IsSecretName(name));
    }

    [Theory]
    [InlineData("cancellationToken")]
    [InlineData("tokenType")]
    [InlineData("keyName")]
    [InlineData("pageToken")]
    [InlineData("nextPageToken")]
    [InlineData("continuationToken")]
    [InlineData("passwordPolicy")]
    [InlineData("PasswordRequiredLength")]
    [InlineData("passwordQuestion")]
    [InlineData("tokenEndpoint")]
    [InlineData("signatureAlgorithm")]
    [InlineData("apiKeyHeaderName")]
    [InlineData("secretName")]
    [InlineData("spinner")]
    [InlineData("pinned")]
    [InlineData("userName")]
    [InlineData("")]
    public void LookAlikes_AreNotSecrets(string name)
    {
        Assert.False(Secrets.Create(null, null).IsSecretName(name));
    }

    [Theory]
    [InlineData("Authorization")]
    [InlineData("X-Api-Key")]
    [InlineData("x-api-key")]
    [InlineData("api_key")]
    [InlineData("Auth:ApiKey")]
    [InlineData("Jwt:Secret")]
    [InlineData("Webhooks:SigningSecret")]
    public void SecretKeys_AreSecrets(string key)
    {
        Assert.True(Secrets.Create(null, null).IsSecretKey(key));
    }

    [Theory]
    [InlineData("Content-Type")]
    [InlineData("X-Request-Id")]
    [InlineData("Jwt:Issuer")]
    [InlineData("ConnectionStrings:Default")]
    [InlineData("page_token")]
    public void OtherKeys_AreNotSecrets(string key)
    {
        Assert.False(Secrets.Create(null, null).IsSecretKey(key));
    }

    [Fact]
    public void Options_AddAndExclude()
    {
        var secrets = Secrets.Create("recoveryCode|session_key", "pin;passwordReset");
        Assert.True(secrets.IsSecretName("recoveryCode"));
        Assert.True(secrets.IsSecretName("userSessionKey"));
        Assert.False(secrets.IsSecretName("pin"));
        Assert.False(secrets.IsSecretName("passwordResetToken"));
        Assert.True(secrets.IsSecretName("password"));
    }

    [Fact]
    public void GarbageOptions_KeepDefaults()
    {
        var secrets = Secrets.Create(" ,;| ", "|||");
        Assert.True(secrets.IsSecretName("apiKey"));
        Assert.False(secrets.IsSecretName("tokenType"));
    }
}
