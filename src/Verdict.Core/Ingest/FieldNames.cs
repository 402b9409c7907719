namespace Verdict.Ingest;

/// <summary>The fields Verdict understands, whatever a tool calls them.</summary>
public enum CanonicalField
{
    Id, Time, User, SourceIp, DestinationIp, Host, Rule, Severity, Description, CommandLine, Process,
    ParentProcess, Domain, Url, FileHash, Email, Tags,
    // activity-log fields
    Result, Location, Country, City, Latitude, Longitude, UserAgent,
}

/// <summary>Recognises column names by their common spellings (tutorial, Splunk CIM, ECS, Sentinel, vendor shorthand).</summary>
public static class FieldNames
{
    private static readonly Dictionary<string, CanonicalField> Aliases = Build(new()
    {
        [CanonicalField.Id] = ["id", "alert_id", "alertid", "event_id", "uuid", "system_alert_id", "detection_id", "_cd"],
        [CanonicalField.Time] = ["time", "timestamp", "date", "datetime", "@timestamp", "event_time", "eventtime", "created",
            "created_at", "time_generated", "timegenerated", "_time", "start_time", "first_seen", "detected_at", "date_time"],
        [CanonicalField.User] = ["user", "username", "user_name", "account", "account_name", "accountname", "target_user",
            "targetusername", "user_principal_name", "upn", "login", "subject_user_name", "user.name", "actor"],
        [CanonicalField.SourceIp] = ["src_ip", "source_ip", "ip", "ip_address", "ipaddress", "client_ip", "src", "sourceip",
            "remote_ip", "sip", "source.ip", "client.ip", "caller_ip", "callerip", "src_addr"],
        [CanonicalField.DestinationIp] = ["dest_ip", "dst_ip", "destination_ip", "dip", "dest", "destination.ip", "dst"],
        [CanonicalField.Host] = ["host", "hostname", "host_name", "computer", "computer_name", "device", "device_name",
            "dest_host", "machine", "workstation", "host.name", "endpoint"],
        [CanonicalField.Rule] = ["type", "rule", "rule_name", "rulename", "alert_type", "alerttype", "title", "name",
            "signature", "alert_name", "alertname", "detection", "alert", "event_type", "rule.name", "category"],
        [CanonicalField.Severity] = ["severity", "level", "priority", "risk", "alert_severity", "severity_label", "urgency"],
        [CanonicalField.Description] = ["description", "detail", "details", "message", "summary", "msg", "reason", "info"],
        [CanonicalField.CommandLine] = ["command_line", "commandline", "cmdline", "cmd", "process_command_line", "process.command_line"],
        [CanonicalField.Process] = ["process", "image", "process_name", "processname", "process_path", "process.executable"],
        [CanonicalField.ParentProcess] = ["parent_process", "parent_image", "parentimage", "parent_process_name", "process.parent.executable"],
        [CanonicalField.Domain] = ["domain", "query", "dns_query", "fqdn"],
        [CanonicalField.Url] = ["url", "uri", "request_url"],
        [CanonicalField.FileHash] = ["hash", "sha256", "sha1", "md5", "file_hash", "filehash"],
        [CanonicalField.Email] = ["email", "sender", "recipient", "mail"],
        [CanonicalField.Tags] = ["tags", "techniques", "technique", "technique_id", "mitre", "mitre_technique", "attack_technique", "threat.technique.id"],
        [CanonicalField.Result] = ["result", "outcome", "status", "action", "event.outcome", "result_type", "login_result"],
        [CanonicalField.Location] = ["location", "geo", "geolocation"],
        [CanonicalField.Country] = ["country", "country_code", "countrycode", "geo_country", "source.geo.country_iso_code"],
        [CanonicalField.City] = ["city", "geo_city", "source.geo.city_name"],
        [CanonicalField.Latitude] = ["lat", "latitude", "source.geo.location.lat"],
        [CanonicalField.Longitude] = ["lon", "lng", "long", "longitude", "source.geo.location.lon"],
        [CanonicalField.UserAgent] = ["user_agent", "useragent", "ua", "user_agent.original", "http_user_agent"],
    });

    private static Dictionary<string, CanonicalField> Build(Dictionary<CanonicalField, string[]> table)
    {
        var map = new Dictionary<string, CanonicalField>(StringComparer.Ordinal);
        foreach (var (field, names) in table)
        {
            foreach (var name in names) map[Normalize(name)] = field;
        }
        return map;
    }

    /// <summary>"Source IP", "source_ip", "SourceIP" and "source-ip" all normalise to "sourceip".</summary>
    public static string Normalize(string name) =>
        new([.. name.Trim().ToLowerInvariant().Where(ch => char.IsAsciiLetterOrDigit(ch) || ch is '@' or '.')]);

    public static CanonicalField? Recognize(string columnName) =>
        Aliases.TryGetValue(Normalize(columnName), out var field) ? field
        : Aliases.TryGetValue(Normalize(columnName).Replace(".", "", StringComparison.Ordinal), out field) ? field
        : null;

    /// <summary>Maps each canonical field to the first column that names it.</summary>
    public static Dictionary<CanonicalField, int> MapHeader(IReadOnlyList<string> header)
    {
        var map = new Dictionary<CanonicalField, int>();
        for (var i = 0; i < header.Count; i++)
        {
            if (Recognize(header[i]) is { } field) map.TryAdd(field, i);
        }
        return map;
    }
}
