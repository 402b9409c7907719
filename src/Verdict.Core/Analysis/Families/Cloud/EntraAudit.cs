using System.Text.RegularExpressions;
using Verdict.Alerts;

namespace Verdict.Analysis.Families.Cloud;

/// <summary>
/// Evidence from an Entra ID audit event (Microsoft Graph <c>directoryAudit</c>), read by its documented fields:
/// <c>activityDisplayName</c>, <c>initiatedBy.user</c> / <c>initiatedBy.app</c> and what changed
/// (<c>targetResources[].modifiedProperties[].newValue</c>). Against: consent to an application for mail or file access
/// (the illicit-consent grant), an inbox rule that hides or forwards mail, a conditional-access policy weakened (a user
/// excluded, the policy switched off). For: a conditional-access policy switched from report-only to enforced, an inbox
/// rule that only files mail into a folder, directory synchronisation (Entra Connect) updating a user's attributes.
/// </summary>
public static partial class EntraAudit
{
    private const string Src = "Entra audit";

    /// <summary>True for a Graph directoryAudit record.</summary>
    public static bool IsAudit(Alert a) => a.Raw("loggedByService") is not null && a.Raw("activityDisplayName") is not null;

    /// <summary>The initiating application's display name ("Azure AD Connect (svc-adsync)"), or null.</summary>
    public static string? App(Alert a) => CloudActor.Path(a, "initiatedBy.app.displayName");

    /// <summary>
    /// An Exchange record of the Microsoft 365 Management Activity API (<c>Workload</c> "Exchange", its cmdlet or mailbox
    /// action in <c>Operation</c>, the cmdlet's arguments as <c>Parameters[]</c> name/value pairs).
    /// </summary>
    public static bool IsM365Exchange(Alert a) =>
        (a.Raw("Workload") ?? "").Equals("Exchange", StringComparison.OrdinalIgnoreCase) && a.Raw("Operation") is not null;

    public static void Add(FamilyCase c, List<Evidence> evidence)
    {
        var a = c.Alert;
        if (IsM365Exchange(a))
        {
            InboxRuleEvidence(a.Raw("Operation")!, Parameters(a), evidence);
            return;
        }
        if (!IsAudit(a)) return;
        var activity = a.Raw("activityDisplayName") ?? "";
        var changed = string.Join(" | ", a.Fields.Where(f => f.Key.EndsWith(".newValue", StringComparison.OrdinalIgnoreCase)).Select(f => f.Value));
        var before = string.Join(" | ", a.Fields.Where(f => f.Key.EndsWith(".oldValue", StringComparison.OrdinalIgnoreCase)).Select(f => f.Value));

        if ((a.Raw("result") ?? "").Equals("failure", StringComparison.OrdinalIgnoreCase))
            evidence.Add(new("call_failed", $"{activity} failed (result: failure): the change did not happen", Leaning.Context, 0, Src));
        if (Grant().IsMatch(activity) && RiskyScope().Match(changed) is { Success: true } scope)
            evidence.Add(new("risky_consent", $"{activity}: the application was granted '{scope.Value}', access to mail or files (the illicit-consent grant that keeps an attacker in a mailbox after a password reset)", Leaning.Malicious, 1.5, Src));

        InboxRuleEvidence(activity, changed, evidence);

        if (activity.Contains("conditional access policy", StringComparison.OrdinalIgnoreCase))
        {
            if (Weakened(before, changed) is { } how)
                evidence.Add(new("policy_weakened", $"{activity}: {how}; attackers weaken sign-in policies to keep access", Leaning.Malicious, 1.5, Src));
            else if (before.Contains("enabledForReportingButNotEnforced", StringComparison.OrdinalIgnoreCase) && Enforced().IsMatch(changed))
                evidence.Add(new("policy_enforced", $"{activity}: the policy went from report-only to enforced, which tightens sign-in security", Leaning.Benign, 1.5, Src));
        }

        if (App(a) is { } app && DirectorySync().IsMatch(app) && AttributeUpdate().IsMatch(activity))
            evidence.Add(new("directory_sync", $"{activity} by '{app}', the directory synchronisation from on-premises AD: the change was made in AD and synced", Leaning.Benign, 1.5, Src));
        if (Federation().IsMatch(activity) || (activity.Contains("domain", StringComparison.OrdinalIgnoreCase) && changed.Contains("Federated", StringComparison.OrdinalIgnoreCase)))
            evidence.Add(new("federation_changed", $"{activity}: a domain's sign-in was handed to a federation token issuer ('{CommonEvidence.Clip(changed, 80)}'); whoever controls that issuer can sign in as any user of the domain (the federation backdoor)", Leaning.Malicious, 2.0, Src));
        EntraRoutine.Add(c, activity, changed, evidence);
    }

    /// <summary>An inbox rule that hides or diverts mail, or one that only files it.</summary>
    private static void InboxRuleEvidence(string activity, string changed, List<Evidence> evidence)
    {
        if (!InboxRule().IsMatch(activity)) return;
        if (HidingRule().Match(changed) is { Success: true } hide)
            evidence.Add(new("hiding_rule", $"{activity}: the rule hides or diverts mail ('{CommonEvidence.Clip(hide.Value, 40)}'), the way an intruder keeps the owner from seeing replies", Leaning.Malicious, 2.0, Src));
        else if (FilingRule().IsMatch(changed))
            evidence.Add(new("filing_rule", $"{activity}: the rule only files messages into a folder ('{CommonEvidence.Clip(changed, 80)}'): the user organising their mail", Leaning.Benign, 1.0, Src));
    }

    /// <summary>
    /// A Management Activity record's cmdlet arguments as "Name: Value" lines (<c>Parameters.0.Name</c> with
    /// <c>Parameters.0.Value</c>); a switch set to False ("DeleteMessage: False") says the rule does not do it and is left out.
    /// </summary>
    private static string Parameters(Alert a)
    {
        var lines = new List<string>();
        foreach (var (key, name) in a.Fields)
        {
            if (!key.StartsWith("Parameters.", StringComparison.OrdinalIgnoreCase) || !key.EndsWith(".Name", StringComparison.OrdinalIgnoreCase)) continue;
            var value = a.Raw(key[..^".Name".Length] + ".Value") ?? "";
            if (!value.Trim().Equals("False", StringComparison.OrdinalIgnoreCase)) lines.Add($"{name}: {value}");
        }
        return string.Join(" | ", lines);
    }

    /// <summary>How a conditional-access change weakens the policy (users or apps excluded, switched off), or null.</summary>
    private static string? Weakened(string before, string after)
    {
        if (after.Contains("\"disabled\"", StringComparison.OrdinalIgnoreCase) && !before.Contains("\"disabled\"", StringComparison.OrdinalIgnoreCase))
            return "the policy was switched off";
        var excludedBefore = Excluded().Matches(before).Sum(m => m.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Length);
        var excludedAfter = Excluded().Matches(after).Sum(m => m.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Length);
        return excludedAfter > excludedBefore ? "more users, groups or applications were excluded from it" : null;
    }

    [GeneratedRegex(@"(?i)\b(Mail\.(Read|ReadWrite|Send)\w*|MailboxSettings\.ReadWrite|Files\.(Read|ReadWrite)\.All|Sites\.(Read|ReadWrite|FullControl)\.All|full_access_as_(app|user)|EWS\.AccessAsUser\.All|Directory\.ReadWrite\.All|RoleManagement\.ReadWrite\.\w+|AppRoleAssignment\.ReadWrite\.All)\b")]
    private static partial Regex RiskyScope();

    [GeneratedRegex(@"(?i)consent|permission grant|app role assignment")]
    private static partial Regex Grant();

    [GeneratedRegex(@"(?i)inbox ?rule|mailbox rule|UpdateInboxRules")]
    private static partial Regex InboxRule();

    [GeneratedRegex(@"(?i)RSS (Subscriptions|Feeds)|Conversation History|Deleted Items|Junk|Archive|mark(ed)? as read|\bdelete\b|\b(Soft)?DeleteMessage\b|\bMarkAsRead\b|forward\w*|redirect\w*")]
    private static partial Regex HidingRule();

    [GeneratedRegex(@"(?i)\bmove\b.*\bto folder\b|\bmove to\b|\bcopy to\b|\b(Move|Copy)ToFolder\b|\bcategor")]
    private static partial Regex FilingRule();

    [GeneratedRegex(@"(?i)""state""\s*:\s*""enabled""")]
    private static partial Regex Enforced();

    [GeneratedRegex(@"(?i)""exclude\w*""\s*:\s*\[([^\]]*)\]")]
    private static partial Regex Excluded();

    [GeneratedRegex(@"(?i)^(Set domain authentication|Set federation settings on domain|Update domain federation)")]
    private static partial Regex Federation();

    [GeneratedRegex(@"(?i)\b(Azure AD Connect|Entra Connect|AAD Connect|Directory Synchroni[sz]ation|Cloud Sync|provisioning agent)\b")]
    private static partial Regex DirectorySync();

    [GeneratedRegex(@"(?i)^((Update|Add) (user|group|contact)|(Disable|Enable) account|Delete user|Add member to group|Remove member from group)$")]
    private static partial Regex AttributeUpdate();
}
