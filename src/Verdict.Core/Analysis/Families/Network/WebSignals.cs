using System.Globalization;
using System.Text.RegularExpressions;
using Verdict.Ingest;

namespace Verdict.Analysis.Families.Network;

/// <summary>
/// Attacks that are not a payload in a parameter: HTTP request smuggling (a request carrying both Content-Length and
/// Transfer-Encoding, or two or an obfuscated Transfer-Encoding), and a login brute-force alert whose request
/// succeeded (the guess worked).
/// </summary>
public static partial class WebSignals
{
    private const string Src = "request";

    /// <summary>Adds what it finds; true when it found an attack.</summary>
    public static bool Add(FamilyCase c, List<Evidence> evidence, string headers)
    {
        var found = false;
        var lower = headers.ToLowerInvariant();
        var te = TransferEncoding().Matches(lower);
        var cl = lower.Contains("content-length:", StringComparison.Ordinal);
        if (te.Count > 1 || (te.Count == 1 && (cl || !te[0].Groups[1].Value.Trim().Equals("chunked", StringComparison.Ordinal))))
        {
            evidence.Add(new("request_smuggling", te.Count > 1
                ? "The request carries Transfer-Encoding twice: front end and back end disagree on where it ends (HTTP request smuggling)"
                : cl ? "The request carries both Content-Length and Transfer-Encoding (HTTP request smuggling)"
                : $"The request carries an obfuscated Transfer-Encoding ('{CommonEvidence.Clip(te[0].Groups[1].Value, 30)}')", Leaning.Malicious, 2.2, Src));
            found = true;
        }
        var a = c.Alert;
        var status = int.TryParse(a.Field(CanonicalField.ResponseStatus), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var about = $"{a.Rule} {a.Raw("attack_type", "attacktype", "category", "threat.technique.name")}";
        if (BruteForce().IsMatch(about) && status is >= 200 and < 400 && !Refused().IsMatch(a.Field(CanonicalField.ResponseBody) ?? ""))
        {
            var shared = c.Context.VpnEgress.Contains(a.SourceIp);
            var inside = FamilyCase.IsInternal(a.SourceIp) || shared;
            evidence.Add(new("brute_force_success", $"A login brute-force alert, and this attempt succeeded (HTTP {status}): a guessed credential may have worked{(inside ? " (from an internal client, where load tests and misconfigured jobs also log in in bulk)" : "")}",
                Leaning.Malicious, inside ? 0.8 : 2.2, "response"));
            if (shared)
                evidence.Add(new("shared_egress", $"{a.SourceIp} is the organisation's own VPN/NAT egress (context file vpn_egress): every user behind it counts against one per-address login threshold",
                    Leaning.Benign, 2.0, "context file"));
            found = true;
        }
        found |= Upload(c, evidence, lower);
        found |= DotSegments(c, evidence);
        Internal(c, evidence, lower);
        return found;
    }

    /// <summary>Internal clients whose traffic trips WAF rules by nature: a load-test tool, a CI webhook delivering build scripts as data,
    /// a logged-in user of a business application that sends SQL-like text (context file business_apps), or a request sent from
    /// such an application's page (its referer), without injection syntax
    /// (tautologies, comments, UNION, stacked queries, delays: no application's own filter sends those).</summary>
    private static void Internal(FamilyCase c, List<Evidence> evidence, string headers)
    {
        var a = c.Alert;
        if (!FamilyCase.IsInternal(a.SourceIp) || c.Context.KnownScanners.Contains(a.SourceIp)) return;
        var agent = (a.Field(CanonicalField.UserAgent) ?? WebEvidence.Header(headers, "user-agent") ?? "").ToLowerInvariant();
        if (LoadTest().Match(agent) is { Success: true } tool)
            evidence.Add(new("load_test", $"An internal load-testing tool ('{tool.Value}'): it logs in and requests in bulk by design", Leaning.Benign, 2.0, Src));
        if (Webhook().Match(headers) is { Success: true } hook)
            evidence.Add(new("ci_webhook", $"A webhook delivery from an internal CI/CD or code-hosting system ('{CommonEvidence.Clip(hook.Value.Trim(), 40)}'): build scripts and commit text travel in it as data", Leaning.Benign, 1.5, Src));
        // The site's host as every product names it (a Host header, Cloudflare's ClientRequestHost, ECS url.domain, ...).
        var host = (WebSite.Host(a, headers) ?? a.Raw("host", "hostname") ?? "").Split(':')[0].Trim();
        // "WHERE 1=1 AND ..." is how query builders start a filter; a tautology after a quote or OR is what injects.
        // All of the request the SQL match was read from: an injection can ride in a cookie or another header as well as the URL and body.
        var sent = BuilderIdiom().Replace(RequestText.Decode($"{a.Field(CanonicalField.Url)}\n{a.Field(CanonicalField.RequestBody)}\n{headers}"), "where ");
        // Logged in: a session cookie, or the WAF's own record of the application user (F5 ASM username).
        var loggedIn = (WebEvidence.Header(headers, "cookie") is { } cookie && WebPatterns.SessionCookie().IsMatch(cookie.ToLowerInvariant()))
            || a.Raw("username") is { } u && !ValueShape.IsPlaceholder(u)
            || WebEvidence.Header(headers, "authorization") is { Length: > 0 } // an API call with a token (a dashboard's backend calling its API)
            || headers.Length == 0 // the product records no headers (an IPS logging the URL only): nothing to check
            // The product records headers but no credential header at all (a WAF feed that leaves Cookie and Authorization
            // out): a browser's request cannot be told apart from a logged-in one, a scripted client's still can.
            || WebEvidence.Header(headers, "cookie") is null && WebEvidence.Header(headers, "authorization") is null
               && agent.StartsWith("mozilla/", StringComparison.Ordinal) && !WebPatterns.ScriptedClient().IsMatch(agent);
        if (!evidence.Exists(e => e.Key == "sql_injection") || WebPatterns.InjectionSyntax().IsMatch(sent) || !loggedIn) return;
        // Sent to a business application's host, or from one of its pages (a dashboard querying its data API with the filter its user built):
        // the SQL-like text with none of the injection idioms above is that application's filter, so the SQL match is explained.
        if (host.Length > 0 && c.Context.BusinessApps.Contains(host))
            BusinessAppQuery(evidence, $"{host} is a business application whose own pages send SQL-like text (context file business_apps), used here by an internal client's browser session");
        else if (WebSite.Referer(a, headers) is { } referer && Uri.TryCreate(referer, UriKind.Absolute, out var from) && c.Context.BusinessApps.Contains(from.Host))
            BusinessAppQuery(evidence, $"The request came from a page of {from.Host}, a business application whose own pages send SQL-like text (context file business_apps), from an internal client's browser session");
    }

    private static void BusinessAppQuery(List<Evidence> evidence, string why)
    {
        var i = evidence.FindIndex(e => e.Key == "sql_injection");
        evidence[i] = evidence[i] with { Weight = Math.Min(evidence[i].Weight, 1.0), Description = evidence[i].Description + ", a filter of a business application" };
        evidence.Add(new("business_app_query", why, Leaning.Benign, 2.5, "context file"));
    }

    /// <summary>
    /// An upload (PUT or POST) to a file-sharing or paste service by a scripted client or of 50 MB or more: how data
    /// leaves without a trace in mail. A browser sharing a document is not this; a person has to ask what was sent.
    /// </summary>
    private static bool Upload(FamilyCase c, List<Evidence> evidence, string headers)
    {
        var a = c.Alert;
        var method = (a.Field(CanonicalField.HttpMethod) ?? "").ToUpperInvariant();
        if (method is not ("PUT" or "POST")) return false;
        var host = WebSite.Host(a, headers) ?? a.Field(CanonicalField.Domain) ?? "";
        if (!FileShare().IsMatch(host) && !FileShare().IsMatch(a.Rule)) return false;
        var agent = (a.Field(CanonicalField.UserAgent) ?? WebEvidence.Header(headers, "user-agent") ?? "").ToLowerInvariant();
        var size = long.TryParse(a.Raw("flow.bytes_toserver", "bytes_toserver", "cs-bytes", "bytes_out", "http.request.bytes", "http.length"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
        var scripted = WebPatterns.ScriptedClient().IsMatch(agent) || agent.StartsWith("rclone", StringComparison.Ordinal);
        if (!scripted && size < 50_000_000) return false;
        evidence.Add(new("file_share_upload", $"A {(scripted ? "scripted " : "")}{method} to a file-sharing or paste service ({CommonEvidence.Clip(host.Length > 0 ? host : a.Rule, 60)}){(size >= 50_000_000 ? $", {size / 1_000_000} MB" : "")}: data may be leaving",
            Leaning.Malicious, 1.2, Src));
        return true;
    }

    /// <summary>
    /// A ".." segment in the URL's path (not in a parameter): browsers resolve dot segments before sending, so one that
    /// reaches the server was written on purpose to step out of the route (another member's record, an internal endpoint).
    /// </summary>
    private static bool DotSegments(FamilyCase c, List<Evidence> evidence)
    {
        if (evidence.Exists(e => e.Key == "path_traversal")) return false;
        var path = RequestText.Decode(NetworkRecord.Path(c.Alert.Field(CanonicalField.Url) ?? ""));
        if (!path.Contains("/../", StringComparison.Ordinal) && !path.EndsWith("/..", StringComparison.Ordinal)) return false;
        evidence.Add(new("dot_segment_path", $"The URL path steps back with '..' ('{CommonEvidence.Clip(path, 80)}'): browsers resolve these before sending, so this request was crafted to leave the route",
            Leaning.Malicious, 1.2, Src));
        return true;
    }

    [GeneratedRegex(@"\bwhere\s+1\s*=\s*1\s+and\b")]
    private static partial Regex BuilderIdiom();

    /// <summary>File-sharing and paste services data is carried off to: one list for every family that names them
    /// (an upload here, a sync or large transfer in a network record, a curl upload on an endpoint).</summary>
    internal const string FileShareServices = @"transfer\.sh|file\.io|0x0\.st|temp\.sh|gofile\.io|anonfiles|\bmega\.(?:nz|co\.nz|io)|pastebin|paste\.ee|hastebin|ghostbin|wetransfer|sendspace|mediafire|catbox\.moe|bashupload|oshi\.at|filebin|ufile\.io";

    [GeneratedRegex(@"(?i)" + FileShareServices + @"|file[- ]?sharing|paste site")]
    internal static partial Regex FileShare();

    [GeneratedRegex(@"\bk6/|jmeter|locust|gatling|artillery|vegeta|\bwrk\b|apachebench|\bab/\d|loadrunner|neoload|blazemeter")]
    private static partial Regex LoadTest();

    [GeneratedRegex(@"(?m)^\s*(?:x-gitlab-event|x-github-event|x-gitea-event|x-hub-signature(?:-256)?|x-jenkins-event|x-bitbucket-event|x-event-key)\s*:.*$")]
    private static partial Regex Webhook();

    [GeneratedRegex(@"(?m)^\s*transfer[-_ ]encoding\s*:(.*)$")]
    private static partial Regex TransferEncoding();

    [GeneratedRegex(@"(?i)brute|credential[-_ ]?stuff|password[-_ ]?spray|bruteforce")]
    private static partial Regex BruteForce();

    [GeneratedRegex(@"(?i)invalid (?:user|password|credentials)|login failed|incorrect|locked|too many")]
    private static partial Regex Refused();
}
