using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CopilotSeats.Simulator.Apps;

/// <summary>
/// Checks an App's JWT as GitHub does: RS256 over header.payload with the App's public key, <c>iss</c> the
/// client ID (string) or App ID (number or string), <c>iat</c> not in the future, <c>exp</c> in the future and
/// at most 10 minutes ahead. Every refusal is 401 with GitHub's message.
/// </summary>
internal static class JwtVerifier
{
    public const string Undecodable = "A JSON web token could not be decoded";
    public const string BadExp = "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires";
    public const string FarExp = "'Expiration time' claim ('exp') is too far in the future";
    public const string BadIat = "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued";
    public const string NoApp = "Integration not found";

    /// <summary>A token that has the form of a JWT (three base64url parts, a JSON header).</summary>
    public static bool LooksLikeJwt(string token) => token.StartsWith("eyJ", StringComparison.Ordinal) && token.Count(c => c == '.') == 2;

    /// <summary>The App that signed <paramref name="jwt"/>, or GitHub's refusal message.</summary>
    public static (RegisteredApp? App, string? Refusal) Verify(string jwt, Func<string, RegisteredApp?> findApp, DateTimeOffset now)
    {
        string[] parts = jwt.Split('.');
        JsonElement header, claims;
        byte[] signature;
        try
        {
            header = JsonDocument.Parse(FromBase64Url(parts[0])).RootElement;
            claims = JsonDocument.Parse(FromBase64Url(parts[1])).RootElement;
            signature = FromBase64Url(parts[2]);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return (null, Undecodable);
        }
        if (header.ValueKind != JsonValueKind.Object || !header.TryGetProperty("alg", out var alg) || alg.GetString() != "RS256" || claims.ValueKind != JsonValueKind.Object)
            return (null, Undecodable);
        string? issuer = claims.TryGetProperty("iss", out var iss) ? iss.ValueKind switch
        {
            JsonValueKind.String => iss.GetString(),
            JsonValueKind.Number => iss.GetRawText(),
            _ => null,
        } : null;
        RegisteredApp? app = issuer is null ? null : findApp(issuer);
        if (app is null) return (null, NoApp);
        bool signed = app.PublicKey.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        if (!signed) return (null, Undecodable);
        long nowSeconds = now.ToUnixTimeSeconds();
        if (!claims.TryGetProperty("iat", out var iat) || iat.ValueKind != JsonValueKind.Number || !iat.TryGetInt64(out long issuedAt) || issuedAt > nowSeconds)
            return (null, BadIat);
        if (!claims.TryGetProperty("exp", out var exp) || exp.ValueKind != JsonValueKind.Number || !exp.TryGetInt64(out long expiresAt) || expiresAt <= nowSeconds)
            return (null, BadExp);
        if (expiresAt > nowSeconds + 600) return (null, FarExp);
        return (app, null);
    }

    private static byte[] FromBase64Url(string s)
    {
        s = s.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }
}
