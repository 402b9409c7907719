using Verdict.Alerts;
using Verdict.Analysis.Families;

namespace Verdict.Analysis.Identity;

/// <summary>
/// The sign-in outcome as more identity products document it: a Google Workspace login challenge
/// (<c>login_challenge_status</c> "Challenge Passed" / "Challenge Failed"), Auth0 log event <c>type</c> codes (a record
/// with a <c>log_id</c>: <c>s</c> success; <c>f</c>, <c>fp</c>, <c>fu</c>... failures; <c>limit_wc</c>, <c>limit_mu</c>
/// blocked addresses; <c>pwd_leak</c> a breached password blocked), PingOne audit <c>result.status</c>, PingFederate's
/// <c>status</c> (success / failure) and JumpCloud Directory Insights' boolean <c>success</c>.
/// </summary>
public sealed partial record IdentitySignIn
{
    private static readonly HashSet<string> Auth0Successes = new(StringComparer.OrdinalIgnoreCase) { "s", "ssa", "seacft", "seccft", "sepft", "scoa", "sertft", "sapi" };

    private static readonly HashSet<string> Auth0Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "limit_wc", "limit_mu", "limit_sul", "pwd_leak", "signup_pwd_leak", "reset_pwd_leak", "gd_auth_rejected", "gd_otp_rate_limit_exceed",
    };

    /// <summary>What these products say of the outcome; null when none of them says.</summary>
    private static bool? OtherProductOutcome(Alert alert)
    {
        if (IdentityVendorVerdict.GoogleParameter(alert, "login_challenge_status") is { } challenge)
            return challenge.Contains("passed", StringComparison.OrdinalIgnoreCase) ? true : challenge.Contains("fail", StringComparison.OrdinalIgnoreCase) ? false : null;
        if (Auth0Type(alert) is { } code)
            return Auth0Successes.Contains(code) ? true : code.StartsWith('f') || Auth0Blocks.Contains(code) || code.StartsWith("gd_auth_fail", StringComparison.OrdinalIgnoreCase) ? false : null;
        if (Outcome(alert.Raw("result.status")) is { } ping) return ping;
        return alert.Raw("status", "success")?.ToLowerInvariant() switch
        {
            "success" or "true" => true,
            "failure" or "false" => false,
            _ => null,
        };
    }

    /// <summary>The product says it blocked the attempt: an Auth0 rate-limit or breached-password block, a failed Google challenge.</summary>
    private static bool OtherProductBlocked(Alert alert) =>
        Auth0Type(alert) is { } code && Auth0Blocks.Contains(code)
        || IdentityVendorVerdict.GoogleParameter(alert, "login_challenge_status")?.Contains("fail", StringComparison.OrdinalIgnoreCase) == true;

    private static string? Auth0Type(Alert alert) => alert.Has("log_id") ? alert.Raw("type")?.Trim() : null;
}
