namespace Verdict.Ingest;

/// <summary>
/// The last step of reading a record's fields, run with their values once the known names (aliases, vendor names,
/// preferences, fallbacks and a mapping file) have been looked up: a canonical field none of them gave is looked for
/// generically, the rule by <see cref="RuleFallback"/>, the user, host, source IP and time by <see cref="EntityFallback"/>,
/// the detector's severity and the command line by the last words of a field's name.
/// A record that still names nothing stays an input error.
/// </summary>
internal static class FieldGuess
{
    public static IReadOnlyDictionary<CanonicalField, int> Complete(IReadOnlyList<KeyValuePair<string, string>> fields,
        IReadOnlyDictionary<CanonicalField, int> map, TimeZoneInfo zone)
    {
        Dictionary<CanonicalField, int>? added = null;
        void Add(CanonicalField field, int index)
        {
            if (index < 0) return;
            added ??= new Dictionary<CanonicalField, int>(map);
            added[field] = index;
        }
        bool Has(CanonicalField field) =>
            map.TryGetValue(field, out var i) && (i >= fields.Count || !string.IsNullOrWhiteSpace(fields[i].Value));
        if (!Has(CanonicalField.Rule) && !Has(CanonicalField.AttackType) && !Has(CanonicalField.Description))
        {
            // A weak pick (a record's own label or action) gives way to a detection code AlertRecord names the alert by.
            var pick = RuleFallback.Find(fields, map.Values.ToHashSet(), out var score);
            if (score > RuleFallback.WeakScore || RuleFallback.ByCode(fields) is null) Add(CanonicalField.Rule, pick);
        }
        if (!Has(CanonicalField.User)) Add(CanonicalField.User, EntityFallback.User(fields));
        if (!Has(CanonicalField.Host)) Add(CanonicalField.Host, EntityFallback.Host(fields));
        if (!Has(CanonicalField.SourceIp)) Add(CanonicalField.SourceIp, EntityFallback.SourceIp(fields));
        if (!Has(CanonicalField.Time)) Add(CanonicalField.Time, EntityFallback.Time(fields, zone));
        if (!Has(CanonicalField.Severity)) Add(CanonicalField.Severity, Severity(fields));
        if (!Has(CanonicalField.CommandLine)) Add(CanonicalField.CommandLine, CommandLine(fields));
        if (!Has(CanonicalField.Country)) Add(CanonicalField.Country, CountryIndex(fields));
        if (!Has(CanonicalField.City)) Add(CanonicalField.City, CityIndex(fields));
        return added ?? map;
    }

    /// <summary>
    /// A product's own rating under a name with no alias ("threat-severity", "attack_severity"): the first non-empty field
    /// whose name ends in the word severity, or -1 (none on a scale read upside down). A value on no known scale stays no severity (<see cref="SeverityScale"/>).
    /// </summary>
    private static int Severity(IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        if (FieldPreference.SeverityUpsideDown(fields.Select(f => f.Key).ToList())) return -1;
        for (var i = 0; i < fields.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(fields[i].Value) && FieldWords.Of(fields[i].Key).Final == "severity") return i;
        }
        return -1;
    }

    /// <summary>
    /// The country or city of a geolocated address under a name with no alias (ECS <c>client.geo.country_iso_code</c>,
    /// <c>geoip.country_code</c>, <c>details.ipAddress.geo.city</c>): the first non-empty field whose last segment is one of
    /// the given word lists and whose name has a geo or location word in it, or that belongs to a source-named object
    /// (Lacework's <c>entityMap.SourceIpAddress.0.PROPS.COUNTRY</c>); never the place of a destination, target,
    /// server or peer; or -1.
    /// </summary>
    private static int CountryIndex(IReadOnlyList<KeyValuePair<string, string>> fields) =>
        Place(fields, ["country"], ["country", "code"], ["country", "iso", "code"], ["country", "name"]);

    private static int CityIndex(IReadOnlyList<KeyValuePair<string, string>> fields) => Place(fields, ["city"], ["city", "name"]);

    /// <summary>The guessed country of a geolocated address (see <see cref="Place"/>), for readers of an alert's raw fields.</summary>
    public static string? Country(IReadOnlyList<KeyValuePair<string, string>> fields) => CountryIndex(fields) is >= 0 and var i ? fields[i].Value.Trim() : null;

    /// <summary>The guessed city of a geolocated address (see <see cref="Place"/>).</summary>
    public static string? City(IReadOnlyList<KeyValuePair<string, string>> fields) => CityIndex(fields) is >= 0 and var i ? fields[i].Value.Trim() : null;

    private static int Place(IReadOnlyList<KeyValuePair<string, string>> fields, params string[][] names)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(fields[i].Value)) continue;
            var words = FieldWords.Of(fields[i].Key);
            var last = words.Last.Length > 0 && words.Last[0] is "geo" or "geoip" ? words.Last[1..] : words.Last; // "geo_country"
            if (!names.Any(n => last.SequenceEqual(n)) || words.Any(NotThePeer)) continue;
            if (words.Any(GeoWords) || words.Last[0] is "geo" or "geoip" || EntityFallback.UnderSource(words)) return i; // or a source entity's COUNTRY
        }
        return -1;
    }

    private static readonly HashSet<string> GeoWords = new(["geo", "geoip", "geolocation", "location", "geographical", "geo_location", "place"], StringComparer.Ordinal);
    private static readonly HashSet<string> NotThePeer = new(["destination", "dst", "dest", "target", "server", "remote", "peer", "victim", "responder", "resp"], StringComparer.Ordinal);

    /// <summary>
    /// A command line under a name with no alias (Defender for Cloud's <c>extendedProperties["Suspicious Command Line"]</c>,
    /// "cmdline", "process_command_line"): the first non-empty field whose name ends in the words command line, or a bare
    /// "command" whose value has arguments; or -1.
    /// </summary>
    private static int CommandLine(IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(fields[i].Value)) continue;
            var words = FieldWords.Of(fields[i].Key);
            if (words.Final is "commandline" or "cmdline" || words.Final == "line" && words.Qualifier is "command" or "cmd") return i;
            // A bare "command" holding a program and its arguments (Teleport's exec, auditd, osquery).
            if (words.Final == "command" && words.Last.Length == 1 && fields[i].Value.Trim().Contains(' ')) return i;
        }
        return -1;
    }
}
