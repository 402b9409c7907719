using System.Text.RegularExpressions;
using Verdict.Alerts;

namespace Verdict.Analysis.Identity;

/// <summary>
/// A rule that fired because an administrator or a service account worked outside business hours (the rule says so, or
/// the sign-in succeeded outside business hours), when the alert's
/// own time falls in one of the organisation's maintenance windows (context file) and the sign-in came from the
/// organisation's own machines or its VPN egress, from a device the product does not call unmanaged or untrusted: the window is why they worked then.
/// An administrator's plain sign-in or session (a rule naming only the sign-in, no attack word) from there during a window
/// is the window's work too, whatever the hour. It explains the hour and the sign-in only: an attack technique
/// (<see cref="IdentityWindowsLogon"/>) or a sign-in from outside gets nothing, and any malicious observation still counts.
/// </summary>
public static partial class IdentityMaintenance
{
    public static void Add(IdentityCase c, List<Evidence> evidence)
    {
        if (c.Window.Count > 0 || c.Alerts.Count == 0) return; // the activity detectors judge hours from the logs
        var alert = c.Alerts[0];
        if (alert.Time is not { } time) return;
        // The rule names the hour, or the sign-in itself was outside business hours (what off-hours detections fire on), or
        // an administrator's plain sign-in or session that did not fail, under a rule naming nothing an intruder does.
        var plainAdminSignIn = c.IsPrivileged && IdentitySignIn.Read(alert).Succeeded != false && IdentityAlertPosture.SignInRule().IsMatch(alert.Rule);
        if (!AfterHoursRule().IsMatch(alert.Rule) && !plainAdminSignIn && (c.Context.BusinessHours.Contains(c.Context.ToLocal(time)) || IdentitySignIn.Read(alert).Succeeded != true)) return;
        // An account or privilege change is judged on what was changed, not on when: the window explains a sign-in's hour only.
        if (!AfterHoursRule().IsMatch(alert.Rule) && Families.CommonEvidence.AccountChange().IsMatch(alert.Rule)) return;
        if (!c.IsPrivileged && !c.Context.IsServiceAccount(c.User)) return;
        if (c.Context.MaintenanceAt(time) is not { } window) return;
        var ip = IdentitySignIn.SourceIp(alert);
        if (IdentityWindowsLogon.RidesInsideTrust(c, alert) || !(IdentityOrigin.OwnMachine(c, alert, ip) || c.Context.VpnEgress.Contains(ip))) return;
        // The product says the device is one the organisation does not manage or trust: inside the network is no alibi then.
        if (IdentitySignIn.Read(alert).Managed == false) return;
        evidence.Add(new("maintenance", $"The alert fired on the hour ({c.Local(time)} on {c.LocalDay(time)}), which falls in the maintenance window '{window.Description}'; {c.Who} is one of the organisation's administrators or service accounts, working from its own network",
            Leaning.Benign, 1.5, "context file"));
    }

    [GeneratedRegex(@"(?i)after[- ]?hours|off[- ]?hours|outside (?:of )?(?:business|working|office) hours|unusual ?(?:hour|time)|irregular ?hours?|at night|overnight|before business hours")]
    private static partial Regex AfterHoursRule();
}
