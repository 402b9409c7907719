using System.Collections.Concurrent;

namespace Verdict.Alerts.Extraction;

/// <summary>
/// Runs every scanner over one piece of free text, after refanging it. Order matters: URLs, emails and paths claim
/// their text first, so "update.zip" in a URL path or "acme.com" in an email address is not also a domain, and
/// IPv6 claims "::ffff:192.0.2.1" before IPv4 looks. Every scanner is a single forward pass with bounded look-around,
/// so a 100 KB field costs time in proportion to its length, whatever it contains.
/// </summary>
internal static class FreeText
{
    private const int MaxCachedText = 1024;
    private const int MaxCachedTexts = 8 * 1024;

    // What scanning a text found, in the order found, for texts scanned with no process images known (alert
    // descriptions repeat across thousands of alerts). Scanners only ever add to the set, so replaying the same adds
    // in the same order gives the same set.
    private static readonly ConcurrentDictionary<(string Text, TextRules Rules), Entity[]> Found = new();

    public static void Scan(string text, EntitySet set, ProcessImages images, TextRules rules)
    {
        if (string.IsNullOrWhiteSpace(text)) return;
        if (!images.IsEmpty || text.Length > MaxCachedText)
        {
            ScanAll(text, set, images, rules);
            return;
        }
        if (!Found.TryGetValue((text, rules), out var found))
        {
            var scratch = new EntitySet(recordAdds: true);
            ScanAll(text, scratch, images, rules);
            found = scratch.Added;
            if (Found.Count < MaxCachedTexts) Found.TryAdd((text, rules), found);
        }
        foreach (var entity in found) set.Add(entity);
    }

    private static void ScanAll(string text, EntitySet set, ProcessImages images, TextRules rules)
    {
        var t = new ScanText(text);
        WebScanner.ScanUrls(t, set);
        WebScanner.ScanEmails(t, set);
        PathScanner.Scan(t, set, images.Paths);
        IpScanner.Scan(t, set);
        if (rules.Domains) WebScanner.ScanDomains(t, set, images.Names);
        if (rules.Hashes) HashScanner.Scan(t, set);
        Sids.Scan(t, set);
    }
}

/// <summary>
/// What a field's name says about its text. A column named ...id, ...guid or ...uuid holds identifiers, not
/// digests; one named for a file, image, path or directory holds file names ("CHCP.COM"), not domains.
/// </summary>
internal readonly record struct TextRules(bool Hashes, bool Domains)
{
    public static readonly TextRules All = new(true, true);

    public static TextRules ForField(string normalizedName) => new(
        Hashes: !(normalizedName.EndsWith("id", StringComparison.Ordinal) || normalizedName.EndsWith("guid", StringComparison.Ordinal)
            || normalizedName.EndsWith("uuid", StringComparison.Ordinal)),
        Domains: !(normalizedName.Contains("file", StringComparison.Ordinal) || normalizedName.Contains("image", StringComparison.Ordinal)
            || normalizedName.Contains("path", StringComparison.Ordinal) || normalizedName.Contains("directory", StringComparison.Ordinal)));
}

/// <summary>The process images of an alert: their paths are not also file paths, and their names ("chcp.com") are not domains.</summary>
internal sealed class ProcessImages
{
    public HashSet<string> Paths { get; } = new(StringComparer.OrdinalIgnoreCase);

    public HashSet<string> Names { get; } = new(StringComparer.OrdinalIgnoreCase);

    public bool IsEmpty => Paths.Count == 0;

    public void Add(string image)
    {
        Paths.Add(image);
        Names.Add(image[(image.LastIndexOfAny(['\\', '/']) + 1)..]);
    }
}
