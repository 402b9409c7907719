using Verdict.Alerts;
using Verdict.Analysis.Families;
using Verdict.Ingest;

namespace Verdict.Analysis.Identity;

/// <summary>
/// An untargeted sign-in attempt that the identity provider itself refused: the product says it denied or blocked the
/// attempt (Okta's <c>outcome.result</c> DENY, an Auth0 rate-limit block, a Conditional Access failure), no account of
/// the organisation was named (the actor is unknown, "unknown@domain" or absent, and the product does not count exactly
/// one account), the source is outside the organisation, and no sign-in from that address succeeded in the activity logs.
/// Spraying and credential stuffing hit every public login page; an attempt the product stopped at the door before
/// any account was reached is that control doing its job, as a SOC closes it. Where such an attempt came from (a
/// foreign country, a hosting network, a script) describes the sprayer, not an account, and earns nothing on its own
/// (see <see cref="IdentityAlertSignals"/>). A source the organisation lists as bad counts only weakly then (it is why
/// the product refused it); the reason is stronger for a listed source than for an unlisted one, and an unlisted
/// source needs the product's own threat detection to have judged the request (Okta <c>threatSuspected</c>, a sign-in
/// risk level): a rate limit that blocks an address after thousands of tries (Auth0 <c>limit_mu</c>) stays open,
/// since some of those tries may have been right. A named account, a
/// success from the address, or a rule naming what happens after a sign-in keeps the alert open.
/// </summary>
public static class IdentityRefusedAttempt
{
    public static bool Applies(IdentityCase c, Alert alert)
    {
        var s = IdentitySignIn.Read(alert);
        if (s.Succeeded != false || !s.BlockedByPolicy || s.Ip is not { } ip || FamilyCase.IsInternal(ip) || c.IsInfrastructure(ip)
            || c.Context.AutomationEgress.Contains(ip)) return false;
        if (IdentityAlertSignals.NoLocationCredit().IsMatch(alert.Rule)) return false;
        // An unlisted source: only the product's own threat detection judging this request and refusing it counts. A
        // rate limit that blocks an address after it has tried its thousands of passwords says nothing about them.
        if (!c.Context.BadIps.Contains(ip) && !(s.ThreatSuspected || s.SignInRisk?.ToLowerInvariant() is "high" or "medium")) return false;
        if (!Untargeted(c, alert)) return false;
        return !c.Successes.Any(e => e.Ip == ip);
    }

    public static Evidence Refused(IdentityCase c, Alert alert)
    {
        var ip = IdentitySignIn.SourceIp(alert);
        return c.Context.BadIps.Contains(ip)
            ? new("refused_untargeted",
                $"The identity provider refused the attempt from {ip}, a source the organisation already lists as bad, before any account was reached (no account named), and nothing from that address succeeded: a known spray source stopped at the door",
                Leaning.Benign, 3.0, "alert")
            : new("refused_untargeted",
                $"The identity provider refused the attempt from {ip} before any account was reached (no account named), and nothing from that address succeeded: internet spraying stopped at the door, where it came from describes the sprayer, not an account",
                Leaning.Benign, 2.0, "alert");
    }

    /// <summary>No account named (absent or a placeholder such as "unknown") and the product does not count exactly one.</summary>
    private static bool Untargeted(IdentityCase c, Alert alert) =>
        ValueShape.IsPlaceholder(c.User?.Split('@')[0]) && IdentityOrigin.AccountCount(alert) != 1;
}
