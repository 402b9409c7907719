using System.Security.Cryptography;
using System.Text;

namespace Verdict.Server.Security;

/// <summary>Roles, from least to most: reader (read cases and accuracy), analyst (also send alerts and feedback), admin (everything).</summary>
public enum Role { Reader, Analyst, Admin }

/// <summary>API keys: 32 random bytes shown once; only their SHA-256 is stored.</summary>
public static class ApiKeys
{
    public const string Prefix = "vk_";

    public static string NewKey() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static bool TryParseRole(string? text, out Role role) => Enum.TryParse(text, ignoreCase: true, out role) && Enum.IsDefined(role);

    /// <summary>The key a request carries in X-Api-Key or Authorization: Bearer, if any.</summary>
    public static string? FromRequest(Microsoft.AspNetCore.Http.HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Headers["X-Api-Key"].ToString() is { Length: > 0 } key) return key.Trim();
        var auth = request.Headers.Authorization.ToString();
        return auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? auth[7..].Trim() : null;
    }
}
