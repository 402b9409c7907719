using System.Text.RegularExpressions;
using Verdict.Alerts;
using Verdict.Ingest;

namespace Verdict.Analysis.Families.Email;

/// <summary>
/// Mail-gateway fields that come nested or combined: an "Authentication-Results" style line (spf=pass dkim=pass
/// dmarc=pass), attachments as a list of objects (attachments.0.name, attachments.0.sandbox_verdict), the sender
/// domain's age, and a phishing-simulation header. Vendor shapes read by their documented names: Defender for Office 365
/// (SenderFromAddress, AuthenticationDetails, AttachmentNames, Urls) and Proofpoint TAP (headerFrom, authResults,
/// messageParts[] with filename, sandboxStatus, containedFiles and urls, where the message bodies text.html and
/// text.txt are parts too but not attachments).
/// </summary>
public static partial class EmailFields
{
    /// <summary>The result of one mechanism ("spf", "dkim", "dmarc") from an Authentication-Results line.</summary>
    public static string? AuthPart(Alert a, string mechanism)
    {
        var line = a.Raw("authenticationresults", "authentication_results", "authresults", "email.authentication_results", "authenticationdetails");
        if (line is null) return MethodResult(a, mechanism);
        // "spf=pass" (Authentication-Results) or {"SPF":"pass"} (Defender's AuthenticationDetails as JSON).
        var m = Regex.Match(line, $@"(?i)\b{mechanism}""?\s*[=:]\s*""?(\w+)", RegexOptions.None, TimeSpan.FromMilliseconds(100));
        return m.Success ? m.Groups[1].Value : null;
    }

    /// <summary>
    /// The result of one mechanism from a list of method/result objects (authResults[].method "spf", .result "pass", as
    /// Proofpoint on Demand writes its DMARC module's findings).
    /// </summary>
    private static string? MethodResult(Alert a, string mechanism)
    {
        foreach (var (key, value) in a.Fields)
        {
            var n = FieldNames.Normalize(key);
            if (!(n.EndsWith(".method", StringComparison.Ordinal) || n.EndsWith(".mechanism", StringComparison.Ordinal)) || !value.Trim().Equals(mechanism, StringComparison.OrdinalIgnoreCase)) continue;
            var wanted = n[..(n.LastIndexOf('.') + 1)] + "result";
            if (a.Fields.FirstOrDefault(f => FieldNames.Normalize(f.Key) == wanted).Value is { } result && !string.IsNullOrWhiteSpace(result)) return result.Trim();
        }
        return null;
    }

    /// <summary>Names of attachments given as a list of objects (attachments.N.name / filename).</summary>
    public static string AttachmentNames(Alert a) => string.Join(", ", Nested(a, "name", "filename", "file_name", "containedfiles").Append(CiscoEsa.AttachmentNames(a)).Where(n => n.Length > 0));

    /// <summary>Sandbox or scanner verdicts given per attachment (Proofpoint's sandboxStatus "threat" is malicious).</summary>
    /// Mimecast's attachment-protection log gives its verdict as the record's own result (with fileName and fileHash).
    public static IEnumerable<string> SandboxVerdicts(Alert a) =>
        Nested(a, "sandbox_verdict", "sandboxverdict", "verdict", "scan_result", "sandboxstatus")
            .Concat(a.Has("filehash") && a.Has("filename") && a.Raw("result") is { } r ? [r] : Array.Empty<string>()).Select(v => v.Equals("threat", StringComparison.OrdinalIgnoreCase) ? "malicious (sandbox status: threat)" : v)
            .Concat(CiscoEsa.AmpVerdicts(a));

    /// <summary>The sender as the reader sees it: the From header (Defender SenderFromAddress, Proofpoint headerFrom) before the envelope.</summary>
    /// Also Abnormal's fromAddress, Mimecast's fromUserEmailAddress (URL log) and senderAddress, the Google Alert Center's
    /// maliciousEntity.fromHeader and a Defender XDR alert's analyzedMessageEvidence sender.emailAddress.
    /// A message's header object (Proofpoint on Demand msg.header.from, SES mail.commonHeaders.from) is read before an
    /// envelope's from, and sender_email / fromEmail (IRONSCALES, Harmony Email) like senderAddress; Darktrace /EMAIL's
    /// header_from_email (and header_subject) like headerFrom.
    public static string? From(Alert a) =>
        a.Raw("senderfromaddress", "headerfrom", "headerfromemail") ?? Tail(a, "header.from") ?? Tail(a, "headers.from") ?? Tail(a, "commonheaders.from")
        ?? a.Raw("fromaddress", "fromuseremailaddress", "fromheader", "senderemail", "fromemail", "from", "sender", "senderaddress", "sendersmtp", "mailfrom", "email.from.address", "sender.email")
        ?? Tail(a, "sender.emailaddress") ?? CiscoEsa.From(a);

    /// <summary>The subject line (Google Alert Center messages[].subjectText too).</summary>
    public static string? Subject(Alert a) => a.Raw("subject", "emailsubject", "email.subject", "subjecttext", "headersubject") ?? CiscoEsa.Subject(a);

    /// <summary>The first non-empty field whose normalised name is the suffix or ends with "." and the suffix (evidence.0.sender.emailaddress).</summary>
    public static string? Tail(Alert a, string suffix)
    {
        foreach (var (key, value) in a.Fields)
        {
            if (string.IsNullOrWhiteSpace(value)) continue;
            var n = FieldNames.Normalize(key);
            if (n == suffix || n.EndsWith("." + suffix, StringComparison.Ordinal)) return value.Trim();
        }
        return null;
    }

    /// <summary>
    /// The verdicts a Defender XDR alert gives its message and file evidence (evidence[].verdict: malicious, suspicious,
    /// noThreatsFound, unknown), mailbox and user evidence left out (their verdict is about the account, not the mail).
    /// </summary>
    public static IEnumerable<string> EvidenceVerdicts(Alert a)
    {
        foreach (var (key, value) in a.Fields)
        {
            var n = FieldNames.Normalize(key);
            if (!n.StartsWith("evidence.", StringComparison.Ordinal) || !n.EndsWith(".verdict", StringComparison.Ordinal) || string.IsNullOrWhiteSpace(value)) continue;
            var typeKey = FieldNames.Normalize(key[..^"verdict".Length] + "@odata.type");
            var type = a.Fields.FirstOrDefault(f => FieldNames.Normalize(f.Key) == typeKey).Value ?? "";
            if (type.Contains("message", StringComparison.OrdinalIgnoreCase) && !type.Contains("mailbox", StringComparison.OrdinalIgnoreCase)
                || type.Contains("file", StringComparison.OrdinalIgnoreCase) || type.Contains("url", StringComparison.OrdinalIgnoreCase))
                yield return value.Trim();
        }
    }

    /// <summary>
    /// Hosts of the links to the product's own console that an alert carries (Graph alertWebUrl, incidentWebUrl, a
    /// portal or permalink field): where to read the alert, not a link in the message.
    /// </summary>
    public static IEnumerable<string> PortalHosts(Alert a)
    {
        foreach (var (key, value) in a.Fields)
        {
            var n = FieldNames.Normalize(key);
            var last = n[(n.LastIndexOf('.') + 1)..];
            if (string.IsNullOrWhiteSpace(value) || !(last.EndsWith("weburl", StringComparison.Ordinal) || last.EndsWith("portalurl", StringComparison.Ordinal)
                || last is "permalink" or "consoleurl" or "alertlink")) continue;
            foreach (var host in LinkHosts(value)) yield return host;
        }
    }

    /// <summary>Every link the alert lists: top-level url fields and the links inside message parts.</summary>
    public static string Urls(Alert a)
    {
        var all = new List<string>();
        foreach (var (key, value) in a.Fields)
        {
            if (string.IsNullOrWhiteSpace(value)) continue;
            var n = FieldNames.Normalize(key);
            var last = n[(n.LastIndexOf('.') + 1)..];
            if (last is "urls" or "url" or "links") all.Add(value.Trim());
        }
        all.Add(CiscoEsa.Urls(a));
        return string.Join(" ", all.Where(u => u.Length > 0));
    }

    private static IEnumerable<string> Nested(Alert a, params string[] leaves)
    {
        foreach (var (key, value) in a.Fields)
        {
            if (string.IsNullOrWhiteSpace(value)) continue;
            var n = FieldNames.Normalize(key);
            if (!(n.StartsWith("attachment", StringComparison.Ordinal) || n.StartsWith("messageparts", StringComparison.Ordinal)) || !n.Contains('.', StringComparison.Ordinal)) continue;
            var last = n[(n.LastIndexOf('.') + 1)..];
            if (!leaves.Any(l => FieldNames.Normalize(l) == last) || IsBodyPart(a, n)) continue;
            yield return value.Trim();
        }
    }

    /// <summary>A Proofpoint message part that is the message body itself ("text.html", "text.txt"), not an attachment.</summary>
    private static bool IsBodyPart(Alert a, string normalizedKey)
    {
        if (!normalizedKey.StartsWith("messageparts", StringComparison.Ordinal)) return false;
        var prefix = normalizedKey[..(normalizedKey.LastIndexOf('.') + 1)];
        foreach (var (key, value) in a.Fields)
        {
            var n = FieldNames.Normalize(key);
            if (n == prefix + "filename" && BodyPart().IsMatch(value.Trim())) return true;
            if (n == prefix + "disposition" && value.Trim().Equals("inline", StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>Days since the sender's or link's domain was registered, when the gateway says.</summary>
    public static int? DomainAgeDays(Alert a) =>
        int.TryParse(a.Raw("domain_age_days", "domainage", "domain_age", "sender_domain_age_days"), out var d) ? d : CiscoEsa.DomainAgeDays(a);

    /// <summary>The message carries a phishing-simulation header (KnowBe4 X-PHISHTEST, or a gateway flag).</summary>
    public static bool PhishingSimulation(Alert a) =>
        a.Raw("x_phish_sim", "xphishtest", "x-phishtest", "phishing_simulation", "phishsim") is { } v && a.Flag("x_phish_sim", "xphishtest", "x-phishtest", "phishing_simulation", "phishsim") != false && v.Length > 0;

    /// <summary>
    /// The registrable part of a host: "mail.google.com" → "google.com", "www.amazon.co.uk" → "amazon.co.uk" (a short
    /// second level under a country code, as in co.uk or com.au, is part of the suffix).
    /// </summary>
    public static string Registrable(string host)
    {
        var parts = host.ToLowerInvariant().TrimEnd('.').Split('.');
        var keep = parts.Length >= 3 && parts[^1].Length == 2 && parts[^2] is "co" or "com" or "org" or "net" or "ac" or "gov" or "ltd" or "plc" or "ne" or "or" ? 3 : 2;
        return parts.Length <= keep ? string.Join('.', parts) : string.Join('.', parts[^keep..]);
    }

    /// <summary>The hosts of the links in the text.</summary>
    public static IEnumerable<string> LinkHosts(string urls) =>
        LinkHost().Matches(urls).Select(m => m.Groups[1].Value.ToLowerInvariant());

    [GeneratedRegex(@"(?i)^text\.(?:html?|txt|plain)$")]
    private static partial Regex BodyPart();

    [GeneratedRegex(@"(?i)https?://([\w.-]+)")]
    private static partial Regex LinkHost();
}
