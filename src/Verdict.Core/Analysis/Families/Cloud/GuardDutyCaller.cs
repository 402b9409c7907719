using System.Text.RegularExpressions;
using Verdict.Alerts;

namespace Verdict.Analysis.Families.Cloud;

/// <summary>
/// Who called, for a GuardDuty API-call finding, by its own fields: the caller's network (a private address, the VPN
/// egress, or an address GuardDuty attributes to the organisation itself: <c>RemoteIpDetails.Organization</c> names the
/// context file's organisation), the API (<c>AwsApiCallAction.Api</c>, <c>ServiceName</c>). Benign explanations that hold
/// only from the organisation's own network: read-only discovery calls (List/Get/Describe) by a named identity (people
/// exploring or debugging their own account), and the root user doing what only root can do (billing and account settings).
/// </summary>
public static partial class GuardDutyCaller
{
    private const string Src = "GuardDuty finding";

    public static void Add(FamilyCase c, string type, List<Evidence> evidence)
    {
        var a = c.Alert;
        if (CloudActor.Path(a, "AwsApiCallAction.Api") is not { } api) return;
        if (OwnNetwork(c) is not { } where)
        {
            UsualCityDiscovery(c, type, api, evidence);
            return;
        }
        if (where.StartsWith("an address GuardDuty", StringComparison.Ordinal))
            evidence.Add(new("own_network", $"The call came from {where}", Leaning.Benign, 0.5, Src));
        var root = (CloudActor.Read(a).Type ?? "").Equals("Root", StringComparison.OrdinalIgnoreCase);
        var service = CloudActor.Path(a, "AwsApiCallAction.ServiceName") ?? "";
        if (root && RootOnlyService().IsMatch(service))
            evidence.Add(new("root_only_task", $"The root user called {api} on {service} from {where}: billing and account settings are the tasks AWS reserves for root, done from the office", Leaning.Benign, 2.0, Src));
        else if (!root && Discovery().IsMatch(type) && ReadOnlyApi().IsMatch(api))
            evidence.Add(new("own_network_discovery", $"GuardDuty's '{type}' is read-only calls ({api}) by {c.Who} from {where}: someone looking around their own account (debugging, writing a script), not changing anything", Leaning.Benign, 1.5, Src));
    }

    /// <summary>
    /// Read-only discovery calls (List/Get/Describe) by a named, non-root identity, rated low or medium, from one of the
    /// organisation's usual cities (context file usual_cities) on a network that is not a hosting, VPN or anonymising
    /// provider, as GuardDuty geolocated the caller: staff exploring their own account from home or an office the context
    /// file does not list. Stolen keys are used from rented servers and proxies, which get nothing here, and any
    /// change (Create, Put, Attach...) or a high rating gets nothing either.
    /// </summary>
    private static void UsualCityDiscovery(FamilyCase c, string type, string api, List<Evidence> evidence)
    {
        var a = c.Alert;
        if (!Discovery().IsMatch(type) || !ReadOnlyApi().IsMatch(api) || a.DetectorSeverity is Severity.High or Severity.Critical) return;
        if ((CloudActor.Read(a).Type ?? "").Equals("Root", StringComparison.OrdinalIgnoreCase)) return;
        var city = CloudActor.Path(a, "AwsApiCallAction.RemoteIpDetails.City.CityName");
        var network = CloudActor.Path(a, "AwsApiCallAction.RemoteIpDetails.Organization.AsnOrg") ?? CloudActor.Path(a, "AwsApiCallAction.RemoteIpDetails.Organization.Isp");
        var country = CloudCallerPlace.Country(a);
        if (city is null || network is null || !c.Context.UsualCities.Contains(city) || Verdict.Analysis.Identity.IdentityAlertSignals.Hosting().IsMatch(network)) return;
        if (c.Context.UsualCountries.Count > 0 && (country is null || !c.Context.UsualCountries.Contains(country))) return;
        evidence.Add(new("usual_city_discovery", $"GuardDuty's '{type}' is read-only calls ({api}) by {c.Who} from {city}, one of the organisation's usual cities, on {CommonEvidence.Clip(network, 40)} (not a hosting or anonymising network): someone looking around their own account", Leaning.Benign, 1.0, Src));
    }

    /// <summary>Where the call came from when that is the organisation's own network, else null.</summary>
    private static string? OwnNetwork(FamilyCase c)
    {
        var ip = c.Alert.SourceIp;
        if (ip is not null && FamilyCase.IsInternal(ip)) return $"the internal address {ip}";
        if (c.Context.VpnEgress.Contains(ip)) return $"the VPN egress {ip}";
        var org = c.Context.Organization;
        if (org.Length < 4 || org == EnvironmentDefault) return null;
        foreach (var field in new[] { "RemoteIpDetails.Organization.AsnOrg", "RemoteIpDetails.Organization.Org", "RemoteIpDetails.Organization.Isp" })
        {
            if (CloudActor.Path(c.Alert, field) is { } owner && owner.Equals(org, StringComparison.OrdinalIgnoreCase))
                return $"an address GuardDuty attributes to {org} itself ({ip ?? "its network"}, registered to '{owner}')";
        }
        return null;
    }

    private static readonly string EnvironmentDefault = Verdict.Context.EnvironmentContext.Default.Organization;

    [GeneratedRegex(@"(?i)^(Discovery|Recon):")]
    private static partial Regex Discovery();

    [GeneratedRegex(@"^(List|Get|Describe|Head|Search|Lookup)[A-Z]")]
    private static partial Regex ReadOnlyApi();

    [GeneratedRegex(@"(?i)^(billingconsole|billing|payments|tax|account|aws-portal|invoicing|ce|freetier)\.amazonaws\.com$")]
    private static partial Regex RootOnlyService();
}
