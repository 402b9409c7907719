using System.Globalization;
using System.Text.RegularExpressions;
using Verdict.Ingest;

namespace Verdict.Analysis.Families.Network;

/// <summary>
/// Attacks that are not a payload in a parameter: HTTP request smuggling (a request carrying both Content-Length and
/// Transfer-Encoding, or two or an obfuscated Transfer-Encoding), and a login brute-force alert whose request
/// succeeded (the guess worked).
/// </summary>
public static partial class WebSignals
{
    private const string Src = "request";

    /// <summary>Adds what it finds; true when it found an attack.</summary>
    public static bool Add(FamilyCase c, List<Evidence> evidence, string headers)
    {
        var found = false;
        var lower = headers.ToLowerInvariant();
        var te = TransferEncoding().Matches(lower);
        var cl = lower.Contains("content-length:", StringComparison.Ordinal);
        if (te.Count > 1 || (te.Count == 1 && (cl || !te[0].Groups[1].Value.Trim().Equals("chunked", StringComparison.Ordinal))))
        {
            evidence.Add(new("request_smuggling", te.Count > 1
                ? "The request carries Transfer-Encoding twice: front end and back end disagree on where it ends (HTTP request smuggling)"
                : cl ? "The request carries both Content-Length and Transfer-Encoding (HTTP request smuggling)"
                : $"The request carries an obfuscated Transfer-Encoding ('{CommonEvidence.Clip(te[0].Groups[1].Value, 30)}')", Leaning.Malicious, 2.2, Src));
            found = true;
        }
        var a = c.Alert;
        var status = int.TryParse(a.Field(CanonicalField.ResponseStatus), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var about = $"{a.Rule} {a.Raw("attack_type", "attacktype", "category", "threat.technique.name")}";
        if (BruteForce().IsMatch(about) && status is >= 200 and < 400 && !Refused().IsMatch(a.Field(CanonicalField.ResponseBody) ?? ""))
        {
            evidence.Add(new("brute_force_success", $"A login brute-force alert, and this attempt succeeded (HTTP {status}): a guessed credential worked", Leaning.Malicious, 2.2, "response"));
            found = true;
        }
        return found;
    }

    [GeneratedRegex(@"(?m)^\s*transfer[-_ ]encoding\s*:(.*)$")]
    private static partial Regex TransferEncoding();

    [GeneratedRegex(@"(?i)brute|credential[-_ ]?stuff|password[-_ ]?spray|bruteforce")]
    private static partial Regex BruteForce();

    [GeneratedRegex(@"(?i)invalid (?:user|password|credentials)|login failed|incorrect|locked|too many")]
    private static partial Regex Refused();
}
