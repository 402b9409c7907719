using System.Net;
using System.Text.RegularExpressions;
using Verdict.Ingest;

namespace Verdict.Analysis.Families.Network;

/// <summary>
/// What an intrusion-prevention signature says about the traffic, where there is often no request to read:
/// <list type="bullet">
/// <item>Its Snort classification (FTD, Snort, Suricata: "Attempted Administrator Privilege Gain", "Attempted Information
/// Leak", "A Network Trojan was Detected"...) or its name (remote code execution, buffer overflow, privilege escalation,
/// a known exploit, a "... Vulnerability" as IPS vendors name CVE signatures, not a vulnerability scan) claims an attack on a host; a policy, informational or user-agent signature (ET POLICY, ET USER_AGENTS, POLICY-*) does not.</item>
/// <item>An exploit of a named third-party product (Citrix, FortiOS, WordPress, Log4j...) from the internet that the
/// control blocked inline: the untargeted sweep every public address receives, stopped (a "would block" in detection
/// mode was not stopped; a listed bad address or the organisation's own scanner is not this).</item>
/// <item>Credential stuffing named by the product (a bot trying leaked passwords on this site's accounts), DNS tunnelling
/// (TXT floods, long encoded names), Tor from an internal client, and a cloud-storage sync tool
/// (rclone, MEGA) moving data out: what an analyst must ask about.</item>
/// <item>An HTA, VBScript or Windows Script file fetched from outside: a dropper's next stage.</item>
/// <item>An internal host reaching an address the context file lists as bad.</item>
/// </list>
/// </summary>
public static partial class IdsSignals
{
    private const string Src = "signature";

    /// <summary>Adds evidence; true when it found an attack.</summary>
    public static bool Add(FamilyCase c, List<Evidence> evidence, string signature, bool attacked)
    {
        var a = c.Alert;
        var ip = a.SourceIp;
        var found = false;
        var internalSource = FamilyCase.IsInternal(ip);
        if (internalSource && a.Field(CanonicalField.DestinationIp) is { } destination && c.Context.BadIps.Contains(destination))
        {
            evidence.Add(new("bad_destination", $"An internal host ({ip}) reached {destination}, listed as a known-bad address in the context file",
                Leaning.Malicious, 3.0, "context file", Strong: true));
            found = true;
        }
        if (ip is not null && c.Context.KnownScanners.Contains(ip)) return found;
        var claim = PolicyOrInfo().IsMatch(signature) ? null : a.Raw("Classification", "classtype", "alert.category", "class") is { } cls && AttackClass().IsMatch(cls) ? cls
            : ExploitName().Match(signature) is { Success: true } m && !IsLengthCheck(m.Value, signature) ? m.Value : null;
        if (claim is not null && !attacked)
        {
            evidence.Add(new("ids_attack_signature", $"The intrusion signature claims an attack on a host ('{CommonEvidence.Clip(claim, 60)}')", Leaning.Malicious, 1.0, Src));
            found = true;
            if (!internalSource && ip is not null && !c.Context.BadIps.Contains(ip) && Stopped(a) && Product().Match(signature) is { Success: true } product)
                evidence.Add(new("blocked_product_exploit", $"An exploit of a named product ('{product.Value}') from the internet that the control blocked inline: the untargeted sweep every public address receives, stopped",
                    Leaning.Benign, 3.5, "response"));
        }
        if (!internalSource && Stuffing().Match(signature) is { Success: true } stuffing)
        {
            evidence.Add(new("credential_stuffing", $"The product names credential stuffing or account takeover ('{stuffing.Value}'): leaked passwords tried against this site's own accounts, a targeted attack even when challenged",
                Leaning.Malicious, 1.2, Src));
            found = true;
        }
        if (DnsTunnel().Match(signature) is { Success: true } tunnel && !evidence.Exists(e => e.Key == "malware_signature"))
        {
            evidence.Add(new("dns_tunnel", $"The signature describes DNS tunnelling ('{CommonEvidence.Clip(tunnel.Value, 60)}'): data or commands hidden in DNS queries", Leaning.Malicious, 2.0, Src));
            found = true;
        }
        if (internalSource && Tor().Match(signature) is { Success: true } tor)
        {
            evidence.Add(new("anonymizer", $"An internal client used an anonymising network ('{tor.Value}'): against policy almost everywhere, and how a user or an implant hides traffic; someone must ask", Leaning.Malicious, 1.0, Src));
            found = true;
        }
        if (ScriptDownload().Match(signature) is { Success: true } script && !FamilyCase.IsInternal(a.Field(CanonicalField.DestinationIp)))
        {
            evidence.Add(new("script_download", $"A script file fetched from outside ('{CommonEvidence.Clip(script.Value, 60)}'): HTA, VBScript and Windows Script files are how phishing and macro droppers pull their next stage; browsers and updaters do not fetch them",
                Leaning.Malicious, 1.2, Src));
            found = true;
        }
        var host = a.Raw("hostname", "http_host", "url.domain", "server_name", "sni") ?? ""; // sni: the TLS server name (Suricata tls.sni)
        // The host alone counts only for a sensor that records no HTTP method (an application signature); a web request is
        // judged by what it did (an upload is WebSignals' file_share_upload; a browser's download is nothing).
        var hostHit = a.Field(CanonicalField.HttpMethod) is null && FileStore().IsMatch(host);
        if (internalSource && !evidence.Exists(e => e.Key is "file_share_upload" or "large_outbound") && (SyncTool().IsMatch(signature) || hostHit))
        {
            evidence.Add(new("cloud_storage_sync", $"An internal host moving files to a cloud-storage service{(host.Length > 0 ? $" ({CommonEvidence.Clip(host, 60)})" : "")} with a sync tool or its API: how data leaves", Leaning.Malicious, 1.5, Src));
            found = true;
        }
        return found;
    }

    /// <summary>A WAF's "buffer overflow" check that its own message describes as a length over a configured maximum
    /// ("URL length (2391) is greater than maximum allowed (2048)"): a size limit, judged by the request like any other.</summary>
    private static bool IsLengthCheck(string claim, string signature) =>
        claim.Contains("overflow", StringComparison.OrdinalIgnoreCase) && LengthOverLimit().IsMatch(signature)
        && !signature.Contains("attack signature", StringComparison.OrdinalIgnoreCase); // a signature matched as well: that is no length check

    /// <summary>A length limit the request went over: "length greater than max", or a WAF's length violation ("Illegal header
    /// length", "Illegal request length", as F5 ASM names them and files them under the attack type Buffer Overflow).</summary>
    [GeneratedRegex(@"(?i)\b(?:length|size)\b.{0,30}\b(?:greater than|exceeds?|over)\b.{0,12}\bmax|\billegal (?:header|request|url|query string|post data|cookie|parameter(?: value)?) length\b")]
    private static partial Regex LengthOverLimit();

    /// <summary>A destination that is a multicast or broadcast address: local service discovery (SSDP, mDNS, LLMNR), not a sweep of hosts.</summary>
    public static bool IsDiscoveryAddress(string? address) =>
        address is not null && IPAddress.TryParse(address, out var ip) && (ip.IsIPv6Multicast || ip.ToString() == "255.255.255.255"
            || (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && ip.GetAddressBytes()[0] is >= 224 and <= 239));

    private static bool Stopped(Verdict.Alerts.Alert a) => (a.Field(CanonicalField.Result) ?? "").ToLowerInvariant() is "blocked" or "block" or "dropped" or "drop" or "deny" or "denied" or "reset" or "reset-both" or "reset-server" or "rejected";

    /// <summary>Snort classifications that claim an attack on a host. "Executable code was detected" is left out: NOP-sled and
    /// shellcode signatures match binary data (images, archives, medical studies) all day.</summary>
    [GeneratedRegex(@"(?i)privilege gain|information leak|web application attack|network trojan|successful .{0,20}(?:privilege|recon)")]
    private static partial Regex AttackClass();

    [GeneratedRegex(@"(?i)remote[ ._-]?code[ ._-]?execution|\brce\b|buffer[ ._-]?overflow|privilege[ ._-]?(?:escalation|elevation)|known[ ._-]?exploits?|\bexploit(?:ation)?\b|directory[ ._-]?traversal|\bvulnerabilit(?:y|ies)\b(?![ ._-]?scan)|\bcve-\d{4}-\d+")]
    private static partial Regex ExploitName();

    /// <summary>Policy, informational and user-agent signatures (ET POLICY, ET INFO, ET USER_AGENTS, Snort POLICY-*): what software is in use, not an attack.</summary>
    [GeneratedRegex(@"(?i)\bET (?:POLICY|INFO|USER_AGENTS)\b|\bGPL INFO\b|\bPOLICY-|^policy\b")]
    private static partial Regex PolicyOrInfo();

    /// <summary>The well-known third-party product a signature names (Struts, FortiOS, WordPress...), or null.</summary>
    public static string? NamedProduct(string signature) => Product().Match(signature) is { Success: true } m ? m.Value : null;

    [GeneratedRegex(@"(?i)citrix|netscaler|forti(?:os|gate|net|web)|ssl[ ._-]?vpn|pulse[ ._-]?secure|ivanti|wordpress|joomla|drupal|log4j|struts|weblogic|confluence|exchange|vbulletin|phpmyadmin|phpunit|thinkphp|big-?ip|sonicwall|zyxel|netgear|d-?link|hikvision|gpon|moveit|jenkins|tomcat|jboss|coldfusion|sharepoint|solarwinds|vmware|palo ?alto|globalprotect|sophos|cisco asa|microsoft windows smb|ms17-010|eternalblue")]
    private static partial Regex Product();

    [GeneratedRegex(@"(?i)dns[ ._:-]*(?:tunnel\w*|exfil\w*)|txt records? .{0,40}(?:long|encoded)|(?:long|encoded|high[ -]entropy) (?:dns )?(?:names|labels|subdomains|queries)|iodine|dnscat")]
    private static partial Regex DnsTunnel();

    /// <summary>A download of an HTA, VBScript or Windows Script file named by the signature ("HTTP:STC:DL:HTA-FILE") or its URL.</summary>
    [GeneratedRegex(@"(?i)\b(?:dl|download\w*|fetch\w*)\W{1,3}(?:hta|vbs|vbe|wsf|wsh|jse|sct)\b|\b(?:hta|vbs|vbe|wsf|sct)[ _-]?(?:file|download)|[\w-]\.(?:hta|vbs|vbe|wsf|sct)\b")]
    private static partial Regex ScriptDownload();

    [GeneratedRegex(@"(?i)credential[ _-]?stuffing|account[ _-]?takeover")]
    private static partial Regex Stuffing();

    [GeneratedRegex(@"(?i)\btor\b(?:[ ._-]?(?:browser|connection|relay|exit|onion|traffic))?|\bonion\b")]
    private static partial Regex Tor();

    [GeneratedRegex(@"(?i)rclone|megasync|megacmd|mega\.(?:nz|co\.nz|io)|\bmega[ ._-]?(?:cloud|storage|upload|sync)\b|restic")]
    private static partial Regex SyncTool();

    /// <summary>A host name that is one of the file-sharing services (<see cref="WebSignals.FileShareServices"/>), with its top-level domain when the list omits it.</summary>
    [GeneratedRegex(@"(?i)(?:^|\.)(?:" + WebSignals.FileShareServices + @")(?:\.[a-z]{2,6})?$")]
    private static partial Regex FileStore();
}
