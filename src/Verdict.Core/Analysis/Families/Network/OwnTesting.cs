using System.Text.RegularExpressions;
using Verdict.Ingest;

namespace Verdict.Analysis.Families.Network;

/// <summary>
/// The organisation testing its own applications, and a WAF's own verdict that the client is a verified good bot:
/// <list type="bullet">
/// <item>A security-testing tool (ZAP, Burp, nuclei...) run from the organisation's CI/automation egress (context file
/// <c>automation_egress</c>) and stopped or refused (blocked, 4xx): a pipeline's scheduled scan, whose payloads are the
/// point. One that got through (2xx) may be a hijacked pipeline pulling data, and stays open.</item>
/// <item>An internal client testing a non-production site (a host named dev, test, qa, uat, staging...): developers
/// send attack strings to their own test builds on purpose. Not when the response shows the attack worked.</item>
/// <item>The WAF classified the client as a known good bot ("Good Bot": it verified the crawler's network), and the
/// request carries no payload.</item>
/// </list>
/// </summary>
public static partial class OwnTesting
{
    /// <summary>True (and evidence added) when the client is a security-testing tool run from the organisation's automation egress.</summary>
    public static bool AutomationScan(FamilyCase c, List<Evidence> evidence, string agent)
    {
        var ip = c.Alert.SourceIp;
        if (ip is null || !c.Context.AutomationEgress.Contains(ip) || WebPatterns.ScannerAgent().Match(agent) is not { Success: true } tool) return false;
        // A scan that got through (2xx/3xx, not blocked) may be a hijacked pipeline pulling data: someone must see the workflow run.
        var status = int.TryParse(c.Alert.Field(CanonicalField.ResponseStatus), out var s) ? s : 0;
        var result = (c.Alert.Field(CanonicalField.Result) ?? "").ToLowerInvariant();
        if (!(status is >= 400 and < 500 || result is "blocked" or "block" or "deny" or "denied" or "dropped" or "drop" or "reset")) return false;
        evidence.Add(new("automation_scan", $"A security-testing tool ('{tool.Value}') run from the organisation's CI/automation egress {ip} (context file automation_egress): a pipeline's own scan, whose payloads are the point",
            Leaning.Benign, 4.0, "context file"));
        return true;
    }

    /// <summary>An internal client attacking a non-production host name of the organisation: a developer's test.</summary>
    public static void TestSite(FamilyCase c, List<Evidence> evidence, string headers)
    {
        var a = c.Alert;
        if (!FamilyCase.IsInternal(a.SourceIp) || c.Context.KnownScanners.Contains(a.SourceIp)) return;
        if (evidence.Exists(e => e.Key is "exploit_success" or "error_leak" or "malware_signature" or "dns_tunnel" or "cloud_storage_sync")) return;
        var host = (WebSite.Host(a, headers) ?? WebSite.HostOf(a.Field(CanonicalField.Url)) ?? "").Split(':')[0].Trim().ToLowerInvariant();
        if (host.Length == 0 || NonProduction().Match(host) is not { Success: true }) return;
        evidence.Add(new("test_site", $"An internal client sending attack strings to a non-production site ({CommonEvidence.Clip(host, 60)}): developers and testers do this to their own test builds",
            Leaning.Benign, 3.0, "request"));
    }

    /// <summary>The WAF's own classification of the client as a verified good bot, for a request with no payload.</summary>
    public static void GoodBot(List<Evidence> evidence, string signature)
    {
        if (GoodBotVerdict().Match(signature) is not { Success: true } m) return;
        evidence.Add(new("vendor_good_bot", $"The WAF classified the client as a known good bot ('{m.Value}': it checked the crawler's network, which a forged user agent fails)",
            Leaning.Benign, 1.5, "alert"));
    }

    /// <summary>The first DNS label names a non-production environment ("dev-olb.", "staging.", "qa2.", "app-test.").</summary>
    [GeneratedRegex(@"^(?:[a-z0-9]+[-.])?(?:dev|develop|development|test|testing|qa|uat|stage|staging|sandbox|preprod|sit)\d*(?:[-.]|$)")]
    private static partial Regex NonProduction();

    [GeneratedRegex(@"(?i)\bgood bots?\b|verified bot|known good bot")]
    private static partial Regex GoodBotVerdict();
}
