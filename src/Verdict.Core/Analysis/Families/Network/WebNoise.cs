using System.Text.RegularExpressions;
using Verdict.Ingest;

namespace Verdict.Analysis.Families.Network;

/// <summary>
/// Why ordinary web traffic trips WAF rules, each an explanation a SOC would close on, none of them offered when the
/// request carries an attack payload or comes from an attack tool (except the blocked internet probe, whose payload
/// is the point and which the control stopped before it reached anything):
/// a blocked, untargeted internet probe for a product path; an XXE signature on XML whose DOCTYPE only names a DTD file
/// and declares no entity; a protocol-hygiene rule (size, rate, a missing header) with
/// no payload; the flagged text typed into a search box; the organisation's own automation egress; a search-engine
/// crawler from its own network; a script tag loading from the organisation's own domain; an injection rule whose own
/// matched text (the product shows it) holds no injection syntax; a request read in full that the control stopped or
/// that found nothing (404/410), off login paths.
/// </summary>
public static partial class WebNoise
{
    private const string Src = "request";

    /// <summary>
    /// An opportunistic internet probe that got nothing: blocked or challenged by the control, or answered 404/410 (the
    /// product isn't there), from outside, no logged-in session or
    /// same-site referer, and aimed at a well-known product path (WordPress, CGI scripts, phpMyAdmin, .env, routers,
    /// VPN appliances...), or whose rule names such a product ("Apache Struts - Remote Code Execution"), that the host
    /// name doesn't announce. Mass scanners send these to every address; a SOC closes them.
    /// Targeted attacks against the application's own pages and parameters are not this, blocked or not.
    /// </summary>
    public static bool IsBlockedProbe(FamilyCase c, string uri, string headers, bool stopped)
    {
        var a = c.Alert;
        if (!stopped || a.SourceIp is null || FamilyCase.IsInternal(a.SourceIp) || c.Context.KnownScanners.Contains(a.SourceIp) || c.Context.BadIps.Contains(a.SourceIp)) return false;
        if (WebEvidence.Header(headers, "cookie") is { } cookie && WebPatterns.SessionCookie().IsMatch(cookie.ToLowerInvariant())) return false;
        if (WebSite.Referer(a, headers) is { Length: > 0 } referer && WebSite.Host(a, headers) is { } host && WebSite.SameSite(referer, host)) return false;
        var path = RequestText.Decode(NetworkRecord.Path(uri));
        // A path that steps out of the application's own route ("/api/v2/../../actuator") was aimed at this application;
        // one that steps out of a product's ("/cgi-bin/../../bin/sh") is that product's exploit.
        var dots = path.IndexOf("/../", StringComparison.Ordinal);
        if (dots >= 0) path = path[..dots];
        // A payload fired at the site root ("/?x=${jndi:...}", or in a header of "GET /") aims at no page of the application: a spray.
        if (path is "" or "/" && WebSite.QueryOf(uri).Length + (a.Field(CanonicalField.UserAgent) ?? "").Length > 0) return true;
        // The product is named by the path, or else by the control's own rule ("Apache Struts - Remote Code Execution").
        var product = ProductPath().Match(path) is { Success: true } m ? m.Groups["p"].Value.Trim('/', '.', '-', '_') : IdsSignals.NamedProduct(a.Rule);
        if (product is null) return false;
        return product.Length < 3 || !(WebSite.Host(a, headers) ?? "").Contains(product, StringComparison.OrdinalIgnoreCase);
    }

    public static Evidence BlockedProbe(FamilyCase c) => new("blocked_probe",
        $"An untargeted internet probe for a well-known product path that got nothing (blocked by the control, or the path isn't there; rule '{CommonEvidence.Clip(c.Alert.Rule, 60)}'): background noise every public site receives",
        Leaning.Benign, 3.5, "response");

    /// <summary>
    /// A request read in full (<c>no_attack_payload</c>: a POST whose body the product did not record may carry anything)
    /// that got nothing: the control stopped it (blocked, challenged) or the server answered 404/410 (the path isn't there).
    /// Nothing reached the application and nothing was served. Not on login paths (a stopped credential-stuffing run is
    /// still one to look at), not from a listed bad address, and circumstantial (an alert that names a threat stays open).
    /// </summary>
    public static void NothingServed(FamilyCase c, List<Evidence> evidence, string uri)
    {
        var a = c.Alert;
        var status = a.Field(CanonicalField.ResponseStatus);
        var stopped = WebEvidence.Blocked(a);
        if (!stopped && status is not ("404" or "410")) return;
        if (!evidence.Exists(e => e.Key == "no_attack_payload") || c.Context.BadIps.Contains(a.SourceIp)
            || evidence.Exists(e => e.Key is "access_policy_block" or "listed_source_blocked")) return;
        if (LoginPath().IsMatch(RequestText.Decode(WebSite.PathOf(uri)).ToLowerInvariant())) return;
        // A request the product logged cut short ("?id=4B...") was not read in full: what was cut may be the payload.
        if (uri.Contains("...", StringComparison.Ordinal) || uri.Contains('…', StringComparison.Ordinal)) return;
        evidence.Add(new("nothing_served", stopped
                ? $"The control stopped the request ({CommonEvidence.Clip(a.Field(CanonicalField.Result) ?? "blocked", 20)}) and it carries no attack payload: nothing reached the application"
                : $"The server answered HTTP {status} (the path isn't there) to a request with no attack payload: nothing was served",
            Leaning.Benign, 1.0, "response"));
    }

    /// <summary>Explanations for a request with no attack payload and no attack tool.</summary>
    public static void Add(FamilyCase c, List<Evidence> evidence, string uri, string headers, string agent, string signature)
    {
        var a = c.Alert;
        var path = RequestText.Decode(WebSite.PathOf(uri));
        if (HygieneRule().Match(signature) is { Success: true } rule && !LoginPath().IsMatch(path))
            evidence.Add(new("protocol_rule", $"The rule checks protocol hygiene ('{CommonEvidence.Clip(rule.Value, 40)}': size, rate or a missing header), not attack content, and the request carries no attack payload",
                Leaning.Benign, 1.5, "alert"));
        if (XmlSignature().IsMatch(signature) && a.Field(CanonicalField.RequestBody) is { } body && DoctypeOnly().Match(body) is { Success: true } doctype
            && !body.Contains("<!ENTITY", StringComparison.OrdinalIgnoreCase))
            evidence.Add(new("xml_doctype_only", $"The XML names its document type by a plain DTD file name ('{CommonEvidence.Clip(doctype.Value, 60)}') and declares no entity: what the XXE signature keys on, with nothing to expand or fetch",
                Leaning.Benign, 1.2, Src));
        var query = WebSite.QueryOf(uri);
        if (SearchParameter().Match(query) is { Success: true } search && search.Groups["v"].Value.Length > 0)
            evidence.Add(new("search_text", $"The flagged text is what someone typed into a search box ('{CommonEvidence.Clip(RequestText.Decode(search.Value), 80)}'): words and characters, no injection syntax",
                Leaning.Benign, 1.0, Src));
        // Bot management or a country block stopping a request that carries nothing: the policy did its job, nothing was attempted
        // beyond reaching the site. A login path is excluded (a challenged credential-stuffing run is still one to look at).
        if (WebEvidence.Blocked(a) && AccessPolicyRule().Match(signature) is { Success: true } policy && !LoginPath().IsMatch(path) && !c.Context.BadIps.Contains(a.SourceIp))
            evidence.Add(new("access_policy_block", $"An access-policy rule ('{CommonEvidence.Clip(policy.Value, 40)}': bot management or a country block) stopped the request, and the request carries no attack payload: the policy doing its job",
                Leaning.Benign, 1.5, "alert"));
        if (a.Raw("waf_matched") is { } shown && !Redacted().IsMatch(shown)
            && !WebPatterns.Attacks.Any(x => x.Pattern.IsMatch(RequestText.Decode(RequestText.WithBase64(shown)))))
            evidence.Add(new("matched_text_ordinary", $"The WAF shows what its injection rule matched ('{CommonEvidence.Clip(shown, 80)}') and, decoded, it holds no injection, traversal or script syntax: ordinary input sharing the rule's keywords",
                Leaning.Benign, 1.2, Src));
        // A listed bad address the control stopped by an address-list rule (a denylist, IP reputation, threat-intel feed),
        // asking for an ordinary page with nothing in the request: the denylist did its job and nothing reached the
        // application, so the listing is no longer strong. A rule that names an attack (an RFI blocked from a listed
        // address), a login path, a request let through or a payload is never this.
        if (WebEvidence.Blocked(a) && c.Context.BadIps.Contains(a.SourceIp) && !LoginPath().IsMatch(path) && AddressListRule().IsMatch(signature)
            && !AttackNamed().IsMatch(signature)
            && evidence.FindIndex(e => e.Key == "bad_ip") is var listed and >= 0
            && !evidence.Exists(e => e.Supports == Leaning.Malicious && e.Key != "bad_ip"))
        {
            evidence[listed] = evidence[listed] with { Weight = 1.0, Strong = false };
            evidence.Add(new("listed_source_blocked", $"The control stopped the listed address {a.SourceIp} ({CommonEvidence.Clip(a.Field(CanonicalField.Result) ?? "blocked", 20)}) on an ordinary page, and the request carries no attack payload: the denylist did its job and nothing reached the application",
                Leaning.Benign, 2.5, "response"));
        }
        if (c.Context.AutomationEgress.Contains(a.SourceIp))
            evidence.Add(new("automation_source", $"Source {a.SourceIp} is the organisation's CI/automation egress (context file automation_egress) and the request carries no attack payload: a deployment check or smoke test",
                Leaning.Benign, 2.0, "context file"));
        if (Crawler().Match(agent) is { Success: true } bot && Owner(bot.Value) is { } owner
            && a.Raw("ClientASNDescription", "as_org", "asn_org", "asorg", "source.as.organization.name", "client.as.organization.name", "asn_description") is { } asn
            && asn.Contains(owner, StringComparison.OrdinalIgnoreCase))
            evidence.Add(new("verified_crawler", $"A search-engine crawler ('{bot.Value}') from its operator's own network ({CommonEvidence.Clip(asn, 40)}), not an impersonation",
                Leaning.Benign, 1.5, Src));
    }

    /// <summary>
    /// The request text with every script tag that only loads a script from the organisation's own domains (context
    /// file domains) removed: a CMS editor embedding the company's widget, not cross-site scripting. Tags carrying an
    /// event handler, or loading from any other host (a look-alike included), stay.
    /// </summary>
    public static (string Text, int Removed) WithoutOwnScripts(string request, IReadOnlySet<string> domains)
    {
        if (domains.Count == 0 || !request.Contains("<script", StringComparison.Ordinal)) return (request, 0);
        var removed = 0;
        var text = OwnScript().Replace(request, m =>
        {
            var host = m.Groups["h"].Value;
            var own = domains.Any(d => host.Equals(d, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + d, StringComparison.OrdinalIgnoreCase));
            if (!own || Handler().IsMatch(m.Value)) return m.Value;
            removed++;
            return " ";
        });
        return (text, removed);
    }

    public static Evidence OwnScript(int count) => new("first_party_script",
        $"The only script in the request{(count > 1 ? $" ({count} tags)" : "")} loads from the organisation's own domain (context file domains): content embedding its own widget, not cross-site scripting",
        Leaning.Benign, 1.0, "context file");

    private static string? Owner(string bot) => bot switch
    {
        "googlebot" or "google-inspectiontool" or "adsbot-google" => "google",
        "bingbot" or "msnbot" or "adidxbot" => "microsoft",
        "applebot" => "apple",
        "duckduckbot" => "duckduckgo",
        "yandexbot" => "yandex",
        "baiduspider" => "baidu",
        _ => null,
    };

    [GeneratedRegex(@"googlebot|google-inspectiontool|adsbot-google|bingbot|msnbot|adidxbot|applebot|duckduckbot|yandexbot|baiduspider")]
    private static partial Regex Crawler();

    [GeneratedRegex(@"(?i)size[ _-]?restriction|size[ _-]?limit|too[ _-]?large|(?:body|request|header|argument|url|uri|query|cookie|field)[ _-]?(?:size|length)|(?:greater than|exceeds?|over) (?:the )?max(?:imum)?(?: allowed)?|rate[ _-]?(?:limit|based)|too[ _-]?many[ _-]?requests|(?:missing|empty|no)[ _-]?(?:an?[ _-])?(?:user[ _-]?agent|ua\b|accept|host)(?:[ _-]header)?|(?:user[ _-]?agent|accept|host)[ _-]header[ _-](?:missing|empty)|protocol[ _-]enforcement|multiple url encoding|modified (?:asm|domain) cookie|illegal file type")]
    private static partial Regex HygieneRule();

    /// <summary>Rules that block by the client's address alone: a deny or block list, IP reputation, a threat-intelligence feed.</summary>
    [GeneratedRegex(@"(?i)(?:deny|block|black)[ _-]?list|ip[ _-]?(?:reputation|access[ _-]?rule|list|block)|reputation|threat[ _-]?intel|known[ _-]?(?:bad|malicious)[ _-]?ip|bad[ _-]?ip")]
    private static partial Regex AddressListRule();

    /// <summary>A signature that names an attack on the application, whatever list the client is on.</summary>
    [GeneratedRegex(@"(?i)inject|inclusion|\brfi\b|\blfi\b|travers|xss|cross[ _-]?site|exploit|remote code|\brce\b|command|shell|overflow|deserial|sqli|brute|stuffing|takeover|scan")]
    private static partial Regex AttackNamed();

    /// <summary>Rules that enforce who may reach the site, not what a request carries: bot management, country/geo blocks, sanctions.</summary>
    [GeneratedRegex(@"(?i)bot[ _-]?(?:fight|management|protection|score)|(?:country|geo(?:ip|location)?|region)[ _-]?(?:block|blocking|restriction|deny|filter|fencing)|sanction(?:ed|s)[ _-]?countr|embargo(?:ed)?[ _-]?countr")]
    private static partial Regex AccessPolicyRule();

    /// <summary>A value the product masked ("[redacted]", "***"): what matched cannot be judged.</summary>
    [GeneratedRegex(@"(?i)redacted|\*{3,}|\[masked\]|\[filtered\]")]
    private static partial Regex Redacted();

    [GeneratedRegex(@"(?i)\bxxe\b|xml[ _-]?external[ _-]?entit")]
    private static partial Regex XmlSignature();

    /// <summary>A DOCTYPE that names a DTD by a bare file name ("DELFOR_D97A.dtd"), with no URL, path or internal subset.</summary>
    [GeneratedRegex(@"(?i)<!DOCTYPE\s+[\w.:-]+\s+(?:SYSTEM|PUBLIC\s+""[^""<>]*"")\s+""[\w.-]+\.dtd""\s*>")]
    private static partial Regex DoctypeOnly();

    [GeneratedRegex(@"login|logon|signin|sign-in|auth|password|passwd|token|otp|mfa|session|account/recover")]
    private static partial Regex LoginPath();

    [GeneratedRegex(@"(?:^|&)(?:q|query|search|s|keyword|keywords|term|searchterm|search_query|text)=(?<v>[^&]*)", RegexOptions.IgnoreCase)]
    private static partial Regex SearchParameter();

    /// <summary>Paths mass scanners request from every site, named by the product they probe for (group p).</summary>
    [GeneratedRegex(@"(?<p>/wp-login\.php|/php-cgi/|/wp-admin|/wp-content|/wp-includes|/xmlrpc\.php|/wp-config|/cgi-bin|/phpmyadmin|/pma/|/myadmin|/boaform|/hnap1|/\.env|/\.git/|/vendor/phpunit|/actuator|/solr/|/manager/html|/jmx-console|/setup\.cgi|/goform/|/gponform|/remote/fgt_lang|/dana-na/|/\+cscoe\+|/mgmt/tm/|/_ignition/|/telescope/|/server-status|/owa/auth|/autodiscover/autodiscover\.json|/console/css|/wls-wsat/|/struts|/jenkins|/script\b|/administrator/|/admin\.php|/shell\?|/\.aws/|/config\.json|/\.ds_store|/sites/default/files)")]
    private static partial Regex ProductPath();

    [GeneratedRegex(@"<script\b[^>]*?\bsrc\s*=\s*[""']?(?:https?:)?//(?<h>[a-z0-9.-]+)(?:[/:?][^""'\s>]*)?[""']?[^>]*>\s*</script\s*>")]
    private static partial Regex OwnScript();

    [GeneratedRegex(@"\bon[a-z]+\s*=")]
    private static partial Regex Handler();
}
