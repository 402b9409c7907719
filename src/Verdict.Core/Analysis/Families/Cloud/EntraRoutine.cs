using System.Text.RegularExpressions;

namespace Verdict.Analysis.Families.Cloud;

/// <summary>
/// Entra ID audit activities that are the directory's designed, everyday paths, read from the audit record itself:
/// a role activated through Privileged Identity Management (an eligible, time-bound assignment the activator already
/// held; PIM records it as "... completed (PIM activation)"); a user consenting to an application for sign-in and
/// profile scopes only (openid, profile, email, offline_access, User.Read: no mail, files or directory access); and
/// help-desk user lifecycle work (a password reset, a deleted user restored, a guest invited) on an account that is
/// neither privileged nor a VIP, in business hours. None is said for a role assigned outside PIM, a consent with any
/// wider scope, or lifecycle work on an administrator or VIP.
/// </summary>
public static partial class EntraRoutine
{
    private const string Src = "Entra audit";

    public static void Add(FamilyCase c, string activity, string changed, List<Evidence> evidence)
    {
        var a = c.Alert;
        if (activity.Contains("PIM activation", StringComparison.OrdinalIgnoreCase)
            || ((a.Raw("loggedByService") ?? "").Equals("PIM", StringComparison.OrdinalIgnoreCase) && activity.Contains("completed", StringComparison.OrdinalIgnoreCase)))
        {
            var why = Justification(a) is { } j ? $" with the justification '{CommonEvidence.Clip(j, 80)}'" : "";
            evidence.Add(new("pim_activation", $"{activity}: an eligible role activated through Privileged Identity Management{why}, time-bound by design: the way administrators are meant to get rights", Leaning.Benign, 1.0, Src));
        }
        if (activity.Contains("consent", StringComparison.OrdinalIgnoreCase) && Scopes(changed) is { Length: > 0 } scopes
            && scopes.All(s => BasicScope().IsMatch(s)))
            evidence.Add(new("basic_consent", $"{activity}: the application asked only for sign-in and profile scopes ({string.Join(" ", scopes)}), no access to mail, files or the directory", Leaning.Benign, 1.0, Src));
        if (Lifecycle().IsMatch(activity) && c.InBusinessHours && CloudActor.Path(a, "TargetResources.0.userPrincipalName") is { } target
            && !c.Context.IsPrivileged(Verdict.Alerts.EntityText.User(target)) && !c.Context.IsVip(target) && !c.Context.IsVip(Verdict.Alerts.EntityText.User(target)))
            evidence.Add(new("routine_user_admin", $"{activity} for {target}, a standard account, in business hours: everyday help-desk and collaboration work", Leaning.Benign, 1.0, Src));
    }

    /// <summary>The PIM justification among the changed properties, or null.</summary>
    private static string? Justification(Verdict.Alerts.Alert a)
    {
        var fields = a.Fields;
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i].Key.EndsWith(".displayName", StringComparison.OrdinalIgnoreCase) && fields[i].Value.Equals("Justification", StringComparison.OrdinalIgnoreCase)
                && i + 2 < fields.Count && fields[i + 2].Key.EndsWith(".newValue", StringComparison.OrdinalIgnoreCase))
                return fields[i + 2].Value.Trim('"', ' ') is { Length: > 0 } v ? v : null;
        }
        return null;
    }

    /// <summary>The scopes of a consent ("Scope: openid profile User.Read"), from the changed properties (ConsentAction.Permissions).</summary>
    private static string[]? Scopes(string changed) => ScopeList().Match(changed) is { Success: true } m
        ? m.Groups[1].Value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries) : null;

    [GeneratedRegex(@"(?i)^(openid|profile|email|offline_access|User\.Read)$")]
    private static partial Regex BasicScope();

    [GeneratedRegex(@"(?i)Scope:\s*([^\],""';|]+)")]
    private static partial Regex ScopeList();

    [GeneratedRegex(@"(?i)^(Reset user password|Reset password \(by admin\)|Restore user|Invite external user)$")]
    private static partial Regex Lifecycle();
}
