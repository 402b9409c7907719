using System.Text.RegularExpressions;
using Verdict.Alerts;
using Verdict.Analysis.Families;

namespace Verdict.Analysis.Identity;

/// <summary>
/// Help-desk work in an identity provider's or directory's audit log: one of the organisation's administrators (context
/// file) resetting another user's password, pairing or removing their MFA device, changing the MFA settings, or creating
/// an ordinary user account (onboarding; Windows event 4720), during business hours. Read from the audit record's actor
/// and target (PingOne <c>actors.user.name</c> and <c>resources[].name</c>, Okta <c>actor</c> / <c>target</c>, Windows
/// <c>TargetUserName</c>, JumpCloud <c>resource.username</c>). A generic update event ("user_update", "Update user") is read by
/// the fields its audit record's change list names (JumpCloud <c>changes[].field</c>, Entra
/// <c>targetResources[].modifiedProperties[].displayName</c>): a second factor or password turned off or reset is the
/// same help-desk work as a factor reset. A role or privilege grant is not routine; nor is anything done to the actor's own account, a
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
        var changed = ChangedFields(alert).ToList();
        // A generic update whose change list touches only a second factor or the password: a factor reset by another name.
        if (changed.Count > 0 && GenericUpdate().IsMatch(action) && changed.All(f => FactorField().IsMatch(f)))
            action = $"{action} (factor reset: {string.Join(", ", changed)})";
        if (!RoutineAction().IsMatch(action) || Privilege().IsMatch(action + " " + alert.Rule + " " + string.Join(" ", changed))) return;
        if (!c.Context.IsPrivileged(c.User) || alert.Time is not { } time || !c.Context.BusinessHours.Contains(c.Context.ToLocal(time))) return;
        var target = Account(alert.Raw("resources.0.name", "target.0.alternateId", "TargetUserName", "resource.username"));
        if (target is null || target.Equals(c.User, StringComparison.OrdinalIgnoreCase)) return;
        if (AccountCreation().IsMatch(action) && (PrivilegedName().IsMatch(target) || c.Context.IsPrivileged(target) || c.Context.IsServiceAccount(target))) return;
        var s = IdentitySignIn.Read(alert);
        if (c.Context.BadIps.Contains(s.Ip) || (s.Country is { } country && c.Context.UsualCountries.Count > 0 && !c.Context.UsualCountries.Contains(country))) return;
        evidence.Add(new("admin_routine_action", $"{c.Who}, one of the organisation's administrators, did routine help-desk work on another user's account ({CommonEvidence.Clip(action, 40)} for {target}) during business hours",
            Leaning.Benign, 1.0, "alert"));
    }

    /// <summary>The names of the fields an audit record's change list says were changed, each once.</summary>
    internal static IEnumerable<string> ChangedFields(Alert alert) => alert.Fields
        .Where(f => ChangeListField().IsMatch(f.Key) && !string.IsNullOrWhiteSpace(f.Value))
        .Select(f => f.Value.Trim()).Distinct(StringComparer.OrdinalIgnoreCase);

    private static string? Account(string? raw) =>
        string.IsNullOrWhiteSpace(raw) ? null : raw.Trim().Split('@')[0].ToLowerInvariant();

    [GeneratedRegex(@"(?i)password[._ ]?reset|reset[._ ]?password|device[._ ](?:created|deleted|paired|unpaired)|mfa[._ ]settings|factor[._ ](?:reset|enroll|activate|deactivate)|unlock|(?:user )?account creat|user[._ -]creat|creat(?:e|ed)[._ -]user")]
    private static partial Regex RoutineAction();

    [GeneratedRegex(@"(?i)account creat|user[._ -]creat|creat(?:e|ed)[._ -]user")]
    private static partial Regex AccountCreation();

    /// <summary>An account name that says administrator, service or emergency access, or a machine account.</summary>
    [GeneratedRegex(@"(?i)^(?:adm|admin|svc|srv|sa|sql|service|backup|da|ea)[-_.]|admin|service|break[-_.]?glass|emergency|root|\$$")]
    private static partial Regex PrivilegedName();

    [GeneratedRegex(@"(?i)role|admin|privilege|group[._ ]member|sudo|permission")]
    private static partial Regex Privilege();

    /// <summary>An event type that says only that an account was updated.</summary>
    [GeneratedRegex(@"(?i)^(?:user|account)?[._ ]?(?:update|updated|modify|modified)[._ ]?(?:user|account)?$")]
    private static partial Regex GenericUpdate();

    /// <summary>A changed field that is a second factor or the password, nothing else of the account.</summary>
    [GeneratedRegex(@"(?i)^(?:totp|mfa|otp|2fa|two[._ ]?factor|password)(?:[._ ]?(?:enabled|enrolled|secret|reset|expired|expiration[._ ]date))?$")]
    private static partial Regex FactorField();

    /// <summary>A change list's field name: JumpCloud <c>changes.N.field</c>, Entra <c>modifiedProperties.N.displayName</c>.</summary>
    [GeneratedRegex(@"(?i)(?:^|\.)(?:changes\.\d+\.field|modifiedproperties\.\d+\.displayname)$")]
    private static partial Regex ChangeListField();
}
