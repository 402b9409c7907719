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
/// account on the process), the first process's <c>userAccount</c> is the alert's user.
/// </summary>
public static class GraphEvidence
{
    private const string TypeSuffix = ".@odata.type";
    private const string Prefix = "#microsoft.graph.security.";

    public static void AddHints(IReadOnlyList<KeyValuePair<string, string>> fields, List<KeyValuePair<string, string>> hints)
    {
        Dictionary<string, string>? byName = null;
        string? deviceAddress = null, processUser = null;
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
            if (field == "host") deviceAddress ??= Get("ipInterfaces")?.Split(',')[0].Trim(); // a list of scalars is flattened as one "a, b" field
            // A mailbox's owner is the user an e-mail alert is about.
            if (field == "email" && Get("userAccount.userPrincipalName") is { } owner) hints.Add(new("user", owner));
        }
        if (deviceAddress is not null && !hints.Any(h => h.Key == "ip")) hints.Add(new("ip", deviceAddress));
        if (processUser is not null && !hints.Any(h => h.Key == "user")) hints.Add(new("user", processUser));
    }

    /// <summary>A file object's full path ("filePath" is its folder, "fileName" its name), or its name alone.</summary>
    private static string? File(Func<string, string?> get, string file)
    {
        if (get(file + ".fileName") is not { } name) return null;
        return get(file + ".filePath") is { } folder ? folder.TrimEnd('\\', '/') + (folder.Contains('/') && !folder.Contains('\\') ? "/" : "\\") + name : name;
    }

    private static string? Account(string? name, string? domain) => name is null ? null : domain is not null ? $"{domain}\\{name}" : name;
}
