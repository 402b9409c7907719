using System.Text.RegularExpressions;
using Verdict.Alerts;
using Verdict.Analysis.Families;
using Verdict.Ingest;

namespace Verdict.Analysis.Identity;

/// <summary>
/// One failed sign-in whose product-stated reason is a credential mistake: a wrong password or an unknown user name
/// (Keycloak's <c>error</c> <c>invalid_user_credentials</c> / <c>user_not_found</c>, Okta's <c>outcome.reason</c>
/// INVALID_CREDENTIALS, Entra's "Invalid username or password"), for one named account that is not privileged, a
/// service account or a departed user, from an address the organisation does not list as bad, not a hosting or
/// anonymising network, not a foreign country without approved travel, not rated high, and a rule naming no attack
/// (spray, brute force, stuffing, guessing, a threat). One wrong password is what people type every day and the
/// attempt gained nothing. A burst is judged by the activity detectors and by the product's counts: a count of
/// several accounts, a listed source or a rule naming an attack keeps it open.
/// </summary>
public static partial class IdentityMistypedCredentials
{
    public static void Add(IdentityCase c, List<Evidence> evidence)
    {
        if (c.Alerts.Count != 1) return;
        var alert = c.Alerts[0];
        var s = IdentitySignIn.Read(alert);
        if (s.Succeeded != false || IdentitySignIn.FailureReason(alert) is not { } reason || Mistake().Match(reason) is not { Success: true } mistake) return;
        if (ValueShape.IsPlaceholder(c.User?.Split('@')[0]) || c.IsPrivileged || c.Context.IsServiceAccount(c.User)
            || c.Context.DepartedBy(c.User, alert.Time) is not null || IdentitySignIn.Departed(alert)) return;
        if (IdentityOrigin.AccountCount(alert) > 1 || AttackRule().IsMatch(alert.Rule) || IdentityAlertSignals.NoLocationCredit().IsMatch(alert.Rule)
            || alert.DetectorSeverity is Alerts.Severity.High or Alerts.Severity.Critical) return;
        if (s.Ip is not { } ip || c.Context.BadIps.Contains(ip) || IdentityAlertSignals.ProductSaysProxy(alert) || s.Network is { } network && IdentityAlertSignals.Hosting().IsMatch(network)) return;
        if (s.Country is { } country && c.Context.UsualCountries.Count > 0 && !c.Context.UsualCountries.Contains(country)
            && (alert.Time is not { } t || c.Context.TravelApproval(c.User ?? "", country, t) is null)) return;
        evidence.Add(new("mistyped_credentials", $"One failed sign-in for {c.Who} from {ip}, and the product says why: '{CommonEvidence.Clip(mistake.Value, 40)}' (a wrong password or user name); nothing was reached and no burst or listed source is in sight",
            Leaning.Benign, 1.0, "alert"));
    }

    /// <summary>A failure reason that is a credential mistake (wrong password, unknown user), not a lockout, block or policy.</summary>
    [GeneratedRegex(@"(?i)invalid[ _-]?(?:user[ _-]?)?(?:credentials?|password)|(?:wrong|bad|incorrect)[ _-]?(?:password|credentials?)|invalid user ?name or password|user[ _-]?not[ _-]?found|unknown[ _-]?user")]
    private static partial Regex Mistake();

    [GeneratedRegex(@"(?i)spray|brute|stuff|guess|attack|threat|enumerat|malicious|multiple (?:users|accounts)|excessive|many")]
    private static partial Regex AttackRule();
}
