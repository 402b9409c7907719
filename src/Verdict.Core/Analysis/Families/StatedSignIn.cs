using System.Text.RegularExpressions;
using Verdict.Alerts;

namespace Verdict.Analysis.Families;

/// <summary>
/// A sign-in alert from a product that is no identity provider (a mail-security product's account anomaly, a SaaS
/// monitor) states the country in its own words ("Login from new country: United States (203.0.113.7)", "Suspicious
/// login: new country (JP) for user j.doe@example.com") and names one person of the organisation, as the user field or
/// as the only address on the organisation's domains it carries. That person's approved travel (context file
/// <c>approved_travel</c>) to that country on that day explains it, as it does for any sign-in. Another country, another
/// day, several people named or no sign-in wording (an inbox rule, a forwarding) give nothing.
/// </summary>
public static partial class StatedSignIn
{
    public static void Add(FamilyCase c, List<Evidence> evidence)
    {
        var a = c.Alert;
        var text = $"{a.Rule} {a.Description}";
        if (evidence.Exists(e => e.Key == "approved_travel") || a.Time is not { } time || !SignIn().IsMatch(text)) return;
        if (NewCountry().Match(text) is not { Success: true } m || Verdict.Logs.Geo.CountryCode(m.Groups["country"].Value.Trim()) is not { } country) return;
        List<string> people = a.User is { } user ? [user]
            : [.. a.Entities.Where(e => e.Kind == EntityKind.Email && e.Value.Split('@') is [_, var domain] && c.Context.Domains.Contains(domain))
                .Select(e => e.Value.ToLowerInvariant()).Distinct()];
        if (people is not [var person] || c.Context.TravelApproval(person, country, time) is not { } trip) return;
        evidence.Add(new("approved_travel", $"{person} is on approved travel to {country} from {trip.From:yyyy-MM-dd} to {trip.To:yyyy-MM-dd}{(trip.Note.Length > 0 ? $" ({trip.Note})" : "")}, the country the product says the sign-in came from",
            Leaning.Benign, 3.0, "context file"));
    }

    [GeneratedRegex(@"(?i)\blog(?:ged)?[- ]?(?:in|on)\b|\blogin\b|\bsign(?:ed)?[- ]?in\b")]
    private static partial Regex SignIn();

    /// <summary>"new country: United States (...)", "new country (JP)", "unusual location: Japan".</summary>
    [GeneratedRegex(@"(?i)\b(?:new|unusual|unfamiliar|foreign|rare)\s+(?:country|location)\s*(?::\s*|\(\s*)(?<country>\p{L}[\p{L} .'-]{0,40}?)\s*(?=[(),;]|$)")]
    private static partial Regex NewCountry();
}
