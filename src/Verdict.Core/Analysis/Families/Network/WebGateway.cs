using System.Net;
using System.Text.RegularExpressions;
using Verdict.Ingest;

namespace Verdict.Analysis.Families.Network;

/// <summary>
/// A secure web gateway's (forward proxy's) record of a user browsing out: an internal client asking for a URL on a host
/// outside the organisation (Zscaler ZIA, Netskope, Symantec WSS, Forcepoint, a PAN-OS URL log). What a WAF's reasons say
/// of inbound requests does not hold here: an internal client and a request with no injection in it are what malware
/// calling home and data leaving look like. What does hold:
/// <list type="bullet">
/// <item>The gateway blocked (or held in its sandbox) a download or a page the user asked for, by its category policy or
/// its threat protection: nothing reached the device, the control did its job (a category block, a phishing or
/// malvertising page, a download held for detonation).</item>
/// <item>Not when what was blocked is the device itself calling out (a C2 or beacon callback, a botnet, a tunnel, a miner's
/// pool, data being exfiltrated): the block stopped one connection, but something is already running on the device.</item>
/// <item>Not for a data-loss (DLP) block or an upload: someone tried to send data out, and why must be asked.</item>
/// <item>A request the gateway allowed gets no benign reason from the record: what it was for is not in it.</item>
/// </list>
/// </summary>
public static partial class WebGateway
{
    /// <summary>True when an internal client asked for a URL on a host outside the organisation (context file domains, internal names and addresses excluded).</summary>
    public static bool IsOutbound(FamilyCase c, string uri)
    {
        var a = c.Alert;
        if (!FamilyCase.IsInternal(a.SourceIp) || NetworkRecord.IsDeviceBehaviour(a) || c.Context.KnownScanners.Contains(a.SourceIp)) return false;
        if (a.Field(CanonicalField.DestinationIp) is { } destination && FamilyCase.IsInternal(destination)) return false;
        var host = (WebSite.HostOf(uri) ?? "").Split(':')[0].Trim().TrimEnd('.').ToLowerInvariant();
        if (host.Length == 0 || !host.Contains('.', StringComparison.Ordinal) || host.Contains(' ', StringComparison.Ordinal)) return false;
        if (IPAddress.TryParse(host, out _)) return !FamilyCase.IsInternal(host);
        return !InternalName().IsMatch(host) && !c.Context.Domains.Any(d => host == d || host.EndsWith("." + d, StringComparison.Ordinal));
    }

    /// <summary>The gateway's evidence; the malware signature, if any, is read by the caller.</summary>
    public static void Add(FamilyCase c, List<Evidence> evidence, string uri, string signature)
    {
        var a = c.Alert;
        var host = WebSite.HostOf(uri);
        evidence.Add(new("outbound_browsing", $"An internal client ({a.SourceIp}) asked for a URL on an outside host ({CommonEvidence.Clip(host ?? uri, 60)}) through the web gateway: being internal says nothing for it (malware calling home and data leaving are internal clients too)",
            Leaning.Context, 0, "alert"));
        var result = (a.Field(CanonicalField.Result) ?? "").ToLowerInvariant();
        if (!WebEvidence.Blocked(a) && result is not ("quarantined" or "quarantine" or "sandbox quarantine")) return;
        if (CallingOut().Match(signature) is { Success: true } callout)
        {
            evidence.Add(new("blocked_callout", $"The gateway blocked the device calling out ('{CommonEvidence.Clip(callout.Value, 40)}'): the connection was stopped, but whatever made it is already running on the device",
                Leaning.Malicious, 2.0, "signature", Strong: true));
            return;
        }
        if (DataLoss(a, signature) is { } dlp)
        {
            evidence.Add(new("dlp_block", $"A data-loss rule stopped data leaving ({CommonEvidence.Clip(dlp, 40)}): mistake or theft, someone must ask why", Leaning.Context, 0, "alert"));
            return;
        }
        if ((a.Field(CanonicalField.HttpMethod) ?? "GET").ToUpperInvariant() is "POST" or "PUT" or "PATCH") return;
        var why = string.Join(", ", new[] { a.Description, a.Raw("urlcategory", "url_category", "urlcat", "category", "categories") }
            .Where(s => !string.IsNullOrWhiteSpace(s) && !ValueShape.IsPlaceholder(s)).Distinct(StringComparer.OrdinalIgnoreCase));
        evidence.Add(new("gateway_blocked", $"The web gateway {(result.StartsWith("quarantine", StringComparison.Ordinal) ? "held" : "blocked")} the user's request to {CommonEvidence.Clip(host ?? uri, 60)}{(why.Length > 0 ? $" ({CommonEvidence.Clip(why, 80)})" : "")} before anything reached the device: the policy or threat protection doing its job",
            Leaning.Benign, 3.0, "response"));
    }

    /// <summary>What a DLP rule matched, from the signature or a field named for DLP that holds a value; null when none.</summary>
    private static string? DataLoss(Alerts.Alert a, string signature)
    {
        if (DlpWords().Match(signature) is { Success: true } m) return m.Value;
        return a.Fields.FirstOrDefault(f => f.Key.Contains("dlp", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(f.Value) && !ValueShape.IsPlaceholder(f.Value)) is { Key: not null } f
            ? $"{f.Key}: {f.Value}" : null;
    }

    /// <summary>Traffic a device makes by itself once something runs on it: a C2 or beacon callback, a botnet, a tunnel, a miner's pool, exfiltration.</summary>
    [GeneratedRegex(@"(?i)\bc2\b|\bcnc\b|c&c|command.and.control|beacon|cobalt\s?strike|backdoor|botnet|\brat\b|remote access trojan|tunnel|exfil|sliver|meterpreter|metasploit|coin\s?miner|crypto\w*[ _.-]?min(?:er|ing)|xmrig|stratum|spyware|keylogger|stealer|callback|phone[ _-]?home|sinkhole|\bbot\b")]
    internal static partial Regex CallingOut();

    [GeneratedRegex(@"(?i)\bdlp\b|data[ _-]?loss|data[ _-]?leak|sensitive data|exact data match")]
    internal static partial Regex DlpWords();

    /// <summary>Host names only an internal resolver answers (".local", ".internal", ".corp", ".lan"...).</summary>
    [GeneratedRegex(@"\.(?:local|localdomain|internal|intranet|corp|lan|home\.arpa|localhost)$")]
    internal static partial Regex InternalName();
}
