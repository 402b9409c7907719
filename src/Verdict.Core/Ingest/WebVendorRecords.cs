using System.Net;
using System.Text;
using static Verdict.Ingest.FieldList;

namespace Verdict.Ingest;

/// <summary>
/// Reads WAF, firewall and NDR records whose detection, request or rating sit under the product's own documented names,
/// adding them (at the front, so they are what is read) under canonical names; the product's fields are kept:
/// <list type="bullet">
/// <item>Akamai App &amp; API Protector SIEM API: <c>attackData.rules</c>, <c>ruleMessages</c>, <c>ruleData</c>,
/// <c>ruleTags</c>, <c>ruleActions</c> are base64 per item, ';'-separated; the client is <c>attackData.clientIP</c>, the
/// request <c>httpMessage.method</c>/<c>path</c>/<c>query</c>/<c>requestHeaders</c> (URL-encoded)/<c>status</c>.</item>
/// <item>Fastly Next-Gen WAF (Signal Sciences) request feed: the detections are <c>tags[].type</c> with what matched in
/// <c>tags[].value</c> (the body is not logged: a POSTBODY tag's value is the part of it that matched);
/// <c>headersIn</c> is a list of [name, value]; the agent answers a blocked request with 406. When every detection is an
/// injection class (SQLI, XSS, TRAVERSAL, CMDEXE) what they matched is kept as <c>waf_matched</c>.</item>
/// <item>Check Point Log Exporter: <c>protection_name</c> is the detection, <c>malware_action</c> and
/// <c>malware_family</c> what it saw (Anti-Bot, Anti-Virus and Threat Emulation log only their malware verdicts), <c>action</c>
/// Prevent/Drop/Reject stopped it, <c>resource</c> the URL an IPS protection inspected,
/// <c>src_machine_name</c> the client machine (<c>hostname</c> is the reporting gateway).</item>
/// <item>Darktrace model breaches: the model is <c>model.now.name</c> (or <c>model.then.name</c>), the device
/// <c>device.ip</c>/<c>device.hostname</c>, what triggered it <c>triggeredComponents[].triggeredFilters[]</c>, and the model's
/// category (Critical, Suspicious, Compliance, Informational) its rating and kind.</item>
/// <item>Vectra detections: <c>url</c> is the detection's link in the Vectra API, not a request URL; the host is
/// <c>src_host.name</c>, the rating Vectra's threat/certainty quadrant (both ≥ 50 critical, threat ≥ 50 high,
/// certainty ≥ 50 medium, else low), and <c>summary.*</c> the detail.</item>
/// <item>Cisco Umbrella reporting API (DNS, proxy, firewall activity): each of <c>identities[]</c> is a user or a machine by
/// its <c>type.type</c> (directory_user; directory_computer, roaming, anyconnect, mobile_device, chromebook), <c>verdict</c>
/// (allowed, blocked) is what Umbrella did, <c>threats[].label</c> names the threat, else <c>categories[].label</c> (what the destination is)
/// or the domain is the rule; the record's <c>type</c> (dns, proxy) is its kind, not a detection.</item>
/// <item>AWS WAF logs: the rule inside the terminating rule group, or the rules matched in count mode when the default
/// action let the request through (<see cref="AwsWaf"/>).</item>
/// <item>Cloudflare firewall events without a description: the security feature (<c>source</c>) and rule id (<see cref="CloudflareRule"/>).</item>
/// </list>
/// </summary>
internal static class WebVendorRecords
{
    public static void Complete(List<KeyValuePair<string, string>> fields)
    {
        var added = new List<KeyValuePair<string, string>>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value)) added.Add(new(key, value.Trim()));
        }
        string? Get(string name) => Value(fields, name);
        if (Get("attackData.clientIP") is not null || Get("attackData.ruleMessages") is not null) Akamai(Get, Add);
        else if (Get("agentResponseCode") is not null || (Get("tags.0.type") is not null && Get("remoteIP") is not null)) Fastly(fields, Get, Add);
        else if (Get("loguid") is not null && Get("protection_name") is not null) CheckPoint(Get, Add);
        else if (Get("pbid") is not null && (Get("model.now.name") ?? Get("model.then.name")) is not null) Darktrace(fields, Get, Add);
        else if (Get("detection_type") is not null && Get("src_host.name") is not null) Vectra(fields, Get, Add);
        else if (Get("identities.0.type.type") is not null && Get("verdict") is not null) Umbrella(fields, Get, Add);
        else if (Get("webaclId") is not null && Get("terminatingRuleId") is not null) AwsWaf(fields, Get, Add);
        else if ((Get("RayID") ?? Get("rayName")) is not null && Get("Source") is { } feature && Get("Description") is null) Add("detection", CloudflareRule(feature, Get));
        else return;
        fields.InsertRange(0, added);
    }

    private static void Akamai(Func<string, string?> get, Action<string, string?> add)
    {
        add("detection", Decode(get("attackData.ruleMessages")) ?? Decode(get("attackData.rules")));
        add("attack_type", Decode(get("attackData.ruleTags")));
        add("description", Decode(get("attackData.ruleData")));
        add("src_ip", get("attackData.clientIP"));
        var path = get("httpMessage.path");
        var query = get("httpMessage.query");
        add("url", path is null ? null : string.IsNullOrEmpty(query) ? path : $"{path}?{query}");
        add("http_method", get("httpMessage.method"));
        add("request_headers", get("httpMessage.requestHeaders") is { } h ? Lines(WebUtility.UrlDecode(h)) : null);
        add("request_body", get("httpMessage.requestBody"));
        add("response_status", get("httpMessage.status"));
        var actions = (Decode(get("attackData.ruleActions")) ?? "").ToLowerInvariant();
        add("result", actions.Contains("deny", StringComparison.Ordinal) || actions.Contains("block", StringComparison.Ordinal) || actions.Contains("tarpit", StringComparison.Ordinal)
            ? "blocked" : actions.Length > 0 ? "alert" : null);
    }

    private static void Fastly(List<KeyValuePair<string, string>> fields, Func<string, string?> get, Action<string, string?> add)
    {
        var types = new List<string>();
        var body = new List<string>();
        var matched = new List<string>();
        var values = new List<string>();
        var unshown = false;
        for (var i = 0; get($"tags.{i}.type") is { } type; i++)
        {
            if (!types.Contains(type, StringComparer.OrdinalIgnoreCase)) types.Add(type);
            if (get($"tags.{i}.value") is not { } value)
            {
                unshown = true;
                continue;
            }
            values.Add(value);
            if ((get($"tags.{i}.location") ?? "").Equals("POSTBODY", StringComparison.OrdinalIgnoreCase)) body.Add(value);
            matched.Add($"{type} in {get($"tags.{i}.location") ?? "request"}: {value}");
        }
        add("detection", types.Count == 0 ? null : "Fastly Next-Gen WAF: " + string.Join(", ", types));
        // What an injection detection matched, for the analyst to judge; only when every detection is one (a scanner or CVE tag's value is no input to read).
        if (types.Count > 0 && !unshown && types.All(t => InjectionTag.Contains(t)))
            add("waf_matched", string.Join("\n", values));
        add("description", string.Join("; ", matched));
        var headers = fields.Where(f => f.Key.StartsWith("headersIn.", StringComparison.Ordinal) && f.Value.Contains(", ", StringComparison.Ordinal))
            .Select(f => f.Value[..f.Value.IndexOf(", ", StringComparison.Ordinal)] + ": " + f.Value[(f.Value.IndexOf(", ", StringComparison.Ordinal) + 2)..]);
        add("request_headers", string.Join("\n", headers));
        if ((get("method") ?? "").ToUpperInvariant() is "POST" or "PUT" or "PATCH") add("request_body", string.Join("\n", body));
        // The agent's documented default answer to a request it blocks is 406 Not Acceptable.
        if (get("agentResponseCode") == "406") add("result", "blocked");
    }

    private static void CheckPoint(Func<string, string?> get, Action<string, string?> add)
    {
        add("detection", get("protection_name"));
        add("description", string.Join("; ", new[] { get("malware_action"), get("malware_family") is { } family ? "family " + family : null }.Where(s => s is not null)));
        var action = (get("action") ?? "").ToLowerInvariant();
        add("result", action is "prevent" or "drop" or "reject" or "block" or "blocked" ? "blocked" : action is "detect" or "accept" or "allow" ? "detected" : null);
        // The resource is the request an IPS protection inspected; for the malware blades it is where a file or C&C was.
        var product = get("product") ?? "";
        if (product.Equals("IPS", StringComparison.OrdinalIgnoreCase)) add("url", get("resource"));
        // Anti-Bot, Anti-Virus and Threat Emulation only log what they judged malicious (a C&C, a malicious file): that is their verdict.
        if (MalwareBlade(product)) add("attack_type", $"malware verdict ({product})");
        if (get("src_machine_name") is { } machine) add("host", machine.Split('@')[0]);
        if (get("src_user_name") is { } user && user.IndexOf('(', StringComparison.Ordinal) is var open and >= 0 && user.EndsWith(')'))
            add("user", user[(open + 1)..^1]);
    }

    private static void Darktrace(List<KeyValuePair<string, string>> fields, Func<string, string?> get, Action<string, string?> add)
    {
        add("detection", get("model.now.name") ?? get("model.then.name"));
        var filters = new List<string>();
        foreach (var (key, value) in fields)
        {
            if (!key.StartsWith("triggeredComponents.", StringComparison.Ordinal) || !key.EndsWith(".filterType", StringComparison.Ordinal)) continue;
            if (get(key[..^".filterType".Length] + ".trigger.value") is { } trigger) filters.Add($"{value}: {trigger}");
        }
        add("description", string.Join("; ", new[] { get("model.then.description") ?? get("model.now.description") }.Concat(filters).Where(s => !string.IsNullOrWhiteSpace(s))));
        add("src_ip", get("device.ip"));
        add("host", get("device.hostname"));
        var category = get("model.now.category") ?? get("model.then.category");
        add("attack_type", category is null ? null : $"Darktrace {category} model");
        add("severity", category?.ToLowerInvariant() switch
        {
            "critical" => "critical",
            "suspicious" => "medium",
            "compliance" => "low",
            "informational" => "informational",
            _ => null,
        });
    }

    private static void Vectra(List<KeyValuePair<string, string>> fields, Func<string, string?> get, Action<string, string?> add)
    {
        var url = fields.FindIndex(f => f.Key == "url" && f.Value.Contains("/api/", StringComparison.OrdinalIgnoreCase));
        if (url >= 0) fields[url] = new("detection_link", fields[url].Value);
        add("host", get("src_host.name"));
        var threat = int.TryParse(get("threat") ?? get("t_score"), out var t) ? t : -1;
        var certainty = int.TryParse(get("certainty") ?? get("c_score"), out var c) ? c : -1;
        if (threat >= 0 && certainty >= 0)
            add("severity", threat >= 50 && certainty >= 50 ? "critical" : threat >= 50 ? "high" : certainty >= 50 ? "medium" : "low");
        add("description", string.Join("; ", fields.Where(f => f.Key.StartsWith("summary.", StringComparison.Ordinal) && f.Value.Length > 0)
            .Select(f => $"{f.Key["summary.".Length..]}: {f.Value}")));
    }

    private static void Umbrella(List<KeyValuePair<string, string>> fields, Func<string, string?> get, Action<string, string?> add)
    {
        string Labels(string list) => string.Join(", ", fields.Where(f => f.Key.StartsWith(list + ".", StringComparison.Ordinal)
            && f.Key.EndsWith(".label", StringComparison.Ordinal) && f.Key.Count(c => c == '.') == 2 && f.Value.Length > 0).Select(f => f.Value));
        var threats = Labels("threats");
        var categories = Labels("categories");
        add("detection", threats.Length > 0 ? threats : categories.Length > 0 ? categories : get("domain"));
        add("description", categories.Length > 0 ? $"categories: {categories}" : null);
        add("action", get("verdict"));
        for (var i = 0; get($"identities.{i}.label") is { } label; i++)
        {
            var kind = get($"identities.{i}.type.type")?.ToLowerInvariant();
            if (kind is null) continue;
            if (kind.Contains("user", StringComparison.Ordinal)) add("user", label);
            else if (kind is "directory_computer" or "roaming" or "anyconnect" or "mobile_device" or "chromebook") add("host", label);
        }
    }

    /// <summary>
    /// AWS WAF: the rule that decided (<c>terminatingRuleId</c>, with the rule inside a rule group,
    /// <c>ruleGroupList[].terminatingRule.ruleId</c>), else, when the web ACL's default action let the request through,
    /// the rules that matched in count mode (<c>nonTerminatingMatchingRules[]</c>, a group's
    /// <c>nonTerminatingMatchingRules[]</c> and its <c>excludedRules[]</c> overridden to count): detections the WAF only
    /// logged, named "group#rule (count)". The record's own <c>action</c> stays what happened to the request.
    /// </summary>
    private static void AwsWaf(List<KeyValuePair<string, string>> fields, Func<string, string?> get, Action<string, string?> add)
    {
        var terminating = get("terminatingRuleId")!;
        if (!terminating.Equals("Default_Action", StringComparison.OrdinalIgnoreCase))
        {
            var inner = fields.FirstOrDefault(f => WafGroupRule(f.Key, "terminatingRule.ruleId") is not null && f.Value.Trim().Length > 0);
            if (inner.Key is not null) add("detection", $"{terminating}#{inner.Value.Trim()}");
            return;
        }
        var counted = new List<string>();
        foreach (var (key, value) in fields.Where(f => f.Value.Trim().Length > 0))
        {
            if (key.StartsWith("nonTerminatingMatchingRules.", StringComparison.Ordinal) && key.EndsWith(".ruleId", StringComparison.Ordinal))
                counted.Add(value.Trim());
            else if ((WafGroupRule(key, "nonTerminatingMatchingRules.") ?? WafGroupRule(key, "excludedRules.")) is { } group && key.EndsWith(".ruleId", StringComparison.Ordinal)
                     && (!key.Contains(".excludedRules.", StringComparison.Ordinal) || get(key[..^".ruleId".Length] + ".exclusionType") is null or "EXCLUDED_AS_COUNT"))
                counted.Add(get($"ruleGroupList.{group}.ruleGroupId") is { } id ? $"{id}#{value.Trim()}" : value.Trim());
        }
        if (counted.Count > 0) add("detection", $"{string.Join(", ", counted.Distinct())} (count)");
    }

    /// <summary>The rule group's index when <paramref name="key"/> is <c>ruleGroupList.N.</c> followed by <paramref name="member"/>.</summary>
    private static string? WafGroupRule(string key, string member)
    {
        if (!key.StartsWith("ruleGroupList.", StringComparison.Ordinal)) return null;
        var rest = key["ruleGroupList.".Length..];
        var dot = rest.IndexOf('.');
        return dot > 0 && rest[..dot].All(char.IsAsciiDigit) && rest[(dot + 1)..].StartsWith(member, StringComparison.Ordinal) ? rest[..dot] : null;
    }

    /// <summary>
    /// A Cloudflare firewall event (Logpush <c>firewall_events</c>, GraphQL <c>firewallEventsAdaptive</c>) without a rule
    /// description: the security feature that acted (<c>source</c>: securitylevel, ratelimit, l7ddos, bic, firewallManaged...)
    /// with the rule's id when it has one ("Cloudflare securitylevel", "Cloudflare firewallManaged rule 3a7c...").
    /// </summary>
    private static string CloudflareRule(string feature, Func<string, string?> get) =>
        (get("RuleID") ?? get("ruleId")) is { } rule ? $"Cloudflare {feature} rule {rule}" : $"Cloudflare {feature}";

    /// <summary>Fastly's documented injection detections (SQL, cross-site scripting, traversal, command execution).</summary>
    private static readonly HashSet<string> InjectionTag = new(StringComparer.OrdinalIgnoreCase) { "SQLI", "XSS", "TRAVERSAL", "CMDEXE" };

    private static bool MalwareBlade(string product) => product.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant()
        is "antibot" or "antivirus" or "threatemulation";

    /// <summary>Each ';'-separated base64 item decoded (an item that is not base64 is kept as it is), joined with " | ".</summary>
    private static string? Decode(string? items)
    {
        if (string.IsNullOrWhiteSpace(items)) return null;
        var parts = items.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(item =>
        {
            var bytes = new byte[item.Length];
            return Convert.TryFromBase64String(item, bytes, out var n) ? Encoding.UTF8.GetString(bytes, 0, n) : item;
        });
        return string.Join(" | ", parts);
    }

    private static string Lines(string headers) => headers.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
}
