using System.Text.RegularExpressions;
using Verdict.Alerts;

namespace Verdict.Analysis.Families.Endpoint;

/// <summary>
/// What the product did and what it matched, by its documented fields. An execution the EDR prevented is context, never
/// benign: the attempt happened (a phishing click, an exploit), only its severity drops. A USB device the device-control
/// policy denied is the control doing its job, with nothing run; so is a device the policy only alerts on (its chosen
/// mode for that device class) and a web page the endpoint's web control blocked by category. The EICAR test file is the industry's harmless antivirus
/// test string, named so by the product's own signature (never by a file name an attacker chooses). A potentially unwanted
/// application the product flagged in its Program Files install folder is installed software, not an intrusion.
/// </summary>
public static partial class EndpointOutcome
{
    public static void Add(FamilyCase c, List<Evidence> evidence)
    {
        var a = c.Alert;
        if (Prevented(a) is { } how)
            evidence.Add(new("attempt_failed", $"The EDR stopped it ({how}), though the attempt itself happened: what started it still needs an answer", Leaning.Context, 0, "alert"));
        var acts = EndpointExplanations.Acts(evidence.Where(e => e.Key != "rule_names_threat").ToList());
        if (DeviceDenied(a) && !acts)
            evidence.Add(new("device_blocked", $"The device-control policy denied a removable device ('{CommonEvidence.Clip(a.Description, 100)}'): nothing was copied or run, the control did its job",
                Leaning.Benign, 1.5, "alert"));
        if (DeviceAlertOnly(a) is { } device && !acts && !evidence.Exists(e => e.Key is "departed_user_active" or "bad_ip" or "intel_malicious"))
            evidence.Add(new("device_alert_only", $"The device-control policy is set to alert only for this device ('{CommonEvidence.Clip(device, 100)}'): the organisation lets the device class be used and keeps a record; the product names no threat and nothing was run",
                Leaning.Benign, 1.5, "alert"));
        if (WebControlBlocked(a) is { } page && !acts)
            evidence.Add(new("web_control_blocked", $"The endpoint's web control blocked the user's request by its category policy ('{CommonEvidence.Clip(page, 100)}') before anything reached the device: the policy doing its job, as a web gateway's block is",
                Leaning.Benign, 1.5, "alert"));
        InstalledUnwanted(c, evidence);
        BlockedUnwanted(c, evidence);
        if (!acts && TestFileOnly(a.Rule) is { } test)
        {
            DiscountTestFile(evidence, test);
            // The test file is downloaded to be detected: where it landed says nothing.
            if (evidence.FindIndex(e => e.Key == "user_writable_path" && e.Weight > 0.2) is var w and >= 0)
                evidence[w] = evidence[w] with { Weight = 0.2, Description = evidence[w].Description + ", where a downloaded test file lands" };
            evidence.Add(new("av_test_file", "The detection is the EICAR test file, the industry's harmless string for checking that antivirus and alert forwarding work",
                Leaning.Benign, 2.0, "alert"));
        }
    }

    /// <summary>
    /// The product classes the detection as a potentially unwanted or unsafe application (its own category for software it
    /// dislikes, a packer or a bundled toolbar, as against malware) and the file it flagged is installed under Program Files,
    /// where only administrators and installers write: installed software to confirm, not an intrusion. A remote-access tool,
    /// a file anywhere else, or a detection that names a threat keeps its weight.
    /// </summary>
    private static void InstalledUnwanted(FamilyCase c, List<Evidence> evidence)
    {
        var a = c.Alert;
        var category = $"{a.Rule} {a.Field(Verdict.Ingest.CanonicalField.AttackType)} {a.Raw("detectiontypes", "classification")}";
        if (!Unwanted().IsMatch(category) || CommonEvidence.RuleNamesThreat(category) is not null || EndpointExplanations.Acts(evidence)) return;
        var file = FlaggedFile(a);
        if (file is null || !EndpointServiceWork.ProgramFilesImage().IsMatch(file) || file.Contains("..", StringComparison.Ordinal)
            || RemoteAccess().IsMatch(file) || RemoteAccess().IsMatch(category)) return;
        evidence.Add(new("installed_unwanted", $"The product calls it a potentially unwanted or unsafe application, not malware, and the file it flagged is installed under Program Files ({CommonEvidence.Clip(file, 80)}), where only administrators and installers write",
            Leaning.Benign, 1.0, "alert"));
    }

    /// <summary>
    /// The product stopped it and what it stopped is only unwanted software (adware, a bundled toolbar or installer, a key
    /// generator), whose harm is running: blocked, it did none. A rule that also names malware, a remote-access tool, or
    /// anything the command does (a download, a dump, a shell from a document) keeps its weight.
    /// </summary>
    private static void BlockedUnwanted(FamilyCase c, List<Evidence> evidence)
    {
        var a = c.Alert;
        // The description counts when it is where the product states its own decision ("Blocked potentially unwanted application: 'X'").
        var stated = a.Description is { } d && LeadingAction().IsMatch(d) ? d : "";
        var category = $"{a.Rule} {a.Raw("technique")} {a.Field(Verdict.Ingest.CanonicalField.AttackType)} {a.Raw("threatinfo.classification")} {stated}";
        // A known adware family the product removed is named in its description ("found and removed malware: Adload").
        var adware = AdwareOnly($"{a.Rule} {a.Description}");
        if (Prevented(a) is not { } how || !(Unwanted().IsMatch(category) || Nuisance().IsMatch(category) || adware is not null)
            || (adware is null && CommonEvidence.RuleNamesThreat(category) is not null) || RemoteAccess().IsMatch(category) || RemoteAccess().IsMatch(a.Process ?? "")
            || EndpointExplanations.Acts(evidence.Where(e => adware is null || e.Key != "rule_names_threat").ToList())) return;
        evidence.Add(new("blocked_unwanted", $"The product stopped it ({how}) and names only unwanted software ('{CommonEvidence.Clip(adware ?? a.Rule, 60)}'{(adware is null ? "" : ", an adware family")}), whose harm is in running: nothing ran",
            Leaning.Benign, 1.5, "alert"));
        // Stopped before it ran, a download lying where browsers save it says nothing more than that it was downloaded.
        if (evidence.FindIndex(e => e.Key == "user_writable_path" && e.Weight > 0.3) is var w and >= 0 && DownloadsFolder().IsMatch(a.Process ?? ""))
            evidence[w] = evidence[w] with { Weight = 0.3, Description = evidence[w].Description + ", the Downloads folder, where the blocked download lay" };
        // The product's own "malicious" rating and its generic threat word are its rating of the unwanted software it stopped.
        foreach (var key in new[] { "product_rates_malicious", "rule_names_threat" })
        {
            if (evidence.FindIndex(e => e.Key == key && e.Strong) is var i and >= 0)
                evidence[i] = evidence[i] with { Weight = 0.5, Strong = false, Description = evidence[i].Description + ", though what it rates is unwanted software it stopped" };
        }
    }

    /// <summary>
    /// The adware family a text names when it names no other threat beside it and the generic "malware", "virus" or "threat"
    /// ("XProtect Remediator found and removed malware: Adload"); null otherwise. Adware families are the product's own names
    /// for software that pushes ads and search redirects, not for stealers, droppers or backdoors.
    /// </summary>
    public static string? AdwareOnly(string text)
    {
        if (AdwareFamily().Match(text) is not { Success: true } family) return null;
        var rest = GenericThreat().Replace(AdwareFamily().Replace(text, " "), " ");
        return CommonEvidence.RuleNamesThreat(rest) is null && !CommonEvidence.ClaimsThreat(rest) ? family.Value : null;
    }

    [GeneratedRegex(@"[\\/]downloads[\\/][^\\/]+$", RegexOptions.IgnoreCase)]
    private static partial Regex DownloadsFolder();

    /// <summary>Widely documented adware families (macOS and Windows), by the names antivirus engines give them.</summary>
    [GeneratedRegex(@"\b(?:adload|pirrit|genieo|bundlore|vsearch|crossrider|installcore|maxofferdeal|searchawesome|mindspark|browsefox|opencandy|multiplug|dealply|amonetize|linkury)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AdwareFamily();

    /// <summary>The file the product flagged, a <c>file:///</c> URI read as a Windows path.</summary>
    private static string? FlaggedFile(Alert a)
    {
        var raw = a.Raw("file.path", "file_path", "filepath", "object_uri", "threatinfo.filepath");
        if (raw is null) return null;
        if (raw.StartsWith("file:///", StringComparison.OrdinalIgnoreCase)) raw = Uri.UnescapeDataString(raw[8..]).Replace('/', '\\');
        return raw;
    }

    [GeneratedRegex(@"\bpotentially (?:unwanted|unsafe) (?:application|program|software)\b|\bPU[AP]\b|\bpotentially unwanted\b|\bunwanted (?:software|applications?|apps?|programs?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Unwanted();

    /// <summary>Classes of unwanted software products name besides PUA/PUP: adware, bundlers, toolbars, browser modifiers, key generators.</summary>
    [GeneratedRegex(@"\b(?:adware|bundler|bundleware|toolbar|browser ?modifier|keygen|key generator)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Nuisance();

    [GeneratedRegex(@"remote ?admin|remote ?access|anydesk|teamviewer|screenconnect|connectwise|atera|splashtop|rustdesk|remoteutilities|netsupport|supremo|ultraviewer|logmein|ammyy|vnc|radmin", RegexOptions.IgnoreCase)]
    private static partial Regex RemoteAccess();

    /// <summary>The rule's threat words weigh little when its only threat is the EICAR test file ("EICAR_Test_File malware" names one only in words).</summary>
    public static void DiscountTestFile(List<Evidence> evidence, string test)
    {
        if (evidence.FindIndex(e => e.Key == "rule_names_threat") is var i and >= 0)
            evidence[i] = evidence[i] with { Weight = 0.3, Strong = false, Description = evidence[i].Description + $", though the product's own signature names the EICAR test file ('{test}')" };
    }

    /// <summary>How the product says it stopped the execution, or null: Cortex XDR <c>action</c>/<c>action_pretty</c>, Carbon Black <c>sensor_action</c>/<c>run_state</c>, Defender's "was prevented" alerts.</summary>
    public static string? Prevented(Alert a)
    {
        if (a.Raw("action_pretty") is { } pretty && pretty.StartsWith("Prevented", StringComparison.OrdinalIgnoreCase)) return pretty;
        if (a.Raw("sensor_action") is { } sensor && sensor.ToUpperInvariant() is "DENY" or "TERMINATE" or "BLOCK") return $"sensor action {sensor}";
        if (string.Equals(a.Raw("run_state"), "DID_NOT_RUN", StringComparison.OrdinalIgnoreCase)) return "it did not run";
        // CrowdStrike Falcon: "Prevention, process killed." / "Prevention, file quarantined." (a detection only says "Detection, ...").
        if (a.Raw("patterndispositiondescription") is { } disposition && disposition.StartsWith("Prevention", StringComparison.OrdinalIgnoreCase)) return disposition.TrimEnd('.');
        // The product's own decision field: SentinelOne mitigationStatus "mitigated", OCSF disposition "Blocked" /
        // "Quarantined" / "Deleted", a remediation status "remediated" / "quarantined" (never "not_mitigated", "none" or "failed"),
        // ESET's action_taken ("Cleaned by deleting"; never "Retained"), Trellix ePO's ThreatActionTaken ("Deleted", IDS_ALERT_ACT_TAK_DEL),
        // Bitdefender GravityZone's final_status ("deleted", "blocked", "quarantined"; never "ignored").
        if (a.Raw("mitigationstatus", "disposition", "remediationstatus", "remediation_status", "action_taken", "threatactiontaken", "final_status") is { } decision
            && Decided().IsMatch(decision))
            return $"its own decision: {decision}";
        // Defender XDR's antivirus detection row (DeviceEvents, ActionType AntivirusDetection) says in AdditionalFields whether it
        // remediated the file; Cybereason's malop status is "Remediated" once its remediation ran (never "Active" or "Closed").
        if (string.Equals(a.Raw("actiontype"), "AntivirusDetection", StringComparison.OrdinalIgnoreCase)
            && string.Equals(a.Raw("additionalfields.wasremediated"), "true", StringComparison.OrdinalIgnoreCase))
            return "its own record: WasRemediated";
        if (string.Equals(a.Raw("@class"), ".MalopInboxModel", StringComparison.Ordinal) && a.Raw("status") is { } malop
            && malop.Equals("Remediated", StringComparison.OrdinalIgnoreCase))
            return $"its own status: {malop}";
        // Cisco Secure Endpoint (its events carry connector_guid) names its action in the event's class: "Threat Quarantined".
        if (a.Raw("connector_guid") is not null && a.Raw("event_type") is { } cisco && cisco.Equals("Threat Quarantined", StringComparison.OrdinalIgnoreCase))
            return $"its own event: {cisco}";
        // Sophos Central's event class says the cleanup succeeded ("Event::Endpoint::CorePuaClean", "Event::Endpoint::Threat::Cleaned";
        // never "CleanupFailed").
        if (a.Fields.FirstOrDefault(f => f.Key == "type").Value is { } sophos && SophosCleaned().IsMatch(sophos.Trim())) return $"Sophos event {sophos}";
        if (PreventedRule().IsMatch(a.Rule)) return "the alert says it was prevented";
        // A description that opens with the product's action ("Blocked potentially unwanted application: 'X'").
        if (a.Description is { } d && LeadingAction().Match(d) is { Success: true } lead) return $"the alert says it was {lead.Groups[1].Value.ToLowerInvariant()}";
        return RemovedText().Match($"{a.Rule} {a.Description}") is { Success: true } removed
            ? $"the alert says it was {(removed.Groups[1].Success ? removed.Groups[1] : removed.Groups[2]).Value.ToLowerInvariant()}" : null;
    }

    /// <summary>
    /// A device-control alert whose policy denied the device. Carbon Black Cloud by its fields: the sensor's action is a deny,
    /// or a policy was applied and the sensor names no other action (a policy applied with the sensor action ALLOW let the
    /// device through). Any other product by what it says: a peripheral, removable or USB device (or its device-control
    /// event class) blocked or denied ("Peripheral blocked: Removable storage 'X'"), naming no threat.
    /// </summary>
    private static bool DeviceDenied(Alert a)
    {
        if (!string.Equals(a.Raw("type"), "DEVICE_CONTROL", StringComparison.OrdinalIgnoreCase))
        {
            var said = Said(a);
            return BlockedDevice().IsMatch(said) && DeniedWord().IsMatch(said) && !AlertOnlyMode().IsMatch($"{a.Rule} {a.Description}")
                && !CommonEvidence.ClaimsThreat(said) && CommonEvidence.RuleNamesThreat(said) is null;
        }
        var action = a.Raw("sensor_action")?.ToUpperInvariant();
        return action is "DENY" or "BLOCK" || action is null && string.Equals(a.Raw("policy_applied"), "APPLIED", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A removable or peripheral device, or a device-control event class (not "device" alone: every endpoint alert has one).</summary>
    [GeneratedRegex(@"\b(?:peripheral|removable|usb)\b|device[ _-]?control|::device::", RegexOptions.IgnoreCase)]
    private static partial Regex BlockedDevice();

    [GeneratedRegex(@"\b(?:blocked|denied)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DeniedWord();

    /// <summary>
    /// What the product says when its device-control policy only alerted on a device (Sophos <c>Device::AlertedOnly</c>,
    /// "... (alert only)"): the policy's own mode for that device class, allow and record. Null when the record says no such
    /// mode, or names a threat (malware on the stick is a detection, not a device notice), or calls the device unapproved or blocked.
    /// </summary>
    private static string? DeviceAlertOnly(Alert a)
    {
        var said = Said(a);
        if (!AlertOnlyMode().IsMatch(said) || !DeviceWords().IsMatch(said) || CommonEvidence.ClaimsThreat(said) || CommonEvidence.RuleNamesThreat(said) is not null
            || UnapprovedWords().IsMatch(said)) return null;
        return string.IsNullOrWhiteSpace(a.Description) ? a.Rule : a.Description;
    }

    /// <summary>
    /// What the endpoint's web control blocked by category (Sophos <c>WebControlViolation</c>, "Web control: Access to 'x'
    /// blocked (Games)"): a user's browsing stopped before anything reached the device. Null when nothing says it was blocked,
    /// when what was blocked is the device calling out (a C2 callback, a tunnel, a miner's pool) or data leaving (DLP), or
    /// when the product names a threat (a malicious page is threat protection's finding, read elsewhere).
    /// </summary>
    private static string? WebControlBlocked(Alert a)
    {
        var said = Said(a);
        if (!WebControl().IsMatch(said) || !BlockedWord().IsMatch(said) || Verdict.Analysis.Families.Network.WebGateway.CallingOut().IsMatch(said)
            || Verdict.Analysis.Families.Network.WebGateway.DlpWords().IsMatch(said) || CommonEvidence.ClaimsThreat(said) || CommonEvidence.RuleNamesThreat(said) is not null) return null;
        return string.IsNullOrWhiteSpace(a.Description) ? a.Rule : a.Description;
    }

    /// <summary>What the product says about the event: its rule, event type and description.</summary>
    private static string Said(Alert a) => $"{a.Rule} {a.Raw("type")} {a.Description}";

    [GeneratedRegex(@"\balert[ _-]?only\b|alertedonly", RegexOptions.IgnoreCase)]
    private static partial Regex AlertOnlyMode();

    [GeneratedRegex(@"\b(?:device|peripheral|removable|usb|storage)\b|::device::", RegexOptions.IgnoreCase)]
    private static partial Regex DeviceWords();

    [GeneratedRegex(@"\b(?:unapproved|unauthori[sz]ed|not approved|blocked|denied|prohibited)\b", RegexOptions.IgnoreCase)]
    private static partial Regex UnapprovedWords();

    [GeneratedRegex(@"\bweb[ _-]?(?:control|filter(?:ing)?|content[ _-]filter(?:ing)?)\b|webcontrol|webfilter", RegexOptions.IgnoreCase)]
    private static partial Regex WebControl();

    [GeneratedRegex(@"\bblocked\b|\bblock(?:ed)?[ _-]?page\b", RegexOptions.IgnoreCase)]
    private static partial Regex BlockedWord();

    /// <summary>The EICAR signature the rule names, when it names no other threat beside it; else null.</summary>
    public static string? TestFileOnly(string rule) =>
        TestSignature().Match(rule) is { Success: true } test && !NamesAnother(rule, test.Value) ? test.Value : null;

    /// <summary>A rule that names another threat beside the test file ("'EICAR_Test_File' and 'Mimikatz' malware were detected"):
    /// another quoted name, or a threat word other than the generic "malware" or "virus". A quoted path to a file named
    /// for the test file is where it lay ("Malware detected: 'EICAR-AV-Test' at 'C:\Users\x\Downloads\eicar.zip'"), not another name; a threat word in it still counts.</summary>
    private static bool NamesAnother(string rule, string test)
    {
        var rest = rule.Replace(test, "", StringComparison.OrdinalIgnoreCase);
        return QuotedName().IsMatch(QuotedPath().Replace(rest, " ")) || CommonEvidence.RuleNamesThreat(GenericThreat().Replace(rest, " ")) is not null;
    }

    /// <summary>A quoted path to a file whose own name is the test file's ("'C:\\Users\\x\\Downloads\\eicar_com.zip'").</summary>
    [GeneratedRegex(@"['""‘’“”](?:[a-z]:\\|\\\\|/)(?:[^'""‘’“”]*[\\/])?[^\\/'""‘’“”]*eicar[^\\/'""‘’“”]*['""‘’“”]", RegexOptions.IgnoreCase)]
    private static partial Regex QuotedPath();

    [GeneratedRegex(@"['""‘’“”][^'""‘’“”]{2,}['""‘’“”]")]
    private static partial Regex QuotedName();

    [GeneratedRegex(@"\b(?:malware|virus|threats?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex GenericThreat();

    /// <summary>A decision value saying the product stopped or removed it: mitigated, blocked, quarantined, remediated, cleaned, deleted, prevented,
    /// ESET's "Cleaned by deleting" / "Blocked and cleaned" / "Connection terminated", Trellix ePO's code for deleted (a whole value, so
    /// "not_mitigated", "partially mitigated" or ESET's "Retained" are not).</summary>
    [GeneratedRegex(@"^(?:mitigated|blocked|quarantined|remediated|cleaned|deleted|prevented|denied|dropped|cleaned by deleting|blocked and cleaned|connection terminated|IDS_ALERT_ACT_TAK_DEL)$", RegexOptions.IgnoreCase)]
    private static partial Regex Decided();

    [GeneratedRegex(@"^\s*(blocked|quarantined|prevented)\b(?!\s+(?:by|from)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingAction();

    [GeneratedRegex(@"\b(?:was|were) (?:prevented|blocked)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PreventedRule();

    /// <summary>
    /// "found and removed", "was quarantined", "were cleaned": the product says it took the threat away (never "not removed").
    /// A bare "was removed" or "were deleted" is not read: it is as often what an intruder did ("shadow copies were deleted",
    /// "the quarantine attribute was removed").
    /// </summary>
    [GeneratedRegex(@"(?<!\bnot |\bnever |n't )\b(?:(?:found|detected) and (removed|quarantined|cleaned|deleted)|(?:was|were|successfully) (quarantined|cleaned|remediated))\b", RegexOptions.IgnoreCase)]
    private static partial Regex RemovedText();

    /// <summary>The EICAR signature as products name it (EICAR_Test_File, EICAR-AV-Test, EICAR Test String), not a file called eicar.</summary>
    [GeneratedRegex(@"\beicar[-_ ]?(?:av[-_ ]?)?test(?:[-_ ]?(?:file|string|signature))?\b(?![\w-]*\.(?:exe|dll|ps1|bat|cmd|js|vbs|hta|scr|msi|com|txt|zip)\b)", RegexOptions.IgnoreCase)]
    internal static partial Regex TestSignature();

    [GeneratedRegex(@"(?i)^Event::Endpoint::(?:Core(?:Pua)?Clean|Threat::Cleaned)$")]
    private static partial Regex SophosCleaned();
}
