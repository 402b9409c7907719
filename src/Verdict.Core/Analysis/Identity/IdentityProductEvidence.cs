using System.Globalization;
using System.Text.RegularExpressions;
using Verdict.Alerts;
using Verdict.Analysis.Families;

namespace Verdict.Analysis.Identity;

/// <summary>
/// What identity products conclude themselves, and where a sign-in's address is not the user's:
/// <list type="bullet">
/// <item>The product's own risk engine (OneLogin <c>risk_score</c> 0–100 with <c>risk_reasons</c>): a high score or a
/// reason that names an attack (anonymising proxy, known brute-force source, impossible travel) is malicious; a low score
/// with no such reason is the product's verdict that the event matches the user's usual device, address and habits; a
/// sign-in flagged only for novelty (a new device, a new address) and answered by the user's enrolled second factor is
/// what a new phone looks like.</item>
/// <item>An administrator of the organisation (context file) acting as another user (OneLogin "assumed user",
/// <c>actor_user_name</c>) from the organisation's own network with a ticket reference in the event's notes: a support
/// case being reproduced. Without the ticket, or by someone who is not an administrator, it stays open.</item>
/// <item>A failed sign-in to a default account name bots try everywhere (admin, root, test), not a listed account.</item>
/// <item>A relay egress: Apple's iCloud Private Relay, or Outlook mobile syncing through Microsoft's cloud; the address
/// and its location are the relay's, so a location, travel or anonymiser rule fired on the provider, not the user.</item>
/// </list>
/// A success the product counts at least five failures before (<c>failure_count</c>) is a guessed password's shape.
/// Benign evidence here never applies beside a listed bad address, and a vendor's risk reason naming an attack is kept.
/// </summary>
public static partial class IdentityProductEvidence
{
    private const string Src = "alert";

    public static void Add(IdentityCase c, List<Evidence> evidence)
    {
        if (c.Alerts.Count == 0) return;
        var alert = c.Alerts[0];
        var s = IdentitySignIn.Read(alert);
        if (s.Succeeded == true && int.TryParse(alert.Raw("failure_count", "failed_count", "failed_attempts"), out var failures) && failures >= 5)
            evidence.Add(new("success_after_failures", $"The product counted {failures} failed attempts before this successful sign-in: a guessed password looks like this", Leaning.Malicious, 1.5, Src));
        if (c.Context.BadIps.Contains(s.Ip)) return;
        VendorRisk(c, alert, s, evidence);
        AssumedUser(c, alert, s, evidence);
        CheckoutWithTicket(c, alert, s, evidence);
        DefaultAccountGuess(c, s, evidence);
        if (Relayed(c, alert, s))
            evidence.Add(new("relay_egress", $"The address belongs to a relay the user's own device signs in through ({CommonEvidence.Clip(s.Network ?? $"{s.Ip}, in iCloud Private Relay's egress block", 50)}): its location is the relay's egress, not where {c.Who} is, which is why a location rule fired",
                Leaning.Benign, 1.5, Src));
    }

    private static void VendorRisk(IdentityCase c, Alert alert, IdentitySignIn s, List<Evidence> evidence)
    {
        if (!alert.Has("event_type_id") || !double.TryParse(alert.Raw("risk_score"), NumberStyles.Float, CultureInfo.InvariantCulture, out var score)) return;
        var reasons = (alert.Raw("risk_reasons") ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var attack = reasons.Where(r => AttackReason().IsMatch(r)).ToList();
        if (attack.Count > 0)
            evidence.Add(new("vendor_risk_reasons", $"The identity provider's risk engine gave reasons that name an attack: {string.Join("; ", attack)}", Leaning.Malicious, 1.5, Src));
        if (score >= 70)
            evidence.Add(new("sign_in_risk", $"The identity provider's risk engine scored the event {score:0}/100 (high)", Leaning.Malicious, 1.0, Src));
        else if (score <= 25 && attack.Count == 0)
            evidence.Add(new("vendor_low_risk", $"The identity provider's risk engine scored the event {score:0}/100: the device, address and habits match {c.Who}'s own", Leaning.Benign, 1.0, Src));
        else if (s.Succeeded == true && s.Mfa == true && attack.Count == 0 && reasons.Length > 0 && reasons.All(r => Novelty().IsMatch(r)))
            evidence.Add(new("mfa_answered_novelty", $"The risk engine flagged only novelty ({string.Join("; ", reasons)}) and {c.Who}'s enrolled second factor ({CommonEvidence.Clip(s.Factor ?? "MFA", 40)}) answered: what a new phone or network looks like",
                Leaning.Benign, 1.0, Src));
    }

    private static void AssumedUser(IdentityCase c, Alert alert, IdentitySignIn s, List<Evidence> evidence)
    {
        if (EntityText.User(alert.Raw("actor_user_name")) is not { } actor || actor == c.User || !c.Context.IsPrivileged(actor)) return;
        if (!(IdentityAlertContext.IsPrivate(s.Ip) || c.Context.VpnEgress.Contains(s.Ip))) return;
        if (Ticket().Match(alert.Raw("notes", "comment", "reason") ?? "") is not { Success: true } ticket) return;
        evidence.Add(new("admin_assumed_with_ticket", $"{actor}, one of the organisation's administrators, acted as {c.Who} from the organisation's own network under ticket {ticket.Value}: a support case being reproduced",
            Leaning.Benign, 1.5, Src));
    }

    /// <summary>
    /// A privileged-access vault's credential checkout (CyberArk "Retrieve password", a password checkout or "show
    /// password" in any PAM product) by one of the organisation's administrators (context file), from its own network or
    /// VPN, with a ticket reference in the reason given: the vault's process working as designed. The checkout of an
    /// emergency-access (break-glass) account, one without a ticket, or by anyone not listed as an administrator stays open.
    /// </summary>
    private static void CheckoutWithTicket(IdentityCase c, Alert alert, IdentitySignIn s, List<Evidence> evidence)
    {
        if (!c.IsPrivileged || !Checkout().IsMatch(alert.Rule + " " + alert.Raw("deviceAction", "action")) || IdentitySignIn.BreakGlass().IsMatch(alert.Rule)) return;
        if (!(IdentityAlertContext.IsPrivate(s.Ip) || c.Context.VpnEgress.Contains(s.Ip))) return;
        var target = alert.Raw("destinationUserName", "duser", "target_account", "targetAccount", "fileName", "file_name") ?? "";
        if (IdentitySignIn.BreakGlass().IsMatch(target)) return;
        if (ChangeTicket().Match(alert.Raw("reason", "notes", "comment", "ticket", "ticket_id") ?? "") is not { Success: true } ticket) return;
        evidence.Add(new("vault_checkout_with_ticket", $"{c.Who}, one of the organisation's administrators, checked out a vaulted credential{(target.Length > 0 ? $" ({CommonEvidence.Clip(target, 50)})" : "")} from the organisation's own network under ticket {ticket.Value}: the vault's approval process working as designed",
            Leaning.Benign, 1.5, Src));
    }

    /// <summary>
    /// A failed sign-in to a default account name bots try on every internet-facing login page (admin, root, test...),
    /// which the organisation does not list as one of its own accounts: background noise that gained nothing. A listed
    /// account of that name, or any success, gets no credit; Windows' built-in Administrator is not among the names.
    /// </summary>
    private static void DefaultAccountGuess(IdentityCase c, IdentitySignIn s, List<Evidence> evidence)
    {
        if (s.Succeeded != false || c.User is not { } user || !DefaultAccounts.Contains(user)) return;
        if (c.IsPrivileged || c.Context.IsServiceAccount(user) || c.Context.IsVip(user)) return;
        evidence.Add(new("default_account_guess", $"A failed sign-in to '{user}', a default account name bots try on every login page, which is not one of the organisation's listed accounts: background noise that gained nothing",
            Leaning.Benign, 2.0, Src));
    }

    private static readonly HashSet<string> DefaultAccounts = new(StringComparer.OrdinalIgnoreCase)
    {
        "admin", "root", "test", "test1", "testuser", "guest", "user", "demo", "ubuntu", "oracle", "postgres", "ftp", "pi", "support", "webmaster", "info",
    };

    /// <summary>
    /// The sign-in came through a relay the user's own device uses, and the rule is about where it came from. The relay
    /// is named by the source network, by the product's own message, or (when the product gives only the address, as
    /// Entra ID Protection's risk detections do) by the address lying in 172.224.0.0/13, the block Akamai runs as iCloud
    /// Private Relay's egress (AS36183, listed in Apple's published egress ranges; not the /12, whose upper half,
    /// 172.232.0.0/13, is Akamai's rentable Linode compute, where anyone's server lives); Private Relay keeps the user's
    /// region, so an address-only match also needs a location among the organisation's usual countries.
    /// </summary>
    internal static bool Relayed(IdentityCase c, Alert alert, IdentitySignIn s)
    {
        if (c.Context.IsServiceAccount(c.User) || s.Succeeded == false || !LocationRule().IsMatch(alert.Rule)) return false;
        var network = s.Network ?? "";
        if (PrivateRelay().IsMatch(network + " " + alert.Raw("message"))) return true;
        if (MicrosoftNetwork().IsMatch(network) && OutlookMobile().IsMatch(s.UserAgent + " " + alert.Raw("application"))) return true;
        return InRelayBlock(s.Ip) && s.Country is { } country && c.Context.UsualCountries.Contains(country);
    }

    private static readonly System.Net.IPNetwork RelayBlock = System.Net.IPNetwork.Parse("172.224.0.0/13");

    private static bool InRelayBlock(string? ip) => System.Net.IPAddress.TryParse(ip, out var address) && RelayBlock.Contains(address);

    [GeneratedRegex(@"(?i)anonymi|\btor\b|proxy|brute.?force|impossible travel|malicious|block ?list|black ?list|known bad|threat|bot\b")]
    private static partial Regex AttackReason();

    [GeneratedRegex(@"(?i)^new (?:device|ip(?: address)?|browser|network)$")]
    private static partial Regex Novelty();

    [GeneratedRegex(@"\b(?:INC|CHG|RITM|REQ|SR|CR|TASK|CASE)[-_ ]?\d{4,}\b|\b[A-Z][A-Z0-9]{1,9}-\d{2,}\b")]
    private static partial Regex Ticket();

    /// <summary>
    /// A change or service-desk ticket (INC0012345, CHG0041123, RITM..., a tracker key such as OPS-1234); unlike
    /// <see cref="Ticket"/> no host name passes for one (DC-WRO-01, EWS-FND-L2-04).
    /// </summary>
    [GeneratedRegex(@"\b(?:INC|CHG|RITM|REQ|SR|CR|CRQ|TASK|CASE|WO)[-_ ]?\d{4,}\b|(?<![\w-])[A-Z]{2,10}-\d{3,}(?![\w-])")]
    private static partial Regex ChangeTicket();

    /// <summary>A vault's credential checkout: "Retrieve password", "password checkout", "show password", "get credential".</summary>
    [GeneratedRegex(@"(?i)retrieve (?:password|credential|secret)|(?:password|credential|secret) (?:retriev|check ?-?out)|check ?-?out (?:password|credential|secret)|(?:show|reveal|get|view|copy) (?:password|credential|secret)")]
    private static partial Regex Checkout();

    [GeneratedRegex(@"(?i)icloud private relay|private relay")]
    private static partial Regex PrivateRelay();

    [GeneratedRegex(@"(?i)^microsoft")]
    private static partial Regex MicrosoftNetwork();

    [GeneratedRegex(@"(?i)outlook-(?:ios|android)|outlook mobile")]
    private static partial Regex OutlookMobile();

    [GeneratedRegex(@"(?i)travel|location|country|geo|anonymi|proxy|relay|vpn")]
    private static partial Regex LocationRule();
}
