using System.Text.Json;
using System.Text.RegularExpressions;
using Verdict.Alerts;
using Verdict.Analysis.Families;
using Verdict.Ingest;
using Verdict.Logs;

namespace Verdict.Analysis.Identity;

/// <summary>
/// What one sign-in alert says about the sign-in itself, read from the fields each identity product documents:
/// Okta System Log (<c>outcome.result</c>, <c>client.geographicalContext</c>, <c>securityContext.asOrg</c>,
/// <c>debugContext.debugData</c> behaviours, factor and device trust), Entra sign-ins as Sentinel columns
/// (<c>ResultType</c>, <c>Location</c>, <c>DeviceDetail</c>, <c>AuthenticationRequirement</c>,
/// <c>ConditionalAccessStatus</c>, <c>RiskLevelDuringSignIn</c>), Entra ID Protection risk detections
/// (<c>riskState</c>, <c>additionalInfo</c>) and Elastic ECS (<c>event.outcome</c>, <c>source.geo</c>, <c>source.as</c>).
/// Every part is null when the alert does not say.
/// </summary>
public sealed partial record IdentitySignIn
{
    public string? Country { get; init; }
    public string? City { get; init; }
    public string? Network { get; init; }
    public string UserAgent { get; init; } = "";
    public string? ClientApp { get; init; }
    /// <summary>True for a success, false for a failure or a block, null when the alert does not say.</summary>
    public bool? Succeeded { get; init; }
    public bool? Managed { get; init; }
    public bool? Compliant { get; init; }
    public string? DeviceName { get; init; }
    /// <summary>True when MFA was satisfied, false when a single factor was enough.</summary>
    public bool? Mfa { get; init; }
    public string? Factor { get; init; }
    public bool BlockedByPolicy { get; init; }
    public string? SignInRisk { get; init; }
    public string? RiskState { get; init; }
    /// <summary>Okta's behaviour detection ("New Device" → true when POSITIVE).</summary>
    public IReadOnlyDictionary<string, bool> Behaviors { get; init; } = new Dictionary<string, bool>();
    public bool ThreatSuspected { get; init; }
    /// <summary>The sign-in's source address: the alert's own, or where the product puts it (see <see cref="SourceIp(Alert)"/>).</summary>
    public string? Ip { get; init; }
    /// <summary>The user answered the second-factor prompt with "this is not me" (Duo <c>user_marked_fraud</c>).</summary>
    public bool FraudReported { get; init; }

    public string Where => string.Join(", ", new[] { City, Country }.Where(s => !string.IsNullOrWhiteSpace(s)));

    /// <summary>A person at a browser rather than a job or a device's mail client.</summary>
    public bool Interactive => string.Equals(ClientApp, "Browser", StringComparison.OrdinalIgnoreCase)
        || UserAgent.StartsWith("Mozilla/", StringComparison.OrdinalIgnoreCase);

    /// <summary>A browser with no person at it (HeadlessChrome, a Selenium or Puppeteer driver): a script's synthetic check or a job.</summary>
    public bool Headless => HeadlessBrowser().IsMatch(UserAgent);

    public bool PhishingResistant => Factor is { } f && PhishingResistantFactor().IsMatch(f);

    public static IdentitySignIn Read(Alert alert)
    {
        var info = AdditionalInfo(alert.Raw("additionalInfo", "additional_info"));
        var place = Geo.Resolve(alert.Field(CanonicalField.Location), alert.Field(CanonicalField.City) ?? VendorCity(alert) ?? FieldGuess.City(alert.Fields),
            alert.Field(CanonicalField.Country) ?? VendorCountry(alert) ?? FieldGuess.Country(alert.Fields));
        var trust = alert.Raw("deviceTrust", "trustType", "trust_type", "trusted_endpoint_status");
        var managed = alert.Flag("isManaged", "is_managed") ?? trust switch
        {
            null => null,
            _ when trust.Contains("not", StringComparison.OrdinalIgnoreCase) || trust.Contains("unmanaged", StringComparison.OrdinalIgnoreCase) || trust.Contains("untrusted", StringComparison.OrdinalIgnoreCase) => false,
            _ when trust.Contains("managed", StringComparison.OrdinalIgnoreCase) || trust.Contains("joined", StringComparison.OrdinalIgnoreCase) || trust.Contains("trusted", StringComparison.OrdinalIgnoreCase) => true,
            _ => (bool?)null,
        };
        var requirement = alert.Raw("AuthenticationRequirement", "authentication_requirement");
        var factor = alert.Raw("factor", "authenticationMethod", "authentication_method", "authMethod") ?? info.GetValueOrDefault("mfaResult") ?? ProductFactor(alert);
        var ca = alert.Raw("ConditionalAccessStatus", "conditional_access_status");
        var result = alert.Field(CanonicalField.Result) ?? alert.Raw("errorCode", "error_code");
        var succeeded = IsLockout(alert) ? false : CountedSuccess(alert) ?? Outcome(result) ?? Outcome(alert.Raw("errorCode", "error_code")) ?? VendorOutcome(alert);
        return new IdentitySignIn
        {
            Country = Geo.CountryCode(place.Country)?.ToUpperInvariant() ?? place.Country?.ToUpperInvariant(),
            City = place.City,
            Network = alert.Raw("source.as.organization.name", "as_org", "asorg", "asn_org", "asnorg", "isp", "autonomoussystemorganization", "as.organization.name")
                ?? info.GetValueOrDefault("asn") ?? ProductNetwork(alert),
            UserAgent = alert.Field(CanonicalField.UserAgent) ?? alert.Raw("rawUserAgent") ?? info.GetValueOrDefault("userAgent") ?? ProductUserAgent(alert) ?? "",
            ClientApp = alert.Raw("ClientAppUsed", "client_app_used") ?? ProductClient(alert),
            Succeeded = succeeded,
            Ip = SourceIp(alert),
            FraudReported = FraudReport(alert),
            Managed = managed,
            Compliant = alert.Flag("isCompliant", "is_compliant") ?? (info.TryGetValue("deviceIsCompliant", out var c) ? bool.TryParse(c, out var b) ? b : (bool?)null : null),
            DeviceName = alert.Raw("DeviceDetail.displayName", "device_detail.display_name", "azure.signinlogs.properties.device_detail.display_name"),
            Mfa = ProductMfa(alert) is { } productMfa ? productMfa
                : requirement?.Contains("multi", StringComparison.OrdinalIgnoreCase) == true ? true
                : requirement?.Contains("single", StringComparison.OrdinalIgnoreCase) == true ? false
                : factor is not null && NoFreshFactor().IsMatch(factor) ? null
                : factor is not null && !factor.Contains("password", StringComparison.OrdinalIgnoreCase) ? true : null,
            Factor = factor,
            BlockedByPolicy = string.Equals(ca, "failure", StringComparison.OrdinalIgnoreCase) || result is "53000" or "53001" or "53002" or "53003" or "530032"
                || (succeeded == false && (VendorBlocked(alert) || DeniedResult(result))),
            SignInRisk = RiskLevelName(alert.Raw("RiskLevelDuringSignIn", "risk_level_during_signin", "riskLevelDuringSignIn", "riskLevelAggregated", "risk_level_aggregated"))
                ?? (OktaRisk().Match(alert.Raw("debugContext.debugData.risk", "okta.debug_context.debug_data.risk") ?? "") is { Success: true } level ? level.Groups[1].Value : null)
                ?? PingOneProtectRisk(alert) ?? GoogleSuspicious(alert),
            RiskState = alert.Raw("riskState", "risk_state"),
            Behaviors = Behaviours(alert.Raw("behaviors")),
            ThreatSuspected = alert.Flag("threatSuspected", "threat_suspected") == true,
        };
    }

    /// <summary>
    /// A PingOne Protect risk evaluation's own level (<c>result.level</c>) for the flow it scored (<c>event.flow.type</c>),
    /// HIGH only: MEDIUM is what one novelty predictor (a new device, a rarely used place) gives, and the sign-in's own
    /// device and place are weighed already; LOW names no risk.
    /// </summary>
    private static string? PingOneProtectRisk(Alert alert) =>
        alert.Raw("event.flow.type") is not null && alert.Raw("result.level") is { } level && level.Equals("high", StringComparison.OrdinalIgnoreCase) ? level : null;

    /// <summary>
    /// Defender XDR's AADSignInEventsBeta rates risk as a number (0 none, 10 low, 50 medium, 100 high), where Entra's own
    /// sign-in logs write the word: the number is read as its word, anything else as it stands.
    /// </summary>
    private static string? RiskLevelName(string? level) => level?.Trim() switch
    {
        "0" => "none",
        "10" => "low",
        "50" => "medium",
        "100" => "high",
        var other => other,
    };

    /// <summary>The outcome field itself says the product refused the attempt (Okta's <c>outcome.result</c> DENY, "blocked"), not that a password was wrong.</summary>
    private static bool DeniedResult(string? result) =>
        result?.Trim().ToLowerInvariant() is { } r && (r.StartsWith("den", StringComparison.Ordinal) || r.StartsWith("block", StringComparison.Ordinal));

    /// <summary>"SUCCESS", "success", "ALLOW" and Entra's ResultType 0 are a success; "FAILURE", "DENY", any other code a failure.</summary>
    internal static bool? Outcome(string? result) => result?.Trim().ToLowerInvariant() switch
    {
        null or "" or "unknown" => null,
        "0" or "allow" or "allowed" => true,
        var r when r.StartsWith("succ", StringComparison.Ordinal) || r.StartsWith("passed", StringComparison.Ordinal) => true,
        var r when r.StartsWith("fail", StringComparison.Ordinal) || r.StartsWith("den", StringComparison.Ordinal) || r.StartsWith("fraud", StringComparison.Ordinal) || r.StartsWith("block", StringComparison.Ordinal)
            || r.StartsWith("lock", StringComparison.Ordinal) || r.StartsWith("reject", StringComparison.Ordinal) => false,
        var r when int.TryParse(r, out _) => false,
        _ => null,
    };

    /// <summary>
    /// An account-lockout event (Windows 4740, a rule named "Account Lockout"): the sign-ins before it failed, whatever
    /// its own outcome says (ECS writes <c>event.outcome</c> success for a lockout that was recorded).
    /// </summary>
    private static bool IsLockout(Alert alert) =>
        alert.Raw("EventCode", "event_code", "EventID", "event.code", "winlog.event_id") == "4740" || LockoutRule().IsMatch(alert.Rule);

    [GeneratedRegex(@"(?i)^(?:ad |user |windows )?account (?:lockout|locked out)s?$")]
    private static partial Regex LockoutRule();

    /// <summary>Okta's <c>{New Geo-Location=POSITIVE, New Device=NEGATIVE}</c>.</summary>
    private static Dictionary<string, bool> Behaviours(string? text)
    {
        var map = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        foreach (Match m in Behaviour().Matches(text ?? ""))
            map[m.Groups[1].Value.Trim()] = m.Groups[2].Value.Equals("POSITIVE", StringComparison.OrdinalIgnoreCase);
        return map;
    }

    /// <summary>Entra risk detections' <c>additionalInfo</c>: a JSON array of {Key, Value} as a string.</summary>
    private static Dictionary<string, string> AdditionalInfo(string? text)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (text is null || !text.TrimStart().StartsWith('[')) return map;
        try
        {
            using var doc = JsonDocument.Parse(text);
            foreach (var item in doc.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("Key", out var k) || k.GetString() is not { } key) continue;
                if (item.TryGetProperty("Value", out var v) && v.ValueKind is JsonValueKind.String or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number)
                    map[key] = v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : v.GetRawText();
            }
        }
        catch (JsonException)
        {
            // Alert content is untrusted: an unreadable additionalInfo says nothing.
        }
        return map;
    }

    [GeneratedRegex(@"([A-Za-z][A-Za-z \-]*?)\s*=\s*(POSITIVE|NEGATIVE)", RegexOptions.IgnoreCase)]
    private static partial Regex Behaviour();

    /// <summary>Okta's <c>debugData.risk</c>: <c>{reasons=Anomalous Device, level=HIGH}</c>.</summary>
    [GeneratedRegex(@"(?i)\blevel\s*=\s*(low|medium|high)\b")]
    private static partial Regex OktaRisk();

    [GeneratedRegex(@"(?i)fido|webauthn|fastpass|windows ?hello|security ?key|passkey|certificate|x\.?509|smart ?card")]
    private static partial Regex PhishingResistantFactor();

    [GeneratedRegex(@"(?i)\bHeadlessChrome/|\bheadless\b|\bPhantomJS/|\bSelenium\b|\bPuppeteer\b|\bPlaywright\b")]
    private static partial Regex HeadlessBrowser();
}
