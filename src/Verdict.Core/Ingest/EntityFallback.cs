namespace Verdict.Ingest;

/// <summary>
/// The user, host, source IP and time of a record whose known field names gave none, read from fields in unfamiliar
/// nested objects by the words of their names (<see cref="FieldWords"/>) and the shape of their values. Each is tried
/// only when no known name gave the field, and a wrong guess being worse than none, the rules are narrow:
/// <list type="bullet">
/// <item>User: <c>*.user</c>, <c>*.username</c>, <c>*.user.name</c>, <c>*.userPrincipalName</c>, <c>*.account</c>,
/// <c>*.accountName</c>, <c>*.login</c>, <c>*.upn</c>, <c>*.user.email</c>, <c>*.actor.email</c>... Never a workflow
/// person (assignee, analyst, owner, reviewer, author, modifier...), a sender or recipient, an id, an IP, a URL, an outcome word
/// (<c>responseElements.ConsoleLogin: Success</c>) or a yes/no flag
/// (<c>reported_by_end_user: true</c>, <c>users.0.domainUser: true</c>), nor an <c>account_name</c> beside a cloud account's id
/// (the cloud account's name). Actor-like parents (actor, source, subject, initiator, principal, caller, client) rank first.
/// A list of users names each by <c>users.N.name</c> or <c>users.N.displayName</c>.</item>
/// <item>Host: <c>*.hostname</c>, <c>*.host</c>, <c>*.host.name</c>, <c>*.device.name</c>, <c>*.computer</c>,
/// <c>*.computerName</c>, <c>*.machine</c>, <c>*.endpoint.name</c>, <c>*.asset.name</c>, <c>machines.N.displayName</c>, and last a
/// machine object's address when it is a name (<c>*.machine.address</c>, <c>target.machine.mOriginalAddress</c>). Never a kind of
/// device ("Computer", "Mobile", "Unknown"), a web or DNS name (under
/// url, request, http, headers, referer, dns, query, domain, sni, tls), nor a destination, remote or peer.</item>
/// <item>Source IP: an IP address in <c>*.src_ip</c>, <c>*.source.address</c>, <c>*.client.ip</c>, <c>*.clientIp</c>,
/// <c>*.sourceIPAddress</c>, <c>*.attacker.ip</c>, <c>*.actor.ip</c>, <c>*.caller_ip</c>, <c>*.origin_ip</c>, an address under a
/// source-named object past key and property holders (<c>entityMap.SourceIpAddress.0.KEY.IP_ADDRESS</c>), and last the
/// event's own address in the record's envelope (<c>event.ip</c>, <c>data.ip_address</c>). Never a
/// destination, target, server, remote, local, peer or translated (NAT) address.</item>
/// <item>Time: a field whose value reads as a time of 2000-2100 and whose name has time, date, timestamp, created,
/// occurred, detected, observed, generated, seen, start or reported in it; never an updated, modified, closed, resolved,
/// expiry or end time, nor a user's, account's, file's, certificate's or domain's own dates. Event-like names rank first.</item>
/// </list>
/// </summary>
internal static class EntityFallback
{
    private static readonly HashSet<string> Workflow = Set("assignee", "assigned", "analyst", "owner", "owners", "reviewer",
        "approver", "modified", "modifier", "updated", "updater", "closed", "resolved", "resolver", "acknowledged", "author",
        "commenter", "handler", "investigator", "escalated", "creator", "reporter", "sender", "recipient", "recipients", "to",
        "from", "cc", "bcc", "manager", "contact", "mentioned", "cloud", "aws", "azure", "gcp", "subscription", "tenant", "project",
        "organization", "org", "provider", "billing", "bucket");

    private static readonly HashSet<string> UserWords = Set("user", "username", "account", "login", "upn", "principal");
    private static readonly HashSet<string> Actors = Set("actor", "actors", "source", "src", "subject", "initiator", "principal", "caller",
        "client", "identity", "initiated", "originator", "requester", "requestor");

    private static readonly HashSet<string> WebNames = Set("url", "uri", "request", "http", "https", "headers", "header", "referer",
        "referrer", "dns", "query", "domain", "web", "site", "sni", "tls", "ssl", "cert", "certificate", "email", "mail", "smtp",
        "destination", "dst", "dest", "remote", "peer", "upstream", "proxy", "origin", "server", "virtual", "vhost");
    private static readonly HashSet<string> HostThings = Set("host", "device", "computer", "machine", "endpoint", "asset", "workstation");
    /// <summary>A kind of device, not a device's name (Okta's <c>client.device</c>: "Computer", "Mobile").</summary>
    private static readonly HashSet<string> DeviceKinds = new(["computer", "mobile", "tablet", "desktop", "laptop",
        "phone", "smartphone", "unknown", "other", "server", "workstation", "none", "null", "n/a"], StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> Observers = Set("sensor", "collector", "manager", "forwarder", "observer", "reporter",
        "relay", "log", "syslog", "appliance", "firewall", "gateway", "probe", "cluster", "useragent", "ua", "browser", "os");

    private static readonly HashSet<string> SourceWords = Set("src", "source", "client", "attacker", "caller", "origin",
        "originator", "actor", "initiator", "requester", "requestor", "sender", "offender");
    private static readonly HashSet<string> NotSource = Set("dest", "destination", "dst", "target", "server", "remote", "local",
        "peer", "nat", "translated", "xlate", "mapped", "victim", "responder", "resp", "host", "device", "agent", "sensor");
    private static readonly HashSet<string> Envelopes = Set("event", "data", "payload", "record", "attributes");
    private static readonly HashSet<string> AddressWords = Set("ip", "ips", "ipv4", "ipv6", "address", "addr", "ipaddress", "ipaddr");

    private static readonly HashSet<string> TimeWords = Set("time", "date", "timestamp", "datetime", "created", "occurred",
        "detected", "observed", "generated", "seen", "start", "started", "reported", "when", "logged", "ts");
    private static readonly HashSet<string> EventTimes = Set("occurred", "detected", "observed", "generated", "event", "first",
        "start", "started", "created", "timestamp", "detection", "alert");
    private static readonly HashSet<string> NotEventTime = Set("updated", "modified", "closed", "resolved", "expires", "expiry",
        "expiration", "expired", "end", "ended", "deleted", "acknowledged", "due", "duration", "zone", "timezone", "tz", "offset",
        "elapsed", "taken", "timeout", "ttl", "window", "retention", "birth", "password", "certificate", "cert", "registration",
        "registered", "whois", "domain", "file", "user", "account", "last", "changed", "next", "previous");

    /// <summary>An outcome word ("Success", "Failure"): what a login field such as CloudTrail's <c>responseElements.ConsoleLogin</c> reports, never who.</summary>
    private static readonly HashSet<string> Outcomes = Set("success", "succeeded", "successful", "failure", "failed", "fail", "allowed", "allow",
        "denied", "deny", "blocked", "ok", "error", "passed", "pass", "rejected");

    public static int User(IReadOnlyList<KeyValuePair<string, string>> fields) => Best(fields, (words, value) =>
    {
        if (words.Any(Workflow) || CloudAccount(words, fields) || ValueShape.IsIp(value) || ValueShape.IsNumber(value) || Guid.TryParse(value, out _)
            || value.Contains("://", StringComparison.Ordinal) || value.Length > 128 || !ValueShape.HasLetters(value) || ValueShape.IsBoolean(value)
            || Outcomes.Contains(value.Trim().ToLowerInvariant())) return 0;
        var final = words.Final;
        var isUser = UserWords.Contains(final) || words.Last.Length == 1 && CompactUser(final) || final is "name" or "email" or "id" && UserWords.Contains(words.Qualifier)
            || final == "email" && Actors.Contains(words.Qualifier) || ListedName(words) is { } owner && UserWords.Contains(owner);
        if (!isUser || final == "id" && !value.Contains('@') && !value.Contains('\\')) return 0;
        return words.Any(Actors) ? 3 : 2;
    });

    private static bool CloudAccount(FieldWords words, IReadOnlyList<KeyValuePair<string, string>> fields) =>
        words.Parents.Length == 0 && words.Last is ["account"] or ["account", "name"] && FieldPreference.NamesCloudAccount(string.Join("", words.Last), fields.Select(f => f.Key));

    public static int Host(IReadOnlyList<KeyValuePair<string, string>> fields) => Best(fields, (words, value) =>
    {
        if (words.Any(WebNames) || words.Any(Observers) || value.Length > 253 || value.Any(c => c is ' ' or '/' or '@' or ':') || ValueShape.IsIp(value)
            || ValueShape.IsNumber(value) || Guid.TryParse(value, out _) || !ValueShape.HasLetters(value) || DeviceKinds.Contains(value)) return 0;
        var final = words.Final;
        var isHost = final is "hostname" or "computername" or "machinename"
            || HostThings.Contains(final) && words.Last.Length == 1
            || final is "name" or "fqdn" && HostThings.Contains(words.Qualifier)
            || ListedName(words) is { } owner && HostThings.Contains(owner);
        // A machine object's address given as a name ("target.machine.mOriginalAddress": "dc01.corp.local"); an IP is left out above.
        var namedAddress = AddressWords.Contains(final) && words.Parents.Length > 0 && words.Parents[^1].Any(HostThings.Contains);
        return isHost ? 2 : namedAddress ? 1 : 0;
    });

    public static int SourceIp(IReadOnlyList<KeyValuePair<string, string>> fields) => Best(fields, (words, value) =>
    {
        var compact = words.Last.Length == 1 && words.Final is "srcip" or "sourceip" or "clientip" or "sourceipaddress" or "clientaddr";
        if (!compact && !AddressWords.Contains(words.Final) || words.Any(NotSource) || !ValueShape.IsIp(value)) return 0;
        var qualifier = words.Last.Length > 1 ? words.Last[..^1] : words.Parents.Length > 0 ? words.Parents[^1] : [];
        if (compact || qualifier.Any(SourceWords.Contains)) return 2;
        // An address under a source object, whatever the product calls it there ("audits.0.source.mOriginalAddress"), also
        // through an entity map's key or property holder (Lacework's "entityMap.SourceIpAddress.0.KEY.IP_ADDRESS").
        if (NearestObject(words) is { } parent && parent.Any(SourceWords.Contains)) return 1;
        // The one address of the event itself, in the record's envelope object ("event.ip", "data.ip_address").
        return words.Parents is [[var envelope]] && Envelopes.Contains(envelope) && words.Last is ["ip"] or ["ip", "address"] or ["ipaddress"] ? 1 : 0;
    }) is var best and >= 0 ? best : SourceHostAddress(fields);

    /// <summary>True when the field belongs to a source-named object (past key and property holders): the source's own attribute.</summary>
    public static bool UnderSource(FieldWords words) => NearestObject(words) is { } parent && parent.Any(SourceWords.Contains) && !words.Any(NotSource);

    /// <summary>The nearest parent object that names a thing, past holders that only group its parts (KEY, PROPS, properties).</summary>
    private static string[]? NearestObject(FieldWords words)
    {
        for (var i = words.Parents.Length - 1; i >= 0; i--)
        {
            if (words.Parents[i] is not [var only] || !Holders.Contains(only)) return words.Parents[i];
        }
        return null;
    }

    private static readonly HashSet<string> Holders = Set("key", "keys", "props", "properties", "attributes", "attrs", "details", "value", "values");

    /// <summary>A source host named by its address, for want of any address field (CEF's shost as "sourceHostName": "10.10.6.21").</summary>
    private static int SourceHostAddress(IReadOnlyList<KeyValuePair<string, string>> fields) => Best(fields, (words, value) =>
        words.Last.Length >= 2 && SourceWords.Contains(words.Last[0]) && words.Last[1..] is ["host"] or ["hostname"] or ["host", "name"]
        && !words.AnyParent(NotSource) && ValueShape.IsIp(value) ? 1 : 0);

    public static int Time(IReadOnlyList<KeyValuePair<string, string>> fields, TimeZoneInfo zone) => Best(fields, (words, value) =>
    {
        if (!words.Last.Any(TimeWords.Contains) && !words.Final.EndsWith("time", StringComparison.Ordinal)) return 0;
        if (words.Any(NotEventTime) || !TimeText.TryParse(value, zone, out var time, out _) || time.Year is < 2000 or > 2100) return 0;
        return words.Any(EventTimes) ? 3 : 2;
    });

    private static int Best(IReadOnlyList<KeyValuePair<string, string>> fields, Func<FieldWords, string, int> score)
    {
        int best = -1, bestScore = 0;
        for (var i = 0; i < fields.Count; i++)
        {
            var value = fields[i].Value.Trim();
            if (value.Length == 0) continue;
            var s = score(FieldWords.Of(fields[i].Key), value);
            if (s > bestScore) (best, bestScore) = (i, s);
        }
        return best;
    }

    /// <summary>
    /// The thing a list entry's name belongs to: "users.0.displayName" and "machines.0.name" (an array of entity objects,
    /// as EDR consoles list the users and machines of a detection) are a user's and a machine's; null for any other name.
    /// </summary>
    private static string? ListedName(FieldWords words) =>
        words.Parents.Length > 0 && words.Last is ["name"] or ["display", "name"] && words.Parents[^1] is [var list] && list.Length > 3 && list.EndsWith('s')
            ? list[..^1] : null;

    /// <summary>Wazuh's and syslog decoders' "srcuser" / "dstuser", "targetuser", "subjectuser".</summary>
    private static bool CompactUser(string word) =>
        word.Length > 4 && word.EndsWith("user", StringComparison.Ordinal) && word[..^4] is "src" or "dst" or "target" or "subject" or "source";

    private static HashSet<string> Set(params string[] words) => new(words, StringComparer.Ordinal);
}
