using System.Text.RegularExpressions;
using Verdict.Alerts;
using Verdict.Analysis.Families;

namespace Verdict.Analysis.Identity;

/// <summary>
/// Help-desk work in an identity provider's or directory's audit log: one of the organisation's administrators (context
/// file) resetting another user's password, pairing or removing their MFA device, changing the MFA settings, or creating
/// an ordinary user account (onboarding; Windows event 4720), during business hours. Read from the audit record's actor
/// and target (PingOne <c>actors.user.name</c> and <c>resources[].name</c>, Okta <c>actor</c> / <c>target</c>, Windows
/// <c>TargetUserName</c>). A role or privilege grant is not routine; nor is anything done to the actor's own account, a
/// new account named like an administrator or service account (what a backdoor account is called to blend in), anything
/// done by an account not listed as an administrator (a service account creating users), out of hours, or from outside
/// the usual countries or from a listed bad address: those stay open.
/// </summary>
public static partial class IdentityAdminAction
{
    public static void Add(IdentityCase c, List<Evidence> evidence)
    {
        if (c.Alerts.Count == 0) return;
        var alert = c.Alerts[0];
        var action = alert.Raw("action.type", "eventType") ?? alert.Rule;
        if (!RoutineAction().IsMatch(action) || Privilege().IsMatch(action + " " + alert.Rule)) return;
        if (!c.Context.IsPrivileged(c.User) || alert.Time is not { } time || !c.Context.BusinessHours.Contains(c.Context.ToLocal(time))) return;
        var target = Account(alert.Raw("resources.0.name", "target.0.alternateId", "TargetUserName"));
        if (target is null || target.Equals(c.User, StringComparison.OrdinalIgnoreCase)) return;
        if (AccountCreation().IsMatch(action) && (PrivilegedName().IsMatch(target) || c.Context.IsPrivileged(target) || c.Context.IsServiceAccount(target))) return;
        var s = IdentitySignIn.Read(alert);
        if (c.Context.BadIps.Contains(s.Ip) || (s.Country is { } country && c.Context.UsualCountries.Count > 0 && !c.Context.UsualCountries.Contains(country))) return;
        evidence.Add(new("admin_routine_action", $"{c.Who}, one of the organisation's administrators, did routine help-desk work on another user's account ({CommonEvidence.Clip(action, 40)} for {target}) during business hours",
            Leaning.Benign, 1.0, "alert"));
    }

    private static string? Account(string? raw) =>
        string.IsNullOrWhiteSpace(raw) ? null : raw.Trim().Split('@')[0].ToLowerInvariant();

    [GeneratedRegex(@"(?i)password[._ ]?reset|reset[._ ]?password|device[._ ](?:created|deleted|paired|unpaired)|mfa[._ ]settings|factor[._ ](?:reset|enroll|activate|deactivate)|unlock|(?:user )?account creat|user[._ -]creat|creat(?:e|ed)[._ -]user")]
    private static partial Regex RoutineAction();

    [GeneratedRegex(@"(?i)account creat|user[._ -]creat|creat(?:e|ed)[._ -]user")]
    private static partial Regex AccountCreation();

    /// <summary>An account name that says administrator, service or emergency access, or a machine account.</summary>
    [GeneratedRegex(@"(?i)^(?:adm|admin|svc|srv|sa|sql|service|backup|da|ea)[-_.]|admin|service|break[-_.]?glass|emergency|root|\$$")]
    private static partial Regex PrivilegedName();

    [GeneratedRegex(@"(?i)role|admin|privilege|group[._ ]member")]
    private static partial Regex Privilege();
}
