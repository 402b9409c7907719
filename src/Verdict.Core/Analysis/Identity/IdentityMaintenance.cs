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

    /// <summary>
    /// An administrator's plain sign-in in business hours (context file) that succeeded, from the organisation's own network
    /// or its VPN egress: the product logged the sign-in itself (a rule naming only a sign-in, as an admin console's
    /// "admin_login_attempt" or a session start), not an anomaly it found (new, unusual, suspicious, risky, travel,
    /// location...), and saw nothing new (no positive behaviour such as a new device) and no refused or missing factor, from
    /// a device it does not call unmanaged, in a usual country or an unplaced one. The VPN hides where the admin is, but an
    /// administrator at work through the organisation's own VPN in office hours is what such a log shows all day; a stolen
    /// admin account is used from the attacker's own address, out of hours, or with the anomaly the product names.
    /// </summary>
    public static void AddInHours(IdentityCase c, List<Evidence> evidence)
    {
        // Every alert of the case must be such a sign-in: one plain sign-in does not explain what else the account did.
        if (c.Window.Count > 0 || c.Alerts.Count == 0 || !c.IsPrivileged || !c.Alerts.All(a => PlainSignInInHours(c, a))) return;
        var time = c.Alerts[0].Time!.Value;
        evidence.Add(new("admin_signin_in_hours", $"{c.Who}, one of the organisation's administrators, signed in at {c.Local(time)} on {c.LocalDay(time)}, in business hours, from the organisation's own network or VPN; the product logged the sign-in, not an anomaly",
            Leaning.Benign, 1.0, "context file"));
    }

    private static bool PlainSignInInHours(IdentityCase c, Alert alert)
    {
        if (alert.Time is not { } time || !c.Context.BusinessHours.Contains(c.Context.ToLocal(time))) return false;
        var rule = alert.Rule.Replace('_', ' ').Replace('.', ' ');
        if (!IdentityAlertPosture.SignInRule().IsMatch(rule) || Anomaly().IsMatch(rule)) return false;
        var s = IdentitySignIn.Read(alert);
        if (s.Succeeded != true || s.Mfa == false || s.Managed == false || s.Behaviors.Values.Any(positive => positive)) return false;
        if (s.Country is { } country && c.Context.UsualCountries.Count > 0 && !c.Context.UsualCountries.Contains(country)) return false;
        var ip = IdentitySignIn.SourceIp(alert);
        return !c.Context.BadIps.Contains(ip) && !IdentityAlertSignals.ProductSaysProxy(alert) && !IdentityWindowsLogon.RidesInsideTrust(c, alert) && (IdentityOrigin.OwnMachine(c, alert, ip) || c.Context.VpnEgress.Contains(ip));
    }

    /// <summary>A rule naming something the product found unusual about the sign-in, not the sign-in itself.</summary>
    [GeneratedRegex(@"(?i)suspicious|unusual|unfamiliar|anomal|atypical|irregular|risk|\bnew\b|first|rare|travel|location|country|geo|velocity|fail|denied|block|lock|bypass|fraud|break ?glass|emergency")]
    private static partial Regex Anomaly();

    [GeneratedRegex(@"(?i)after[- ]?hours|off[- ]?hours|outside (?:of )?(?:business|working|office) hours|unusual ?(?:hour|time)|irregular ?hours?|at night|overnight|before business hours")]
    private static partial Regex AfterHoursRule();
}
