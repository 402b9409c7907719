using Verdict.Alerts;
using Verdict.Analysis.Families;
using Verdict.Ingest;

namespace Verdict.Analysis.Identity;

/// <summary>
/// An untargeted sign-in attack from an address the organisation already lists as bad (context <c>bad_ips</c>: Tor
/// exits, known spray sources) that the identity provider itself refused: the product says it denied or blocked the
/// attempt (Okta's <c>outcome.result</c> DENY, an Auth0 rate-limit block, a Conditional Access failure), no account of
/// the organisation was named (the actor is unknown, "unknown@domain" or absent, and the product does not count exactly one account), and
/// no sign-in from that address succeeded in the activity logs. Known spray sources hit every public login page; one
/// the product stopped at the door is that list and that control doing their job, as a SOC closes it, and the listed
/// address then counts only weakly (it is why the product refused it). A source not on the list is a campaign not yet
/// known (a blocked credential-stuffing run from a fresh VPS stays open: block it, check the accounts it tried), and so
/// are a named account, a success from the address, or a rule naming what happens after a sign-in.
/// </summary>
public static class IdentityRefusedAttempt
{
    public static bool Applies(IdentityCase c, Alert alert)
    {
        var s = IdentitySignIn.Read(alert);
        if (s.Succeeded != false || !s.BlockedByPolicy || s.Ip is not { } ip || !c.Context.BadIps.Contains(ip) || FamilyCase.IsInternal(ip) || c.IsInfrastructure(ip)
            || c.Context.AutomationEgress.Contains(ip)) return false;
        if (IdentityAlertSignals.NoLocationCredit().IsMatch(alert.Rule)) return false;
        if (!Untargeted(c, alert)) return false;
        return !c.Successes.Any(e => e.Ip == ip);
    }

    public static Evidence Refused(IdentityCase c, Alert alert) => new("refused_untargeted",
        $"The identity provider refused the attempt from {IdentitySignIn.SourceIp(alert)}, a source the organisation already lists as bad, before any account was reached (no account named), and nothing from that address succeeded: a known spray source stopped at the door",
        Leaning.Benign, 3.0, "alert");

    /// <summary>No account named (absent or a placeholder such as "unknown") and the product does not count exactly one.</summary>
    private static bool Untargeted(IdentityCase c, Alert alert) =>
        ValueShape.IsPlaceholder(c.User?.Split('@')[0]) && IdentityOrigin.AccountCount(alert) != 1;
}
