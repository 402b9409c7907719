using System.Text.RegularExpressions;
using Verdict.Alerts;
using Verdict.Ingest;

namespace Verdict.Analysis.Families.Email;

/// <summary>
/// The verdicts of two more mail products, by their documented fields:
/// <list type="bullet">
/// <item>Barracuda Email Gateway Defense message log: per recipient <c>action</c> (allowed, quarantined, blocked,
/// deferred), <c>reason</c> (bulk, rbl, spf, dmarc, intent, atp, virus, content, rate_control...) and
/// <c>reason_extra</c>. Intent analysis, a sandbox (ATP) finding and a virus are its threat verdicts; bulk is
/// marketing; a reputation-list block refuses a listed spam source; rate control throttles volume (no verdict at
/// all); an ATP hold that ended "clean" released the message; "EICAR" names the anti-virus test file.</item>
/// <item>Cofense Triage reports: the report's category (<c>category.name</c>, <c>category.malicious</c>), which the
/// triage team or its rules assign: a malicious category is its threat verdict, Spam its spam verdict, a phishing
/// simulation its own drill; a report with no category is not judged yet when Triage's rules matched it (a
/// matched rule listed, or <c>match_priority</c> above 0 with a tag Triage set).</item>
/// <item>Darktrace /EMAIL: per recipient <c>rcpts[].tags</c> (Spam, Bulk, Credential Harvesting, Impersonation...) is its
/// verdict and <c>rcpts[].actions</c> ("Move to junk", "Hold message") what it did with the message.</item>
/// <item>Trend Micro Email Security policy events: <c>policyType</c> (Graymail, Spam, Virus, Phishing, Business Email
/// Compromise...) is the verdict and <c>action</c> (Quarantine, Delete, Deliver with tag) what it did.</item>
/// </list>
/// </summary>
public static partial class MailVerdicts
{
    public static bool IsBarracuda(Alert a) => a.Has("hdrfrom") && a.Raw("recipients.0.action") is not null;

    public static bool IsCofense(Alert a) => a.Has("reporter.email") && a.Raw("jsonapi.type") is "reports";

    public static bool IsDarktraceEmail(Alert a) => a.Has("headerfromemail") && a.Raw("rcpts.0.actions") is not null;

    public static bool IsTrendEmail(Alert a) => a.Has("mailid") && a.Raw("policytype") is not null;

    /// <summary>Darktrace /EMAIL's recipient tags or Trend Micro's policy type: the product's own class for the message; "" otherwise.</summary>
    private static string ProductClass(Alert a) =>
        IsDarktraceEmail(a) ? string.Join(" ", a.Fields.Where(f => RcptTags().IsMatch(f.Key)).Select(f => f.Value)) : IsTrendEmail(a) ? a.Raw("policytype") ?? "" : "";

    private static string Reasons(Alert a) => IsBarracuda(a)
        ? string.Join(" ", a.Fields.Where(f => BarracudaReason().IsMatch(f.Key) && !string.IsNullOrWhiteSpace(f.Value)).Select(f => f.Value.Trim()))
        : "";

    /// <summary>
    /// Only the anti-virus test file (EICAR) was found: a test of the gateway, harmless by design. Besides Barracuda's
    /// reasons, any product's own detection names count (a reason, virus, threat, malware or detection name: "Virus:
    /// EICAR_TEST_FILE", virusNames [EICAR-Test-File]) when they name the EICAR signature and no other threat; a file
    /// called eicar, a subject or a rule name do not (anyone chooses those).
    /// </summary>
    public static bool Eicar(Alert a)
    {
        if (Reasons(a) is { Length: > 0 } r) return r.Contains("eicar", StringComparison.OrdinalIgnoreCase) && !OtherThreat().IsMatch(r);
        var names = string.Join(" ", a.Fields.Where(f => DetectionName(f.Key) && !string.IsNullOrWhiteSpace(f.Value)).Select(f => f.Value.Trim()));
        return Endpoint.EndpointOutcome.TestSignature().IsMatch(names) && !OtherThreat().IsMatch(names);
    }

    private static bool DetectionName(string key)
    {
        var n = FieldNames.Normalize(key);
        var last = n[(n.LastIndexOf('.') + 1)..];
        return last is "reason" or "virusname" or "virusnames" or "threatname" or "threatnames" or "malwarename" or "detectionname" or "signaturename";
    }

    /// <summary>The gateway's own threat verdict (Barracuda intent, ATP finding, virus; Cofense malicious category).</summary>
    public static bool Threat(Alert a)
    {
        if (IsCofense(a)) return a.Flag("category.malicious") == true;
        if (ProductClass(a) is { Length: > 0 } cls) return ProductThreat().IsMatch(cls) || OtherThreat().IsMatch(cls);
        var r = Reasons(a);
        return r.Length > 0 && !Eicar(a) && !SandboxReleased(a) && (ThreatReason().IsMatch(r) || OtherThreat().IsMatch(r));
    }

    public static bool Bulk(Alert a) => (Reasons(a) is { Length: > 0 } r && BulkReason().IsMatch(r) || ProductBulk().IsMatch(ProductClass(a))) && !Threat(a);

    public static bool Spam(Alert a) => IsCofense(a) && (a.Raw("category.name") ?? "").Trim().Equals("spam", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A Cofense report nobody has categorised yet on which Triage's own rules matched something: a matched rule is
    /// listed (the <c>rules</c> relationship), or a priority above 0 (or none given) comes with a tag Triage set. A bare
    /// priority naming no rule and no tag says nothing matched that anyone can read; such a report, like one with
    /// priority 0, is only a user's report, judged like any other.
    /// </summary>
    public static bool Suspect(Alert a) => IsCofense(a) && a.Raw("category.name") is null
        && (RuleMatched(a) || (!(int.TryParse(a.Raw("match_priority"), out var p) && p == 0) && Tagged(a)));

    /// <summary>The report lists a Triage rule it matched (rules.0.id, rules.0.name from the relationship).</summary>
    private static bool RuleMatched(Alert a) => a.Fields.Any(f => f.Key.StartsWith("rules.", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(f.Value));

    /// <summary>Triage tagged the report (tags, categorization_tags), or the record does not say (no tags field at all).</summary>
    private static bool Tagged(Alert a)
    {
        var tags = a.Fields.Where(f => FieldNames.Normalize(f.Key) is var n && (n.StartsWith("tags", StringComparison.Ordinal) || n.StartsWith("categorizationtags", StringComparison.Ordinal))).ToList();
        return tags.Count == 0 || tags.Any(f => !string.IsNullOrWhiteSpace(f.Value) && f.Value.Trim() != "[]");
    }

    /// <summary>Cofense Triage categorised the report as a phishing simulation (its own PhishMe drills are recognised by it).</summary>
    public static bool CofenseSimulation(Alert a) => IsCofense(a) && a.Flag("category.malicious") != true && Simulation().IsMatch(a.Raw("category.name") ?? "");

    public static bool ReputationBlock(Alert a) => Reasons(a) is { Length: > 0 } r && ReputationReason().IsMatch(r) && !Threat(a)
        && (a.Raw("recipients.0.action") ?? "").StartsWith("block", StringComparison.OrdinalIgnoreCase);

    public static bool RateControl(Alert a) => Reasons(a) is { Length: > 0 } r && RateReason().IsMatch(r) && !Threat(a)
        && !ThreatReason().IsMatch(r) && !OtherThreat().IsMatch(r);

    /// <summary>
    /// The message was held for the sandbox and released clean: Barracuda "ATP: clean", or Mimecast attachment
    /// protection's hold or sandbox (<c>actionTriggered</c> in its API log, <c>Action</c> in its SIEM log, beside the file's
    /// <c>fileHash</c> or <c>sha256</c>) of a file whose sandbox <c>result</c> is safe or clean.
    /// </summary>
    public static bool SandboxReleased(Alert a) => Reasons(a) is { Length: > 0 } r ? AtpClean().IsMatch(r) && !OtherThreat().IsMatch(r)
        : a.Has("filehash", "sha256") && a.Raw("actiontriggered", "action") is { } held
            && (held.StartsWith("hold", StringComparison.OrdinalIgnoreCase) || held.StartsWith("sandbox", StringComparison.OrdinalIgnoreCase)) && a.Raw("result") is { } result
            && (result.Equals("safe", StringComparison.OrdinalIgnoreCase) || result.Equals("clean", StringComparison.OrdinalIgnoreCase));

    /// <summary>Barracuda's delivery: the first recipient's action ("quarantined", "blocked", "allowed", "deferred").</summary>
    public static string? Delivery(Alert a) => IsBarracuda(a) ? a.Raw("recipients.0.action")
        : IsDarktraceEmail(a) ? a.Raw("rcpts.0.actions") : IsTrendEmail(a) ? a.Raw("action") : null;

    /// <summary>"fail" when the gateway stopped it for SPF; null otherwise.</summary>
    public static string? Spf(Alert a) => Reasons(a) is { Length: > 0 } r && SpfReason().IsMatch(r) ? "fail" : null;

    /// <summary>
    /// The domain a DMARC verdict names ("DMARC policy quarantine for inserm.fr"), or "" when it names none; null when
    /// the gateway did not stop the message for DMARC.
    /// </summary>
    public static string? DmarcDomain(Alert a) => Reasons(a) is { Length: > 0 } r && r.Contains("dmarc", StringComparison.OrdinalIgnoreCase)
        ? DmarcFor().Match(r) is { Success: true } m ? m.Groups[1].Value.ToLowerInvariant() : ""
        : null;

    [GeneratedRegex(@"^recipients\.\d+\.(?:reason|reason_extra)$", RegexOptions.IgnoreCase)]
    private static partial Regex BarracudaReason();

    [GeneratedRegex(@"(?i)\b(?:intent|atp|virus|phishing|fraud)\b")]
    private static partial Regex ThreatReason();

    [GeneratedRegex(@"(?i)phish|fraud|malware|malicious|suspicious|trojan|ransom|impersonat|spoof|backdoor|exploit")]
    private static partial Regex OtherThreat();

    [GeneratedRegex(@"(?i)\bbulk\b")]
    private static partial Regex BulkReason();

    [GeneratedRegex(@"^rcpts\.\d+\.tags$", RegexOptions.IgnoreCase)]
    private static partial Regex RcptTags();

    [GeneratedRegex(@"(?i)virus|credential|business email compromise|\bbec\b|extortion|sandbox|\bthreat")]
    private static partial Regex ProductThreat();

    [GeneratedRegex(@"(?i)\b(?:spam|bulk|graymail|marketing|newsletter)\b")]
    private static partial Regex ProductBulk();

    [GeneratedRegex(@"(?i)\b(?:rbl|brbl|reputation|ptr)\b")]
    private static partial Regex ReputationReason();

    [GeneratedRegex(@"(?i)\batp\b.*\bclean\b")]
    private static partial Regex AtpClean();

    [GeneratedRegex(@"(?i)\brate[_ ]?control\b")]
    private static partial Regex RateReason();

    [GeneratedRegex(@"(?i)\bspf\b")]
    private static partial Regex SpfReason();

    [GeneratedRegex(@"(?i)dmarc\b.*?\bfor\s+([a-z0-9.-]+\.[a-z]{2,})")]
    private static partial Regex DmarcFor();

    [GeneratedRegex(@"(?i)simulation")]
    private static partial Regex Simulation();
}
