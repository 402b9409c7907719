using System.Text.RegularExpressions;
using Verdict.Alerts;

namespace Verdict.Analysis.Families.Endpoint;

/// <summary>
/// Who or what an endpoint alert comes from, as a SOC analyst at any organisation reads it: the product's own
/// verdict and confidence (a classification of false positive or expected activity, or an engine that rates its own
/// finding only "suspicious" rather than "malicious"); a listed service account working from a listed vulnerability
/// scanner (a credentialed scan queries registries and runs WMI remotely by design); a product that says its engine is
/// highly confident the file is malicious rates it malicious, as its verdict field would; Sysprep generalising an image,
/// which clears the event logs by design. None of them explains a download, a dump or a reverse shell.
/// </summary>
public static partial class EndpointProvenance
{
    private const string Src = "process event";

    public static void Add(FamilyCase c, List<Evidence> evidence)
    {
        var a = c.Alert;
        var acts = EndpointExplanations.Acts(evidence.Where(e => e.Key != "defence_evasion" && e.Key != "rule_names_threat").ToList());
        if (ProductVerdict(a) is { } verdict)
            evidence.Add(verdict);
        // The engine's own confidence: a class name such as "Malware" on a finding the product rates only suspicious is
        // a behavioural heuristic to check, not the product's claim of a known threat.
        var confidence = a.Raw("threatinfo.confidencelevel", "confidencelevel");
        var suspicious = confidence is not null && confidence.Equals("suspicious", StringComparison.OrdinalIgnoreCase);
        if (suspicious && ClassOnly(a) && evidence.FindIndex(e => e.Key == "rule_names_threat") is var k and >= 0)
        {
            // Rated only suspicious and filed under the catch-all class: no threat is claimed, unless the product names one
            // elsewhere; "suspicious", the lower of the product's two ratings, is its own low rating (weak evidence).
            evidence.RemoveAt(k);
            if (!evidence.Exists(e => e.Key == "detector_severity"))
                evidence.Add(new("detector_severity", $"The product rates its finding only 'suspicious', the lower of its ratings, and files it under its catch-all class ('{CommonEvidence.Clip(a.Rule, 30)}'), naming no threat (detector ratings are weak evidence)",
                    Leaning.Benign, 0.25, "alert"));
            if (CommonEvidence.ThreatNamed(a, where => where == "rule" || where.EndsWith("classification", StringComparison.OrdinalIgnoreCase)) is { } named)
                evidence.Add(named);
        }
        else if (suspicious && evidence.FindIndex(e => e.Key == "rule_names_threat" && e.Strong) is var i and >= 0)
            evidence[i] = evidence[i] with
            {
                Weight = 0.8, Strong = false,
                Description = evidence[i].Description + ", though the product itself rates its finding only 'suspicious' (a behavioural heuristic, not a known threat)",
            };
        else if ((confidence is not null && confidence.Equals("malicious", StringComparison.OrdinalIgnoreCase)) || MaliciousEvidence(a)
            || HighConfidence().IsMatch($"{a.Rule} {a.Description}"))
            evidence.Add(new("product_rates_malicious", "The product itself rates what it found as malicious (a known threat by signature, reputation or its engines), not merely suspicious behaviour",
                Leaning.Malicious, 2.0, "alert", Strong: true));
        if (NamedAttacker(a) is { } attacker)
            evidence.Add(new("product_names_attacker", $"The product marks {CommonEvidence.Clip(attacker, 60)} as the attacker in its evidence: the activity was driven from there",
                Leaning.Malicious, 1.2, "alert"));
        if (a.SourceIp is { } ip && c.Context.KnownScanners.Contains(ip) && c.Context.IsServiceAccount(a.User))
            evidence.Add(new("credentialed_scan", $"{c.Who}, a listed service account, works from {ip}, a listed vulnerability scanner: a credentialed scan queries registries and runs WMI remotely by design",
                Leaning.Benign, acts ? 0.5 : 2.0, "context file"));
        if (Generalising(a) && evidence.Exists(e => e.Key == "defence_evasion"))
            evidence.Add(new("sysprep_generalize", "Sysprep is generalising this machine's image (/generalize), which clears its event logs by design before the image is captured or reimaged",
                Leaning.Benign, acts ? 0.4 : 2.0, Src));
    }

    /// <summary>
    /// The rule is only the product's catch-all class ("Malware", "Virus", "Threat": SentinelOne files every behavioural
    /// finding it has not named under "Malware") and the threat name the product gives names no threat either (a file
    /// name such as "osascript", not "CobaltStrike.Beacon"). A specific class (Infostealer, Trojan, Ransomware) is a claim.
    /// </summary>
    private static bool ClassOnly(Alert a) => CatchAllClass().IsMatch(a.Rule)
        && (a.Raw("threatinfo.threatname", "threatname") is not { } name || !CommonEvidence.ClaimsThreat(name) && CommonEvidence.RuleNamesThreat(name) is null);

    [GeneratedRegex(@"^\s*(?:malware|virus|threats?|generic)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex CatchAllClass();

    /// <summary>The entity (address, device or account) a Graph alert's evidence[] gives the "attacker" role, or null.</summary>
    private static string? NamedAttacker(Alert a)
    {
        foreach (var (key, value) in a.Fields)
        {
            if (!key.EndsWith(".roles", StringComparison.OrdinalIgnoreCase) || !value.Contains("attacker", StringComparison.OrdinalIgnoreCase)) continue;
            var prefix = key[..^"roles".Length];
            return a.Fields.FirstOrDefault(f => f.Key.StartsWith(prefix, StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(f.Value)
                && (f.Key.EndsWith("ipAddress", StringComparison.OrdinalIgnoreCase) || f.Key.EndsWith("deviceDnsName", StringComparison.OrdinalIgnoreCase)
                    || f.Key.EndsWith("accountName", StringComparison.OrdinalIgnoreCase))).Value ?? "an entity";
        }
        return null;
    }

    /// <summary>A Graph alert's evidence[] entry the product itself rated "malicious" (its documented evidence verdict).</summary>
    private static bool MaliciousEvidence(Alert a) => a.Fields.Any(f => f.Key.StartsWith("evidence.", StringComparison.OrdinalIgnoreCase)
        && f.Key.EndsWith(".verdict", StringComparison.OrdinalIgnoreCase) && f.Value.Trim().Equals("malicious", StringComparison.OrdinalIgnoreCase));

    /// <summary>The parent is Windows' own Sysprep, run with /generalize (by its command line or path).</summary>
    public static bool Generalising(Alert a) =>
        a.Raw("process.parent.command_line", "parentcommandline", "parent_command_line", "parentprocesscommandline", "initiatingprocesscommandline") is { } p
        && Sysprep().IsMatch(p);

    /// <summary>The product's (or its analysts') own determination, by the documented fields: Graph alerts_v2 classification, SentinelOne analystVerdict.</summary>
    private static Evidence? ProductVerdict(Alert a)
    {
        var v = (a.Raw("threatinfo.analystverdict", "analystverdict", "classification") ?? "").Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
        return v switch
        {
            "falsepositive" or "informationalexpectedactivity" or "benignpositive" =>
                new("product_verdict_benign", $"The product's own classification is '{CommonEvidence.Clip(v, 40)}': reviewed as not an attack", Leaning.Benign, 2.0, "alert"),
            "truepositive" =>
                new("product_verdict_malicious", "The product's own classification is a true positive", Leaning.Malicious, 3.0, "alert", Strong: true),
            _ => null,
        };
    }

    /// <summary>The product says its engine is highly confident the file is malicious (Falcon's "meets the ... high-confidence threshold for malicious files").</summary>
    [GeneratedRegex(@"\b(?:high|highest)[- ]confidence\b(?:(?!\bnot\b).){0,60}\bmalicious\b", RegexOptions.IgnoreCase)]
    private static partial Regex HighConfidence();

    [GeneratedRegex(@"^\s*""?(?:[a-z]:\\windows\\system32\\sysprep\\)?sysprep(?:\.exe)?""?\s.*/generalize\b", RegexOptions.IgnoreCase)]
    private static partial Regex Sysprep();
}
