using System.Text.RegularExpressions;
using Verdict.Alerts;
using Verdict.Analysis.Families;

namespace Verdict.Analysis.Identity;

/// <summary>
/// The sign-in's outcome, factor and client as more identity products document them:
/// <list type="bullet">
/// <item>AWS IAM Identity Center sign-ins in CloudTrail (<c>signin.amazonaws.com</c>, events other than ConsoleLogin):
/// the outcome is <c>serviceEventDetails.&lt;eventName&gt;</c> (Success / Failure), the credential
/// <c>additionalEventData.CredentialType</c> (PASSWORD, TOTP, WEBAUTHN...); a completed <c>UserAuthentication</c> with
/// a PASSWORD credential had no second factor.</item>
/// <item>OneLogin events (<c>event_type_id</c>): 5 logged in, 6 failed authentication, 19 locked; the OTP device
/// (<c>otp_device_name</c>) that answered a login.</item>
/// <item>JumpCloud Directory Insights (<c>initiated_by</c>): <c>mfa</c> (boolean), <c>mfa_meta.type</c>,
/// <c>geoip.country_code</c>, a browser named in <c>useragent.name</c>.</item>
/// <item>Sumo Logic Cloud SIEM signals' records: <c>srcDevice_ip_countryCode</c>, <c>srcDevice_ip_city</c>,
/// <c>srcDevice_ip_asnOrg</c>, <c>http_userAgent</c>, <c>normalizedAction</c> (lockout) and the Windows event in
/// <c>metadata_deviceEventId</c> ("Security-4624").</item>
/// <item>Google SecOps UDM events: <c>network.carrierName</c>, <c>network.http.userAgent</c>.</item>
/// </list>
/// </summary>
public sealed partial record IdentitySignIn
{
    /// <summary>An IAM Identity Center sign-in step (UserAuthentication, CredentialVerification, CredentialChallenge...), not a console login.</summary>
    public static bool IsIdentityCenter(Alert alert) =>
        string.Equals(alert.Raw("eventSource"), "signin.amazonaws.com", StringComparison.OrdinalIgnoreCase)
        && alert.Raw("eventName") is { } name && !name.Equals("ConsoleLogin", StringComparison.OrdinalIgnoreCase)
        && alert.Raw($"serviceEventDetails.{name}") is not null;

    private static bool OneLoginEvent(Alert alert) => alert.Has("event_type_id") && alert.Has("account_id");

    /// <summary>What these products say of the outcome; null when none of them says.</summary>
    private static bool? ProductOutcome(Alert alert)
    {
        if (IsIdentityCenter(alert)) return Outcome(alert.Raw($"serviceEventDetails.{alert.Raw("eventName")}"));
        if (OneLoginEvent(alert))
            return alert.Raw("event_type_id") switch { "5" => true, "6" or "19" => false, _ => null };
        if (alert.Raw("normalizedAction") is { } action && action.Equals("lockout", StringComparison.OrdinalIgnoreCase)) return false;
        if (IsNetworkAccessRequest(alert) && Outcome(alert.Raw("MessageClass")) is { } radius) return radius; // Cisco ISE: Passed-Authentication / Failed-Attempt
        if (KeycloakLoginEvent(alert) is { } type) return !type.EndsWith("_ERROR", StringComparison.OrdinalIgnoreCase) && !alert.Has("error");
        if (WindowsEvent().Match(alert.Raw("metadata_deviceEventId") ?? "") is { Success: true } m)
            return m.Groups[1].Value switch { "4624" => true, "4625" or "4771" or "4776" or "4740" => false, _ => null };
        return null;
    }

    /// <summary>
    /// A network-access (NAC) authentication: a RADIUS request carries the standard attributes of RFC 2865
    /// (<c>Calling-Station-ID</c>, the connecting device's MAC; <c>NAS-IP-Address</c> and <c>NAS-Port-Id</c>, the switch or
    /// wireless controller asking), whichever server logs it (Cisco ISE, Aruba ClearPass, Microsoft NPS, FortiNAC).
    /// Its address is the switch's, always inside: being on the corporate network is what it grants, not evidence.
    /// </summary>
    public static bool IsNetworkAccessRequest(Alert alert) => alert.Has("Calling-Station-ID") && alert.Has("NAS-IP-Address", "NAS-Port-Id", "NAS-Identifier", "NASIPAddress");

    /// <summary>
    /// A Keycloak user or client login event (<c>realmId</c>, <c>clientId</c> and a <c>type</c> such as LOGIN,
    /// CLIENT_LOGIN, LOGIN_ERROR): Keycloak names a failed event <c>&lt;TYPE&gt;_ERROR</c> and gives its <c>error</c>.
    /// Admin events (<c>operationType</c>) are changes, not sign-ins, and get no outcome here.
    /// </summary>
    private static string? KeycloakLoginEvent(Alert alert) =>
        alert.Has("realmId") && alert.Has("clientId") && !alert.Has("operationType") && alert.Raw("type") is { } type
        && KeycloakLogin().IsMatch(type) ? type : null;

    [GeneratedRegex(@"^(?:CLIENT_)?LOGIN(?:_ERROR)?$|^CODE_TO_TOKEN(?:_ERROR)?$")]
    private static partial Regex KeycloakLogin();

    /// <summary>The product locked the account: a OneLogin lock, a lockout event.</summary>
    private static bool ProductBlocked(Alert alert) =>
        (OneLoginEvent(alert) && alert.Raw("event_type_id") == "19")
        || string.Equals(alert.Raw("normalizedAction"), "lockout", StringComparison.OrdinalIgnoreCase)
        || alert.Raw("metadata_deviceEventId")?.EndsWith("-4740", StringComparison.Ordinal) == true;

    /// <summary>The factor the product says answered the sign-in.</summary>
    private static string? ProductFactor(Alert alert) =>
        IsIdentityCenter(alert) ? alert.Raw("additionalEventData.CredentialType")
        : OneLoginEvent(alert) ? (alert.Raw("event_type_id") == "5" ? alert.Raw("otp_device_name") : null)
        : alert.Raw("mfa_meta.type") ?? (alert.Flag("mfa") is null ? alert.Raw("mfa") : null) ?? IdentityVendorVerdict.GoogleParameter(alert, "login_challenge_method");

    /// <summary>True when a second factor was used, false when the product says a password alone completed the sign-in.</summary>
    private static bool? ProductMfa(Alert alert)
    {
        if (IsIdentityCenter(alert))
        {
            if (!string.Equals(alert.Raw("eventName"), "UserAuthentication", StringComparison.OrdinalIgnoreCase)) return null;
            return alert.Raw("additionalEventData.CredentialType") is { } type ? !type.Equals("PASSWORD", StringComparison.OrdinalIgnoreCase) : null;
        }
        if (OneLoginEvent(alert)) return alert.Raw("event_type_id") == "5" && alert.Raw("otp_device_name") is not null ? true : null;
        if (IdentityVendorVerdict.GoogleParameter(alert, "login_challenge_method") is { } methods) // Google Workspace login: every challenge the login answered
            return methods.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Any(m => !m.Equals("password", StringComparison.OrdinalIgnoreCase));
        return alert.Has("initiated_by.username") ? alert.Flag("mfa") : null;
    }

    /// <summary>
    /// Google Workspace flags a login it finds suspicious (<c>is_suspicious</c> true): read as a high sign-in risk, unless Google
    /// challenged it and the challenge was passed (that answer is weighed on its own, as <c>challenge_passed</c>).
    /// </summary>
    private static string? GoogleSuspicious(Alert alert) =>
        string.Equals(IdentityVendorVerdict.GoogleParameter(alert, "is_suspicious"), "true", StringComparison.OrdinalIgnoreCase)
        && IdentityVendorVerdict.GoogleParameter(alert, "login_challenge_status")?.Contains("passed", StringComparison.OrdinalIgnoreCase) != true ? "high" : null;

    private static string? ProductCountry(Alert alert) => alert.Raw("srcDevice_ip_countryCode", "geoip.country_code");

    private static string? ProductCity(Alert alert) => alert.Raw("srcDevice_ip_city");

    private static string? ProductNetwork(Alert alert) => alert.Raw("srcDevice_ip_asnOrg", "network.carrierName");

    private static string? ProductUserAgent(Alert alert) => alert.Raw("http_userAgent", "userAgent"); // UDM network.http.userAgent

    /// <summary>JumpCloud names the browser (<c>useragent.name</c>) rather than giving the user-agent string.</summary>
    private static string? ProductClient(Alert alert) =>
        alert.Has("initiated_by.username") && alert.Raw("useragent.name") is { } name && Browser().IsMatch(name) ? "Browser" : null;

    [GeneratedRegex(@"(?i)^Security-(\d{4})$")]
    private static partial Regex WindowsEvent();

    [GeneratedRegex(@"(?i)^(?:chrome|firefox|safari|edge|opera|brave|mobile safari|chrome mobile)")]
    private static partial Regex Browser();
}
