using System.Text.RegularExpressions;
using Verdict.Alerts;

namespace Verdict.Analysis.Families.Cloud;

/// <summary>
/// Where the caller of a cloud event was, as the product geolocated the caller's own address: a GuardDuty API-call
/// finding's <c>AwsApiCallAction.RemoteIpDetails</c> (for a network finding that block is the peer, not the caller, and is
/// not read), else the record's source country and city (Splunk CIM <c>src_country</c>, ECS <c>source.geo.*</c>, a
/// source entity's country), else the one place the detection's own description gives as the location it saw
/// ("accessed from an unusual location (Auckland, NZ)"). The one benign reason it gives: the person is on approved travel (context file
/// <c>approved_travel</c>) to that country that day, which explains a sign-in or call from abroad; a country the trip
/// does not cover (the Lagos sign-in during a US trip) gives nothing, and a console sign-in from a country that is neither
/// usual (context file usual_countries) nor covered by a trip counts against, as it does for any sign-in.
/// </summary>
public static partial class CloudCallerPlace
{
    public static void Add(FamilyCase c, CloudActor actor, string opLower, List<Evidence> evidence)
    {
        if (evidence.Any(e => e.Key == "approved_travel")) return;
        var a = c.Alert;
        if (Country(a) is not { } country || a.Time is not { } time) return;
        var signIn = opLower.Contains("consolelogin", StringComparison.Ordinal) || opLower.Contains("sign-in", StringComparison.Ordinal);
        foreach (var who in new[] { actor.Person, a.User }.Where(u => !string.IsNullOrWhiteSpace(u)).Distinct())
        {
            var user = who!.Split('@')[0];
            if (c.Context.TravelApproval(user, country, time) is { } trip)
            {
                evidence.Add(new("approved_travel", $"{user} is on approved travel to {country}{(trip.Note.Length > 0 ? $" ({trip.Note})" : "")}, where the call came from", Leaning.Benign, 2.0, "context file"));
                return;
            }
        }
        // A console sign-in from a country the organisation does not work in, with no trip to explain it: as for any sign-in.
        if (signIn && c.Context.UsualCountries.Count > 0 && !c.Context.UsualCountries.Contains(country))
            evidence.Add(new("foreign_country", $"Console sign-in from {country}, not one of {c.Context.Organization}'s usual countries ({string.Join(", ", c.Context.UsualCountries)}) and not under approved travel", Leaning.Malicious, 1.0, "context file"));
    }

    /// <summary>The caller's country as a code ("US"), or null when the record does not place the caller.</summary>
    public static string? Country(Alert a)
    {
        string? country;
        if (GuardDutyEvidence.IsFinding(a))
            country = CloudActor.Path(a, "AwsApiCallAction.Api") is null ? null
                : CloudActor.Path(a, "AwsApiCallAction.RemoteIpDetails.Country.CountryName") ?? CloudActor.Path(a, "AwsApiCallAction.RemoteIpDetails.Country.CountryCode");
        else
            country = a.Raw("src_country", "source.geo.country_iso_code", "source.geo.country_name", "client.geo.country_iso_code", "client.geo.country_name")
                ?? Verdict.Ingest.FieldGuess.Country(a.Fields) ?? OnlyCountry(a) ?? StatedLocation(a.Description);
        return Verdict.Logs.Geo.CountryCode(country);
    }

    /// <summary>
    /// The country of the one "location (City, Country)" a description states, when the country is a country's code or
    /// name; null when it states none or several.
    /// </summary>
    private static string? StatedLocation(string? description)
    {
        if (description is null) return null;
        var places = LocationInText().Matches(description).Select(m => Verdict.Logs.Geo.CountryCode(m.Groups["country"].Value)).Distinct().ToList();
        return places is [{ } only] ? only : null;
    }

    [GeneratedRegex(@"(?i)\blocation\s*\(\s*[\p{L} .'-]{2,40},\s*(?<country>[\p{L} .'-]{2,40})\)")]
    private static partial Regex LocationInText();

    /// <summary>
    /// The one country a record names in fields called country (a workload agent's client-address entity,
    /// <c>entityMap.IpAddress.0.PROPS.COUNTRY</c>), never a destination's or server's; null when it names none or several.
    /// </summary>
    private static string? OnlyCountry(Alert a)
    {
        var named = a.Fields.Where(f => !string.IsNullOrWhiteSpace(f.Value) && Verdict.Ingest.FieldWords.Of(f.Key) is { Final: "country" } w && !w.Any(NotTheCaller))
            .Select(f => Verdict.Logs.Geo.CountryCode(f.Value)).Distinct().ToList();
        return named is [{ } only] ? only : null;
    }

    private static readonly HashSet<string> NotTheCaller = ["destination", "dst", "dest", "target", "server", "remote", "peer", "resource", "bucket", "registrant", "whois"];

}
