using System.Text.RegularExpressions;
using Verdict.Alerts;
using Verdict.Analysis.Families;

namespace Verdict.Analysis.Identity;

/// <summary>
/// What the identity product itself concluded, by the field names its vendor documents:
/// <list type="bullet">
/// <item>an analyst's classification in the product: Microsoft Graph security alerts <c>classification</c> /
/// <c>determination</c> (falsePositive, informationalExpectedActivity; truePositive), Sentinel's <c>Classification</c>
/// (BenignPositive, FalsePositive, TruePositive);</item>
/// <item>Entra ID Protection's <c>riskDetail</c>: adminConfirmedSigninSafe, adminDismissed..., userPassedMFADrivenByRiskBasedPolicy,
/// userPerformedSecuredPasswordChange; adminConfirmedSigninCompromised / adminConfirmedUserCompromised;</item>
/// <item>a Google Workspace login challenge the user passed with a factor already registered to the account
/// (<c>login_challenge_status</c> "Challenge Passed", <c>login_challenge_method</c>), or failed.</item>
/// </list>
/// Outcome reading (success, failure, block) for Auth0, PingOne, PingFederate, JumpCloud and Google is in
/// <see cref="IdentitySignIn"/>. A verdict of the product never outvotes the detections themselves: only the
/// confirmed-compromise verdicts are strong, the safe verdicts are explanations of weight 1 to 2.
/// </summary>
public static partial class IdentityVendorVerdict
{
    private const string Src = "alert";

    public static void Add(IdentityCase c, List<Evidence> evidence)
    {
        if (c.Alerts.Count == 0) return;
        var alert = c.Alerts[0];
        Classification(alert, evidence);
        if (!evidence.Any(e => e.Key is "vendor_dismissed" or "risk_remediated" or "vendor_confirmed_compromise")) RiskDetail(c, alert, evidence);
        GoogleChallenge(c, alert, evidence);
    }

    private static void Classification(Alert alert, List<Evidence> evidence)
    {
        var verdict = string.Join(" ", new[] { alert.Raw("classification"), alert.Raw("determination") }.Where(v => v is not null)).ToLowerInvariant();
        if (verdict.Length == 0) return;
        if (verdict.Contains("truepositive", StringComparison.Ordinal) || verdict.Contains("true positive", StringComparison.Ordinal))
            evidence.Add(new("vendor_confirmed_compromise", $"An analyst in the product classified this alert '{verdict}'", Leaning.Malicious, 3.0, Src, Strong: true));
        else if (SafeClassification().IsMatch(verdict))
            evidence.Add(new("vendor_dismissed", $"An analyst in the product already classified this alert '{verdict}': reviewed and found not to be an attack", Leaning.Benign, 2.0, Src));
        else if (AttackClassification().IsMatch(verdict))
            evidence.Add(new("vendor_confirmed_compromise", $"An analyst in the product classified this alert '{verdict}'", Leaning.Malicious, 3.0, Src, Strong: true));
    }

    private static void RiskDetail(IdentityCase c, Alert alert, List<Evidence> evidence)
    {
        var detail = alert.Raw("riskDetail", "risk_detail");
        if (detail is null) return;
        if (detail.Contains("compromised", StringComparison.OrdinalIgnoreCase))
            evidence.Add(new("vendor_confirmed_compromise", $"The identity provider's risk detail is '{detail}': an administrator confirmed the compromise", Leaning.Malicious, 3.0, Src, Strong: true));
        else if (SafeDetail().IsMatch(detail))
            evidence.Add(new("vendor_dismissed", $"The identity provider's risk detail is '{detail}': the risk was reviewed and found safe", Leaning.Benign, 2.0, Src));
        else if (RemediatedDetail().IsMatch(detail))
            evidence.Add(new("risk_remediated", $"The identity provider's risk detail is '{detail}': {c.Who} cleared the risk with MFA or a secure password change", Leaning.Benign, 1.0, Src));
    }

    /// <summary>Google challenged a login it found suspicious, and the account's own registered factor answered.</summary>
    private static void GoogleChallenge(IdentityCase c, Alert alert, List<Evidence> evidence)
    {
        var status = GoogleParameter(alert, "login_challenge_status");
        if (status is null || !status.Contains("passed", StringComparison.OrdinalIgnoreCase)) return;
        var method = GoogleParameter(alert, "login_challenge_method") ?? "";
        if (!RegisteredFactor().IsMatch(method)) return;
        var s = IdentitySignIn.Read(alert);
        var hosting = IdentityAlertSignals.ProductSaysProxy(alert) || (s.Network is { } n && IdentityAlertSignals.Hosting().IsMatch(n));
        var foreign = s.Country is { } country && c.Context.UsualCountries.Count > 0 && !c.Context.UsualCountries.Contains(country);
        if (hosting || foreign || c.Context.BadIps.Contains(s.Ip)) return;
        evidence.Add(new("challenge_passed",
            $"Google challenged the login and it was answered with a factor already registered to {c.Who} ({CommonEvidence.Clip(method, 40)}): someone with only the password is stopped there",
            Leaning.Benign, 1.0, Src));
    }

    /// <summary>
    /// A Google Reports API event parameter by name: <c>events[].parameters[] {name, value | boolValue | intValue | multiValue}</c>,
    /// flattened as <c>events.0.parameters.2.name</c> and its siblings (a multiValue's items joined with commas).
    /// </summary>
    internal static string? GoogleParameter(Alert alert, string name)
    {
        foreach (var (key, value) in alert.Fields)
        {
            if (!key.EndsWith(".name", StringComparison.OrdinalIgnoreCase) || !key.Contains("parameters", StringComparison.OrdinalIgnoreCase)
                || !string.Equals(value?.Trim(), name, StringComparison.OrdinalIgnoreCase)) continue;
            var prefix = key[..^"name".Length];
            var values = alert.Fields.Where(f => !string.IsNullOrWhiteSpace(f.Value) && f.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                && !f.Key.Equals(key, StringComparison.OrdinalIgnoreCase)).Select(f => f.Value.Trim()).ToList();
            if (values.Count > 0) return string.Join(", ", values); // a multiValue (login_challenge_method: password, security_key) keeps every item
        }
        return null;
    }

    [GeneratedRegex(@"(?i)falsepositive|false positive|benignpositive|benign positive|informationalexpectedactivity|expected activity|securitytesting|security testing|confirmedactivity|notmalicious|not malicious")]
    private static partial Regex SafeClassification();

    [GeneratedRegex(@"(?i)\bmalicious|compromisedaccount|compromised account|phishing|malware")]
    private static partial Regex AttackClassification();

    [GeneratedRegex(@"(?i)confirmed\w*safe|dismiss")]
    private static partial Regex SafeDetail();

    [GeneratedRegex(@"(?i)passedmfa|securedpassword|changedpassword|generatedtemporarypassword")]
    private static partial Regex RemediatedDetail();

    /// <summary>Google's challenge methods that use a factor already on the account (not a phone number typed in at the challenge).</summary>
    [GeneratedRegex(@"(?i)preregistered|security_key|passkey|google_authenticator|totp|internal_two_factor|idv_preregistered|backup_code|google_prompt")]
    private static partial Regex RegisteredFactor();
}
