using System.Text.RegularExpressions;
using Verdict.Ingest;

namespace Verdict.Analysis.Families.Network;

/// <summary>
/// A DNS-tunnelling detection whose queried names all belong to a security product's DNS lookup service (Sophos Live
/// Protection <c>sophosxl.net</c>, McAfee GTI <c>avqs/avts.mcafee.com</c>, ESET LiveGrid <c>e5.sk</c>, DNS blocklists
/// such as Spamhaus, SpamCop, Barracuda, SURBL, URIBL, SORBS): these products ask about every file hash or sender as
/// long, encoded DNS names, which is exactly what a tunnel detector counts. Only the owner of a domain's name servers
/// can receive a tunnel through it, so a lookup to these services carries nothing out. Any other queried name, or any
/// malware word in the signature besides the tunnel, leaves the alert as it was.
/// </summary>
public static partial class SecurityDnsLookups
{
    public static void Explain(FamilyCase c, List<Evidence> evidence, string signature)
    {
        if (!evidence.Exists(e => e.Key is "dns_tunnel" or "malware_signature" or "rule_names_threat") || !DnsTunnelWords().IsMatch(signature)) return;
        if (WebEvidence.IsMalwareName(DnsTunnelWords().Replace(signature, " "))) return;
        var queried = c.Alert.Raw("dns_query", "query", "qname", "dns.rrname", "dns.question.name") ?? c.Alert.Field(CanonicalField.Domain);
        if (queried is null) return;
        var names = Name().Matches(queried.ToLowerInvariant()).Select(m => m.Value).ToList();
        if (names.Count == 0 || !names.All(n => LookupService().IsMatch(n))) return;
        for (var i = 0; i < evidence.Count; i++)
        {
            if (evidence[i].Key is "dns_tunnel" or "malware_signature" or "rule_names_threat" && evidence[i].Supports == Leaning.Malicious)
                evidence[i] = evidence[i] with { Weight = 0.3, Strong = false, Description = evidence[i].Description + ", though every queried name is a security product's lookup service" };
        }
        evidence.Add(new("security_dns_lookup", $"Every queried name belongs to a security product's DNS lookup service ('{CommonEvidence.Clip(names[0], 60)}'): file-reputation and blocklist lookups are long encoded names by design, and only that service's own name servers receive them",
            Leaning.Benign, 2.5, "signature"));
    }

    [GeneratedRegex(@"(?i)dns[ _:-]*tunnel\w*")]
    private static partial Regex DnsTunnelWords();

    [GeneratedRegex(@"[a-z0-9_-]+(?:\.[a-z0-9_-]+)+")]
    private static partial Regex Name();

    [GeneratedRegex(@"(?:^|\.)(?:sophosxl\.net|avqs\.mcafee\.com|avts\.mcafee\.com|e5\.sk|spamhaus\.org|spamhaus\.net|spamcop\.net|barracudacentral\.org|surbl\.org|uribl\.com|sorbs\.net|senderbase\.org|mailspike\.net)$")]
    private static partial Regex LookupService();
}
