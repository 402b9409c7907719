using System.Globalization;
using System.Text.RegularExpressions;
using Verdict.Alerts;

namespace Verdict.Analysis.Families.Email;

/// <summary>
/// Cisco Secure Email (ESA) consolidated event log fields, by their documented names: ESAFriendlyFrom (the From header),
/// suser (envelope sender), duser (recipient), ESAReplyTo, msg (the subject), ESASPFVerdict / ESADKIMVerdict /
/// ESADMARCVerdict, ESAAMPVerdict and the per-file AMP verdicts in ESAAttachmentDetails, ESAAVVerdict (anti-virus),
/// ESAOFVerdict (outbreak filters), ESAASVerdict (anti-spam), ESAGMVerdict (graymail: marketing, social, bulk),
/// ESADLPVerdict, act and ESAFinalActionDetails (what happened to the message), ESAURLDetails (rewritten links with the
/// ExpandedUrl they stand for), ESASenderGroup and the labelled custom fields SBRSScore, SDRRepScore, SDRThreatCategory,
/// MailPolicy and ESASDRDomainAge. The dictionaries come as Python-style text ("{'file.pdf': {'AMP': {...}}}").
/// </summary>
public static partial class CiscoEsa
{
    /// <summary>True for an ESA consolidated event (it carries ESA's message id or friendly-from).</summary>
    public static bool Is(Alert a) => a.Has("esamid", "esafriendlyfrom", "esaicid");

    /// <summary>The From header as the reader sees it, then the envelope sender.</summary>
    public static string? From(Alert a) => Is(a) ? a.Raw("esafriendlyfrom", "suser") : null;

    /// <summary>The envelope sender (MAIL FROM).</summary>
    public static string? Envelope(Alert a) => Is(a) ? a.Raw("suser") : null;

    public static string? Recipient(Alert a) => Is(a) ? a.Raw("duser") : null;

    public static string? ReplyTo(Alert a) => a.Raw("esareplyto");

    /// <summary>The subject: ESA writes it in msg, quoted.</summary>
    public static string? Subject(Alert a) => Is(a) && a.Raw("msg", "esasubject") is { } s ? s.Trim('\'', '"', ' ') : null;

    /// <summary>The SPF result ("{'mailfrom': {'result': 'Pass', ...}}" or a bare word).</summary>
    public static string? Spf(Alert a) => a.Raw("esaspfverdict") is { } v ? SpfResult().Match(v) is { Success: true } m ? m.Groups[1].Value : v : null;

    public static string? Dkim(Alert a) => a.Raw("esadkimverdict");

    public static string? Dmarc(Alert a) => a.Raw("esadmarcverdict");

    /// <summary>Attachment file names: the keys of ESAAttachmentDetails.</summary>
    public static string AttachmentNames(Alert a) =>
        a.Raw("esaattachmentdetails") is { } d ? string.Join(", ", FileKey().Matches(d).Select(m => m.Groups[1].Value)) : "";

    /// <summary>AMP file verdicts ("malicious", "clean"), per file and for the message.</summary>
    public static IEnumerable<string> AmpVerdicts(Alert a)
    {
        var all = new List<string>();
        if (a.Raw("esaattachmentdetails") is { } d) all.AddRange(AmpVerdict().Matches(d).Select(m => m.Groups[1].Value));
        if (a.Raw("esaampverdict") is { } message) all.Add(message);
        foreach (var v in all)
        {
            var w = v.Trim().ToUpperInvariant().Replace("FILE ", "", StringComparison.Ordinal);
            if (w is "MALICIOUS") yield return "malicious (AMP file reputation)";
            else if (w is "CLEAN") yield return "clean";
        }
    }

    /// <summary>The links as the sender wrote them: ExpandedUrl for each rewritten link, else the link itself.</summary>
    public static string Urls(Alert a)
    {
        if (a.Raw("esaurldetails") is not { } d) return "";
        var expanded = Expanded().Matches(d).Select(m => m.Groups[1].Value).ToList();
        return expanded.Count > 0 ? string.Join(" ", expanded) : string.Join(" ", UrlKey().Matches(d).Select(m => m.Groups[1].Value));
    }

    /// <summary>What happened to the message: act (DELIVERED, QUARANTINED, DROPPED) and the final action's details.</summary>
    public static string? Delivery(Alert a) => Is(a) ? $"{a.Raw("act")} {a.Raw("esafinalactiondetails")}".Trim() is { Length: > 0 } s ? s : null : null;

    /// <summary>An engine convicted the message: anti-virus, outbreak filters, AMP or the sender domain's threat category.</summary>
    public static bool Threat(Alert a) =>
        Positive(a.Raw("esaavverdict")) || Positive(a.Raw("esaofverdict"))
        || (a.Raw("esaampverdict") ?? "").Contains("MALICIOUS", StringComparison.OrdinalIgnoreCase)
        || (Cef.Labeled(a, "SDRThreatCategory") ?? "").Contains("malicious", StringComparison.OrdinalIgnoreCase);

    /// <summary>Anti-spam called it spam or suspect spam.</summary>
    public static bool Spam(Alert a) => a.Raw("esaasverdict") is { } v && (Positive(v) || v.Contains("SUSPECT", StringComparison.OrdinalIgnoreCase));

    /// <summary>Graymail: marketing, social network or bulk mail.</summary>
    public static bool Graymail(Alert a) => a.Raw("esagmverdict") is { } v && v.Trim().ToUpperInvariant() is not ("NEGATIVE" or "NOT_EVALUATED" or "NOT EVALUATED" or "" or "N/A");

    /// <summary>The gateway's mail policy and sender group (the organisation's own names).</summary>
    public static string Policy(Alert a) => Is(a) ? $"{Cef.Labeled(a, "MailPolicy")} {a.Raw("esasendergroup")}".Trim() : "";

    /// <summary>
    /// The sender group names a phishing simulation. ESA puts a connection in a sender group by the connecting server's
    /// address or name (the host access table the organisation keeps), which a sender cannot choose.
    /// </summary>
    public static bool SimulationSenderGroup(Alert a) => a.Raw("esasendergroup") is { } g && SimulationName().IsMatch(g);

    /// <summary>SenderBase reputation score, -10 (worst) to +10.</summary>
    public static double? Sbrs(Alert a) =>
        Cef.Labeled(a, "SBRSScore") is { } s && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>Sender domain reputation verdict (Trusted, Favorable, Neutral, Poor, Tainted, Very Poor, Untrusted...).</summary>
    public static string? DomainReputation(Alert a) => Cef.Labeled(a, "SDRRepScore");

    /// <summary>The sender domain's age in days when ESA gives an exact one ("6 days"); "30 days (or greater)" is no exact age.</summary>
    public static int? DomainAgeDays(Alert a)
    {
        if (a.Raw("esasdrdomainage") is not { } v || v.Contains("greater", StringComparison.OrdinalIgnoreCase)) return null;
        if (v.Contains("year", StringComparison.OrdinalIgnoreCase) || v.Contains("month", StringComparison.OrdinalIgnoreCase)) return null;
        return Days().Match(v) is { Success: true } m && int.TryParse(m.Groups[1].Value, out var d) ? d : null;
    }

    /// <summary>The DLP verdict when the DLP engine matched (LOW, MEDIUM, HIGH, CRITICAL).</summary>
    public static string? Dlp(Alert a) => a.Raw("esadlpverdict") is { } v && v.Trim().ToUpperInvariant() is not ("NOT_EVALUATED" or "NEGATIVE" or "" or "N/A") ? v.Trim() : null;

    /// <summary>Outgoing mail: the outgoing listener, the relay mail-flow policy or sender group.</summary>
    public static bool Outbound(Alert a) => Is(a) && (
        (a.Raw("deviceoutboundinterface") ?? "").Contains("outgoing", StringComparison.OrdinalIgnoreCase)
        || string.Equals(a.Raw("esamailflowpolicy"), "RELAY", StringComparison.OrdinalIgnoreCase)
        || string.Equals(a.Raw("esasendergroup"), "RELAYLIST", StringComparison.OrdinalIgnoreCase));

    private static bool Positive(string? v) => v is not null && v.Trim().Equals("POSITIVE", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"(?i)'result'\s*:\s*'(\w+)'")]
    private static partial Regex SpfResult();

    [GeneratedRegex(@"'([^'{}:]+\.[A-Za-z0-9]{1,8})'\s*:\s*\{")]
    private static partial Regex FileKey();

    [GeneratedRegex(@"(?i)'Verdict'\s*:\s*'([^']+)'")]
    private static partial Regex AmpVerdict();

    [GeneratedRegex(@"(?i)'ExpandedUrl'\s*:\s*'([^']+)'")]
    private static partial Regex Expanded();

    [GeneratedRegex(@"'(https?://[^']+)'\s*:")]
    private static partial Regex UrlKey();

    [GeneratedRegex(@"(\d+)\s*day")]
    private static partial Regex Days();

    [GeneratedRegex(@"(?i)phish(?:ing)?[-_ ]?sim|simulation|(?:^|[-_ ])PST(?:$|[-_ ])|phish[-_ ]?test|security[-_ ]?test")]
    internal static partial Regex SimulationName();
}

/// <summary>ArcSight CEF custom fields, which carry their meaning in a companion label (cs1Label=MailPolicy, cs1=DEFAULT).</summary>
public static class Cef
{
    private static readonly string[] Slots = ["cs1", "cs2", "cs3", "cs4", "cs5", "cs6", "cfp1", "cfp2", "cfp3", "cfp4", "cn1", "cn2", "cn3", "flexstring1", "flexstring2"];

    /// <summary>The value of the custom field whose label is <paramref name="label"/> (compared case-insensitively).</summary>
    public static string? Labeled(Alert a, string label)
    {
        foreach (var slot in Slots)
        {
            if (string.Equals(a.Raw(slot + "Label"), label, StringComparison.OrdinalIgnoreCase)) return a.Raw(slot);
        }
        return null;
    }
}
