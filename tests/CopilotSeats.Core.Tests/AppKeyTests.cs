using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CopilotSeats.Auth.App;

namespace CopilotSeats.Core.Tests;

/// <summary>Test keys, generated at run time (nothing secret is committed).</summary>
public static class AppKeys
{
    private static readonly Lazy<RSA> s_key = new(() => RSA.Create(2048));
    public static RSA Key => s_key.Value;
    public static string Pkcs1Pem => Key.ExportRSAPrivateKeyPem();
    public static string Pkcs8Pem => Key.ExportPkcs8PrivateKeyPem();
    public static string PublicPem => Key.ExportSubjectPublicKeyInfoPem();

    public static char[] Chars(string s) => s.ToCharArray();

    /// <summary>Header and claims of a JWT, and whether its RS256 signature verifies with <paramref name="publicKey"/>.</summary>
    public static (JsonElement Header, JsonElement Claims, bool Verifies) Decode(string jwt, RSA publicKey)
    {
        string[] parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        byte[] signature = FromBase64Url(parts[2]);
        bool ok = publicKey.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return (JsonDocument.Parse(FromBase64Url(parts[0])).RootElement, JsonDocument.Parse(FromBase64Url(parts[1])).RootElement, ok);
    }

    public static byte[] FromBase64Url(string s)
    {
        s = s.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }
}

public class AppKeyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("pkcs1")]
    [InlineData("pkcs8")]
    public void BothPemFormats_GiveTheSameKey(string format)
    {
        string pem = format == "pkcs1" ? AppKeys.Pkcs1Pem : AppKeys.Pkcs8Pem;
        Assert.StartsWith(format == "pkcs1" ? "-----BEGIN RSA PRIVATE KEY-----" : "-----BEGIN PRIVATE KEY-----", pem);
        using RSA read = PemKeyReader.FromPem(AppKeys.Chars(pem), "test", "test");
        Assert.Equal(AppKeys.Key.ExportParameters(false).Modulus, read.ExportParameters(false).Modulus);
        // A signature made with the key read verifies with the original public key.
        byte[] data = Encoding.UTF8.GetBytes("probe");
        Assert.True(AppKeys.Key.VerifyData(data, read.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public void Pem_WithWindowsLineEndsAndTextAround_IsRead()
    {
        string pem = "Bag Attributes\r\n" + AppKeys.Pkcs1Pem.Replace("\n", "\r\n") + "\r\n";
        using RSA read = PemKeyReader.FromPem(AppKeys.Chars(pem), "test", "test");
        Assert.Equal(AppKeys.Key.ExportParameters(false).Modulus, read.ExportParameters(false).Modulus);
    }

    [Fact]
    public void Pem_PastedOnOneLine_IsRead()
    {
        // Automation credentials and some vault forms keep one line: the line breaks become spaces.
        string pem = AppKeys.Pkcs1Pem.Replace("\n", " ");
        using RSA read = PemKeyReader.FromPem(AppKeys.Chars(pem), "test", "test");
        Assert.Equal(AppKeys.Key.ExportParameters(false).Modulus, read.ExportParameters(false).Modulus);
    }

    [Fact]
    public void SmallKeyWithShortComponents_IsPaddedAndRead()
    {
        // Many keys have a component with fewer bytes than half the modulus: padding must restore it.
        for (int i = 0; i < 8; i++)
        {
            using RSA key = RSA.Create(1024);
            using RSA read = PemKeyReader.FromPem(AppKeys.Chars(key.ExportRSAPrivateKeyPem()), "test", "test");
            byte[] data = { 1, 2, 3 };
            Assert.True(key.VerifyData(data, read.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        }
    }

    public static IEnumerable<object[]> BadKeys()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        yield return new object[] { "encrypted pkcs8", AppKeys.Key.ExportEncryptedPkcs8PrivateKeyPem("pw", new PbeParameters(PbeEncryptionAlgorithm.Aes128Cbc, HashAlgorithmName.SHA256, 1000)), "encrypted" };
        string body = string.Join("\n", Convert.ToBase64String(RandomNumberGenerator.GetBytes(600)).Chunk(64).Select(c => new string(c)));
        yield return new object[] { "encrypted pkcs1", "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF\n\n" + body + "\n-----END RSA PRIVATE KEY-----\n", "encrypted" };
        yield return new object[] { "ec sec1", ec.ExportECPrivateKeyPem(), "EC PRIVATE KEY" };
        yield return new object[] { "ec pkcs8", ec.ExportPkcs8PrivateKeyPem(), "EC key" };
        yield return new object[] { "public key", AppKeys.PublicPem, "PUBLIC KEY" };
        yield return new object[] { "junk", "this is not a key", "not a PEM private key" };
        yield return new object[] { "empty", "", "not a PEM private key" };
        yield return new object[] { "bad base64", "-----BEGIN RSA PRIVATE KEY-----\n!!!!\n-----END RSA PRIVATE KEY-----", "base64" };
        yield return new object[] { "no end", "-----BEGIN RSA PRIVATE KEY-----\nMIIB", "END" };
        yield return new object[] { "random der", "-----BEGIN RSA PRIVATE KEY-----\n" + body + "\n-----END RSA PRIVATE KEY-----", "not a valid RSA private key" };
        yield return new object[] { "truncated", string.Join("\n", AppKeys.Pkcs1Pem.Split('\n').Take(6)) + "\n-----END RSA PRIVATE KEY-----", "not a valid RSA private key" };
    }

    [Theory]
    [MemberData(nameof(BadKeys))]
    public void BadKeys_AreBadPrivateKey_NamingTheSource_NeverTheKey(string name, string pem, string expected)
    {
        var ex = Assert.Throws<CopilotException>(() => PemKeyReader.FromPem(AppKeys.Chars(pem), "the file 'k.pem'", "k.pem"));
        Assert.Equal("CopilotSeats.BadPrivateKey", ex.ErrorId);
        Assert.Equal(CopilotErrorCategory.InvalidData, ex.Category);
        Assert.True(ex.IsTerminating, name);
        Assert.Contains(expected, ex.Message);
        Assert.Contains("'k.pem'", ex.Message);
        Assert.NotNull(ex.RecommendedAction);
        foreach (string line in pem.Split('\n').Where(l => l.Length > 20 && !l.StartsWith("-----")))
            Assert.DoesNotContain(line.Trim(), ex.Message + ex.RecommendedAction);
    }

    [Fact]
    public void MissingFile_IsBadPrivateKey_ObjectNotFound()
    {
        string path = Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid().ToString("N"), "app.pem");
        var ex = Assert.Throws<CopilotException>(() => PemKeyReader.FromFile(path));
        Assert.Equal("CopilotSeats.BadPrivateKey", ex.ErrorId);
        Assert.Equal(CopilotErrorCategory.ObjectNotFound, ex.Category);
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public void File_AndSecureString_AreRead()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, AppKeys.Pkcs1Pem);
            using RSA fromFile = PemKeyReader.FromFile(path);
            using RSA fromSecure = PemKeyReader.FromSecureString(Tokens.Secure(AppKeys.Pkcs8Pem));
            Assert.Equal(AppKeys.Key.ExportParameters(false).Modulus, fromFile.ExportParameters(false).Modulus);
            Assert.Equal(AppKeys.Key.ExportParameters(false).Modulus, fromSecure.ExportParameters(false).Modulus);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Jwt_IsRs256_VerifiesWithThePublicKey_AndCarriesGitHubsClaims()
    {
        string jwt = AppJwt.Encode(AppKeys.Key, "Iv23liClientId", Now);
        using RSA publicOnly = RSA.Create();
        publicOnly.ImportFromPem(AppKeys.PublicPem);
        var (header, claims, verifies) = AppKeys.Decode(jwt, publicOnly);
        Assert.True(verifies);
        Assert.Equal("RS256", header.GetProperty("alg").GetString());
        Assert.Equal("JWT", header.GetProperty("typ").GetString());
        long iat = claims.GetProperty("iat").GetInt64();
        long exp = claims.GetProperty("exp").GetInt64();
        Assert.Equal(Now.ToUnixTimeSeconds() - 60, iat);
        Assert.True(exp - iat <= 600 && exp > Now.ToUnixTimeSeconds());
        Assert.Equal("Iv23liClientId", claims.GetProperty("iss").GetString());
    }

    [Fact]
    public void Jwt_ForANumericAppId_HasTheIdAsAStringIssuer_AndFailsWithAnotherKey()
    {
        // GitHub's JWT examples put the App ID in quotes (iss: "YOUR_APP_ID"); RFC 7519 makes iss a string.
        string jwt = AppJwt.Encode(AppKeys.Key, " 123456 ", Now);
        using RSA other = RSA.Create(2048);
        var (_, claims, verifies) = AppKeys.Decode(jwt, other);
        Assert.False(verifies);
        Assert.Equal(JsonValueKind.String, claims.GetProperty("iss").ValueKind);
        Assert.Equal("123456", claims.GetProperty("iss").GetString());
    }

    [Fact]
    public void Jwt_HeaderAndPayload_AreExactlyGitHubsShape_InUnpaddedBase64Url()
    {
        string jwt = AppJwt.Encode(AppKeys.Key, "Iv23liClientId", Now);
        string[] parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        Assert.All(parts, p => Assert.Matches("^[A-Za-z0-9_-]+$", p));
        static string Text(string part) => System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(
            part.Replace('-', '+').Replace('_', '/').PadRight(part.Length + (4 - part.Length % 4) % 4, '=')));
        Assert.Equal("{\"alg\":\"RS256\",\"typ\":\"JWT\"}", Text(parts[0]));
        long iat = Now.ToUnixTimeSeconds() - 60;
        Assert.Equal($"{{\"iat\":{iat},\"exp\":{iat + 600},\"iss\":\"Iv23liClientId\"}}", Text(parts[1]));
    }

    [Fact]
    public void JwtToken_ShowsItsSource_NeverItsValue()
    {
        CopilotToken token = AppJwt.Create(AppKeys.Key, "Iv1", Now);
        Assert.DoesNotContain("eyJ", token.ToString());
        Assert.StartsWith("Bearer eyJ", token.ToAuthorizationValue());
    }
}
