using System.Globalization;
using Verdict.Alerts;

namespace Verdict.Ingest;

/// <summary>
/// Reads a detector's severity on its source's own scale. Most sources write words or 1..5 (<see cref="SeverityText"/>);
/// a few write numbers that mean something else, told apart by the field's name:
/// Suricata EVE <c>alert.severity</c> (1 highest: 1 high, 2 medium, 3 low, 4 and above info),
/// GuardDuty <c>detail.severity</c> (0–10: 9+ critical, 7+ high, 4+ medium, 1+ low, below 1 info) and
/// ArcSight CEF's header <c>severity</c> (0–10 like GuardDuty's; CEF records carry <c>cefVersion</c>) and Sentinel
/// <c>CommonSecurityLog</c>'s <c>LogSeverity</c>, the same number,
/// ModSecurity <c>transaction.messages.N.details.severity</c> and Trellix ePO's <c>ThreatSeverity</c> (syslog 0–7: 0–2 critical,
/// 3 high, 4 medium, 5 low, 6–7 info),
/// OCSF's and Symantec ICDm's <c>severity_id</c> (1 informational, 2 low, 3 medium, 4 high, 5 critical, 6 fatal; 0 unknown and
/// 99 other give none) and Wazuh's <c>rule.level</c> (0–15, as Wazuh's dashboard groups it: 15 critical, 12–14 high,
/// 7–11 medium, 4–6 low, 0–3 info), Defender for Cloud Apps' <c>severityValue</c> (0 low, 1 medium, 2 high, 3 informational),
/// and a bare numeric <c>Level</c>, the Windows event and Azure Monitor log level that Sentinel's SigninLogs and AuditLogs
/// rows carry (1 critical, 2 error, 3 warning, 4 informational, 5 verbose): a logging level, the same for a risky sign-in
/// as for a routine one, so no detector rating at all (not "4 of 5", high). Words under <c>level</c> (Sigma's "high") still read.
/// Words also include the syslog and Falco priorities: emergency, alert, critical are critical; error high; warning
/// medium; notice low; informational, debug (and Entra's risk level none) info.
/// A value that fits no scale gives no severity (null): the record is still read, as if the detector had given none,
/// and the raw value stays among its fields.
/// </summary>
public static class SeverityScale
{
    private enum Scale { Words, Suricata, TenPoint, Syslog, Ocsf, Wazuh, EventLevel, CloudApps }

    /// <param name="cef">The record is ArcSight CEF (it carries cefVersion), whose severity runs 0–10.</param>
    public static Severity? Read(string fieldName, string text, bool cef = false)
    {
        var value = text.Trim();
        var scale = cef && fieldName.Trim().Equals("severity", StringComparison.OrdinalIgnoreCase) ? Scale.TenPoint : ScaleOf(fieldName);
        if (scale != Scale.Words && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0)
        {
            return scale switch
            {
                Scale.Suricata => n < 1 ? null : n < 2 ? Severity.High : n < 3 ? Severity.Medium : n < 4 ? Severity.Low : Severity.Info,
                Scale.TenPoint => n > 10 ? null : n >= 9 ? Severity.Critical : n >= 7 ? Severity.High : n >= 4 ? Severity.Medium : n >= 1 ? Severity.Low : Severity.Info,
                Scale.Ocsf => n < 1 || n > 6 ? null : n >= 5 ? Severity.Critical : n >= 4 ? Severity.High : n >= 3 ? Severity.Medium : n >= 2 ? Severity.Low : Severity.Info,
                Scale.Wazuh => n > 15 ? null : n >= 15 ? Severity.Critical : n >= 12 ? Severity.High : n >= 7 ? Severity.Medium : n >= 4 ? Severity.Low : Severity.Info,
                Scale.EventLevel => null,
                Scale.CloudApps => n > 3 ? null : n >= 3 ? Severity.Info : n >= 2 ? Severity.High : n >= 1 ? Severity.Medium : Severity.Low,
                _ => n > 7 ? null : n <= 2 ? Severity.Critical : n < 4 ? Severity.High : n < 5 ? Severity.Medium : n < 6 ? Severity.Low : Severity.Info,
            };
        }
        return SeverityText.TryParse(value, out var severity) ? severity : Priority(value);
    }

    /// <summary>Syslog and Falco priorities beyond the words <see cref="SeverityText"/> reads (which has error and warning).</summary>
    private static Severity? Priority(string word) => word.ToLowerInvariant() switch
    {
        "emergency" or "emerg" or "panic" or "alert" or "fatal" => Severity.Critical,
        "err" => Severity.High,
        "warn" => Severity.Medium,
        "notice" => Severity.Low,
        "debug" or "none" => Severity.Info,
        _ => null,
    };

    private static Scale ScaleOf(string fieldName)
    {
        var name = fieldName.Trim();
        if (name.Equals("alert.severity", StringComparison.OrdinalIgnoreCase)) return Scale.Suricata;
        if (name.Equals("level", StringComparison.OrdinalIgnoreCase)) return Scale.EventLevel;
        if (name.Equals("detail.severity", StringComparison.OrdinalIgnoreCase) || name.Equals("magnitude", StringComparison.OrdinalIgnoreCase)
            || name.Equals("LogSeverity", StringComparison.OrdinalIgnoreCase)) return Scale.TenPoint;
        if (name.Equals("severity_id", StringComparison.OrdinalIgnoreCase)) return Scale.Ocsf;
        if (name.Equals("severityValue", StringComparison.OrdinalIgnoreCase)) return Scale.CloudApps;
        if (name.Equals("rule.level", StringComparison.OrdinalIgnoreCase)) return Scale.Wazuh;
        if (name.Equals("ThreatSeverity", StringComparison.OrdinalIgnoreCase) || name.Equals("EPOEvents.ThreatSeverity", StringComparison.OrdinalIgnoreCase)) return Scale.Syslog;
        return name.StartsWith("transaction.messages.", StringComparison.OrdinalIgnoreCase)
            && name.EndsWith(".details.severity", StringComparison.OrdinalIgnoreCase) ? Scale.Syslog : Scale.Words;
    }
}
