using static Verdict.Analysis.Families.Endpoint.EndpointRoutine;

namespace Verdict.Analysis.Families.Endpoint;

/// <summary>
/// Turns the routine work <see cref="EndpointRoutine"/> recognises into evidence: each explanation is named and
/// weighted, and the malicious evidence it explains is reweighed (never removed, except a bare <c>whoami</c>, which is
/// not reconnaissance of anyone but the person typing). Nothing here touches a product's own malicious verdict
/// (<c>product_rates_malicious</c>) or evidence of what a command does beyond the routine step.
/// </summary>
public static class EndpointRoutineEvidence
{
    private const string Src = "process event";

    public static void Add(FamilyCase c, List<Evidence> evidence, string raw, string path, string? parent)
    {
        if (OwnIdentityCheck(c.Alert, raw) && evidence.RemoveAll(e => e.Key == "domain_discovery") > 0)
            evidence.Add(new("own_identity_check", "Only 'whoami', typed at an interactive console (the parent shell runs no command of its own): it shows the person at the keyboard their own account and groups, as help-desk troubleshooting does",
                Leaning.Benign, 1.0, Src));
        if (MapsInternalShare(c, raw) is { } share && Reweigh(evidence, "office_spawns_shell", 0.4, ", though only to map a drive"))
            evidence.Add(new("maps_internal_share", $"The shell only maps a drive to the organisation's own file share ('{CommonEvidence.Clip(share, 100)}'), as workbooks and logon steps do, with no script or second command",
                Leaning.Benign, 1.2, Src));
        // An unsigned or untrusted Update.exe is not the vendor's launcher, whatever its folder.
        if (SquirrelLauncher(path, raw) is { } app && !evidence.Exists(e => e.Key == "unsigned_binary") && Reweigh(evidence, "user_writable_path", 0.4, ", the app's own per-user install folder"))
            evidence.Add(new("squirrel_launcher", $"The Squirrel.Windows launcher of {app} (Update.exe --processStart) starts {app} from its own per-user install folder under AppData\\Local, as Teams, Slack or Discord do at every start",
                Leaning.Benign, 1.8, Src));
        if (c.IsPrivileged && ScopedExclusion(raw) && (parent is null || !EndpointPatterns.ScriptHosts.Contains(parent) && !EndpointPatterns.Office.Contains(parent))
            && Reweigh(evidence, "defence_evasion", 1.0, ", though only for an installed product's own folders and processes"))
            evidence.Add(new("scoped_exclusion", $"{c.Who}, a listed administrator, excludes only an installed product's own folders (Program Files, a data drive) and processes from scanning, as backup and database vendors document; no user-writable folder, drive root or shell",
                Leaning.Benign, 1.0, Src));
        if (BulkMove(c, raw) is { } dest && (c.Context.IsServiceAccount(c.Alert.User) || evidence.Exists(e => e.Key == "maintenance_window"))
            && evidence.FindIndex(e => e.Key == "rule_names_threat" && e.Strong) is var i and >= 0)
        {
            evidence[i] = evidence[i] with { Weight = 0.8, Strong = false, Description = evidence[i].Description + ", though the files the rule counted were moved by robocopy /MOV, not rewritten" };
            evidence.Add(new("bulk_move", $"robocopy /MOV moves the files to the organisation's own storage ({CommonEvidence.Clip(dest, 80)}) by a listed service account or in a declared maintenance window: a migration renames many files by design, without encrypting any",
                Leaning.Benign, 1.2, Src));
        }
        GenericClass(c, evidence);
        // The vendor's documented install one-liner is the whole alert when its fetch and packaging are all the command does.
        var beyondFetch = evidence.Where(e => e.Key is not ("download_and_execute" or "download_cradle" or "lolbin") && !(e.Key == "rule_names_threat" && !e.Strong)).ToList();
        if (evidence.FindIndex(e => e.Key == "official_download") is var o and >= 0 && !EndpointExplanations.Acts(beyondFetch))
            evidence[o] = evidence[o] with { Weight = 1.75, Description = evidence[o].Description + ", and fetching and running it is all the command does" };
    }

    /// <summary>
    /// SentinelOne names the threat after the file it flagged when its engines know no threat by name: a generic class
    /// ("Malware") on a finding it rates only suspicious, under the flagged file's own name, says no more than the
    /// behaviour its indicators list, which the evidence above already weighs.
    /// </summary>
    private static void GenericClass(FamilyCase c, List<Evidence> evidence)
    {
        var name = c.Alert.Raw("threatinfo.threatname");
        var file = c.Alert.Raw("threatinfo.filepath");
        if (name is null || file is null || !file.EndsWith("\\" + name, StringComparison.OrdinalIgnoreCase)) return;
        var i = evidence.FindIndex(e => e.Key == "rule_names_threat" && !e.Strong && e.Weight > 0.5);
        if (i >= 0) evidence[i] = evidence[i] with { Weight = 0.5, Description = evidence[i].Description + $"; the threat is named only after the file ({CommonEvidence.Clip(name, 40)})" };
    }

    private static bool Reweigh(List<Evidence> evidence, string key, double weight, string why)
    {
        var i = evidence.FindIndex(e => e.Key == key && e.Supports == Leaning.Malicious && e.Weight > weight);
        if (i < 0) return false;
        evidence[i] = evidence[i] with { Weight = weight, Description = evidence[i].Description + why };
        return true;
    }
}
