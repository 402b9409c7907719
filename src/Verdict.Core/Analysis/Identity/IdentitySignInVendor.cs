using System.Globalization;
using System.Text.RegularExpressions;
using Verdict.Alerts;
using Verdict.Analysis.Families;

namespace Verdict.Analysis.Identity;

/// <summary>
/// Where identity products other than Okta and Entra's Sentinel columns put the sign-in's address, place and outcome,
/// by their documented names: Microsoft Graph alerts (<c>evidence[].ipAddress</c>, <c>countryLetterCode</c>,
/// <c>additionalData.status.errorCode</c>, <c>mfaDetail.authMethod</c>), Duo authentication logs and Trust Monitor
/// events (<c>access_device.ip</c>, <c>access_device.location</c>, <c>result</c>, <c>reason</c>), Google Workspace
/// (<c>loginDetails.ipAddress</c>, <c>login_failure</c>, "Suspicious login blocked") and Splunk ES Access notables
/// (<c>src</c>, <c>src_city</c>, <c>src_country</c>, the <c>success</c> / <c>failure</c> counts, Windows
/// <c>EventCode</c> 4624 / 4625 / 4771 / 4776).
/// </summary>
public sealed partial record IdentitySignIn
{
    /// <summary>The sign-in's source address: the alert's own, else the product's (Graph ip evidence, Duo access device, Workspace login details),
    /// else the one IP entity a Sentinel SecurityAlert lists.</summary>
    public static string? SourceIp(Alert alert) => alert.SourceIp
        ?? alert.Raw("access_device.ip", "surfaced_auth.access_device.ip", "loginDetails.ipAddress", "ipAddress")
        ?? alert.Raw("srcDevice_ip", "ipaddr") // Sumo Logic signal records, OneLogin events
        ?? Ingest.SentinelEntities.SoleAddress(alert.Fields); // a SecurityAlert naming one IP entity (a scheduled rule on SigninLogs)

    private static string? VendorCity(Alert alert) =>
        alert.Raw("location_info.city_name", "access_device.location.city", "surfaced_auth.access_device.location.city", "src_city", "city") ?? ProductCity(alert);

    private static string? VendorCountry(Alert alert) =>
        alert.Raw("location_info.country_code", "countryLetterCode", "countryOrRegion", "access_device.location.country", "surfaced_auth.access_device.location.country", "src_country") ?? ProductCountry(alert);

    /// <summary>
    /// What the product's own outcome fields say when the alert has no result field: Duo's <c>result</c>, a notable's
    /// success and failure counts (any success is a success), the Windows event code, a detection named after a failed
    /// or blocked login. Null when none says.
    /// </summary>
    private static bool? VendorOutcome(Alert alert)
    {
        if (Outcome(alert.Raw("surfaced_auth.result") ?? (alert.Has("txid") ? alert.Raw("result") : null)) is { } duo) return duo;
        if (ProductOutcome(alert) is { } product) return product;
        if (OtherProductOutcome(alert) is { } other) return other;
        var successes = Count(alert.Raw("success"));
        var failures = Count(alert.Raw("failure"));
        if (successes > 0) return true;
        if (failures > 0 && successes == 0) return false;
        var code = alert.Raw("EventCode", "event_code", "EventID");
        if (code is "4768" or "4769" && IdentityWindowsLogon.Status(alert) is { } status) return status is "0x0" or "0";
        if (code is "4624") return true;
        if (QRadarCategories(alert) is { } qradar) return qradar;
        if (code is "4625" or "4771" or "4776" or "4768") return false;
        return FailedRule().IsMatch(alert.Rule) ? false : null;
    }

    /// <summary>A QRadar offense's event categories: any login success is a success, login failures alone a failure.</summary>
    private static bool? QRadarCategories(Alert alert)
    {
        if (!alert.Has("offense_source") || alert.Raw("categories") is not { } categories) return null;
        if (categories.Contains("Login Success", StringComparison.OrdinalIgnoreCase) || categories.Contains("Login Successful", StringComparison.OrdinalIgnoreCase)) return true;
        return categories.Contains("Login Failure", StringComparison.OrdinalIgnoreCase) || categories.Contains("Authentication Failed", StringComparison.OrdinalIgnoreCase) ? false : null;
    }

    /// <summary>A notable counting at least one success among the attempts: whatever else it blocked, one got in.</summary>
    private static bool? CountedSuccess(Alert alert) => Count(alert.Raw("success")) > 0 ? true : null;

    /// <summary>The product says it blocked the attempt (an action of "blocked", a detection named "... blocked", a lockout).</summary>
    private static bool VendorBlocked(Alert alert) =>
        alert.Raw("action") is { } action && (action.StartsWith("block", StringComparison.OrdinalIgnoreCase) || action.StartsWith("den", StringComparison.OrdinalIgnoreCase))
        || BlockedRule().IsMatch(alert.Rule) || OtherProductBlocked(alert) || ProductBlocked(alert) || LockedOutReason().IsMatch(FailureReason(alert) ?? "")
        || (alert.Has("recordedAt") && alert.Raw("action.type")?.EndsWith("ACCESS_DENIED", StringComparison.OrdinalIgnoreCase) == true); // PingOne: a policy denied the app

    /// <summary>
    /// Why the product says the attempt failed, in the field most identity products give it: an <c>error</c> code
    /// (Keycloak <c>invalid_user_credentials</c>, <c>user_temporarily_disabled</c>), Okta's <c>outcome.reason</c>
    /// (INVALID_CREDENTIALS, LOCKED_OUT), Entra's <c>status.failureReason</c>, a <c>failure_reason</c>, Duo's <c>reason</c>.
    /// </summary>
    internal static string? FailureReason(Alert alert) =>
        alert.Raw("error", "outcome.reason", "status.failureReason", "failureReason", "reason");

    /// <summary>A failure reason saying the product locked the account (its lockout did its job): "locked out", "account is locked", temporarily disabled.</summary>
    [GeneratedRegex(@"(?i)locked[ _-]?out|lockout|account[ _-]?(?:is[ _-]?)?locked|user[ _-]?locked|temporar(?:il)?y[ _-]?(?:disabled|locked)")]
    private static partial Regex LockedOutReason();

    private static bool FraudReport(Alert alert) =>
        string.Equals(alert.Raw("reason", "surfaced_auth.reason"), "user_marked_fraud", StringComparison.OrdinalIgnoreCase)
        || string.Equals(alert.Raw("surfaced_auth.result", "result"), "fraud", StringComparison.OrdinalIgnoreCase);

    private static int Count(string? text) =>
        int.TryParse(text?.Replace(",", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;

    /// <summary>A detection named after a failed login: Workspace's <c>login_failure</c>, "failed logon".</summary>
    [GeneratedRegex(@"(?i)^login_failure$|^(?:failed|unsuccessful) (?:log ?on|log ?in|sign-?in)s?$|(?:login|sign-?in|logon) blocked")]
    private static partial Regex FailedRule();

    [GeneratedRegex(@"(?i)(?:login|sign-?in|logon) blocked|blocked (?:login|sign-?in|logon)|locked out|lockout")]
    private static partial Regex BlockedRule();

    /// <summary>The alert says the account's owner has left: an HR status of terminated, or a rule named after a leaver's account.</summary>
    internal static bool Departed(Alert alert) =>
        alert.Raw("hr_status", "employment_status", "employeeStatus", "worker_status") is { } status && LeaverStatus().IsMatch(status)
        || LeaverRule().IsMatch(alert.Rule);

    [GeneratedRegex(@"(?i)^(?:terminated|departed|inactive|separated|offboarded|leaver|former)$")]
    private static partial Regex LeaverStatus();

    [GeneratedRegex(@"(?i)terminated (?:employee|user|account|contractor)|departed (?:employee|user)|former employee|leaver|disabled account (?:log|sign)")]
    private static partial Regex LeaverRule();

    /// <summary>The usual names of an emergency-access ("break-glass") account.</summary>
    [GeneratedRegex(@"(?i)break[-_.]?glass|emergency[-_.]?(?:access|admin)")]
    internal static partial Regex BreakGlass();

    /// <summary>An MFA claim carried over from an earlier session (a replayed token carries it too), not a factor performed now.</summary>
    [GeneratedRegex(@"(?i)previously satisfied|n/a|^none$|bypass|remembered")]
    private static partial Regex NoFreshFactor();
}
