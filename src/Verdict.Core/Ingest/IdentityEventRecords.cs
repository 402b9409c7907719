using static Verdict.Ingest.FieldList;

namespace Verdict.Ingest;

/// <summary>
/// Fields written, after flattening, for identity event streams as they reach a SOC, checked against real sample events
/// (the parts are kept; a field of the added name already in the record is left alone):
/// <list type="bullet">
/// <item>Windows Security events from Winlogbeat (<c>winlog.event_id</c> with <c>winlog.event_data.*</c>) and Sentinel
/// <c>WindowsEvent</c> rows (<c>EventID</c> with an <c>EventData</c> object): the event data's fields under their own names
/// (<c>IpAddress</c>, <c>LogonType</c>, <c>TargetUserName</c>...), so they read as a flat <c>SecurityEvent</c> row's do. The
/// account is the target of a logon, Kerberos or lockout event (<c>SubjectUserName</c> there is the machine or service
/// that reported it), the subject of an account or group change (its <c>TargetUserName</c> is the changed account or the
/// group); the outcome follows the event (4625 failed, a Kerberos or NTLM check failed when its <c>Status</c> is not 0x0); the
/// detection is the event and its documented title ("Windows Security 4625: An account failed to log on").</item>
/// <item>Defender XDR advanced hunting identity rows (<c>IdentityLogonEvents</c>, <c>AADSignInEventsBeta</c>...) as Sentinel
/// rows (<c>Type</c>; a streaming-API record is read as the row it carries, see <see cref="EndpointExportFields"/>):
/// the row's own fields, the outcome of <c>ActionType</c> (LogonSuccess, LogonFailed), the two-letter <c>Location</c> as the
/// country and the detection "Defender XDR TABLE: ACTION (FAILURE REASON)".</item>
/// <item>Zscaler ZPA user activity (<c>ConnectionStatus</c>, <c>ClientPublicIP</c>): <c>ClientCountryCode</c> as the country,
/// a connection the access policy rejected (<c>InternalReason</c> ..._REJECTED_BY_POLICY) as a block, and the application
/// as the detection.</item>
/// <item>1Password Events API sign-in attempts (<c>session_uuid</c>, <c>target_user</c>): the <c>category</c> as the outcome
/// (success; credentials_failed, mfa_failed a failure; firewall_failed refused by the account's own firewall rule, a block)
/// and "1Password sign-in attempt: CATEGORY (TYPE)" as the detection, a <c>password_secret_bad</c> failure's reason in
/// words ("bad password or Secret Key"); the account is <c>target_user.email</c>.</item>
/// <item>CrowdStrike Falcon Identity Protection incidents (<c>IdentityProtectionIncidentId</c>): the <c>IncidentType</c> as the
/// detection and <c>UserName</c>, <c>EndpointIp</c>, <c>EndpointName</c> as the account, address and host. Its detections
/// (<c>DetectName</c>) name their account <c>SourceAccountUpn</c>, else <c>SourceAccountName</c> (<see cref="VendorPreferences"/>).</item>
/// </list>
/// </summary>
public static class IdentityEventRecords
{
    public static string? Detection(List<KeyValuePair<string, string>> fields) =>
        WindowsSecurity(fields) ?? WazuhSecurity(fields) ?? DefenderXdr(fields) ?? ZpaUserActivity(fields) ?? OnePassword(fields) ?? FalconIdentity(fields);

    /// <summary>
    /// A Wazuh alert carrying a Windows Security event (<c>data.win.system.eventID</c>, <c>channel</c> "Security"): the outcome
    /// and the account follow the event as a Winlogbeat one's do (4625 failed...; the target of a logon, the subject of an
    /// account or group change, whose <c>targetUserName</c> is the changed account or the group), the account given first so
    /// it is read before the event data's own names. Its other fields stay where they are (they read by their own names) and
    /// its rule stays Wazuh's <c>rule.description</c>: no detection is named.
    /// </summary>
    private static string? WazuhSecurity(List<KeyValuePair<string, string>> fields)
    {
        const string data = "data.win.eventdata.";
        if (Value(fields, "data.win.system.eventID") is not { } id
            || !string.Equals(Value(fields, "data.win.system.channel"), "Security", StringComparison.OrdinalIgnoreCase)) return null;
        string? Account(string name) => Value(fields, data + name) is { } v && v.Trim() is { Length: > 0 } t && t != "-" ? t : null;
        var (target, subject) = (Account("targetUserName"), Account("subjectUserName"));
        if (Value(fields, "username") is null && (TargetAccountEvents.Contains(id) ? target ?? subject : subject ?? target) is { } account)
            fields.Insert(0, new("username", account));
        if (!Has(fields, "outcome") && !Has(fields, "event.outcome")) AddIfAbsent(fields, "outcome", WindowsOutcome(id, Value(fields, data + "status")));
        return null;
    }

    /// <summary>Events whose account is the target (a logon, a Kerberos or NTLM check, a lockout), not the reporting subject.</summary>
    private static readonly HashSet<string> TargetAccountEvents = ["4624", "4625", "4634", "4647", "4648", "4740", "4768", "4769", "4771", "4776"];

    private static readonly Dictionary<string, string> WindowsTitles = new(StringComparer.Ordinal)
    {
        ["4624"] = "An account was successfully logged on", ["4625"] = "An account failed to log on",
        ["4648"] = "A logon was attempted using explicit credentials", ["4672"] = "Special privileges assigned to new logon",
        ["4720"] = "A user account was created", ["4728"] = "A member was added to a security-enabled global group",
        ["4732"] = "A member was added to a security-enabled local group", ["4740"] = "A user account was locked out",
        ["4756"] = "A member was added to a security-enabled universal group",
        ["4768"] = "A Kerberos authentication ticket (TGT) was requested", ["4769"] = "A Kerberos service ticket was requested",
        ["4771"] = "Kerberos pre-authentication failed", ["4776"] = "The computer attempted to validate the credentials for an account",
    };

    private static string? WindowsSecurity(List<KeyValuePair<string, string>> fields)
    {
        var (prefix, id) = Has(fields, "winlog.event_data.") ? ("winlog.event_data.", Value(fields, "winlog.event_id") ?? Value(fields, "event.code"))
            : Has(fields, "EventData.") ? ("EventData.", Value(fields, "EventID")) : (null, null);
        if (prefix is null || id is null) return null;
        // Only the Security log: Sysmon and other channels carry their own event data (RuleName, Image) that endpoint readings use.
        if ((Value(fields, "winlog.channel") ?? Value(fields, "Channel")) is { } channel && !channel.Equals("Security", StringComparison.OrdinalIgnoreCase)) return null;
        var data = fields.Where(f => f.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && f.Value.Trim() is { Length: > 0 } and not "-")
            .Select(f => new KeyValuePair<string, string>(f.Key[prefix.Length..], f.Value.Trim())).ToList();
        var target = Value(data, "TargetUserName");
        var subject = Value(data, "SubjectUserName");
        AddIfAbsent(fields, "username", TargetAccountEvents.Contains(id) ? target ?? subject : subject ?? target);
        if (!Has(fields, "event.outcome")) AddIfAbsent(fields, "outcome", WindowsOutcome(id, Value(data, "Status")));
        foreach (var (name, value) in data) AddIfAbsent(fields, name, value);
        var title = Value(fields, "message")?.Split('\n', 2)[0].Trim().TrimEnd('.') is { Length: > 0 } first ? first : WindowsTitles.GetValueOrDefault(id);
        return title is null ? $"Windows Security {id}" : $"Windows Security {id}: {title}";
    }

    /// <summary>4624 succeeded and 4625 failed; a Kerberos or NTLM credential check (4768, 4769, 4771, 4776) by its status.</summary>
    private static string? WindowsOutcome(string id, string? status) => id switch
    {
        "4624" => "success",
        "4625" or "4771" => "failure",
        "4768" or "4769" or "4776" when status is not null => status.Equals("0x0", StringComparison.OrdinalIgnoreCase) || status == "0" ? "success" : "failure",
        _ => null,
    };

    private static string? DefenderXdr(List<KeyValuePair<string, string>> fields)
    {
        // A streamed row (category AdvancedHunting-TABLE) has been read as the Sentinel row it carries (EndpointExportFields).
        var table = Value(fields, "Type") is { } type && (type.StartsWith("Identity", StringComparison.Ordinal) || type.StartsWith("AADSignInEvents", StringComparison.Ordinal) || type.StartsWith("AADSpnSignInEvents", StringComparison.Ordinal)) ? type : null;
        if (table is null || (Value(fields, "ActionType") ?? Value(fields, "ErrorCode")) is null) return null;
        var action = Value(fields, "ActionType");
        AddIfAbsent(fields, "outcome", action switch
        {
            "LogonSuccess" => "success",
            "LogonFailed" => "failure",
            _ => null,
        });
        if (Value(fields, "Location") is { Length: 2 } country && !Has(fields, "Country")) AddIfAbsent(fields, "country", country.ToUpperInvariant());
        if (action is null)
            return Value(fields, "ErrorCode") is { } code ? $"Defender XDR {table}: sign-in {(code == "0" ? "succeeded" : $"failed ({code})")}" : $"Defender XDR {table}";
        return Value(fields, "FailureReason") is { } reason ? $"Defender XDR {table}: {action} ({reason})" : $"Defender XDR {table}: {action}";
    }

    private static string? ZpaUserActivity(List<KeyValuePair<string, string>> fields)
    {
        if (Value(fields, "ConnectionStatus") is null || Value(fields, "ClientPublicIP") is null || Value(fields, "Application") is not { } app) return null;
        AddIfAbsent(fields, "country", Value(fields, "ClientCountryCode"));
        var reason = Value(fields, "InternalReason");
        var rejected = reason?.Contains("REJECTED_BY_POLICY", StringComparison.OrdinalIgnoreCase) == true;
        if (rejected) AddIfAbsent(fields, "action", "block");
        return rejected ? $"ZPA user activity: access to {app} rejected by policy" : $"ZPA user activity: connection to {app}";
    }

    private static string? OnePassword(List<KeyValuePair<string, string>> fields)
    {
        if (Value(fields, "session_uuid") is null || Value(fields, "target_user.uuid") is null || Value(fields, "category") is not { } category) return null;
        AddIfAbsent(fields, "outcome", category.ToLowerInvariant() switch
        {
            "success" => "success",
            "firewall_failed" => "block",
            var c when c.EndsWith("_failed", StringComparison.Ordinal) => "failure",
            _ => null,
        });
        var type = Value(fields, "type");
        // password_secret_bad is documented as a wrong account password or Secret Key: the failure's reason in words.
        if (string.Equals(type, "password_secret_bad", StringComparison.OrdinalIgnoreCase)) AddIfAbsent(fields, "failureReason", "bad password or Secret Key");
        return type is null ? $"1Password sign-in attempt: {category}" : $"1Password sign-in attempt: {category} ({type})";
    }

    private static string? FalconIdentity(List<KeyValuePair<string, string>> fields)
    {
        if (Event(fields, "IdentityProtectionIncidentId") is not null && Event(fields, "IncidentType") is { } incident)
        {
            AddIfAbsent(fields, "username", Event(fields, "UserName"));
            AddIfAbsent(fields, "source_ip", Event(fields, "EndpointIp"));
            AddIfAbsent(fields, "hostname", Event(fields, "EndpointName"));
            return $"Falcon Identity Protection incident: {incident}";
        }
        return null; // a detection (DetectName, SourceAccountName) is read through VendorPreferences
    }

    /// <summary>A Falcon streaming event's field, in its <c>event</c> object or unwrapped.</summary>
    private static string? Event(List<KeyValuePair<string, string>> fields, string name) => Value(fields, "event." + name) ?? Value(fields, name);

    private static bool Has(List<KeyValuePair<string, string>> fields, string prefix) =>
        fields.Any(f => f.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
}
