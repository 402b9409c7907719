using System.Collections.Concurrent;
using System.Text;

namespace Verdict.Ingest;

/// <summary>The fields Verdict understands, whatever a tool calls them.</summary>
public enum CanonicalField
{
    Id, Time, User, SourceIp, DestinationIp, Host, Rule, Severity, Description, CommandLine, Process,
    ParentProcess, Domain, Url, FileHash, Email, Tags,
    // activity-log fields
    Result, Location, Country, City, Latitude, Longitude, UserAgent,
    // network and web fields (JSON sources: ECS, OCSF, CIM, WAF vendors)
    SourcePort, DestinationPort, HttpMethod, RequestHeaders, RequestBody, ResponseStatus, ResponseBody, AttackType, KillChain,
}

/// <summary>Recognises column names by their common spellings (tutorial, Splunk CIM, ECS, Sentinel, vendor shorthand).</summary>
public static class FieldNames
{
    private static readonly Dictionary<string, CanonicalField> Aliases = Build(new()
    {
        [CanonicalField.Id] = ["id", "alert_id", "alertid", "event_id", "uuid", "system_alert_id", "detection_id", "_cd", "event.id", "metadata.uid", "finding_info.uid", "alert.id", "txid", "kibana.alert.uuid"],
        [CanonicalField.Time] = ["time", "timestamp", "date", "datetime", "@timestamp", "event_time", "eventtime", "created",
            "created_at", "time_generated", "timegenerated", "_time", "start_time", "first_seen", "detected_at", "date_time", "event.created", "start_time_utc", "ts"],
        [CanonicalField.User] = ["user", "username", "user_name", "account", "account_name", "accountname", "target_user",
            "targetusername", "user_principal_name", "upn", "login", "subject_user_name", "user.name", "actor", "actor.user.name", "src_user", "user.email",
            "userIdentity.userName", "caller"],
        [CanonicalField.SourceIp] = ["src_ip", "source_ip", "ip", "ip_address", "ipaddress", "client_ip", "src", "sourceip",
            "remote_ip", "sip", "source.ip", "client.ip", "caller_ip", "callerip", "src_addr", "src_endpoint.ip",
            "srcip", "attacker_ip", "client_address", "sourceIPAddress", "callerIpAddress", "source_address",
            "remote_addr", "addr.remote", "internalip"],
        [CanonicalField.DestinationIp] = ["dest_ip", "dst_ip", "destination_ip", "dip", "dest", "destination.ip", "dst", "dst_endpoint.ip", "dstip", "server_ip", "dest_addr", "dst_addr", "destination_address", "dest_address", "dst_address"],
        [CanonicalField.Host] = ["host", "hostname", "host_name", "computer", "computer_name", "device", "device_name",
            "dest_host", "machine", "workstation", "host.name", "endpoint", "device.hostname", "compromised_entity",
            "host.hostname", "dest_nt_host", "server_name"],
        [CanonicalField.Rule] = ["type", "rule", "rule_name", "rulename", "alert_type", "alerttype", "title", "name",
            "signature", "alert_name", "alertname", "detection", "alert", "event_type", "rule.name", "category",
            "display_name", "finding_info.title", "kibana.alert.rule.name", "signature_name", "threat_name"],
        [CanonicalField.Severity] = ["severity", "level", "priority", "risk", "alert_severity", "severity_label", "urgency", "kibana.alert.severity", "risk_level", "severity_level"],
        [CanonicalField.Description] = ["description", "detail", "details", "message", "summary", "msg", "reason", "info", "finding_info.desc", "rule.description"],
        [CanonicalField.CommandLine] = ["command_line", "commandline", "cmdline", "cmd", "process_command_line", "process.command_line", "process.cmd_line",
            "actor.process.cmd_line", "process_cmdline"],
        [CanonicalField.Process] = ["process", "image", "process_name", "processname", "process_path", "process.executable", "process.file.path", "actor.process.file.path"],
        [CanonicalField.ParentProcess] = ["parent_process", "parent_image", "parentimage", "parent_process_name", "process.parent.executable", "process.parent_process.file.path"],
        [CanonicalField.Domain] = ["domain", "query", "dns_query", "fqdn", "dns.question.name", "query.hostname", "url.domain"],
        [CanonicalField.Url] = ["url", "uri", "request_url", "url.full", "url.original", "request_uri", "http_request.url.url_string", "uri_path"],
        [CanonicalField.FileHash] = ["hash", "sha256", "sha1", "md5", "file_hash", "filehash", "file.hash.sha256", "file.hash.md5", "process.hash.sha256"],
        [CanonicalField.Email] = ["email", "sender", "recipient", "mail"],
        [CanonicalField.Tags] = ["tags", "techniques", "technique", "technique_id", "mitre", "mitre_technique", "attack_technique", "threat.technique.id"],
        [CanonicalField.Result] = ["result", "outcome", "status", "action", "event.outcome", "result_type", "login_result", "disposition", "status_detail"],
        [CanonicalField.Location] = ["location", "geo", "geolocation"],
        [CanonicalField.Country] = ["country", "country_code", "countrycode", "geo_country", "source.geo.country_iso_code"],
        [CanonicalField.City] = ["city", "geo_city", "source.geo.city_name"],
        [CanonicalField.Latitude] = ["lat", "latitude", "source.geo.location.lat"],
        [CanonicalField.Longitude] = ["lon", "lng", "long", "longitude", "source.geo.location.lon"],
        [CanonicalField.SourcePort] = ["sport", "src_port", "source_port", "srcport", "source.port", "src_endpoint.port", "client.port"],
        [CanonicalField.DestinationPort] = ["dport", "dst_port", "dest_port", "destination_port", "dstport", "destination.port",
            "dst_endpoint.port", "server.port"],
        [CanonicalField.HttpMethod] = ["method", "http_method", "request_method", "http.request.method", "http_request.http_method", "verb"],
        [CanonicalField.RequestHeaders] = ["req_header", "req_headers", "request_header", "request_headers", "http.request.headers",
            "http_request.http_headers"],
        [CanonicalField.RequestBody] = ["req_body", "request_body", "http.request.body.content", "post_data"],
        [CanonicalField.ResponseStatus] = ["rsp_status", "resp_status", "response_status", "status_code", "http_status",
            "http.response.status_code", "http_response.code", "response_code"],
        [CanonicalField.ResponseBody] = ["rsp_body", "resp_body", "response_body", "http.response.body.content"],
        [CanonicalField.AttackType] = ["attack_type", "attack_category", "threat_type", "threat_category", "attack"],
        [CanonicalField.KillChain] = ["kill_chain", "kill_chain_phase", "killchain", "tactic", "tactics", "threat.tactic.name",
            "attacks.tactic.name"],
        [CanonicalField.UserAgent] = ["user_agent", "useragent", "ua", "user_agent.original", "http_user_agent", "http_request.user_agent"],
    });

    private static Dictionary<string, CanonicalField> Build(Dictionary<CanonicalField, string[]> table)
    {
        var map = new Dictionary<string, CanonicalField>(StringComparer.Ordinal);
        foreach (var (field, names) in table)
        {
            foreach (var name in names) map[NormalizeText(name)] = field;
        }
        foreach (var (field, names) in VendorFieldNames.Table.Concat(ExportFieldNames.Table))
        {
            foreach (var name in names) map.TryAdd(NormalizeText(name), field);
        }
        return map;
    }

    /// <summary>"Source IP", "source_ip", "SourceIP" and "source-ip" all normalise to "sourceip".</summary>
    public static string Normalize(string name) => Lookup(name).Normalized;

    public static CanonicalField? Recognize(string columnName) => Lookup(columnName).Field;

    // Every field of every record asks about its name, and a run has few distinct names: each is worked out once
    // (a pure function of the name, so sharing the answers is safe); past the cap, names are worked out every time.
    private const int MaxKnownNames = 4096;
    private static readonly ConcurrentDictionary<string, (string Normalized, CanonicalField? Field)> KnownNames = new(StringComparer.Ordinal);

    private static (string Normalized, CanonicalField? Field) Lookup(string name)
    {
        if (KnownNames.TryGetValue(name, out var known)) return known;
        var normalized = NormalizeText(name);
        CanonicalField? field = Aliases.TryGetValue(normalized, out var f) ? f
            : Aliases.TryGetValue(normalized.Replace(".", "", StringComparison.Ordinal), out f) ? f
            : null;
        if (KnownNames.Count < MaxKnownNames) KnownNames.TryAdd(name, (normalized, field));
        return (normalized, field);
    }

    internal static string NormalizeText(string name)
    {
        var kept = new StringBuilder(name.Length);
        foreach (var ch in name.AsSpan().Trim())
        {
            var lower = char.ToLowerInvariant(ch);
            if (char.IsAsciiLetterOrDigit(lower) || lower is '@' or '.') kept.Append(lower);
        }
        return kept.ToString();
    }

    /// <summary>The canonical field's name as a mapping file writes it: SourceIp is "source_ip".</summary>
    public static string SnakeName(CanonicalField field) =>
        string.Concat(field.ToString().Select((ch, i) => i > 0 && char.IsUpper(ch) ? "_" + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));

    /// <summary>A mapping target: a canonical field's snake_case name ("source_ip") or any built-in alias of it ("src_ip").</summary>
    public static CanonicalField? Target(string name)
    {
        var wanted = name.Trim().ToLowerInvariant();
        foreach (var field in Enum.GetValues<CanonicalField>())
        {
            if (SnakeName(field) == wanted) return field;
        }
        return Recognize(name);
    }

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
