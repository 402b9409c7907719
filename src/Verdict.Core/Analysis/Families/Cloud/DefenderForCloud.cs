using System.Text.RegularExpressions;
using Verdict.Alerts;

namespace Verdict.Analysis.Families.Cloud;

/// <summary>
/// Evidence from a Microsoft Defender for Cloud alert, in either of its shapes: the ARM <c>Microsoft.Security/locations/alerts</c>
/// resource (<c>properties.alertType</c>, <c>properties.extendedProperties</c>) or the Sentinel <c>SecurityAlert</c> row it
/// becomes once connected to a workspace (<c>AlertType</c>, the <c>ExtendedProperties</c> JSON string, <c>ProductName</c>
/// "Azure Security Center" or "Microsoft Defender for Cloud"). Benign explanations, each the product's own statement: the threat was blocked,
/// denied or quarantined; a brute force where no login succeeded; the EICAR antivirus test file. Against them: an alert
/// type naming a compromise (a miner, a reverse shell, a web shell, ransomware), a brute
/// force that did succeed.
/// </summary>
public static partial class DefenderForCloud
{
    private const string Src = "Defender for Cloud";

    /// <summary>True for a Defender for Cloud alert in its ARM shape, or as a Sentinel SecurityAlert row whose product is Defender for Cloud.</summary>
    public static bool IsAlert(Alert a) =>
        (a.Raw("properties.alerttype") is not null && a.Raw("properties.compromisedentity", "properties.productname") is not null)
        || (a.Raw("alerttype") is not null && a.Raw("productname", "providername") is { } product && Product().IsMatch(product));

    /// <summary>The alert type in either shape.</summary>
    private static string Type(Alert a) => a.Raw("properties.alerttype", "alerttype") ?? "";

    public static void Add(FamilyCase c, List<Evidence> evidence)
    {
        var a = c.Alert;
        if (!IsAlert(a)) return;
        var type = Type(a);
        if (Compromise().Match(type) is { Success: true } kind)
            evidence.Add(new("defender_compromise", $"Defender for Cloud's alert type '{CommonEvidence.Clip(type, 80)}' names a compromise ('{kind.Value}'), not an anomaly", Leaning.Malicious, 2.0, Src, Strong: true));
        var successes = Extended(a, "successfullogins");
        var succeeded = successes is not null && int.TryParse(successes, out var n) && n > 0;
        if (succeeded)
            evidence.Add(new("brute_force_succeeded", $"Defender for Cloud counted {successes} successful login(s) in the brute force: someone got in", Leaning.Malicious, 2.5, Src, Strong: true));
        else if (successes == "0" || type.Contains("BruteForceFailed", StringComparison.OrdinalIgnoreCase))
            evidence.Add(new("brute_force_failed", "Defender for Cloud reports no successful login in the brute force: the password guessing every internet-facing host receives, and it got nowhere", Leaning.Benign, 1.5, Src));

        var action = Extended(a, "actiontaken") ?? Extended(a, "action");
        if (!succeeded && action is not null && Stopped().Match(action) is { Success: true } m)
            evidence.Add(new("vendor_blocked", $"Defender for Cloud reports the action taken: '{CommonEvidence.Clip(action, 60)}' ({m.Value}): the threat was stopped before it did anything", Leaning.Benign, 1.5, Src));

        Travel(c, evidence);
        if (Extended(a, "threatname") is { } threat && threat.Contains("EICAR", StringComparison.OrdinalIgnoreCase))
            evidence.Add(new("eicar_test_file", $"The detected file is '{CommonEvidence.Clip(threat, 60)}', the harmless EICAR antivirus test file administrators drop to check that detection and alerting work", Leaning.Benign, 2.0, Src));
    }

    /// <summary>
    /// A location anomaly (Defender's "Client location", or "Location" in the storage alerts) in a country the context file's approved_travel lists for the
    /// principal on that day: the traveller working from the trip.
    /// </summary>
    private static void Travel(FamilyCase c, List<Evidence> evidence)
    {
        var a = c.Alert;
        var principal = Extended(a, "principal") ?? Extended(a, "user") ?? Extended(a, "invokinguser") ?? a.User;
        var country = Verdict.Logs.Geo.Resolve(Extended(a, "clientlocation") ?? Extended(a, "location"), null, null).Country;
        var time = a.Time ?? (DateTimeOffset.TryParse(a.Raw("properties.starttimeutc", "properties.timegeneratedutc", "starttime", "timegenerated"), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var t) ? t : null);
        if (principal is null || country is null || time is null) return;
        var user = principal.Split('@')[0].ToLowerInvariant();
        if (c.Context.TravelApproval(user, country, time.Value) is { } trip)
            evidence.Add(new("approved_travel", $"{user} is on approved travel to {country} ({trip.Note}), where Defender saw the access from", Leaning.Benign, 2.0, "context file"));
    }

    /// <summary>A value of <c>properties.extendedProperties</c> by its display name, compared without case or spaces ("Action Taken").</summary>
    private static string? Extended(Alert a, string name)
    {
        foreach (var (key, value) in a.Fields)
        {
            var dot = key.LastIndexOf('.');
            if (dot < 0 || string.IsNullOrWhiteSpace(value) || !key.Contains("extendedproperties.", StringComparison.OrdinalIgnoreCase)) continue;
            if (key[(dot + 1)..].Replace(" ", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).Equals(name, StringComparison.OrdinalIgnoreCase))
                return value.Trim();
        }
        return null;
    }

    /// <summary>Defender for Cloud's product name in a SecurityAlert row, current and former.</summary>
    [GeneratedRegex(@"(?i)^(Azure Security Center|(Microsoft )?Defender for Cloud|Azure Defender)$")]
    private static partial Regex Product();

    [GeneratedRegex(@"(?i)CurrencyMining|CoinMiner|ReverseShell|Webshell|Ransomware|Backdoor|CredentialDump|Mimikatz")]
    private static partial Regex Compromise();

    [GeneratedRegex(@"(?i)\b(quarantin\w*|block\w*|denied|deny|prevent\w*|remov\w*|clean\w*|dropped)\b")]
    private static partial Regex Stopped();
}
