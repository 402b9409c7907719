using Verdict.Alerts;

namespace Verdict.Analysis.Families.Email;

/// <summary>
/// The mail gateway's reputation of the sending server and domain (Cisco SenderBase SBRS, -10 to +10, and Sender Domain
/// Reputation: Trusted, Favorable, Neutral, Poor, Tainted, Very Poor, Untrusted). A poor reputation is a weak sign of a
/// throw-away or abused sender; a good one says the sender is long established, not that this message is honest (a
/// compromised supplier keeps its reputation), so it is weak and never an explanation by itself.
/// </summary>
public static class EmailReputation
{
    public static void Add(FamilyCase c, List<Evidence> evidence)
    {
        var a = c.Alert;
        var sdr = CiscoEsa.DomainReputation(a)?.Trim();
        var sbrs = CiscoEsa.Sbrs(a);
        var poorDomain = sdr is not null && (sdr.Contains("poor", StringComparison.OrdinalIgnoreCase) || sdr.Contains("untrusted", StringComparison.OrdinalIgnoreCase)
            || sdr.Contains("tainted", StringComparison.OrdinalIgnoreCase) || sdr.Equals("weak", StringComparison.OrdinalIgnoreCase));
        if (poorDomain || sbrs is <= -3)
            evidence.Add(new("sender_reputation_poor", $"The gateway rates the sender poorly (domain reputation {sdr ?? "unknown"}, SBRS {Score(sbrs)})", Leaning.Malicious, 1.0, EmailGateway.Src));
        else if (sdr is not null && (sdr.Equals("trusted", StringComparison.OrdinalIgnoreCase) || sdr.Equals("favorable", StringComparison.OrdinalIgnoreCase) || sdr.Equals("favourable", StringComparison.OrdinalIgnoreCase))
            && sbrs is null or >= 1)
            evidence.Add(new("sender_reputation_good", $"The gateway rates the sender well (domain reputation {sdr}, SBRS {Score(sbrs)}): an established sender, which says nothing about this message's intent", Leaning.Benign, 0.5, EmailGateway.Src));
    }

    private static string Score(double? s) => s?.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) ?? "unknown";
}
