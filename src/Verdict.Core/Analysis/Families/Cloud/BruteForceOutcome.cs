using System.Text.RegularExpressions;
using Verdict.Alerts;

namespace Verdict.Analysis.Families.Cloud;

/// <summary>
/// A brute-force detection whose product states that every attempt failed: an authentication result field
/// (<c>sourceProperties.attempts.authResult</c> "FAIL" in Security Command Center, any key ending in <c>authResult</c>,
/// ECS <c>event.outcome</c> "failure"). When that statement stands and a listed bad address is the only thing against
/// the alert, the listing says no more than the brute force already does (the address guesses passwords) and the guessing
/// got nowhere: the listing stops being strong. A brute force with any success, or any other concern, keeps the listing strong.
/// </summary>
public static partial class BruteForceOutcome
{
    public static void Add(FamilyCase c, List<Evidence> evidence)
    {
        var a = c.Alert;
        if (!BruteForce().IsMatch(a.Rule ?? "") || evidence.Exists(e => e.Key == "brute_force_succeeded")) return;
        if (!evidence.Exists(e => e.Key == "brute_force_failed") && FailedResult(a) is { } stated)
            evidence.Add(new("brute_force_failed", $"The product reports the brute force's authentication result as '{CommonEvidence.Clip(stated, 20)}': the password guessing every internet-facing host receives, and it got nowhere", Leaning.Benign, 1.5, "alert"));
        if (!evidence.Exists(e => e.Key == "brute_force_failed")) return;
        if (evidence.FindIndex(e => e.Key == "bad_ip") is var listed and >= 0
            && !evidence.Exists(e => e.Supports == Leaning.Malicious && e.Key is not ("bad_ip" or "detector_severity")))
        {
            evidence[listed] = evidence[listed] with { Weight = 1.0, Strong = false };
            evidence.Add(new("listed_source_failed", $"The listed address {a.SourceIp} is a known password guesser, and the product says its guessing failed: the listing adds nothing the failed brute force does not already say",
                Leaning.Benign, 1.0, "context file"));
        }
    }

    /// <summary>The failing value of an authentication result or outcome field, when the product states one.</summary>
    private static string? FailedResult(Alert a)
    {
        foreach (var (key, value) in a.Fields)
        {
            var k = key.ToLowerInvariant();
            if ((k.EndsWith("authresult", StringComparison.Ordinal) || k.EndsWith("auth_result", StringComparison.Ordinal) || k == "event.outcome")
                && value is not null && Failed().IsMatch(value.Trim()))
                return value.Trim();
        }
        return null;
    }

    [GeneratedRegex(@"(?i)brute[\s_-]?force")]
    private static partial Regex BruteForce();

    [GeneratedRegex(@"(?i)^(fail|failed|failure|denied|rejected)$")]
    private static partial Regex Failed();
}
