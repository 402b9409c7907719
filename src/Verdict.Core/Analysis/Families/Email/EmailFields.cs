using System.Text.RegularExpressions;
using Verdict.Alerts;
using Verdict.Ingest;

namespace Verdict.Analysis.Families.Email;

/// <summary>
/// Mail-gateway fields that come nested or combined: an "Authentication-Results" style line (spf=pass dkim=pass
/// dmarc=pass), attachments as a list of objects (attachments.0.name, attachments.0.sandbox_verdict), the sender
/// domain's age, and a phishing-simulation header.
/// </summary>
public static partial class EmailFields
{
    /// <summary>The result of one mechanism ("spf", "dkim", "dmarc") from an Authentication-Results line.</summary>
    public static string? AuthPart(Alert a, string mechanism)
    {
        var line = a.Raw("authenticationresults", "authentication_results", "authresults", "email.authentication_results");
        if (line is null) return null;
        var m = Regex.Match(line, $@"(?i)\b{mechanism}\s*=\s*(\w+)", RegexOptions.None, TimeSpan.FromMilliseconds(100));
        return m.Success ? m.Groups[1].Value : null;
    }

    /// <summary>Names of attachments given as a list of objects (attachments.N.name / filename).</summary>
    public static string AttachmentNames(Alert a) => string.Join(", ", Nested(a, "name", "filename", "file_name"));

    /// <summary>Sandbox or scanner verdicts given per attachment.</summary>
    public static IEnumerable<string> SandboxVerdicts(Alert a) => Nested(a, "sandbox_verdict", "sandboxverdict", "verdict", "scan_result");

    private static IEnumerable<string> Nested(Alert a, params string[] leaves)
    {
        foreach (var (key, value) in a.Fields)
        {
            if (string.IsNullOrWhiteSpace(value)) continue;
            var n = FieldNames.Normalize(key);
            if (!n.StartsWith("attachment", StringComparison.Ordinal) || !n.Contains('.', StringComparison.Ordinal)) continue;
            var last = n[(n.LastIndexOf('.') + 1)..];
            if (leaves.Any(l => FieldNames.Normalize(l) == last)) yield return value.Trim();
        }
    }

    /// <summary>Days since the sender's or link's domain was registered, when the gateway says.</summary>
    public static int? DomainAgeDays(Alert a) =>
        int.TryParse(a.Raw("domain_age_days", "domainage", "domain_age", "sender_domain_age_days"), out var d) ? d : null;

    /// <summary>The message carries a phishing-simulation header (KnowBe4 X-PHISHTEST, or a gateway flag).</summary>
    public static bool PhishingSimulation(Alert a) =>
        a.Raw("x_phish_sim", "xphishtest", "x-phishtest", "phishing_simulation", "phishsim") is { } v && a.Flag("x_phish_sim", "xphishtest", "x-phishtest", "phishing_simulation", "phishsim") != false && v.Length > 0;

    /// <summary>The registrable part of a host: "mail.google.com" → "google.com" (last two labels; enough to compare).</summary>
    public static string Registrable(string host)
    {
        var parts = host.ToLowerInvariant().TrimEnd('.').Split('.');
        return parts.Length <= 2 ? string.Join('.', parts) : string.Join('.', parts[^2..]);
    }

    /// <summary>The hosts of the links in the text.</summary>
    public static IEnumerable<string> LinkHosts(string urls) =>
        LinkHost().Matches(urls).Select(m => m.Groups[1].Value.ToLowerInvariant());

    [GeneratedRegex(@"(?i)https?://([\w.-]+)")]
    private static partial Regex LinkHost();
}
