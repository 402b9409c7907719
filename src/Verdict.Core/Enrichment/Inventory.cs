using Verdict.Alerts;
using Verdict.Ingest;

namespace Verdict.Enrichment;

/// <summary>A host from the asset inventory. Environment is e.g. production, staging, lab, cyber range.</summary>
public sealed record Asset(string Host, string Owner, string BusinessUnit, string Criticality, string DataSensitivity, string Environment)
{
    /// <summary>Lab, test and cyber-range machines exist to run attack tools: their alerts weigh less.</summary>
    public bool IsLab => Environment.ToLowerInvariant() is "lab" or "test" or "testing" or "sandbox" or "cyber range" or "cyber-range" or "cyberrange" or "range" or "training" or "dev";

    public bool IsCritical => Criticality.ToLowerInvariant() is "critical" or "high" or "tier0" or "tier 0" or "crown jewel";
}

/// <summary>A person from the user directory.</summary>
public sealed record DirectoryUser(string User, string Department, string Title, string Manager, bool Privileged, string UsualLocation);

/// <summary>
/// The asset inventory (host → owner, business unit, criticality, data sensitivity, environment) and the user
/// directory (user → department, title, manager, privileged, usual location), read from CSV with recognisable
/// column names. Hosts match by full name or by short name; users by their bare account name.
/// </summary>
public sealed class Inventory
{
    private readonly Dictionary<string, Asset> _assets = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, DirectoryUser> _users = new(StringComparer.OrdinalIgnoreCase);

    public static Inventory Empty { get; } = new();

    public int AssetCount => _assets.Count;
    public int UserCount => _users.Count;

    public Asset? FindAsset(string? host)
    {
        if (string.IsNullOrWhiteSpace(host)) return null;
        host = host.Trim().ToLowerInvariant();
        return _assets.GetValueOrDefault(host) ?? _assets.GetValueOrDefault(host.Split('.')[0]);
    }

    public DirectoryUser? FindUser(string? user) => EntityText.User(user) is { } u ? _users.GetValueOrDefault(u) : null;

    public List<InputError> LoadAssets(string path) => Load(path, ["host", "owner", "business_unit", "criticality", "data_sensitivity", "environment"], f =>
    {
        var asset = new Asset(f[0].ToLowerInvariant(), f[1], f[2], f[3], f[4], f[5]);
        _assets[asset.Host] = asset;
        _assets.TryAdd(asset.Host.Split('.')[0], asset);
        return null;
    });

    public List<InputError> LoadUsers(string path) => Load(path, ["user", "department", "title", "manager", "privileged", "usual_location"], f =>
    {
        var user = EntityText.User(f[0]);
        if (user is null) return "empty user";
        if (f[4].Length > 0 && !TryBool(f[4], out _)) return $"privileged must be yes/no or true/false, got '{f[4]}'";
        _users[user] = new DirectoryUser(user, f[1], f[2], f[3], TryBool(f[4], out var p) && p, f[5]);
        return null;
    });

    private static readonly Dictionary<string, string[]> Aliases = new()
    {
        ["host"] = ["host", "hostname", "computer", "asset", "device", "name"],
        ["owner"] = ["owner", "owned_by", "contact"],
        ["business_unit"] = ["business_unit", "businessunit", "bu", "department", "unit"],
        ["criticality"] = ["criticality", "tier", "importance"],
        ["data_sensitivity"] = ["data_sensitivity", "sensitivity", "classification", "data_classification"],
        ["environment"] = ["environment", "env", "zone"],
        ["user"] = ["user", "username", "account", "upn", "email"],
        ["department"] = ["department", "dept", "team"],
        ["title"] = ["title", "job_title", "role"],
        ["manager"] = ["manager", "reports_to"],
        ["privileged"] = ["privileged", "is_privileged", "admin", "is_admin"],
        ["usual_location"] = ["usual_location", "location", "office", "city"],
    };

    /// <summary>Reads a CSV, finding each wanted column by its aliases (the first is required); bad rows become errors.</summary>
    private static List<InputError> Load(string path, string[] wanted, Func<string[], string?> add)
    {
        var errors = new List<InputError>();
        if (!File.Exists(path)) return [new InputError(new SourceRef(path, 0), "inventory file not found")];
        using var stream = File.OpenRead(path);
        int[]? columns = null;
        foreach (var (row, error) in CsvTable.Read(stream, path))
        {
            if (error is not null) { errors.Add(error); continue; }
            if (columns is null)
            {
                var names = row!.Fields.Select(FieldNames.Normalize).ToList();
                columns = [.. wanted.Select(w => names.FindIndex(n => Aliases[w].Select(FieldNames.Normalize).Contains(n)))];
                if (columns[0] < 0) return [new InputError(row.Source, $"no '{wanted[0]}' column; columns are: {string.Join(", ", row.Fields)}")];
                continue;
            }
            var fields = columns.Select(i => i >= 0 ? row!.Fields[i].Trim() : "").ToArray();
            if (fields[0].Length == 0) { errors.Add(new InputError(row!.Source, $"empty {wanted[0]}")); continue; }
            if (add(fields) is { } problem) errors.Add(new InputError(row!.Source, problem));
        }
        return errors;
    }

    private static bool TryBool(string s, out bool value)
    {
        switch (s.Trim().ToLowerInvariant())
        {
            case "yes" or "y" or "true" or "1" or "x": value = true; return true;
            case "no" or "n" or "false" or "0" or "": value = false; return true;
            default: value = false; return false;
        }
    }
}
