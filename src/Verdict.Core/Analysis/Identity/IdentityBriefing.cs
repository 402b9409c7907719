namespace Verdict.Analysis.Identity;

/// <summary>
/// Turns evidence into what an analyst reads: questions to ask (not orders), recommended first moves
/// (sensitive ones phrased as proposals that need approval) and investigation steps.
/// </summary>
public static class IdentityBriefing
{
    public static List<string> Questions(IdentityCase c, IReadOnlyList<Evidence> evidence, Classification classification)
    {
        var keys = evidence.Select(e => e.Key).ToHashSet();
        var who = c.Who;
        var q = new List<string>();
        var ip = SuspectIp(c, evidence);
        if (keys.Contains("brute_force_then_success") || keys.Contains("success_after_failures"))
            q.Add($"Did {who} sign in themselves from {ip ?? "that address"}? Confirm through a known-good channel (phone, in person), not by email.");
        if (keys.Contains("brute_force") || keys.Contains("failed_from_unknown_ip"))
            q.Add($"Did {ip ?? "the same source"} try other accounts at the same time (password spraying)?");
        if (keys.Contains("new_country") && !keys.Contains("approved_travel"))
            q.Add($"Was {who} travelling at the time, and was this travel approved?");
        if (keys.Contains("approved_travel"))
            q.Add($"Does the approved trip match where {who} actually logged in from?");
        if (keys.Contains("impossible_travel"))
            q.Add($"Does {who} use a personal VPN or proxy that could explain two distant locations so close in time?");
        if (keys.Contains("bad_ip"))
            q.Add($"Is there any legitimate reason for {who} to use an anonymising or known-bad address?");
        if (keys.Contains("off_hours"))
            q.Add($"Does {who}'s role involve working at that hour, or was there an on-call duty or deadline?");
        if (keys.Contains("volume_spike"))
            q.Add($"Is {who} running a script or tool that logs in repeatedly, or sharing the account?");
        if (keys.Contains("privileged") && classification != Classification.Benign)
            q.Add($"What did the privileged account {who} do after the login (admin changes, new accounts, MFA changes)?");
        if (q.Count == 0)
        {
            q.Add(classification == Classification.Benign
                ? $"Is there anything about {who}'s situation this closure reason does not account for?"
                : $"Is this activity expected for {who}'s role and current work?");
        }
        return q;
    }

    public static List<string> Actions(IdentityCase c, IReadOnlyList<Evidence> evidence, Classification classification, bool escalate)
    {
        var who = c.Who;
        var ip = SuspectIp(c, evidence);
        if (classification == Classification.Benign)
            return [$"No action needed; closed with the reason recorded. Reopen if {who} reports activity they do not recognise."];
        if (!escalate)
            return [$"Watch {who}'s sign-ins for the next 24 hours for a new address, country or failed-login burst.",
                    "Ask the user or their manager about the activity if it repeats."];
        var actions = new List<string>
        {
            $"Contact {who} through a known-good channel to confirm whether the activity was theirs.",
            $"Review {who}'s active sessions, MFA registrations and mailbox rules since the first suspicious event.",
            $"If the activity is not confirmed as theirs: propose revoking {who}'s sessions and resetting the password (needs approval).",
        };
        if (ip is not null) actions.Add($"Propose blocking {ip} at the perimeter and identity provider (needs approval).");
        return actions;
    }

    public static List<string> Steps(IdentityCase c, IReadOnlyList<Evidence> evidence)
    {
        var who = c.Who;
        var ip = SuspectIp(c, evidence);
        var steps = new List<string> { $"Pull every sign-in for {who} over the last 7 days and compare with the baseline in this brief." };
        if (ip is not null)
        {
            steps.Add($"Search all accounts' sign-ins for {ip} to see who else it touched.");
            steps.Add($"Look up {ip} in threat intelligence (reputation, hosting provider, Tor/VPN).");
        }
        if (evidence.Any(e => e.Key is "new_country" or "impossible_travel"))
            steps.Add($"Check HR or travel records and the user's calendar for travel by {who}.");
        steps.Add($"Review what {who} accessed after the suspicious login (files, email, admin portals).");
        return steps;
    }

    /// <summary>The address most worth acting on: a brute-force source, a known-bad address or a new address.</summary>
    private static string? SuspectIp(IdentityCase c, IReadOnlyList<Evidence> evidence)
    {
        if (!evidence.Any(e => e.Supports == Leaning.Malicious && e.Key is "brute_force" or "brute_force_then_success" or "bad_ip" or "new_ip" or "new_country" or "impossible_travel" or "failed_from_unknown_ip"))
            return null;
        var baseline = c.Baseline?.Ips;
        return c.Window.Where(e => e.Ip is not null && !c.IsInfrastructure(e.Ip) && (baseline is null || !baseline.ContainsKey(e.Ip)))
            .GroupBy(e => e.Ip!).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault()
            ?? c.Alerts.Select(a => a.SourceIp).FirstOrDefault(ip => ip is not null && !c.IsInfrastructure(ip));
    }
}
