using System.Globalization;
using System.Text.RegularExpressions;
using Verdict.Alerts;
using Verdict.Ingest;

namespace Verdict.Analysis.Families.Network;

/// <summary>
/// What the product itself concluded, and IDS/NDR notices that are about posture or background noise rather than an
/// attack on anyone: the WAF's own low rating (F5 violation rating 1-2, "most likely a false positive"); a WAF in
/// prevention mode that only logged the request (its anomaly score stayed under the blocking threshold); a firewall
/// file-type log (a download of a kind of file, not a malware verdict); a certificate or software-version notice, or the
/// sensor's own capture-loss or packet-filter notice (about the sensor, not the traffic); an
/// internet scan or password-guessing notice from outside (those notices count failures; a success is its own notice).
/// An internal host sweeping the network is the opposite: reconnaissance from inside, unless it is a load-testing tool run
/// from the organisation's automation egress (context file) with no attack in the request, or the host's firewall blocked
/// it on a Public network profile (a hotel's private addresses are other guests, not the organisation's machines), and so
/// is an internal host guessing passwords on an internal server (unless the account is a listed service account: its job
/// retrying stale credentials is then named). Credentials sent in cleartext between two internal hosts is a hardening
/// finding (to an outside host it is not closed). An NDR detection of a listed administrator's or service account's
/// device inside a declared maintenance window, with nothing malicious found, is the window's work. A large outbound
/// transfer to a file-sharing service is data leaving.
/// </summary>
public static partial class NetworkVerdicts
{
    /// <summary>Adds evidence; true when it found something malicious.</summary>
    public static bool Add(FamilyCase c, List<Evidence> evidence, string signature, bool attacked)
    {
        var a = c.Alert;
        var ip = a.SourceIp;
        var external = ip is not null && !FamilyCase.IsInternal(ip) && !c.Context.KnownScanners.Contains(ip);
        if (!attacked && int.TryParse(a.Raw("violation_rating"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var rating) && rating is >= 1 and <= 2)
            evidence.Add(new("vendor_low_rating", $"The WAF itself rated the request {rating} of 5 (1-2: most likely a false positive)", Leaning.Benign, 1.0, "alert"));
        var mode = (a.Raw("properties.policyMode", "policyMode") ?? "").ToLowerInvariant();
        var action = (a.Field(CanonicalField.Result) ?? "").ToLowerInvariant();
        if (!attacked && mode == "prevention" && action is "log" or "anomalyscoring" or "allow" or "matched")
            evidence.Add(new("waf_below_threshold", "The WAF was enforcing (prevention mode) and let the request through: this rule's match alone stayed under its blocking threshold",
                Leaning.Benign, 0.8, "alert"));
        // PAN-OS names the log's subtype "subtype" in its own syslog and "threat_content_type" (Threat/Content Type) in its field list.
        if (!attacked && string.Equals(a.Raw("subtype", "threat_content_type"), "file", StringComparison.OrdinalIgnoreCase) && !WebEvidence.IsMalwareName(signature))
            evidence.Add(new("file_type_log", $"A file-type log ('{CommonEvidence.Clip(a.Raw("threatid") ?? a.Rule, 60)}'): the firewall records every download of this kind of file; it is not a malware verdict",
                Leaning.Benign, 1.2, "alert"));
        var dstInternal = FamilyCase.IsInternal(a.Raw("id.resp_h", "dst_addr") ?? a.Field(CanonicalField.DestinationIp));
        var p = Posture().Match(signature);
        if (p.Success && (!p.Value.Contains("invalid", StringComparison.OrdinalIgnoreCase) || dstInternal))
            evidence.Add(new("posture_notice", $"The notice is about configuration or software state ('{p.Value}'), not activity against anyone", Leaning.Benign, 1.5, "signature"));
        else if (p.Success && a.Raw("id.resp_h", "dst_addr") is { } server && !FamilyCase.IsInternal(server))
        {
            evidence.Add(new("untrusted_certificate", $"A client reached an internet server ({server}) whose certificate fails validation: interception, or a command server's self-made certificate",
                Leaning.Malicious, 0.6, "signature"));
            return true;
        }
        if (!attacked && Scan().IsMatch(signature))
        {
            if (external)
                evidence.Add(new("internet_scan", $"A scan from the internet ({ip}): internet-wide scanners sweep every public address daily", Leaning.Benign, 1.5, "signature"));
            else if (IdsSignals.IsDiscoveryAddress(a.Raw("id.resp_h", "dst_addr", "DstIP") ?? a.Field(CanonicalField.DestinationIp)))
                evidence.Add(new("local_discovery", "The \"scan\" went to a multicast or broadcast address: local service discovery (SSDP, mDNS, LLMNR) every device does, not a sweep of hosts",
                    Leaning.Benign, 2.0, "signature"));
            else if (ip is not null && FamilyCase.IsInternal(ip) && !c.Context.KnownScanners.Contains(ip) && BlockedOnPublicNetwork(a))
                evidence.Add(new("public_network_probe", $"The host's firewall blocked the probe from {ip} while the host was on a Public network (hotel, café or home Wi-Fi): a private address there is another guest's device, not one of the organisation's machines, and nothing got in",
                    Leaning.Benign, 1.5, "signature"));
            else if (ip is not null && c.Context.AutomationEgress.Contains(ip) && evidence.Exists(e => e.Key == "load_test"))
                evidence.Add(new("automation_load_test", $"A load-testing tool run from the organisation's CI/automation egress {ip} (context file automation_egress), with no attack in the request: the rate or scanner notice is the test's volume",
                    Leaning.Benign, 1.5, "context file"));
            else if (ip is not null && FamilyCase.IsInternal(ip) && !c.Context.KnownScanners.Contains(ip))
            {
                evidence.Add(new("internal_scan", $"An internal host ({ip}) that is not a listed scanner swept the network: reconnaissance from inside, or a misbehaving application someone must name", Leaning.Malicious, 1.0, "signature"));
                return true;
            }
        }
        if (!attacked && external && Guessing().IsMatch(signature) && !Success().IsMatch(signature))
            evidence.Add(new("internet_guessing", $"Password guessing from the internet ({ip}); the notice counts failed attempts, and no success was reported",
                Leaning.Benign, 1.2, "signature"));
        else if (!attacked && ip is not null && FamilyCase.IsInternal(ip) && !c.Context.KnownScanners.Contains(ip) && dstInternal && Guessing().IsMatch(signature)
            && !c.Context.IsServiceAccount(a.User))
        {
            evidence.Add(new("internal_guessing", $"Password guessing from an internal host ({ip}) against an internal server: a compromised machine spreading, or a job with stale credentials someone must name",
                Leaning.Malicious, 1.0, "signature"));
            return true;
        }
        if (!attacked && Cleartext().Match(signature) is { Success: true } cleartext && ip is not null && FamilyCase.IsInternal(ip) && dstInternal)
            evidence.Add(new("internal_cleartext_credentials", $"The notice is about how a protocol carries credentials between two internal hosts ('{cleartext.Value}'): a hardening finding, not activity against anyone",
                Leaning.Benign, 1.5, "signature"));
        if (Outbound().IsMatch(signature))
        {
            var share = FileShareHost().IsMatch($"{signature} {a.Raw("sub")}");
            evidence.Add(new("large_outbound", $"A large outbound transfer{(share ? " to a file-sharing service" : "")}: data may be leaving", Leaning.Malicious, share ? 2.0 : 1.2, "signature"));
            return true;
        }
        return false;
    }

    /// <summary>
    /// A host firewall that blocked the traffic and says which Windows network profile the host was on: Public is a network
    /// the host does not trust (Domain and Private are the organisation's or the user's own).
    /// </summary>
    private static bool BlockedOnPublicNetwork(Alert a) =>
        string.Equals(a.Raw("network_profile", "networkprofile", "network.profile"), "public", StringComparison.OrdinalIgnoreCase)
        && (a.Flag("blocked") == true || (a.Field(CanonicalField.Result) ?? "").Contains("block", StringComparison.OrdinalIgnoreCase));

    /// <summary>An NDR detection of an internal device's behaviour, by a listed administrator or service account, inside a
    /// declared maintenance window, with nothing malicious found: the window's work (patching, reboot checks, pushes).</summary>
    public static void Maintenance(FamilyCase c, List<Evidence> evidence)
    {
        var a = c.Alert;
        if (!NetworkRecord.IsDeviceBehaviour(a) || !FamilyCase.IsInternal(a.SourceIp) || a.Time is not { } time
            || c.Context.MaintenanceAt(time) is not { } window || !(c.IsPrivileged || c.Context.IsServiceAccount(a.User))) return;
        evidence.Add(new("maintenance_window", $"During the declared maintenance window ({CommonEvidence.Clip(window.Description, 60)}), by {(c.IsPrivileged ? "a listed administrator" : "a listed service account")} from inside",
            Leaning.Benign, 0.8, "context file"));
    }

    [GeneratedRegex(@"(?i)SSL::(?:Invalid_Server_Cert|Certificate_Expire[sd]\w*|Certificate_Not_Valid_Yet|Old_Version|Weak_Key|Weak_Cipher)|Software::(?:Vulnerable_Version|Software_Version_Change)|certificate (?:expir|will expire)|CaptureLoss::\w+|PacketFilter::\w+|capture[ _-]loss")]
    private static partial Regex Posture();

    /// <summary>A scan notice; a word may follow an underscore ("anomaly: tcp_port_scan", "udp_scan" as IPS anomaly names write them).</summary>
    [GeneratedRegex(@"(?i)Scan::|(?:\b|(?<=_))port[ _-]?scan|(?:\b|(?<=_))address[ _-]?scan|(?:\b|(?<=_))scan(?:ned|ning|ner)?(?:\b|(?=_))|\bsweep")]
    private static partial Regex Scan();

    [GeneratedRegex(@"(?i)password[ _-]?guess|brute[ _-]?(?:forc|login)")]
    private static partial Regex Guessing();

    [GeneratedRegex(@"(?i)clear[ _-]?text[ _-]?(?:passwords?|credentials?|logins?|auth\w*)")]
    private static partial Regex Cleartext();

    [GeneratedRegex(@"(?i)login_by_password_guesser|success|succeeded")]
    private static partial Regex Success();

    [GeneratedRegex(@"(?i)large[ _-]?outbound|outbound[ _-]?transfer|data[ _-]?exfil|exfiltration")]
    private static partial Regex Outbound();

    [GeneratedRegex(@"(?i)" + WebSignals.FileShareServices + "|gofile|catbox|dropbox")]
    private static partial Regex FileShareHost();
}
