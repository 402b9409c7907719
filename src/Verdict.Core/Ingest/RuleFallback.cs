namespace Verdict.Ingest;

/// <summary>
/// The last resort for naming an alert whose record has no rule, type or description field Verdict knows: the most
/// name-like field of the record, whatever its product calls it. A field's name is cut into words
/// (<see cref="FieldWords"/>) and ranked by its last word: <c>title</c>, <c>signature</c> first, then <c>detection</c>,
/// <c>rule</c>, <c>alert</c>, <c>threat</c>, <c>attack</c>, <c>malware</c>, <c>finding</c>, <c>model</c>, <c>name</c>,
/// <c>classification</c>, <c>violation</c>, <c>policy</c>, <c>event</c>, <c>type</c>, <c>category</c>, <c>summary</c>,
/// <c>description</c>, <c>message</c>, <c>reason</c>, <c>protection</c>, <c>action</c>, <c>verdict</c>. A field nested
/// under a detection-like parent (<c>rule</c>, <c>model</c>, <c>threat</c>, <c>detection</c>, <c>signature</c>,
/// <c>alert</c>, <c>policy</c>, <c>finding</c>...) ranks higher, and so does a value written as words ("Suspicious
/// PowerShell download") over a code ("ET-2010935"). Never read: a field already read as something else, names about
/// a user, host, file, process, device, source, destination, product or agent ("user.name", "os.name"), ids, hashes,
/// URLs, paths, addresses, times, numbers, booleans, and values too generic to name anything ("alert", "unknown").
/// One engine's verdict under a <c>verdicts</c> object (Cisco Secure Email's <c>verdicts.graymail</c>) ranks as a verdict
/// unless it says the engine found nothing ("Negative", "Clean", "Pass").
/// A plural name reads as its singular ("violations", F5 <c>sig_names</c>: a list of the signatures that matched, joined).
/// A record with a description is named by it, as before: this is only for records with neither.
/// A record that names its detection only by a code (a Cloudflare <c>ruleId</c>, a Palo Alto <c>threatid</c>, a
/// <c>signature_id</c>) is named by that code (<see cref="ByCode"/>: "rule 100015"), never left an input error.
/// </summary>
internal static class RuleFallback
{
    private static readonly Dictionary<string, int> Rank = new(StringComparer.Ordinal)
    {
        ["title"] = 10, ["signature"] = 10, ["detection"] = 9, ["rule"] = 9, ["alert"] = 9, ["alarm"] = 9, ["threat"] = 8,
        ["attack"] = 8, ["malware"] = 8, ["finding"] = 8, ["model"] = 7, ["name"] = 6, ["classification"] = 6,
        ["violation"] = 6, ["indicator"] = 6, ["policy"] = 5, ["event"] = 5, ["type"] = 5, ["subtype"] = 4, ["category"] = 5,
        ["activity"] = 5, ["operation"] = 5, ["summary"] = 5, ["description"] = 4, ["message"] = 4, ["msg"] = 4,
        ["reason"] = 4, ["protection"] = 4, ["action"] = 3, ["verdict"] = 3, ["label"] = 3, ["trigger"] = 5,
    };

    private static readonly HashSet<string> DetectionParents = new(StringComparer.Ordinal)
    {
        "rule", "rules", "model", "threat", "threats", "detection", "detections", "signature", "alert", "alarm", "policy",
        "finding", "incident", "indicator", "malware", "attack", "violation", "trigger", "analytic", "ioc", "offense", "notable",
        "sig", "sigs", "signatures", "violations",
    };

    /// <summary>What a detection-code field's name says the code is ("ruleId", "threat_id", "sig_id"), by its words before "id".</summary>
    private static readonly Dictionary<string, string> CodeKinds = new(StringComparer.Ordinal)
    {
        ["rule"] = "rule", ["threat"] = "threat", ["signature"] = "signature", ["sig"] = "signature", ["attack"] = "attack",
        ["vuln"] = "vulnerability", ["vulnerability"] = "vulnerability",
    };

    /// <summary>A pick this weak (a record's own <c>label</c>, <c>action</c> or <c>verdict</c>) gives way to a detection code.</summary>
    public const int WeakScore = 3;

    /// <summary>Words that make a field about something other than the detection.</summary>
    private static readonly HashSet<string> NotTheDetection = new(StringComparer.Ordinal)
    {
        "id", "ids", "uid", "uuid", "guid", "key", "hash", "sha1", "sha256", "md5", "url", "uri", "link", "href", "path",
        "time", "date", "timestamp", "ip", "address", "addr", "port", "count", "score", "version", "number", "num",
        "user", "username", "users", "host", "hostname", "file", "filename", "files", "domain", "account", "computer",
        "device", "machine", "endpoint", "email", "mail", "sender", "recipient", "country", "city", "region", "location",
        "geo", "org", "organization", "tenant", "customer", "company", "vendor", "product", "agent", "sensor", "source",
        "src", "destination", "dst", "dest", "server", "client", "process", "image", "parent", "app", "application",
        "browser", "os", "platform", "profile", "group", "role", "team", "owner", "assignee", "assigned", "analyst",
        "status", "state", "severity", "priority", "level", "risk", "confidence", "tags", "tag", "tactic", "tactics",
        "technique", "techniques", "mitre", "method", "protocol", "proto", "direction", "zone", "interface", "format",
        "encoding", "language", "locale", "timezone", "request", "response", "http", "headers", "header", "jsonapi",
        "actor", "target", "principal", "identity", "network", "registry", "service", "package", "resource", "instance",
        "bucket", "container", "pod", "node", "cluster", "subscription", "project", "workspace", "site", "vlan", "mac",
        "certificate", "cert", "creator", "modifier", "author", "reporter", "resources", "object", "objects", "ref", "targets",
        "entities", "entity", "assets", "asset", "identities", "namespace",
    };

    private static readonly HashSet<string> VerdictParents = new(StringComparer.Ordinal) { "verdict", "verdicts" };

    /// <summary>An engine's verdict that it found nothing.</summary>
    private static readonly HashSet<string> CleanVerdicts = new(StringComparer.OrdinalIgnoreCase)
    {
        "negative", "clean", "pass", "passed", "none", "neutral", "not scanned", "skipped", "bypassed", "off", "disabled", "safe",
    };

    private static readonly HashSet<string> TooGeneric = new(StringComparer.OrdinalIgnoreCase)
    {
        "alert", "alerts", "event", "events", "log", "logs", "alarm", "detection", "finding", "notification", "security",
        "threat", "incident", "default", "unknown", "none", "n/a", "na", "other", "generic", "info", "signal", "issue", "-",
    };

    /// <summary>The index of the field that best names the alert, or -1. <paramref name="used"/>: fields read as something else.</summary>
    public static int Find(IReadOnlyList<KeyValuePair<string, string>> fields, IReadOnlySet<int> used) => Find(fields, used, out _);

    /// <inheritdoc cref="Find(IReadOnlyList{KeyValuePair{string, string}}, IReadOnlySet{int})"/>
    public static int Find(IReadOnlyList<KeyValuePair<string, string>> fields, IReadOnlySet<int> used, out int bestScore)
    {
        var best = -1;
        bestScore = 0;
        for (var i = 0; i < fields.Count; i++)
        {
            if (used.Contains(i)) continue;
            var score = Score(fields[i].Key, fields[i].Value.Trim());
            if (score > bestScore) (best, bestScore) = (i, score);
        }
        return best;
    }

    /// <summary>
    /// The detection a record names only by its code: the first field whose name is a detection word and "id"
    /// (<c>ruleId</c>, <c>rule_id</c>, <c>threatid</c>, <c>signature_id</c>, <c>sig_id</c>; never an alert's, event's or
    /// detection's own instance id), written as "rule 100015" (a value already in words, "Exchange RCE(91368)", as it
    /// is); or null.
    /// </summary>
    public static string? ByCode(IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        foreach (var (name, raw) in fields)
        {
            var value = raw.Trim().Trim('(', ')');
            if (value.Length == 0 || TooGeneric.Contains(value) || CodeKind(FieldWords.Of(name)) is not { } kind) continue;
            return ValueShape.IsPhrase(raw.Trim()) ? raw.Trim() : $"{kind} {value}";
        }
        return null;
    }

    private static string? CodeKind(FieldWords words)
    {
        var last = string.Concat(words.Last);
        if (!last.EndsWith("id", StringComparison.Ordinal) || last.EndsWith("uuid", StringComparison.Ordinal)) return null;
        var before = words.Final == "id" ? words.Qualifier : last[..^2];
        return CodeKinds.GetValueOrDefault(before);
    }

    private static int Score(string name, string value)
    {
        if (value.Length is < 2 or > 500 || !ValueShape.HasLetters(value) || TooGeneric.Contains(value) || ValueShape.IsCode(value)) return 0;
        var words = FieldWords.Of(name);
        if (words.Any(NotTheDetection)) return 0;
        if (!Rank.TryGetValue(Singular(words.Final), out var score))
        {
            // One engine's verdict in a list of them (Cisco Secure Email's verdicts.graymail = "Marketing"): the engine that flagged the message names it.
            if (!EngineVerdict(words) || CleanVerdicts.Contains(value)) return 0;
            score = Rank["verdict"];
        }
        if (words.Final == "label" && words.Parents.Length > 0) score = 6; // a nested object's label is its name; a record's own "label" is often an eval label
        var underDetection = words.AnyParent(DetectionParents) || words.Last[..^1].Any(DetectionParents.Contains);
        if (underDetection) score += 3;
        if (ValueShape.IsPhrase(value)) score += 2;
        else if (value.Any(char.IsDigit) && !value.Any(char.IsLower)) score -= 2; // "ET-2010935", "T1059": a code
        if (value.Length > 120 && words.Final is not ("description" or "message" or "msg" or "summary")) score -= 3;
        return Math.Max(score, 0);
    }

    /// <summary>
    /// A rule read from one engine's verdict (<c>verdicts.antispam</c> = "Positive") named with its engine,
    /// "antispam: Positive"; any other rule as it is.
    /// </summary>
    public static string WithEngine(string name, string rule) =>
        EngineVerdict(FieldWords.Of(name)) ? $"{name[(name.LastIndexOf('.') + 1)..]}: {rule}" : rule;

    /// <summary>A field under a <c>verdicts</c> object named by its engine ("antispam"), not by a word that names a detection.</summary>
    private static bool EngineVerdict(FieldWords words) => words.AnyParent(VerdictParents) && !Rank.ContainsKey(Singular(words.Final));

    /// <summary>"violations", "names", "rules": the ranked word a plural stands for; other words as they are.</summary>
    private static string Singular(string word) =>
        !Rank.ContainsKey(word) && word.Length > 3 && word.EndsWith('s') && Rank.ContainsKey(word[..^1]) ? word[..^1] : word;
}
