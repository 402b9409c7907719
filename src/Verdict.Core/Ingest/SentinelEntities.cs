namespace Verdict.Ingest;

/// <summary>
/// Reads Sentinel-style entity lists (SecurityAlert "Entities": objects with a "Type" and its properties), once flattened
/// ("Entities.1.Type" = "account", "Entities.1.Name" = "alice"), into fields named so the entity extractor and the alert's
/// user and host read them: ip → "ip", account → "user", host → "host", url → "url", filehash → "hash", dns → "domain",
/// process → "command_line" and its image ("process"), a process's nested ParentProcess → "parent_process", mailbox → "email".
/// The same shape with upper-case type names, as Wiz lists an issue's actors ("threatDetectionDetails.actors.0.type" =
/// "SERVICE_ACCOUNT", ".name" = "svc-deploy"; "IP_ADDRESS" with the address as its name), is read the same way:
/// USER_ACCOUNT / SERVICE_ACCOUNT / IAM_USER (or "User" / "ServiceAccount" / "IamUser") → "user", IP_ADDRESS → "ip" (only when the name is an address). These spellings are
/// read in a list's entries ("actors.0."). A single typed object (Wiz's <c>entitySnapshot</c>) is the resource the
/// issue is about: it names the user only when it is an identity (USER_ACCOUNT / SERVICE_ACCOUNT) and no list names one,
/// as a threat detection about an identity ("unusual volume of IAM writes") is about what that identity did.
/// </summary>
public static class SentinelEntities
{
    public static List<KeyValuePair<string, string>> Hints(IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        var hints = new List<KeyValuePair<string, string>>();
        string? single = null;
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in fields) byName[name] = value;
        foreach (var (name, type) in fields)
        {
            if (!name.EndsWith(".Type", StringComparison.OrdinalIgnoreCase)) continue;
            var prefix = name[..^".Type".Length];
            string? Get(string property) => byName.TryGetValue(prefix + "." + property, out var v) && v.Length > 0 ? v : null;
            var listed = prefix.LastIndexOf('.') is var dot and >= 0 && prefix[(dot + 1)..].All(char.IsAsciiDigit);
            if (type.Equals("process", StringComparison.OrdinalIgnoreCase))
            {
                // A process's parent, nested in it, is its parent (image, else the program its command line starts), not the alert's
                // command; a parent's own parent (the grandparent) is neither.
                if (prefix.EndsWith(".ParentProcess", StringComparison.OrdinalIgnoreCase))
                {
                    var child = prefix[..^".ParentProcess".Length];
                    var direct = child.LastIndexOf('.') is var at and >= 0 && child[(at + 1)..].All(char.IsAsciiDigit);
                    if (direct && (Image(byName, prefix) ?? CommandLines.Program(Get("CommandLine"))) is { } parentImage) hints.Add(new("parent_process", parentImage));
                    continue;
                }
                if (Get("CommandLine") is { } command) hints.Add(new("command_line", command));
                if (Image(byName, prefix) is { } image) hints.Add(new("process", image));
                continue;
            }
            var (field, value) = type.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant() switch
            {
                "ip" => ("ip", Get("Address")),
                "ipaddress" when listed => ("ip", Get("Address") ?? (Get("Name") is { } n && ValueShape.IsIp(n) ? n : null)),
                "account" => ("user", Account(Get("Name"), Get("UPNSuffix"), Get("NTDomain"))),
                "useraccount" or "serviceaccount" or "iamuser" or "user" when listed => ("user", Get("Name")),
                "host" => ("host", Get("HostName") is { } h && Get("DnsDomain") is { } d ? $"{h}.{d}" : Get("HostName")),
                "url" => ("url", Get("Url")),
                "filehash" => ("hash", Get("Value")),
                "dns" => ("domain", Get("DomainName")),
                "mailbox" => ("email", Get("MailboxPrimaryAddress")),
                _ => ("", null),
            };
            if (value is not null) hints.Add(new(field, value));
            else if (!listed && type.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant() is "useraccount" or "serviceaccount"
                && Get("Name") is { } identity)
                single ??= identity;
        }
        if (single is not null && !hints.Exists(h => h.Key == "user")) hints.Add(new("user", single));
        return hints;
    }

    /// <summary>
    /// The address of a SecurityAlert whose Entities list exactly one IP entity ("Entities.1.Type" = "ip" with its
    /// "Address"): for a sign-in rule, the address the account signed in from. Null when none or several are listed.
    /// </summary>
    public static string? SoleAddress(IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        var addresses = Hints(fields).Where(h => h.Key == "ip").Select(h => h.Value).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return addresses is [var only] && ValueShape.IsIp(only) ? only : null;
    }

    /// <summary>A process entity's image: its ImageFile (Directory + Name), inline or a {"$ref"} to a file entity listed beside it.</summary>
    private static string? Image(Dictionary<string, string> byName, string process)
    {
        var file = process + ".ImageFile";
        if (byName.TryGetValue(file + ".$ref", out var reference))
            file = byName.FirstOrDefault(f => f.Key.EndsWith(".$id", StringComparison.Ordinal) && f.Value == reference).Key?[..^".$id".Length];
        if (file is null || !byName.TryGetValue(file + ".Name", out var name) || name.Trim().Length == 0) return null;
        return byName.TryGetValue(file + ".Directory", out var dir) && dir.Trim().Length > 0 ? dir.Trim().TrimEnd('\\', '/') + (dir.Contains('/') && !dir.Contains('\\') ? "/" : "\\") + name.Trim() : name.Trim();
    }

    private static string? Account(string? name, string? upnSuffix, string? domain) =>
        name is null ? null : upnSuffix is not null ? $"{name}@{upnSuffix}" : domain is not null ? $"{domain}\\{name}" : name;
}
