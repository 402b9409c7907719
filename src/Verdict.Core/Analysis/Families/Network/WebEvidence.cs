using System.Globalization;
using System.Text.RegularExpressions;
using Verdict.Alerts;
using Verdict.Ingest;
using static Verdict.Analysis.Families.Network.WebPatterns;

namespace Verdict.Analysis.Families.Network;

/// <summary>
/// Evidence from a WAF, IDS or NDR alert: the request (URI, parameters, headers, body, decoded as many times as it was
/// encoded) checked for attack classes, the client (scanner and exploit-tool fingerprints, scripted clients on admin
/// paths), what the server answered (blocked or 4xx: the attempt failed; leaked files, SQL errors, command output: it
/// worked), and the signs of ordinary application traffic (a session cookie with a same-site referer, an internal
/// client, health checks, SQL words only in the parameters the application itself uses).
/// </summary>
public static partial class WebEvidence
{
    private const string Src = "request";

    public static void Add(FamilyCase c, List<Evidence> evidence)
    {
        var a = c.Alert;
        var uri = a.Field(CanonicalField.Url) ?? "";
        var headers = a.Field(CanonicalField.RequestHeaders) ?? "";
        var body = a.Field(CanonicalField.RequestBody) ?? "";
        var hasRequest = uri.Length + headers.Length + body.Length > 0;
        if (WebGateway.IsOutbound(c, uri))
        {
            // A user browsing out through a web gateway: the WAF's reading of a request to the organisation's own site does not apply.
            var said = NetworkRecord.Signature(a);
            var found = Signature(c, evidence, said, hasRequest, false);
            found |= NetworkVerdicts.Add(c, evidence, said, found);
            IdsSignals.Add(c, evidence, said, found);
            WebGateway.Add(c, evidence, uri, said);
            return;
        }
        var agent = (a.Field(CanonicalField.UserAgent) ?? Header(headers, "user-agent") ?? "").ToLowerInvariant();
        // A product that reports the User-Agent on its own (Cloudflare, Suricata) rather than in headers: it is request text too (Log4Shell rides in it).
        var agentLine = agent.Length > 0 && Header(headers, "user-agent") is null ? $"\nuser-agent: {a.Field(CanonicalField.UserAgent)}" : "";
        var (request, ownScripts) = WebNoise.WithoutOwnScripts(RequestText.Decode(RequestText.WithBase64(hasRequest ? $"{uri}\n{body}\n{headers}{agentLine}" : a.Description)), c.Context.Domains);
        // An untargeted probe that was blocked or found nothing (404): its payload and tool are recorded at half weight.
        var probe = hasRequest && WebNoise.IsBlockedProbe(c, uri, headers, Blocked(a) || a.Field(CanonicalField.ResponseStatus) is "404" or "410");
        var scale = probe ? 0.5 : 1.0;

        // A browser writes the page's own origin in Origin and Referer (a developer's http://localhost:5173): no URL the server fetches.
        var plainHeaders = BrowserOrigin().Replace(headers, "");
        var ssrfText = !hasRequest || plainHeaders.Length == headers.Length ? request
            : WebNoise.WithoutOwnScripts(RequestText.Decode(RequestText.WithBase64($"{uri}\n{body}\n{plainHeaders}{agentLine}")), c.Context.Domains).Text;
        var attacks = 0;
        foreach (var (key, name, pattern, weight) in Attacks)
        {
            var text = key == "ssrf" ? ssrfText : request;
            if (evidence.Exists(e => e.Key == key) || pattern.Match(text) is not { Success: true } m) continue;
            attacks++;
            // "${jndi:ldap}" with no server to fetch from is text about Log4Shell (a search, a ticket), not a working lookup.
            var inert = key == "jndi_injection" && !JndiAddress().IsMatch(request);
            var w = (inert ? 1.0 : weight) * scale;
            evidence.Add(new(key, $"The request contains {name}: '{CommonEvidence.Clip(Snippet(text, m), 120)}' (after decoding){(inert ? ", though it names no server to fetch from" : "")}",
                Leaning.Malicious, attacks == 1 ? w : w / 2, Src));
        }
        if (WebShellCode().Match(request) is { Success: true } shell)
        {
            // A scanner probes with markers (an echo, a sum), never with code that runs commands: strong unless the control stopped it.
            attacks++;
            var stopped = probe || Blocked(a);
            evidence.Add(new("web_shell", $"The request carries server-side code that runs commands, a web shell: '{CommonEvidence.Clip(shell.Value, 100)}'{(stopped ? ", stopped by the control" : "")}",
                Leaning.Malicious, stopped ? 1.5 : 3.0, Src, Strong: !stopped));
        }
        var ownScan = OwnTesting.AutomationScan(c, evidence, agent);
        if (!ownScan && agent.Length > 0 && ScannerAgent().Match(agent) is { Success: true } tool && !c.Context.KnownScanners.Contains(a.SourceIp))
            evidence.Add(new("attack_tool", $"The client identifies as an attack or scanning tool ('{tool.Value}' in '{CommonEvidence.Clip(agent, 80)}')", Leaning.Malicious, 1.5 * scale, Src));
        else if (ScriptedClient().IsMatch(agent) && AdminPath().IsMatch(RequestText.Decode(uri)))
            evidence.Add(new("scripted_admin_probe", $"A scripted client ('{CommonEvidence.Clip(agent, 40)}') requests an administrative or sensitive path", Leaning.Malicious, 0.8 * scale, Src));

        if (WebSignals.Add(c, evidence, headers)) attacks++;
        var signature = NetworkRecord.Signature(a);
        if (Signature(c, evidence, signature, hasRequest, attacks > 0)) attacks++;
        if (NetworkVerdicts.Add(c, evidence, signature, attacks > 0)) attacks++;
        if (IdsSignals.Add(c, evidence, signature, attacks > 0)) attacks++;
        Response(c, evidence, attacks > 0);
        Source(c, evidence, attacks > 0, hasRequest);
        if (attacks == 0) Ordinary(c, evidence, uri, request, agent, hasRequest);
        if (attacks == 0) NetworkVerdicts.Maintenance(c, evidence);
        if (attacks == 0 && hasRequest && !evidence.Exists(e => e.Key is "attack_tool" or "scripted_admin_probe"))
        {
            WebNoise.Add(c, evidence, uri, headers, agent, signature);
            if (!probe) WebNoise.NothingServed(c, evidence, uri);
            OwnTesting.GoodBot(evidence, signature);
            if (ownScripts > 0) evidence.Add(WebNoise.OwnScript(ownScripts));
        }
        if (probe && !evidence.Exists(e => e.Key is "exploit_success" or "error_leak")) evidence.Add(WebNoise.BlockedProbe(c));
        SecurityDnsLookups.Explain(c, evidence, signature);
        var cookie = Header(headers, "cookie");
        if (cookie is not null && SessionCookie().IsMatch(cookie.ToLowerInvariant()))
            evidence.Add(new("authenticated_session", "The request carries an authenticated session cookie (a logged-in user of the application)", Leaning.Benign, 0.8, Src));
        else if (Header(headers, "authorization") is { Length: > 0 } token && token.StartsWith("bearer ", StringComparison.OrdinalIgnoreCase))
            evidence.Add(new("authenticated_session", "The request carries a bearer token (an authenticated client of the API)", Leaning.Benign, 0.8, Src));
        else if (a.Raw("username") is { } login && !ValueShape.IsPlaceholder(login) && !evidence.Exists(e => e.Key == "brute_force_success"))
            evidence.Add(new("authenticated_session", $"The WAF recorded the request as from the application's logged-in user {CommonEvidence.Clip(login, 40)}", Leaning.Benign, 0.8, Src));
        if (WebSite.Referer(a, headers) is { Length: > 0 } referer && WebSite.Host(a, headers) is { } host && WebSite.SameSite(referer, host))
            evidence.Add(new("same_site_referer", $"The referer is the application's own page ({CommonEvidence.Clip(referer, 80)})", Leaning.Benign, 0.6, Src));
        if (attacks > 0) Authoring(c, evidence, uri, headers, body, agent);
        if (attacks > 0) OwnTesting.TestSite(c, evidence, headers);
    }

    /// <summary>
    /// A logged-in internal user writing content through the application's own page (a wiki page, a comment): the
    /// attack-like text sits only in the submitted body, which is what they typed (documentation, code samples). Not
    /// when the text is also in the URI or headers, comes from a tool, or the response leaked anything.
    /// </summary>
    private static void Authoring(FamilyCase c, List<Evidence> evidence, string uri, string headers, string body, string agent)
    {
        var a = c.Alert;
        var method = (a.Field(CanonicalField.HttpMethod) ?? "").ToUpperInvariant();
        if (method is not ("POST" or "PUT" or "PATCH") || body.Length == 0 || !FamilyCase.IsInternal(a.SourceIp) || c.Context.KnownScanners.Contains(a.SourceIp)) return;
        if (!evidence.Exists(e => e.Key == "authenticated_session") || !evidence.Exists(e => e.Key == "same_site_referer")) return;
        if (evidence.Exists(e => e.Key is "attack_tool" or "exploit_success" or "error_leak" or "error_response" or "request_smuggling")) return;
        if (!body.TrimStart().StartsWith('{') && !(Header(headers, "content-type") ?? "").Contains("json", StringComparison.OrdinalIgnoreCase)) return;
        var outsideBody = RequestText.Decode($"{uri}\n{headers}");
        if (Attacks.Any(x => x.Pattern.IsMatch(outsideBody)) || ScannerAgent().IsMatch(agent)) return;
        evidence.Add(new("internal_author", "A logged-in internal user submitting content through the application's own page: the attack-like text is only in the body they wrote (documentation, a code sample), not in the URI or headers",
            Leaning.Benign, 2.5, Src));
    }

    private static void Response(FamilyCase c, List<Evidence> evidence, bool attacked)
    {
        var a = c.Alert;
        var status = int.TryParse(a.Field(CanonicalField.ResponseStatus), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : (int?)null;
        var action = (a.Field(CanonicalField.Result) ?? "").ToLowerInvariant();
        var blocked = Blocked(a);
        var body = (a.Field(CanonicalField.ResponseBody) ?? "").ToLowerInvariant();
        if (!blocked && body.Length > 0 && Leak().Match(body) is { Success: true } leak)
        {
            var hard = !leak.Value.Contains("sql", StringComparison.Ordinal) && !leak.Value.Contains("ora-", StringComparison.Ordinal) && !leak.Value.Contains("quot", StringComparison.Ordinal);
            if (hard || attacked)
                evidence.Add(new("exploit_success", $"The response leaked content ('{CommonEvidence.Clip(leak.Value, 60)}'{(status is null ? "" : $", status {status}")}): the attack worked", Leaning.Malicious, 3.5, "response", Strong: true));
            else
                evidence.Add(new("error_leak", $"The response shows a database error ('{CommonEvidence.Clip(leak.Value, 60)}')", Leaning.Malicious, 1.0, "response"));
        }
        else if (!blocked && attacked && body.Length > 0 && StackTrace().IsMatch(body))
            evidence.Add(new("error_response", "The application answered the attack with a stack trace: the payload reached code that failed on it", Leaning.Malicious, 1.2, "response"));
        if (blocked || status is >= 400 and < 500)
            evidence.Add(new("attempt_failed", blocked ? $"The control stopped the request ({action})" : $"The server refused it (HTTP {status}): the attempt failed", Leaning.Context, 0, "response"));
        else if (!attacked && status is >= 500 && a.Field(CanonicalField.HttpMethod)?.ToUpperInvariant() is "POST" or "PUT" or "PATCH" && a.Field(CanonicalField.RequestBody) is null)
            evidence.Add(new("flagged_request_failed", $"The application failed (HTTP {status}) on the request the detector flagged, whose body the log does not show: the flagged input reached code that broke on it",
                Leaning.Malicious, 0.8, "response"));
        else if (attacked && status is >= 500)
            evidence.Add(new("server_error", $"The server failed on the malicious request (HTTP {status}): it reached the application", Leaning.Malicious, 0.6, "response"));
        else if (attacked && status is >= 200 and < 400)
            evidence.Add(new("reached_application", $"The request was not blocked and the application answered HTTP {status}", Leaning.Malicious, 0.3, "response"));
    }

    /// <summary>The control stopped the request: blocked, dropped, reset, challenged (a browser check a script cannot pass), or
    /// answered with a block page (PAN-OS URL filtering's block-url, block-continue and block-override).</summary>
    public static bool Blocked(Alert a) => (a.Field(CanonicalField.Result) ?? "").ToLowerInvariant() is "blocked" or "block" or "denied" or "deny" or "dropped"
        or "drop" or "reset" or "rejected" or "prevented" or "reject" or "challenge" or "jschallenge" or "js_challenge" or "managed_challenge" or "captcha"
        or "connection_close" or "reset-both" or "reset-client" or "reset-server" or "block-ip" or "drop-all-packets" or "sinkhole" or "blocked-url"
        or "block-url" or "block-override" or "block-continue"; // PAN-OS URL filtering: the block page (a later "continue" or "override" log is the user going through)

    /// <summary>An internal client is a point for it; an internal device is what an NDR detection is about, so there it is context only.</summary>
    private static void Source(FamilyCase c, List<Evidence> evidence, bool attacked, bool hasRequest)
    {
        var ip = c.Alert.SourceIp;
        if (ip is null || c.Context.KnownScanners.Contains(ip)) return;
        if (FamilyCase.IsInternal(ip))
            evidence.Add(attacked || (!hasRequest && NetworkRecord.IsDeviceBehaviour(c.Alert))
                ? new("internal_source", $"The source {ip} is inside the network: an attack from it means a compromised or misused internal machine", Leaning.Context, 0, "alert")
                : new("internal_source", $"The source {ip} is an internal client", Leaning.Benign, 0.5, "alert"));
    }

    /// <summary>No attack pattern: the signs that this is the application's own traffic.</summary>
    private static void Ordinary(FamilyCase c, List<Evidence> evidence, string uri, string request, string agent, bool hasRequest)
    {
        var path = RequestText.Decode(WebSite.PathOf(uri));
        if (HealthPath().IsMatch(path) || HealthAgent().IsMatch(agent))
            evidence.Add(new("health_check", $"A health or uptime check ({CommonEvidence.Clip(path.Length > 0 ? path : agent, 60)})", Leaning.Benign, 2.0, Src));
        if (!hasRequest || request.Length < 4) return;
        // A POST or PUT whose body the product did not record may carry anything: "no payload" would be a guess.
        if (c.Alert.Field(CanonicalField.HttpMethod)?.ToUpperInvariant() is "POST" or "PUT" or "PATCH" && c.Alert.Field(CanonicalField.RequestBody) is null) return;
        var appWords = AppParameter().IsMatch(RequestText.Decode(WebSite.QueryOf(uri))) && SqlWord().IsMatch(request);
        evidence.Add(new("no_attack_payload", appWords
            ? "The decoded request holds no injection, traversal or exploit pattern: its SQL-like words sit in the application's own sort/filter/search parameters"
            : "The decoded request (URI, parameters, headers, body) holds no injection, traversal or exploit pattern",
            Leaning.Benign, appWords ? 1.5 : 1.2, Src));
    }

    /// <summary>What the signature names (rule, message, the product's signature and threat names): malware or C2 traffic
    /// whatever else the alert carries; informational or policy only for IDS/NDR alerts without an HTTP request and without an attack. True when malware.</summary>
    private static bool Signature(FamilyCase c, List<Evidence> evidence, string signature, bool hasRequest, bool attacked)
    {
        if (IsMalwareName(signature))
        {
            evidence.Add(new("malware_signature", $"The signature names malware or command-and-control traffic ('{CommonEvidence.Clip(signature, 80)}')", Leaning.Malicious, 2.0, "signature"));
            return true;
        }
        if (!hasRequest && !attacked && PolicySignature().IsMatch(signature))
            evidence.Add(new("policy_signature", $"The signature is informational or policy ('{CommonEvidence.Clip(signature, 80)}'), not an attack", Leaning.Benign, 1.0, "signature"));
        return false;
    }

    public static bool IsMalwareName(string signature) => MalwareSignature().IsMatch(signature);

    private static string Snippet(string text, Match m)
    {
        var start = Math.Max(0, m.Index - 30);
        return text.Substring(start, Math.Min(text.Length - start, m.Length + 60));
    }

    /// <summary>A header's value from "Name: value" lines (or "; "-separated pairs on one line).</summary>
    public static string? Header(string headers, string name)
    {
        if (headers.Length == 0) return null;
        var i = headers.IndexOf(name + ":", StringComparison.OrdinalIgnoreCase);
        while (i > 0 && !(headers[i - 1] is '\n' or '\r' or ' ' or ',' or '{' or '"' or '|')) i = headers.IndexOf(name + ":", i + 1, StringComparison.OrdinalIgnoreCase);
        if (i < 0) return null;
        var start = i + name.Length + 1;
        var end = headers.IndexOfAny(['\r', '\n', '|'], start);
        return headers[start..(end < 0 ? headers.Length : end)].Trim().Trim('"', ',');
    }

    [GeneratedRegex(@"(?im)^\s*(?:origin|referer)\s*:[^\r\n]*")]
    private static partial Regex BrowserOrigin();

    [GeneratedRegex(@"(?i)trojan|malware|\bc2\b|\bcnc\b|command.and.control|beacon|cobalt\s?strike|ransom|exfil|coin\s?miner|crypto\w*[ _-]?min(?:er|ing)|xmrig|stratum\+|backdoor|botnet|\brat\b|emotet|qakbot|icedid|sliver|metasploit|meterpreter|dns[ _:-]*tunnel|wildfire-virus")]
    private static partial Regex MalwareSignature();

    [GeneratedRegex(@"(?i)\bET (?:POLICY|INFO)\b|^policy\b|informational|\bcompliance model\b|\bGPL INFO\b|dns query to .{0,20}(?:cloud|cdn)|tls (?:1\.0|sni)")]
    private static partial Regex PolicySignature();
}
