using System.Globalization;
using System.Text.RegularExpressions;
using Verdict.Alerts;
using Verdict.Ingest;

namespace Verdict.Analysis.Families.Email;

/// <summary>
/// KnowBe4 PhishER reported messages (GraphQL phisherMessages), by their documented names: every record is a message a
/// user reported (reportedBy); category is PhishER's disposition (CLEAN, SPAM, THREAT, or UNKNOWN until one is made);
/// links[] and attachments[] carry PhishER's dispositions and VirusTotal results; tags[] include PST, the tag PhishER
/// gives a KnowBe4 phishing security test it recognises as its own.
/// </summary>
public static partial class PhishEr
{
    /// <summary>True for a PhishER message record.</summary>
    public static bool Is(Alert a) => a.Has("reportedby") && (a.Has("phishmlreport.confidenceclean", "phishmlreport.confidencethreat") || a.Has("rawurl"));

    /// <summary>The user who reported it (an address), or null.</summary>
    public static string? Reporter(Alert a) => Is(a) ? a.Raw("reportedby") : null;

    private static string Category(Alert a) => Is(a) ? (a.Raw("category") ?? "").Trim().ToUpperInvariant() : "";

    /// <summary>PhishER's disposition is a threat, or a link or attachment was found malicious (its disposition, or two or more VirusTotal engines).</summary>
    public static bool Threat(Alert a) => Is(a) && (Category(a) == "THREAT" || Dispositions(a).Any(d => d.Contains("MALICIOUS", StringComparison.OrdinalIgnoreCase)) || MaxPositives(a) >= 2);

    /// <summary>Not yet judged (UNKNOWN) or one engine flags a link or file: not a "no threat".</summary>
    public static bool Suspect(Alert a) => Is(a) && (Category(a) == "UNKNOWN" || MaxPositives(a) == 1
        || Dispositions(a).Any(d => d.Contains("SUSPICIOUS", StringComparison.OrdinalIgnoreCase)));

    /// <summary>Exactly one VirusTotal engine flags a link or attachment.</summary>
    public static bool FlaggedOnce(Alert a) => Is(a) && MaxPositives(a) == 1;

    /// <summary>PhishER's disposition is spam.</summary>
    public static bool Spam(Alert a) => Category(a) == "SPAM";

    /// <summary>PhishER recognised a KnowBe4 phishing security test (its PST tag), with no link or file flagged by any engine.</summary>
    public static bool SimulationTag(Alert a) => Is(a) && NothingFlagged(a) && Tags(a).Any(t => t.Equals("PST", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Another tag that names a phishing simulation (KB4:SIMULATED_PHISHING and the like), with no link or file flagged by
    /// any engine; the tag, or null. Unlike PST, such a tag names no test PhishER matched: the sender must be vouched for too.
    /// </summary>
    public static string? SimulationNamedTag(Alert a) => Is(a) && NothingFlagged(a) ? Tags(a).FirstOrDefault(t => SimulationWord().IsMatch(t)) : null;

    private static bool NothingFlagged(Alert a) => MaxPositives(a) == 0 && !Dispositions(a).Any(d => d.Contains("MALICIOUS", StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<string> Tags(Alert a) =>
        a.Fields.Where(f => Leaf(f.Key) == "name" && FieldNames.Normalize(f.Key).StartsWith("tags.", StringComparison.Ordinal)).Select(f => f.Value.Trim());

    [GeneratedRegex(@"(?i)phish(?:ing)?[\s_-]*(?:sim|test)|simulat\w*[\s_-]*phish")]
    private static partial Regex SimulationWord();

    private static IEnumerable<string> Dispositions(Alert a) =>
        a.Fields.Where(f => Leaf(f.Key) == "dispositions" || FieldNames.Normalize(f.Key).Contains(".dispositions.", StringComparison.Ordinal)).Select(f => f.Value);

    private static int MaxPositives(Alert a) =>
        a.Fields.Where(f => FieldNames.Normalize(f.Key).EndsWith("virustotal.positives", StringComparison.Ordinal))
            .Select(f => int.TryParse(f.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0).DefaultIfEmpty(0).Max();

    private static string Leaf(string key)
    {
        var n = FieldNames.Normalize(key);
        return n[(n.LastIndexOf('.') + 1)..];
    }
}
