namespace Verdict.Ingest;

/// <summary>
/// Reads the evidence list of a Microsoft Graph security alert (Defender XDR <c>alerts_v2</c>: objects with an
/// <c>@odata.type</c>), once flattened ("evidence.0.@odata.type" = "#microsoft.graph.security.userEvidence"), into
/// entity hints named so the alert's user, host and address read them, as <see cref="SentinelEntities"/> does for
/// Sentinel: user → "user", device → "host", ip → "ip", process → "command_line", its <c>imageFile</c> → "process" and its
/// <c>parentProcessImageFile</c> → "parent_process", url → "url", mailbox → "email".
/// The first evidence of each kind is the one read as the alert's own. When no ip evidence names an address (Defender for
/// Identity lists the source and target machines as devices), the first device's first <c>ipInterfaces</c> address is the
/// alert's address, as its name is the alert's host. When no user evidence names a user (Defender for Endpoint lists the
/// account on the process), the first process's <c>userAccount</c> is the alert's user; when no process evidence names an
/// image (an antivirus alert lists the detected file), the first file evidence's <c>fileDetails</c> path is the process.
/// </summary>
public static class GraphEvidence
{
    private const string TypeSuffix = ".@odata.type";
    private const string Prefix = "#microsoft.graph.security.";

    public static void AddHints(IReadOnlyList<KeyValuePair<string, string>> fields, List<KeyValuePair<string, string>> hints)
    {
        Dictionary<string, string>? byName = null;
        string? deviceAddress = null, processUser = null, detectedFile = null;
        foreach (var (name, type) in fields)
        {
            if (!name.EndsWith(TypeSuffix, StringComparison.OrdinalIgnoreCase) || !type.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) continue;
            byName ??= fields.GroupBy(f => f.Key, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.OrdinalIgnoreCase);
            var prefix = name[..^TypeSuffix.Length] + ".";
            string? Get(string property) => byName.TryGetValue(prefix + property, out var v) && v.Trim().Length > 0 ? v.Trim() : null;
            var (field, value) = type[Prefix.Length..].ToLowerInvariant() switch
            {
                "userevidence" => ("user", Get("userAccount.userPrincipalName") ?? Account(Get("userAccount.accountName"), Get("userAccount.domainName"))),
                "deviceevidence" => ("host", Get("deviceDnsName") ?? Get("hostName")),
                "ipevidence" => ("ip", Get("ipAddress")),
                "processevidence" => ("command_line", Get("processCommandLine")),
                "urlevidence" => ("url", Get("url")),
                "mailboxevidence" => ("email", Get("primaryAddress")),
                _ => ("", null),
            };
            if (value is not null) hints.Add(new(field, value));
            if (field == "command_line")
            {
                if (File(Get, "imageFile") is { } image) hints.Add(new("process", image));
                if (File(Get, "parentProcessImageFile") is { } parent) hints.Add(new("parent_process", parent));
                processUser ??= Get("userAccount.userPrincipalName") ?? Account(Get("userAccount.accountName"), Get("userAccount.domainName"));
            }
            if (type[Prefix.Length..].Equals("fileEvidence", StringComparison.OrdinalIgnoreCase)) detectedFile ??= File(Get, "fileDetails");
            if (field == "host") deviceAddress ??= Get("ipInterfaces")?.Split(',')[0].Trim(); // a list of scalars is flattened as one "a, b" field
            // A mailbox's owner is the user an e-mail alert is about.
            if (field == "email" && Get("userAccount.userPrincipalName") is { } owner) hints.Add(new("user", owner));
        }
        if (deviceAddress is not null && !hints.Any(h => h.Key == "ip")) hints.Add(new("ip", deviceAddress));
        if (processUser is not null && !hints.Any(h => h.Key == "user")) hints.Add(new("user", processUser));
        // An antivirus alert's detected file is what the alert is about, read as its process as GravityZone's file_path is.
        if (detectedFile is not null && !hints.Any(h => h.Key == "process")) hints.Add(new("process", detectedFile));
    }

    /// <summary>A file object's full path ("filePath" is its folder, "fileName" its name), or its name alone.</summary>
    private static string? File(Func<string, string?> get, string file)
    {
        if (get(file + ".fileName") is not { } name) return null;
        return get(file + ".filePath") is { } folder ? folder.TrimEnd('\\', '/') + (folder.Contains('/') && !folder.Contains('\\') ? "/" : "\\") + name : name;
    }

    /// <summary>
    /// The product's own decision on what a Graph alert's process or file evidence shows: its <c>detectionStatus</c> when
    /// "blocked" or "prevented", else its <c>remediationStatus</c> when the product did something ("remediated", "prevented",
    /// "blocked"; never "none" or "notFound"), given as <c>remediation_status</c> before the evidence (where a device evidence's
    /// "none" would otherwise be read first). The first process or file evidence that states one gives it.
    /// </summary>
    public static void Complete(List<KeyValuePair<string, string>> fields)
    {
        if (fields.Exists(f => f.Key == "remediation_status")) return;
        for (var i = 0; i < fields.Count; i++)
        {
            var (name, type) = fields[i];
            if (!name.EndsWith(TypeSuffix, StringComparison.OrdinalIgnoreCase)
                || !(type.Equals(Prefix + "processEvidence", StringComparison.OrdinalIgnoreCase) || type.Equals(Prefix + "fileEvidence", StringComparison.OrdinalIgnoreCase))) continue;
            var prefix = name[..^TypeSuffix.Length] + ".";
            string? Get(string property) => fields.Find(f => f.Key.Equals(prefix + property, StringComparison.OrdinalIgnoreCase)).Value?.Trim();
            var decision = Get("detectionStatus") is { } detection && (detection.Equals("blocked", StringComparison.OrdinalIgnoreCase) || detection.Equals("prevented", StringComparison.OrdinalIgnoreCase))
                ? detection
                : Get("remediationStatus") is { Length: > 0 } remediation && !remediation.Equals("none", StringComparison.OrdinalIgnoreCase)
                    && !remediation.Equals("notFound", StringComparison.OrdinalIgnoreCase) && !remediation.Equals("unknownFutureValue", StringComparison.OrdinalIgnoreCase)
                    ? remediation : null;
            if (decision is null) continue;
            fields.Insert(0, new("remediation_status", decision));
            return;
        }
    }

    private static string? Account(string? name, string? domain) => name is null ? null : domain is not null ? $"{domain}\\{name}" : name;
}
