using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Verdict.Alerts;
using Verdict.Ingest;

namespace Verdict.Enrichment;

/// <summary>
/// Reads local threat-intel feeds into an <see cref="IndicatorSet"/>: plain IOC lists (one per line, # comments),
/// CSV with type/value/confidence/source columns, STIX 2.1 bundles of indicators, and Tor exit-node lists (plain
/// IPs or the Tor project's "ExitAddress IP ..." format). A line or object that cannot be read is an error with
/// file and line; the rest of the feed still loads.
/// </summary>
public static partial class FeedReader
{
    public static List<InputError> Load(IndicatorSet set, string path, DateTimeOffset now, bool torExits = false)
    {
        var errors = new List<InputError>();
        if (!File.Exists(path))
        {
            errors.Add(new InputError(new SourceRef(path, 0), "feed file not found"));
            return errors;
        }
        var name = Path.GetFileName(path);
        if (torExits) ReadPlain(set, path, errors, $"Tor exit list {name}", IntelVerdict.Suspicious, 80, "Tor exit node");
        else if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) ReadStix(set, path, errors, now);
        else if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)) ReadCsv(set, path, errors);
        else ReadPlain(set, path, errors, $"feed {name}", IntelVerdict.Malicious, 75, "listed in a local IOC feed");
        return errors;
    }

    private static void ReadPlain(IndicatorSet set, string path, List<InputError> errors, string source, IntelVerdict verdict, int confidence, string description)
    {
        var n = 0;
        foreach (var raw in File.ReadLines(path))
        {
            n++;
            var parts = raw.Split('#', 2);
            var line = parts[0].Trim();
            var note = parts.Length > 1 && parts[1].Trim().Length > 0 ? parts[1].Trim() : description;
            if (line.Length == 0 || line.StartsWith(';') || line.StartsWith("//", StringComparison.Ordinal)) continue;
            if (line.StartsWith("ExitAddress ", StringComparison.Ordinal)) line = line.Split(' ')[1];
            else if (line.StartsWith("ExitNode ", StringComparison.Ordinal) || line.StartsWith("Published ", StringComparison.Ordinal) || line.StartsWith("LastStatus ", StringComparison.Ordinal)) continue;
            var value = IndicatorSet.Refang(line.Split([' ', '\t', ','], 2)[0]);
            if (Guess(value) is not { } kind || !set.Add(new Indicator(kind, value, verdict, confidence, source, note)))
                errors.Add(new InputError(new SourceRef(path, n), $"'{Clip(value)}' is not an IP, CIDR, domain, URL, email or hash"));
        }
    }

    private static void ReadCsv(IndicatorSet set, string path, List<InputError> errors)
    {
        using var stream = File.OpenRead(path);
        int type = -1, value = -1, confidence = -1, source = -1, description = -1;
        var first = true;
        foreach (var (row, error) in CsvTable.Read(stream, path))
        {
            if (error is not null) { errors.Add(error); continue; }
            var f = row!.Fields;
            if (first)
            {
                first = false;
                var names = f.Select(FieldNames.Normalize).ToList();
                type = names.FindIndex(x => x is "type" or "indicatortype" or "ioctype");
                value = names.FindIndex(x => x is "value" or "indicator" or "ioc" or "observable");
                confidence = names.FindIndex(x => x is "confidence" or "score");
                source = names.FindIndex(x => x is "source" or "feed" or "provider");
                description = names.FindIndex(x => x is "description" or "comment" or "tags" or "threat");
                if (value < 0) { errors.Add(new InputError(row.Source, "feed CSV needs a value (or indicator/ioc) column")); return; }
                continue;
            }
            var v = IndicatorSet.Refang(f[value].Trim());
            var kind = type >= 0 ? KindFromWord(f[type]) ?? Guess(v) : Guess(v);
            var conf = confidence >= 0 && int.TryParse(f[confidence], NumberStyles.Integer, CultureInfo.InvariantCulture, out var c) ? Math.Clamp(c, 0, 100) : 75;
            var src = source >= 0 && f[source].Trim().Length > 0 ? f[source].Trim() : $"feed {Path.GetFileName(path)}";
            var verdict = conf >= 50 ? IntelVerdict.Malicious : IntelVerdict.Suspicious;
            // The value must look like what the type column says (a "sha256" that is not hex is a mistake, not an indicator).
            if (kind is null || Guess(v) != kind || !set.Add(new Indicator(kind.Value, v, verdict, conf, src, description >= 0 ? f[description].Trim() : "")))
                errors.Add(new InputError(row.Source, $"'{Clip(v)}' is not a recognisable indicator" + (type >= 0 ? $" of type '{Clip(f[type])}'" : "")));
        }
    }

    private static void ReadStix(IndicatorSet set, string path, List<InputError> errors, DateTimeOffset now)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(File.ReadAllBytes(path)); }
        catch (JsonException e) { errors.Add(new InputError(new SourceRef(path, (e.LineNumber ?? 0) + 1), $"not valid JSON: {e.Message}")); return; }
        using (doc)
        {
            if (!doc.RootElement.TryGetProperty("objects", out var objects) || objects.ValueKind != JsonValueKind.Array)
            {
                errors.Add(new InputError(new SourceRef(path, 1), "not a STIX bundle (no 'objects' array)"));
                return;
            }
            foreach (var o in objects.EnumerateArray())
            {
                if (Str(o, "type") != "indicator" || o.TryGetProperty("revoked", out var r) && r.ValueKind == JsonValueKind.True) continue;
                if (DateTimeOffset.TryParse(Str(o, "valid_until"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var until) && until < now) continue;
                var types = o.TryGetProperty("indicator_types", out var t) && t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString()).ToList() : [];
                var verdict = types.Contains("benign") ? IntelVerdict.Clean : types.Contains("anomalous-activity") || types.Contains("anonymization") ? IntelVerdict.Suspicious : IntelVerdict.Malicious;
                var conf = o.TryGetProperty("confidence", out var c) && c.TryGetInt32(out var ci) ? ci : 75;
                var source = $"STIX {Path.GetFileName(path)}" + (Str(o, "name") is { Length: > 0 } nm ? $": {nm}" : "");
                var matches = Pattern().Matches(Str(o, "pattern") ?? "");
                if (matches.Count == 0) errors.Add(new InputError(new SourceRef(path, 0), $"indicator {Str(o, "id")}: no supported comparison in its pattern"));
                foreach (Match m in matches)
                {
                    var kind = m.Groups["obj"].Value switch
                    {
                        "ipv4-addr" or "ipv6-addr" => EntityKind.Ip,
                        "domain-name" => EntityKind.Domain,
                        "url" => EntityKind.Url,
                        "email-addr" => EntityKind.Email,
                        _ => EntityKind.FileHash,
                    };
                    set.Add(new Indicator(kind, m.Groups["value"].Value, verdict, conf, source, Str(o, "description") ?? ""));
                }
            }
        }
    }

    private static string? Str(JsonElement o, string name) => o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static EntityKind? Guess(string value)
    {
        if (value.Length == 0) return null;
        if (System.Net.IPAddress.TryParse(value, out _) || System.Net.IPNetwork.TryParse(value, out _)) return EntityKind.Ip;
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "ftp") return EntityKind.Url;
        if (Hash().IsMatch(value)) return EntityKind.FileHash;
        if (value.Contains('@', StringComparison.Ordinal) && Email().IsMatch(value)) return EntityKind.Email;
        return Domain().IsMatch(value) ? EntityKind.Domain : null;
    }

    private static EntityKind? KindFromWord(string word) => word.Trim().ToLowerInvariant() switch
    {
        "ip" or "ipv4" or "ipv6" or "ip-dst" or "ip-src" or "cidr" or "ipv4-addr" or "ipv6-addr" => EntityKind.Ip,
        "domain" or "hostname" or "fqdn" or "domain-name" => EntityKind.Domain,
        "url" or "uri" => EntityKind.Url,
        "md5" or "sha1" or "sha256" or "hash" or "filehash" or "file" => EntityKind.FileHash,
        "email" or "email-addr" or "email-src" => EntityKind.Email,
        _ => null,
    };

    private static string Clip(string s) => s.Length <= 60 ? s : s[..57] + "...";

    [GeneratedRegex(@"\[(?<obj>ipv4-addr|ipv6-addr|domain-name|url|email-addr):value\s*=\s*'(?<value>[^']*)'\]|\[(?<obj>file):hashes\.(?:'?(?:SHA-256|SHA-1|MD5|SHA256|SHA1)'?)\s*=\s*'(?<value>[0-9a-fA-F]+)'\]")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^(?:[0-9a-fA-F]{32}|[0-9a-fA-F]{40}|[0-9a-fA-F]{64})$")]
    private static partial Regex Hash();

    [GeneratedRegex(@"^[^@\s]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")]
    private static partial Regex Email();

    [GeneratedRegex(@"^(?=.{4,253}$)(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$")]
    private static partial Regex Domain();
}
