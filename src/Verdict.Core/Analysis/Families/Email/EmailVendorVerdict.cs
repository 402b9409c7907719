using System.Text.RegularExpressions;
using Verdict.Alerts;
using Verdict.Ingest;

namespace Verdict.Analysis.Families.Email;

/// <summary>
/// A mail product's own verdict wherever the record gives it, for products Verdict has no reader for: a field named
/// verdict (any name ending in verdict: final, message, threat, an engine's own), disposition, determination or attack
/// type (Abnormal's attackType "Spam"), or the
/// category of a reason written "Category: detail" (not a Defender XDR evidence item's,
/// which <see cref="EmailFields.EvidenceVerdicts"/> reads by its type) whose whole value is a threat word (malicious,
/// phish, malware, fraud, impersonation) or a spam word (spam, bulk, graymail, marketing); and an alert the SOC already
/// resolved (Graph <c>classification</c>: truePositive; falsePositive or informationalExpectedActivity). Only whole
/// values count: an action ("quarantine") or a free-text reason is not a verdict.
/// </summary>
public static partial class EmailVendorVerdict
{
    public static bool Threat(Alert a) => Values(a).Any(v => ThreatValue().IsMatch(v)) || Resolution(a) is "truepositive";

    /// <summary>
    /// The product's final judgement on the message is that it is safe (a judgement, final verdict or determination of
    /// safe, clean, benign or legitimate): it overrides the attack type or engine hits the same record lists.
    /// </summary>
    public static bool FinalClean(Alert a) => Values(a, finalOnly: true).Any(v => CleanValue().IsMatch(v));

    /// <summary>
    /// The product's own verdict or scan result says clean or safe ("Clean - URL Protect rewritten", "Attachment Protect:
    /// sandbox clean", verdict "clean"). One engine among several ("verdicts.amp": clean) is no verdict on the message.
    /// </summary>
    public static bool Clean(Alert a) => FinalClean(a) || Values(a).Any(v => CleanValue().IsMatch(v)) || ScanTexts(a).Any(v => CleanScan().IsMatch(v));

    public static bool Spam(Alert a) => Values(a).Any(v => SpamValue().IsMatch(v));

    /// <summary>The product has not judged the message yet, or could not (unknown, unclassified, pending, suspicious).</summary>
    public static bool Undecided(Alert a) => Values(a).Any(v => UndecidedValue().IsMatch(v));

    /// <summary>The SOC closed the alert as a false positive or expected activity.</summary>
    public static bool ResolvedBenign(Alert a) => Resolution(a) is "falsepositive" or "informationalexpectedactivity";

    private static string? Resolution(Alert a) =>
        a.Has("serviceSource", "detectionSource") && a.Fields.FirstOrDefault(f => f.Key.Equals("classification", StringComparison.OrdinalIgnoreCase)).Value is { } v
            ? FieldNames.NormalizeText(v) : null;

    private static IEnumerable<string> Values(Alert a, bool finalOnly = false)
    {
        foreach (var (key, value) in a.Fields)
        {
            if (string.IsNullOrWhiteSpace(value)) continue;
            var n = FieldNames.Normalize(key);
            if (n.StartsWith("evidence.", StringComparison.Ordinal)) continue;
            var last = n[(n.LastIndexOf('.') + 1)..];
            // A judgement or final verdict is the product's decision on the whole message.
            if (last is "judgement" or "judgment" or "finalverdict" or "determination") { yield return value.Trim(); continue; }
            if (finalOnly) continue;
            // One engine's verdict in a verdicts object ({"spam": "positive", "amp": "malicious", "graymail": "bulk"}):
            // "positive" stands for what the engine looks for, any other value is the verdict itself.
            if (n.StartsWith("verdicts.", StringComparison.Ordinal) || n.Contains(".verdicts.", StringComparison.Ordinal))
            {
                var engine = value.Trim().Equals("positive", StringComparison.OrdinalIgnoreCase) ? EnginePositive(last) : value.Trim();
                if (engine is not null && !CleanValue().IsMatch(engine)) yield return engine; // one engine's "clean" is no verdict on the message
                continue;
            }
            // Any *verdict name (verdict, finalVerdict, themis_verdict), a disposition, determination or attack type gives its whole value.
            if (last.EndsWith("verdict", StringComparison.Ordinal) || last is "disposition" or "determination" or "attacktype")
                yield return value.Trim();
            // A reason written "Category: detail" ("Spam: high", "BEC: executive impersonation") gives its category.
            else if (last is "reason" && value.IndexOf(':') is var colon and > 0)
                yield return value[..colon].Trim();
        }
    }

    /// <summary>What a "positive" from an engine named so means: spam engines find spam, the others malware or an outbreak.</summary>
    private static string? EnginePositive(string engine) => engine switch
    {
        "spam" or "antispam" or "graymail" or "bulk" => "spam",
        "amp" or "av" or "antivirus" or "virus" or "malware" or "outbreak" or "sandbox" or "phish" or "phishing" => "malicious",
        _ => null,
    };

    /// <summary>A scan result or reason text, and each part of it written "part: part" or "part - part".</summary>
    private static IEnumerable<string> ScanTexts(Alert a)
    {
        foreach (var (key, value) in a.Fields)
        {
            var n = FieldNames.Normalize(key);
            if (string.IsNullOrWhiteSpace(value) || n.StartsWith("evidence.", StringComparison.Ordinal)) continue;
            if (n[(n.LastIndexOf('.') + 1)..] is not ("scanresult" or "scanresults" or "reason")) continue;
            foreach (var part in Parts().Split(value)) yield return part.Trim();
        }
    }

    [GeneratedRegex(@"\s*:\s*|\s+-\s+")]
    private static partial Regex Parts();

    [GeneratedRegex(@"(?i)^(?:clean|safe|benign|legitimate|not malicious|no threats? (?:found|detected))$")]
    private static partial Regex CleanValue();

    [GeneratedRegex(@"(?i)^(?:(?:sandbox|scan|scanned|attachment|url|file)\s+)?(?:clean|safe|benign)$")]
    private static partial Regex CleanScan();

    [GeneratedRegex(@"(?i)^(?:malicious|phish(?:ing)?|attack|credential ?phish(?:ing)?|malware|threat|fraud|bec|impersonation|spoof(?:ing)?)$")]
    private static partial Regex ThreatValue();

    [GeneratedRegex(@"(?i)^(?:unknown|unclassified|undetermined|pending|suspicious|suspect)$")]
    private static partial Regex UndecidedValue();

    [GeneratedRegex(@"(?i)^(?:spam|bulk|gr[ae]ymail|marketing|newsletter|promotional)$")]
    private static partial Regex SpamValue();
}
