using System.Text.RegularExpressions;
using Verdict.Alerts;
using Verdict.Analysis.Families;

namespace Verdict.Analysis.Identity;

/// <summary>
/// Why a Windows / Active Directory identity rule fires on ordinary administration, read from the Security event
/// fields SIEMs keep (<c>Process_Name</c>, <c>Logon_Type</c>, <c>Ticket_Encryption_Type</c>, <c>Service_Name</c>,
/// <c>src_user</c> / <c>SubjectUserName</c>):
/// <list type="bullet">
/// <item>the built-in Administrator used by an operating-system deployment engine (an MECM / MDT task sequence, Windows
/// setup) at the machine's own console: imaging logs on that way by design;</item>
/// <item>RC4 Kerberos tickets requested by one of the organisation's own service accounts for a single service from an
/// internal machine: a legacy client that cannot do AES (Kerberoasting is a user asking for many services' tickets);</item>
/// <item>a short-lived account created and deleted by one of the organisation's privileged accounts from inside,
/// during business hours: an administrator testing a workflow.</item>
/// </list>
/// None applies from outside the network, and none outvotes a malicious observation: it only explains the rule.
/// </summary>
public static partial class IdentityDirectoryActivity
{
    private const string Src = "alert";

    public static void Add(IdentityCase c, List<Evidence> evidence)
    {
        if (c.Alerts.Count == 0) return;
        var alert = c.Alerts[0];
        var ip = IdentitySignIn.SourceIp(alert);
        if (ip is not null && (!FamilyCase.IsInternal(ip) || c.Context.BadIps.Contains(ip))) return;
        DeploymentBuiltIn(c, alert, evidence);
        LegacyKerberosClient(c, alert, evidence);
        AdminTestAccount(c, alert, evidence);
    }

    private static void DeploymentBuiltIn(IdentityCase c, Alert alert, List<Evidence> evidence)
    {
        if (!IsBuiltInAccount(c.User)) return;
        if (alert.Raw("Process_Name", "ProcessName", "process_path", "process.executable", "process") is not { } process || !DeploymentEngine().IsMatch(process)) return;
        // A deployment engine logs on at the machine itself (interactive, 2) or as a service (5); a remote logon (3, 10) is someone else.
        var logonType = alert.Raw("Logon_Type", "LogonType", "logon_type", "winlog.event_data.LogonType");
        if (logonType is not null && logonType.Trim() is not ("2" or "5" or "11")) return;
        evidence.Add(new("deployment_builtin_account",
            $"The built-in account {c.Who} was used by an operating-system deployment engine ({CommonEvidence.Clip(process, 60)}) at the machine itself: imaging and task sequences log on this way by design",
            Leaning.Benign, 1.5, Src));
    }

    private static void LegacyKerberosClient(IdentityCase c, Alert alert, List<Evidence> evidence)
    {
        var encryption = alert.Raw("Ticket_Encryption_Type", "TicketEncryptionType", "ticket_encryption_type", "winlog.event_data.TicketEncryptionType");
        var rc4 = encryption?.Trim().ToLowerInvariant() is "0x17" or "0x18" or "23" or "24" || Rc4Rule().IsMatch(alert.Rule);
        if (!rc4 || !c.Context.IsServiceAccount(c.User)) return;
        var service = alert.Raw("Service_Name", "ServiceName", "service_name", "winlog.event_data.ServiceName");
        // One named service, not the ticket-granting service and not a list: a roaster asks for many services' tickets.
        if (service is null || service.Contains("krbtgt", StringComparison.OrdinalIgnoreCase) || service.IndexOfAny([',', ';', ' ', '|']) >= 0) return;
        evidence.Add(new("legacy_kerberos_client",
            $"{c.Who}, one of the organisation's service accounts, asked from an internal machine for RC4 tickets to a single service ({CommonEvidence.Clip(service, 60)}): a legacy client that cannot use AES; Kerberoasting is a user asking for many services' tickets",
            Leaning.Benign, 1.5, Src));
    }

    private static void AdminTestAccount(IdentityCase c, Alert alert, List<Evidence> evidence)
    {
        if (!ShortLivedRule().IsMatch(alert.Rule) || alert.Time is not { } time) return;
        var creator = Account(alert.Raw("src_user", "SubjectUserName", "subject_user_name", "creator", "created_by", "initiated_by", "winlog.event_data.SubjectUserName"));
        if (creator is null || !c.Context.IsPrivileged(creator) || creator.Equals(c.User, StringComparison.OrdinalIgnoreCase)) return;
        if (!c.Context.BusinessHours.Contains(c.Context.ToLocal(time))) return;
        evidence.Add(new("admin_test_account",
            $"The short-lived account {c.Who} was created and deleted by {creator}, one of the organisation's administrators, from inside the network during business hours: an administrator testing account provisioning",
            Leaning.Benign, 1.0, Src));
    }

    /// <summary>A Windows logon or Kerberos event (Security 4624, 4625, 4648, 4768, 4769, 4771, 4776) or a record with a logon type.</summary>
    public static bool IsLogonEvent(Alert alert) =>
        alert.Has("Logon_Type", "LogonType", "winlog.event_data.LogonType")
        || alert.Raw("EventCode", "EventID", "winlog.event_id")?.Trim() is "4624" or "4625" or "4648" or "4768" or "4769" or "4771" or "4776";

    /// <summary>"DOMAIN\user" and "user@domain" as the bare account name.</summary>
    private static string? Account(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var name = raw.Trim();
        if (name.LastIndexOf('\\') is var slash and >= 0) name = name[(slash + 1)..];
        if (name.IndexOf('@', StringComparison.Ordinal) is var at and > 0) name = name[..at];
        return name.ToLowerInvariant();
    }

    /// <summary>Windows' built-in accounts (the local Administrator, Guest, DefaultAccount).</summary>
    public static bool IsBuiltInAccount(string? user) => BuiltInAccount().IsMatch(user ?? "");

    [GeneratedRegex(@"(?i)^(?:administrator|admin|guest|defaultaccount)$")]
    private static partial Regex BuiltInAccount();

    /// <summary>MECM / SCCM task sequences, MDT Lite Touch, Windows setup and OOBE.</summary>
    [GeneratedRegex(@"(?i)\\_SMSTaskSequence\\|\bTsManager\.exe$|\bTSMBootstrap\.exe$|\bOSDSetupHook\.exe$|\bLiteTouch\.(?:exe|wsf)$|\\Deploy\\Scripts\\|\bwindeploy\.exe$|\\Windows\\Panther\\|\boobe\\")]
    private static partial Regex DeploymentEngine();

    [GeneratedRegex(@"(?i)\brc4\b|encryption type 0x17|weak (?:kerberos )?encryption")]
    private static partial Regex Rc4Rule();

    [GeneratedRegex(@"(?i)short[- ]?lived (?:windows |user |local )?account|account created and deleted|created and (?:then )?deleted")]
    private static partial Regex ShortLivedRule();
}
