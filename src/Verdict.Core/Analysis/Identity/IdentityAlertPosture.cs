using Verdict.Alerts;
using Verdict.Analysis.Families;

namespace Verdict.Analysis.Identity;

/// <summary>
/// What the identity provider itself established about the sign-in, which no log line repeats: the device (one of
/// the organisation's managed, compliant devices), the factor (MFA, a phishing-resistant key), Conditional Access
/// blocking it, the vendor's own risk verdict (remediated, dismissed, confirmed compromised; the sign-in risk level),
/// Okta's behaviour detection (a known device and address, or both new), and how a service account was used (a job
/// from the organisation's own machines, or a person at a browser). Where the rule names what an intruder does after
/// signing in (a replayed token, a consent grant, a factor reset), the device and factor explain nothing.
/// </summary>
public static partial class IdentityAlertPosture
{
    private const string Src = "alert";

    public static void Add(IdentityCase c, List<Evidence> evidence)
    {
        if (c.Alerts.Count == 0) return;
        var alert = c.Alerts[0];
        var s = IdentitySignIn.Read(alert);
        var ip = s.Ip;
        var service = c.Context.IsServiceAccount(c.User);
        // An attack technique (an AS-REP roast, a hash replayed over NTLM) earns nothing for being done from inside.
        var technique = IdentityWindowsLogon.RidesInsideTrust(c, alert);
        var ownMachine = !technique && IdentityOrigin.OwnMachine(c, alert, ip);
        var afterSignIn = IdentityAlertSignals.NoLocationCredit().IsMatch(alert.Rule);
        var risky = s.SignInRisk is { } r && (r.Equals("high", StringComparison.OrdinalIgnoreCase) || r.Equals("medium", StringComparison.OrdinalIgnoreCase));

        VendorVerdict(c, s, evidence);
        if (risky)
            evidence.Add(new("sign_in_risk", $"The identity provider rated the sign-in's own risk {s.SignInRisk!.ToLowerInvariant()}", Leaning.Malicious,
                s.SignInRisk.Equals("high", StringComparison.OrdinalIgnoreCase) ? 1.0 : 0.5, Src));
        if (s.FraudReported)
            evidence.Add(new("fraud_reported", $"{c.Who} answered the second-factor prompt with 'this was not me': someone else was signing in with the password", Leaning.Malicious, 1.5, Src));
        if (s.ThreatSuspected)
            evidence.Add(new("vendor_threat_suspected", "The identity provider's threat detection suspected this request", Leaning.Malicious, 1.0, Src));
        if (service)
        {
            Service(c, s, ip, ownMachine, Interactive().IsMatch(alert.Rule), SignInRule().IsMatch(alert.Rule), evidence);
            return;
        }

        var hosting = IdentityAlertSignals.ProductSaysProxy(alert) || (s.Network is { } network && IdentityAlertSignals.Hosting().IsMatch(network));
        if (s.Succeeded != false && !afterSignIn && !risky && !hosting && s.Mfa == true && (s.Compliant == true || s.Managed == true))
        {
            var device = s.DeviceName is { } name ? $" ({CommonEvidence.Clip(name, 40)})" : "";
            evidence.Add(new("managed_device", $"The sign-in came from one of the organisation's {(s.Compliant == true ? "compliant" : "managed")} devices{device} and passed MFA: stolen passwords and phished sessions are used from the attacker's own machines",
                Leaning.Benign, s.Compliant == true ? 2.0 : 1.5, Src));
        }
        if (s.Succeeded == true && !afterSignIn && s.PhishingResistant)
            evidence.Add(new("phishing_resistant_mfa", $"The second factor was phishing-resistant ({CommonEvidence.Clip(s.Factor!, 40)}): it is bound to the user's own key or device and cannot be relayed by a phishing proxy",
                Leaning.Benign, 1.0, Src));
        if (s.Succeeded == false && s.BlockedByPolicy && (s.Country is null || c.Context.UsualCountries.Count == 0 || c.Context.UsualCountries.Contains(s.Country)))
            evidence.Add(new("blocked_by_policy", "The identity provider's policy blocked the sign-in (Conditional Access, a lockout, a blocked suspicious login) and none succeeded: nothing was accessed, the policy did its job",
                Leaning.Benign, 1.0, Src));
        if (s.Succeeded == false && ownMachine && !c.IsInfrastructure(ip) && !ManyAccounts(c, alert) && !c.IsPrivileged
            && !IdentityDirectoryActivity.IsBuiltInAccount(c.User) && alert.DetectorSeverity is not (Alerts.Severity.High or Alerts.Severity.Critical))
            evidence.Add(new("internal_failures", $"The failed sign-ins came from the organisation's own network ({ip ?? alert.Raw("source_network") ?? "the machine itself"}) and none succeeded: a device, app or job of {c.Who}'s own retrying an old password; an outside attacker cannot sign in from there",
                Leaning.Benign, 1.0, Src));
        if (ownMachine && !c.IsInfrastructure(ip) && IdentityOrigin.AccountCount(alert) is >= InternalSprayAccounts and var accounts)
            evidence.Add(new("internal_spray", $"One machine of the organisation's own ({ip ?? "no remote address"}) tried {accounts} different accounts: a person's device retries one account; a foothold inside sprays many",
                Leaning.Malicious, 1.5, Src));
        if (s.Succeeded == true && s.Mfa == false && !ownMachine && !c.IsInfrastructure(ip) && s.Interactive)
            evidence.Add(new("single_factor", $"A person's sign-in from {ip ?? "outside"} succeeded with a password alone (no MFA): what a stolen password gives", Leaning.Malicious, 0.5, Src));
        Behaviours(c, s, afterSignIn, evidence);
    }

    /// <summary>The vendor's own verdict on a risk detection: dismissed or confirmed safe by an admin, remediated by the user, confirmed compromised.</summary>
    private static void VendorVerdict(IdentityCase c, IdentitySignIn s, List<Evidence> evidence)
    {
        switch (s.RiskState?.Trim().ToLowerInvariant())
        {
            case "dismissed" or "confirmedsafe":
                evidence.Add(new("vendor_dismissed", $"The identity provider's risk state is '{s.RiskState}': an administrator reviewed it and found no compromise", Leaning.Benign, 2.0, Src));
                break;
            case "remediated":
                evidence.Add(new("risk_remediated", $"The identity provider's risk state is 'remediated': {c.Who} cleared it with MFA or a secure password change", Leaning.Benign, 1.0, Src));
                break;
            case "confirmedcompromised":
                evidence.Add(new("vendor_confirmed_compromise", "The identity provider's risk state is 'confirmedCompromised': an administrator confirmed the account was taken over", Leaning.Malicious, 3.0, Src, Strong: true));
                break;
        }
    }

    /// <summary>
    /// A job signing in from the organisation's own machines or automation egress is how it runs (a headless browser there is a
    /// synthetic check or a scripted job, not a person); a person at a browser elsewhere is not, headless or not.
    /// A rule that only says a sign-in happened (a SIEM's "Service principal sign-in from new IP address", no outcome field) is read
    /// as the sign-in it names; a rule naming anything else (a ticket request, a replication) gets no credit without a stated success.
    /// </summary>
    private static void Service(IdentityCase c, IdentitySignIn s, string? ip, bool ownMachine, bool ruleSaysInteractive, bool ruleSaysSignIn, List<Evidence> evidence)
    {
        var where = FamilyCase.IsInternal(ip) ? "an internal machine" : c.Context.AutomationEgress.Contains(ip) ? "the organisation's automation egress" : "the organisation's own machines";
        if (ownMachine && (!s.Interactive || s.Headless) && !ruleSaysInteractive && (s.Succeeded == true || s.Succeeded is null && ruleSaysSignIn))
            evidence.Add(new("service_expected_source", $"{c.Who} is a service account signing in from {where} ({ip ?? "no remote address"}) with a {(s.Headless ? "headless browser (a script, no person)" : "non-interactive client")}{(s.ClientApp is { } app ? $" ({app})" : "")}: how its job runs",
                Leaning.Benign, 1.5, Src));
        else if (ownMachine && s.Succeeded == false)
            evidence.Add(new("stale_service_credentials", $"{c.Who} is a service account failing to sign in from {where} ({ip ?? "no remote address"}): a job or device still using an old password (whoever held the right one would have succeeded)",
                Leaning.Benign, 1.0, Src));
        else if (!ownMachine && !c.IsInfrastructure(ip) && s.Interactive && s.Succeeded != false)
            evidence.Add(new("service_interactive", $"{c.Who} is a service account, yet a person signed in with it from a browser at {ip ?? "an outside address"}, outside the internal network and the automation egress: someone holds its credentials",
                Leaning.Malicious, 1.0, Src));
    }

    /// <summary>Okta's behaviour detection: a device and address the user has used before, or both new at once (not counted when the product refused the attempt).</summary>
    private static void Behaviours(IdentityCase c, IdentitySignIn s, bool afterSignIn, List<Evidence> evidence)
    {
        bool? Seen(string name) => s.Behaviors.TryGetValue(name, out var positive) ? positive : null;
        var (device, address) = (Seen("New Device"), Seen("New IP"));
        if (device == true && s.Managed == false)
            evidence.Add(new("unmanaged_new_device", $"{c.Who} signed in from a new device the organisation does not manage", Leaning.Malicious, 0.5, Src));
        else if (device == false && address == false && !afterSignIn)
            evidence.Add(new("known_ips", $"The identity provider's behaviour detection saw a device and an address {c.Who} has used before", Leaning.Benign, 0.8, Src));
        // Both new on an attempt the product refused: the stranger got nothing, and the refusal is what the policy is for.
        if (device == true && address == true && !(s.Succeeded == false && s.BlockedByPolicy))
            evidence.Add(new("new_device_and_ip", $"The identity provider's behaviour detection saw both a new device and a new address for {c.Who}", Leaning.Malicious, 0.7, Src));
    }

    /// <summary>A rule naming a sign-in or a session start and nothing an intruder does (no token, consent, spray, guess or attack word).</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"(?i)^(?!.*(?:token|consent|spray|brute|stuff|guess|attack|malicious|threat|kerberos|ticket|replicat|dcsync|roast|impossible|anonymi|\btor\b|proxy|leak)).*\b(?:sign-?in|log-?in|log ?on|authenticat\w*|session[._ ]?start)\b")]
    internal static partial System.Text.RegularExpressions.Regex SignInRule();

    /// <summary>A rule that says a person logged on interactively (not "non-interactive").</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"(?i)(?<!non[- ]?)\binteractive")]
    private static partial System.Text.RegularExpressions.Regex Interactive();

    /// <summary>A spray or any alert about many accounts at once: one source guessing across users is an attack whatever its address.</summary>
    /// <summary>Distinct accounts from one internal machine that no one person's devices explain.</summary>
    private const int InternalSprayAccounts = 5;

    private static bool ManyAccounts(IdentityCase c, Alert alert) => ManyAccounts(c, alert.Rule) || IdentityOrigin.AccountCount(alert) > 1;

    private static bool ManyAccounts(IdentityCase c, string rule) =>
        (c.User is null && IdentityOrigin.AccountCount(c.Alerts[0]) != 1) || c.User is "multiple" || rule.Contains("spray", StringComparison.OrdinalIgnoreCase) || rule.Contains("multiple users", StringComparison.OrdinalIgnoreCase)
        || rule.Contains("multiple accounts", StringComparison.OrdinalIgnoreCase);
}
