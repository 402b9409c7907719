using System.Text.RegularExpressions;
using Verdict.Alerts;
using Verdict.Analysis.Families;
using Verdict.Ingest;

namespace Verdict.Analysis.Identity;

/// <summary>
/// What a sign-in alert's own fields say about where it came from, for when the logs have no activity of the user
/// around it: a country outside the organisation's usual ones, a hosting or anonymising network, a script or legacy
/// protocol client; on the benign side, one of the organisation's usual cities (or its usual country, and a mobile
/// carrier for a travel alert, whose address locates the carrier's gateway), and a service account failing from an
/// internal machine or the automation egress (a job with an old password). Where the rule names what an intruder does after signing in
/// (mail forwarding, a consent grant, a replayed token, leaked credentials), or an anonymiser, the location explains
/// nothing and earns no credit; service accounts never get location credit. From the organisation's automation egress
/// (context automation_egress) a hosting network and a script client are what its own jobs look like, and count for nothing.
/// </summary>
public static partial class IdentityAlertSignals
{
    private const string Src = "alert";

    public static void Add(IdentityCase c, List<Evidence> evidence)
    {
        if (c.Window.Count > 0 || c.Alerts.Count == 0) return; // the activity detectors judge location and history from the logs
        var alert = c.Alerts[0];
        var ip = IdentitySignIn.SourceIp(alert);
        if (c.IsInfrastructure(ip) || c.Context.BadIps.Contains(ip) || IdentityRefusedAttempt.Applies(c, alert)) return; // a refused untargeted attempt's origin describes the sprayer
        var signIn = IdentitySignIn.Read(alert);
        if (IdentityProductEvidence.Relayed(c, alert, signIn)) return; // the location is the relay's (see IdentityProductEvidence)
        var country = signIn.Country;
        var city = signIn.City;
        var network = signIn.Network;
        var agent = signIn.UserAgent;
        var success = signIn.Succeeded == true;
        var failure = signIn.Succeeded == false;
        var service = c.Context.IsServiceAccount(c.User);
        var approved = country is not null && alert.Time is { } t && c.Context.TravelApproval(c.User ?? "", country, t) is not null;
        var usualCountry = country is not null && c.Context.UsualCountries.Contains(country);
        var where = signIn.Where;
        // A job signing in from the organisation's own machines or automation egress is expected to be a script.
        var ownMachine = !IdentityWindowsLogon.RidesInsideTrust(c, alert) && IdentityOrigin.OwnMachine(c, alert, ip);

        if (country is not null && c.Context.UsualCountries.Count > 0 && !usualCountry && !approved)
            evidence.Add(new("foreign_country", $"Sign-in from {where}, not one of {c.Context.Organization}'s usual countries ({string.Join(", ", c.Context.UsualCountries)}) and not under approved travel", Leaning.Malicious, 1.0, Src));
        // The organisation's own automation egress (context automation_egress) sits in cloud providers and its jobs call APIs
        // with HTTP libraries: a hosting network or a script client there describes the egress, not who is behind it.
        var automation = c.Context.AutomationEgress.Contains(ip);
        // The product's own reputation of the address (Okta securityContext.isProxy, a geo database's is_anonymous_proxy / is_tor)
        // says anonymiser even when the network's name does not.
        var proxy = ProductSaysProxy(alert);
        var hosting = proxy || (network is not null && Hosting().Match(network) is { Success: true });
        if (hosting && !automation)
            evidence.Add(new("hosting_network", proxy
                ? $"The product flags the source address as a proxy or anonymiser{(network is null ? "" : $" ({CommonEvidence.Clip(network, 60)})")}: people sign in from homes, offices and phones, intruders from rented servers and proxies"
                : $"The source network is a hosting, data-centre or anonymising provider ({CommonEvidence.Clip(network!, 60)}): people sign in from homes, offices and phones, intruders from rented servers and proxies", Leaning.Malicious, 1.0, Src));
        if (Scripted().Match(agent) is { Success: true } script && !(service && ownMachine) && !automation)
            evidence.Add(new("scripted_client", $"The client is a script or a legacy-protocol login ('{CommonEvidence.Clip(script.Value, 40)}'), not a browser or the company's apps", Leaning.Malicious, 0.8, Src));

        if (service)
        {
            if (failure && ownMachine)
                evidence.Add(new("stale_service_credentials", $"{c.Who} is a service account failing to sign in from {(FamilyCase.IsInternal(ip) ? "an internal machine" : c.Context.AutomationEgress.Contains(ip) ? "the organisation's automation egress" : "the organisation's own machines")} ({ip ?? "no remote address"}): a job or device still using an old password (whoever held the right one would have succeeded)", Leaning.Benign, 1.0, Src));
            return;
        }
        // A device the product calls unmanaged or untrusted, let in: where it sits says nothing about who holds it (a refused one gained nothing).
        if ((hosting && !automation) || !usualCountry || NoLocationCredit().IsMatch(alert.Rule) || (signIn.Managed == false && !failure)) return;
        if (city is not null && c.Context.UsualCities.Contains(city))
            evidence.Add(new("usual_location", $"{(success ? "Signed in" : "Tried to sign in")} from {where}, one of {c.Context.Organization}'s usual cities{(network is null ? "" : $", on {CommonEvidence.Clip(network, 40)}")}", Leaning.Benign, 0.8, Src));
        else
        {
            evidence.Add(new("usual_location", $"{(success ? "Signed in" : "Tried to sign in")} from {where}, in {c.Context.Organization}'s usual country", Leaning.Benign, 0.3, Src));
            if (network is not null && Mobile().IsMatch(network) && TravelRule().IsMatch(alert.Rule))
                evidence.Add(new("mobile_carrier", $"The address belongs to a mobile carrier ({CommonEvidence.Clip(network, 40)}): carriers route phones through distant gateways, so its location is the gateway's, not the user's", Leaning.Benign, 1.0, Src));
        }
    }

    /// <summary>A yes/no flag in which the product (or the geo database it used) calls the source address a proxy, anonymiser or Tor exit.</summary>
    internal static bool ProductSaysProxy(Alert alert) =>
        alert.Flag("isProxy", "is_proxy", "isAnonymousProxy", "is_anonymous_proxy", "isAnonymous", "is_anonymous", "isTor", "is_tor", "is_tor_exit_node") == true;

    [GeneratedRegex(@"(?i)hosting|data ?cent(?:er|re)|\bvps\b|\bservers?\b|digitalocean|linode|vultr|choopa|\bovh|hetzner|contabo|leaseweb|m247|zenlayer|selectel|stark industries|nforce|clouvider|datacamp|cdn77|techoff|hostinger|ionos|amazon|\baws\b|google cloud|microsoft azure|alibaba|tencent cloud|oracle cloud|scaleway|colocrossing|psychz|quadranet|frantech|\btor\b|zwiebelfreunde|\bdfri\b|torservers|emerald onion|\bproxy\b")]
    internal static partial Regex Hosting();

    [GeneratedRegex(@"(?i)^(?:python-requests|python-urllib|curl|wget|go-http-client|okhttp|java/|libwww-perl|axios|node-fetch|powershell)|bav2ropc|headless")]
    private static partial Regex Scripted();

    /// <summary>Rules whose subject a usual location does not explain: actions after sign-in, leaked secrets, anonymisers.</summary>
    [GeneratedRegex(@"(?i)forward|inbox rule|mailbox rule|consent|token|cookie|replay|leak|stuff|followed by|success(?:ful)? (?:login|sign)|threat intel|malware|push bomb|fatigue|anonymi|\btor\b|proxy|hosting|reset|device ?code|role (?:granted|assign)|privilege grant|super ?admin|terminated|departed|former employee|leaver")]
    internal static partial Regex NoLocationCredit();

    [GeneratedRegex(@"(?i)mobile|wireless|cellular|t-mobile|\blte\b")]
    private static partial Regex Mobile();

    [GeneratedRegex(@"(?i)travel|location|country|unfamiliar|geo")]
    private static partial Regex TravelRule();
}
