using Verdict.Alerts;
using Verdict.Enrichment;

namespace Verdict.Analysis;

/// <summary>
/// Evidence from enrichment, for any alert family: a malicious verdict from a feed or an intel service is strong
/// evidence (it cannot be outvoted into BENIGN); suspicious (e.g. a Tor exit) supports the malicious side; a clean
/// result is weak benign evidence, not proof; failed lookups are noted. Inventories add context: a lab or cyber-range
/// asset, a critical asset, a privileged person.
/// </summary>
public static class EnrichmentEvidence
{
    public static List<Evidence> For(Alert alert, EnrichmentView enrichment)
    {
        var evidence = new List<Evidence>();
        foreach (var r in enrichment.Findings(alert))
        {
            var what = $"{r.Entity.Kind.ToString().ToLowerInvariant()} {r.Entity.Value}";
            evidence.Add(r.Verdict switch
            {
                IntelVerdict.Malicious => new($"intel_malicious:{r.Entity.Value}", $"{what} is known bad: {r.Summary}", Leaning.Malicious, 3.0, r.Source, Strong: true),
                IntelVerdict.Suspicious => new($"intel_suspicious:{r.Entity.Value}", $"{what} is suspicious: {r.Summary}", Leaning.Malicious, 1.5, r.Source),
                IntelVerdict.Clean => new($"intel_clean:{r.Entity.Value}", $"{what} has a clean record (weak evidence): {r.Summary}", Leaning.Benign, 0.3, r.Source),
                _ => new($"intel_error:{r.Source}:{r.Entity.Value}", $"{r.Source} could not check {what}: {r.Note ?? r.Summary}", Leaning.Context, 0, r.Source),
            });
        }
        if (enrichment.Inventory.FindAsset(alert.Host) is { } asset)
        {
            if (asset.IsLab)
                evidence.Add(new("lab_asset", $"{asset.Host} is a {asset.Environment} machine (owner {asset.Owner}): security tooling and attack simulation are expected there", Leaning.Benign, 1.0, "asset inventory"));
            else if (asset.IsCritical)
                evidence.Add(new("critical_asset", $"{asset.Host} is a {asset.Criticality}-criticality {asset.Environment} asset of {asset.BusinessUnit} (owner {asset.Owner}, data {asset.DataSensitivity})", Leaning.Context, 0, "asset inventory"));
        }
        if (enrichment.Inventory.FindUser(alert.User) is { Privileged: true } person)
            evidence.Add(new("privileged", $"{person.User} ({person.Title}, {person.Department}) is a privileged account in the directory: a compromise would be severe", Leaning.Context, 0, "user directory"));
        return evidence;
    }
}
