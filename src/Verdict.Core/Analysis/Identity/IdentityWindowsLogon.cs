using System.Text.RegularExpressions;
using Verdict.Alerts;
using Verdict.Analysis.Families;

namespace Verdict.Analysis.Identity;

/// <summary>
/// Windows Security logon and Kerberos events that are attack techniques in themselves, wherever they come from, read
/// from the event's documented fields (<c>EventID</c>, <c>LogonType</c>, <c>AuthenticationPackageName</c>,
/// <c>WorkstationName</c>, <c>TicketEncryptionType</c>, <c>Status</c>, and <c>PreAuthType</c> in <c>EventData</c>):
/// <list type="bullet">
/// <item>a TGT issued without pre-authentication (4768, PreAuthType 0): what AS-REP roasting asks for, RC4 (0x17) to
/// crack it offline;</item>
/// <item>a privileged account's NTLM network logon (type 3): how a stolen hash is replayed (domain admins log on with
/// Kerberos, from their admin hosts);</item>
/// <item>an NTLM network logon from a machine with Windows' default name (DESKTOP-XXXXXXX, WIN-XXXXXXXXXXX), a computer
/// nobody joined to the domain;</item>
/// <item>the built-in Administrator tried over the network, and a workstation named after an attack distribution
/// (kali, parrot).</item>
/// </list>
/// An intruder inside the network does these: being inside earns such an event no credit (<see cref="RidesInsideTrust"/>).
/// </summary>
public static partial class IdentityWindowsLogon
{
    private const string Src = "alert";

    public static void Add(IdentityCase c, List<Evidence> evidence)
    {
        if (c.Alerts.Count == 0) return;
        var alert = c.Alerts[0];
        // A machine named after an attack distribution is no scanner appliance, whatever address it uses.
        if (AttackHost(alert) is { } host)
            evidence.Add(new("attack_distribution_host", $"The logon came from a workstation named '{host}', the default name of a penetration-testing distribution, not one of the organisation's machines", Leaning.Malicious, 2.0, Src));
        if (c.Context.KnownScanners.Contains(IdentitySignIn.SourceIp(alert))) return;
        if (AsRepRoast(alert) is { } rc4)
            evidence.Add(new("as_rep_roast", $"A Kerberos TGT for {c.Who} was issued without pre-authentication (PreAuthType 0){(rc4 ? " with RC4 encryption (0x17)" : "")}: whoever asked can crack the account's password offline (AS-REP roasting)",
                Leaning.Malicious, rc4 ? 2.0 : 1.5, Src));
        if (!IsNetworkLogon(alert)) return;
        if (IdentityDirectoryActivity.IsBuiltInAccount(c.User))
            evidence.Add(new("builtin_admin_network", $"The built-in account {c.Who} was used over the network: administrators use their own named accounts, password guessers and lateral movement use the built-in one", Leaning.Malicious, 1.0, Src));
        if (!IsNtlm(alert)) return;
        if (c.IsPrivileged)
            evidence.Add(new("privileged_ntlm_logon", $"{c.Who}, a privileged account, logged on over the network with NTLM{Workstation(alert)}: a replayed password hash (pass-the-hash) looks like this; administrators' own logons use Kerberos",
                Leaning.Malicious, 1.5, Src));
        if (Workstation(alert).Length > 0 && DefaultWindowsName().IsMatch(alert.Raw("WorkstationName", "Workstation_Name", "workstation_name") ?? ""))
            evidence.Add(new("unmanaged_workstation", $"The NTLM network logon came from a machine with Windows' default name{Workstation(alert)}: a computer nobody joined to the domain, such as a personal PC", Leaning.Malicious, 1.0, Src));
    }

    /// <summary>True when the event is an attack technique, so being inside the network or on a service account's machine explains nothing.</summary>
    public static bool RidesInsideTrust(IdentityCase c, Alert alert)
    {
        if (AsRepRoast(alert) is not null || AttackHost(alert) is not null) return true;
        if (!IsNetworkLogon(alert) || c.Context.KnownScanners.Contains(IdentitySignIn.SourceIp(alert))) return false;
        return IdentityDirectoryActivity.IsBuiltInAccount(c.User) || (IsNtlm(alert) && (c.IsPrivileged || DefaultWindowsName().IsMatch(alert.Raw("WorkstationName") ?? "")));
    }

    /// <summary>A logon at the machine itself (no remote address: "-" or loopback) by a batch job, a service or a person at its console.</summary>
    public static bool OnTheMachineItself(Alert alert) =>
        IdentityDirectoryActivity.IsLogonEvent(alert) && alert.Raw("IpAddress", "ip_address", "src_ip")?.Trim() is null or "-" or "127.0.0.1" or "::1"
        && LogonType(alert) is "2" or "4" or "5" or "7" or "11";

    /// <summary>Null when not an AS-REP roast; else whether the ticket was RC4.</summary>
    private static bool? AsRepRoast(Alert alert)
    {
        if (EventId(alert) != "4768" || Status(alert) is not ("0x0" or "0" or null)) return null; // a SIEM record without the status reports the ticket
        if (EventData(alert, "PreAuthType") is not "0") return null;
        var encryption = alert.Raw("TicketEncryptionType") ?? EventData(alert, "TicketEncryptionType");
        return encryption?.Trim().ToLowerInvariant() is "0x17" or "0x18";
    }

    internal static string? AttackHost(Alert alert) =>
        alert.Raw("WorkstationName", "Workstation_Name", "workstation_name")?.Trim() is { } name && AttackDistribution().IsMatch(name) ? name : null;

    private static bool IsNetworkLogon(Alert alert) => EventId(alert) is "4624" or "4625" && LogonType(alert) == "3";

    private static bool IsNtlm(Alert alert) =>
        (alert.Raw("AuthenticationPackageName", "Authentication_Package", "authentication_package") ?? "").Contains("NTLM", StringComparison.OrdinalIgnoreCase)
        || (alert.Raw("LmPackageName", "Package_Name") ?? "").Contains("NTLM", StringComparison.OrdinalIgnoreCase);

    private static string Workstation(Alert alert) =>
        alert.Raw("WorkstationName", "Workstation_Name", "workstation_name")?.Trim() is { Length: > 0 } w and not "-" ? $" (workstation {CommonEvidence.Clip(w, 40)})" : "";

    internal static string? EventId(Alert alert) => alert.Raw("EventID", "EventCode", "event_code", "winlog.event_id")?.Trim()
        ?? (alert.Raw("metadata_deviceEventId") is { } sumo && sumo.StartsWith("Security-", StringComparison.OrdinalIgnoreCase) ? sumo["Security-".Length..].Trim() : null); // Sumo Logic record

    private static string? LogonType(Alert alert) => alert.Raw("LogonType", "Logon_Type", "logon_type", "winlog.event_data.LogonType")?.Trim();

    /// <summary>The event's result code: 0x0 is success for Kerberos events (4768, 4769), anything else a failure.</summary>
    internal static string? Status(Alert alert) => (alert.Raw("Status", "Result_Code") ?? EventData(alert, "Status"))?.Trim().ToLowerInvariant();

    /// <summary>A value of Sentinel's <c>EventData</c> XML (<c>&lt;Data Name="PreAuthType"&gt;0&lt;/Data&gt;</c>) or its flattened field.</summary>
    internal static string? EventData(Alert alert, string name)
    {
        if (alert.Raw(name, "winlog.event_data." + name) is { } direct) return direct.Trim();
        if (alert.Raw("EventData") is not { } xml) return null;
        var m = Regex.Match(xml, "<Data Name=\"" + Regex.Escape(name) + "\">([^<]*)</Data>", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        return m.Success ? m.Groups[1].Value.Trim() : null;
    }

    /// <summary>Windows setup's random names: DESKTOP- or LAPTOP- and 7-8 characters, WIN- and 11, with a digit among them.</summary>
    [GeneratedRegex(@"^(?:(?:DESKTOP|LAPTOP)-(?=[A-Z0-9]*\d)[A-Z0-9]{7,8}|WIN-(?=[A-Z0-9]*\d)[A-Z0-9]{11})$", RegexOptions.IgnoreCase)]
    private static partial Regex DefaultWindowsName();

    [GeneratedRegex(@"^(?:kali|parrot|blackarch|pentoo)(?:[-.].*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex AttackDistribution();
}
