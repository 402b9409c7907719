using System.Text.RegularExpressions;

namespace Verdict.Ingest;

/// <summary>
/// Field names of four endpoint products' documented exports (after JSON flattening), added to
/// <see cref="VendorFieldNames"/>:
/// <list type="bullet">
/// <item>Sophos Central XDR detections: the process in <c>rawData</c> (<c>cmd_line</c>, <c>path</c>, <c>parent_path</c>,
/// <c>parent_cmd_line</c>, <c>username</c>, <c>meta_hostname</c>, <c>remote_ip</c>, <c>is_process_signed</c>); the rule is
/// <c>detectionRule</c>, not <c>type</c> ("Process"), and <c>detectionDescription</c> describes it.</item>
/// <item>Sophos Central SIEM events (<c>endpoint_type</c>): the rule is <c>name</c> ("Malware detected: 'X' at 'path'"), not
/// <c>type</c> (the event class "Event::Endpoint::CoreDetection", read as such by its own name), whichever comes first in the
/// record; <c>source</c> (or, without it, <c>suser</c>) is the user ("DOMAIN\user"), <c>location</c> (or <c>dhost</c>) the
/// computer, <c>source_info.ip</c> its address, <c>path</c> the file; an event without <c>path</c> names the file in its
/// <c>name</c> ("PUA detected: 'PsExec' at 'C:\Tools\PsExec64.exe'"), or, in the alerts API, its <c>description</c>, given as <c>path</c>.
/// Sophos Central alerts API (<c>managedAgent</c>): <c>managedAgent.name</c> is the computer, <c>description</c> the rule
/// (it names the detection and the file; <c>type</c> "Event::Endpoint::Threat::Detected" and <c>category</c> "malware" are its class),
/// <c>raisedAt</c> the time and <c>person.name</c> the user.</item>
/// <item>Trend Vision One workbench alerts (<c>workbenchLink</c>): the rule is <c>model</c>; <c>indicators[]</c> carry the
/// finding by field name (<c>processCmd</c>, <c>objectCmd</c>, <c>parentCmd</c>, <c>processFilePath</c>,
/// <c>parentFilePath</c>, <c>srcIp</c> or <c>src</c>...), each given as <c>indicators.NAME</c> (several values one per line), and
/// <c>impactScope.entities[]</c> the host (<c>entityValue.name</c>, <c>.ips</c>) and account, given as
/// <c>impactScope.host</c>, <c>impactScope.hostIp</c> and <c>impactScope.account</c>.</item>
/// <item>osquery results (Fleet, osqueryd's result log): <c>hostIdentifier</c> or <c>decorations.hostname</c> is the host,
/// <c>unixTime</c> the time, and the row's <c>columns.*</c> the finding (<c>cmdline</c>, <c>command</c>,
/// <c>program_arguments</c>, <c>path</c>, <c>username</c>, <c>source_ip</c>, <c>remote_address</c>).</item>
/// <item>Jamf Protect alerts (macOS): <c>input.host.hostname</c> and <c>input.host.ips</c> are the Mac, <c>input.match.facts[]</c>
/// the analytics that matched (<c>name</c> the rule, <c>human</c> its description), <c>input.match.event.process</c> the
/// process (<c>path</c>, <c>parentPath</c>, <c>user</c>, <c>args</c>, given joined by spaces as
/// <c>input.match.event.process.commandLine</c>), <c>input.match.event.network.remoteAddress</c> the address a network event
/// reached, <c>input.match.uuid</c> the alert's id and <c>input.match.event.timestamp</c> the time (epoch seconds); when the
/// process has no <c>parentPath</c> or <c>user</c>, its parent and user are read from <c>input.related</c> by <c>ppid</c> and <c>uid</c>.</item>
/// </list>
/// </summary>
internal static partial class EndpointProductFields
{
    private const string Raw = "rawData.";
    private const string Row = "columns.";
    private const string Jamf = "input.match.event.process.";

    public static readonly (CanonicalField Field, string[] Names)[] Table =
    [
        (CanonicalField.CommandLine, [Raw + "cmd_line", "indicators.processCmd", "indicators.objectCmd", Row + "cmdline", Row + "command", Row + "program_arguments", Jamf + "commandLine"]),
        (CanonicalField.Process, [Raw + "path", "indicators.processFilePath", Row + "path", Jamf + "path"]),
        (CanonicalField.ParentProcess, [Raw + "parent_path", "indicators.parentFilePath", Jamf + "parentPath"]),
        (CanonicalField.User, [Raw + "username", "impactScope.account", Row + "username", Jamf + "user"]),
        (CanonicalField.Host, [Raw + "meta_hostname", "managedAgent.name", "impactScope.host", "hostIdentifier", "decorations.hostname", "input.host.hostname"]),
        (CanonicalField.SourceIp, [Raw + "remote_ip", "indicators.srcIp", "indicators.src", "source_info.ip", Row + "source_ip"]),
        (CanonicalField.DestinationIp, [Row + "remote_address", "input.match.event.network.remoteAddress"]),
        (CanonicalField.Id, ["input.match.uuid"]),
        (CanonicalField.FileHash, [Raw + "sha256", Row + "sha256"]),
        (CanonicalField.Description, ["detectionDescription", "input.match.facts.0.human"]),
        (CanonicalField.Severity, ["input.match.facts.0.severity"]),
        (CanonicalField.Time, ["unixTime", "input.match.event.timestamp"]), // epoch seconds; calendarTime ("Sat Nov 21 08:12:44 2026 UTC") says the same
    ];

    /// <summary>Sophos's and Trend's rule fields, and the Sophos SIEM event's user, computer and file, beside their shape's marker.</summary>
    private static readonly (CanonicalField Field, string Name, string Beside)[] Preferred =
    [
        (CanonicalField.Rule, "detectionRule", "rawData.meta_hostname"),
        (CanonicalField.Rule, "model", "workbenchLink"),
        (CanonicalField.Rule, "input.match.facts.0.name", "input.match.facts.0.human"),
        (CanonicalField.Rule, "name", "endpoint_type"),
        (CanonicalField.User, "suser", "endpoint_type"),
        (CanonicalField.User, "source", "endpoint_type"),
        (CanonicalField.Host, "dhost", "endpoint_type"),
        (CanonicalField.Host, "location", "endpoint_type"),
        (CanonicalField.Process, "path", "endpoint_type"),
        (CanonicalField.Rule, "description", "managedAgent.name"),
        (CanonicalField.Process, "path", "managedAgent.name"),
    ];

    public static void Apply(IReadOnlyList<string> names, Dictionary<CanonicalField, int> map, Func<string, bool> fromMappingFile)
    {
        foreach (var (field, name, beside) in Preferred)
        {
            if (FieldPreference.IndexOf(names, beside) < 0 || FieldPreference.IndexOf(names, name) is not (var i and >= 0)) continue;
            if (map.TryGetValue(field, out var at) && fromMappingFile(names[at])) continue;
            map[field] = i;
            // Sophos's "location" is the computer, not a place.
            if (field == CanonicalField.Host && map.TryGetValue(CanonicalField.Location, out var l) && l == i && !fromMappingFile(names[l])) map.Remove(CanonicalField.Location);
        }
    }

    /// <summary>Adds the Trend Vision One indicator and entity fields and the Sophos event's file, when the record has them.</summary>
    public static void Complete(List<KeyValuePair<string, string>> fields)
    {
        if (fields.Exists(f => f.Key == "workbenchLink")) TrendVisionOne(fields);
        if (fields.Exists(f => f.Key is "endpoint_type" or "managedAgent.name") && !fields.Exists(f => f.Key == "path")
            && (fields.Find(f => f.Key == "name").Value ?? fields.Find(f => f.Key == "description").Value) is { } name && AtPath().Match(name) is { Success: true } m)
            fields.Add(new("path", m.Groups[1].Value));
        // Jamf Protect gives the arguments as an array (flattened joined by ", "); a command line joins them by spaces.
        if (Value(fields, Jamf + "args") is { Length: > 0 } args && !fields.Exists(f => f.Key == Jamf + "commandLine"))
            fields.Add(new(Jamf + "commandLine", args.Replace(", ", " ", StringComparison.Ordinal)));
        if (fields.Exists(f => f.Key == Jamf + "args")) JamfRelated(fields);
    }

    /// <summary>
    /// Jamf Protect names the process's parent and user only in <c>input.related</c>: the parent is the related process whose
    /// <c>pid</c> is the event's <c>ppid</c>, the user the related user whose <c>uid</c> is the process's <c>uid</c>.
    /// </summary>
    private static void JamfRelated(List<KeyValuePair<string, string>> fields)
    {
        if (!fields.Exists(f => f.Key == Jamf + "parentPath") && Value(fields, Jamf + "ppid") is { } ppid
            && Related(fields, "input.related.processes", "pid", ppid, "path") is { } parent)
            fields.Add(new(Jamf + "parentPath", parent));
        if (!fields.Exists(f => f.Key == Jamf + "user") && Value(fields, Jamf + "uid") is { } uid
            && Related(fields, "input.related.users", "uid", uid, "name") is { } user)
            fields.Add(new(Jamf + "user", user));
    }

    /// <summary>The <paramref name="want"/> field of the first <paramref name="list"/> entry whose <paramref name="key"/> is <paramref name="value"/>.</summary>
    private static string? Related(List<KeyValuePair<string, string>> fields, string list, string key, string value, string want)
    {
        foreach (var (k, v) in fields)
        {
            if (v == value && Indexed(list, "." + key, k) is { } entry && Value(fields, entry + "." + want) is { Length: > 0 } found) return found;
        }
        return null;
    }

    private static void TrendVisionOne(List<KeyValuePair<string, string>> fields)
    {
        var added = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string key, string? value)
        {
            if (string.IsNullOrWhiteSpace(value)) return;
            if (!added.TryGetValue(key, out var list)) added[key] = list = [];
            if (!list.Contains(value.Trim())) list.Add(value.Trim());
        }
        foreach (var (key, value) in fields)
        {
            if (Indexed("indicators", ".field", key) is { } indicator && Safe().IsMatch(value))
                Add("indicators." + value, Value(fields, indicator + ".value"));
            else if (Indexed("impactScope.entities", ".entityType", key) is { } entity)
            {
                if (value == "host")
                {
                    Add("impactScope.host", Value(fields, entity + ".entityValue.name"));
                    Add("impactScope.hostIp", Value(fields, entity + ".entityValue.ips.0"));
                }
                else if (value == "account") Add("impactScope.account", Value(fields, entity + ".entityValue"));
            }
        }
        // Process command lines first, then what they started: the first line is the process the alert is about.
        foreach (var (key, values) in added.OrderBy(a => a.Key == "indicators.objectCmd" ? 1 : 0))
        {
            if (!fields.Exists(f => f.Key == key)) fields.Add(new(key, string.Join("\n", key.StartsWith("impactScope.", StringComparison.Ordinal) ? values.Take(1) : values)));
        }
    }

    /// <summary>"indicators.3.field" with prefix "indicators" and suffix ".field" gives "indicators.3".</summary>
    private static string? Indexed(string prefix, string suffix, string key)
    {
        if (!key.StartsWith(prefix + ".", StringComparison.Ordinal) || !key.EndsWith(suffix, StringComparison.Ordinal)) return null;
        var middle = key[(prefix.Length + 1)..^suffix.Length];
        return middle.Length > 0 && middle.All(char.IsAsciiDigit) ? key[..^suffix.Length] : null;
    }

    private static string? Value(List<KeyValuePair<string, string>> fields, string key) => fields.Find(f => f.Key == key).Value;

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]{0,40}$")]
    private static partial Regex Safe();

    /// <summary>Sophos event names end "... at 'C:\path\file'".</summary>
    [GeneratedRegex(@"\bat '((?:[A-Za-z]:\\|/|\\\\)[^']+)'\s*$")]
    private static partial Regex AtPath();
}
