using Verdict.Alerts;
using Verdict.Context;

namespace Verdict.Ingest;

/// <summary>
/// Builds an <see cref="Alert"/> from one record's raw fields and the canonical fields recognised in them.
/// CSV rows and flattened JSON records both come through here, so both read times, severities and entities alike.
/// </summary>
public static class AlertRecord
{
    /// <param name="source">Where the record starts.</param>
    /// <param name="fields">Every raw field, in input order (JSON: dotted names).</param>
    /// <param name="map">For each canonical field, the index into <paramref name="fields"/> that holds it (indexes past its end
    /// point into <paramref name="extraEntityFields"/>).</param>
    /// <param name="noun">What the input calls a field in error messages ("column", "field").</param>
    /// <param name="extraEntityFields">Fields read for entities only (not kept in <see cref="Alert.Fields"/>).</param>
    public static ParseResult<Alert> Build(SourceRef source, IReadOnlyList<KeyValuePair<string, string>> fields,
        IReadOnlyDictionary<CanonicalField, int> map, EnvironmentContext context, string noun = "column",
        IReadOnlyList<KeyValuePair<string, string>>? extraEntityFields = null)
    {
        // Fields the known names did not give are looked for generically, by the words of their names and their values.
        map = FieldGuess.Complete(fields, map, context.TimeZone);
        KeyValuePair<string, string> At(int i) => i < fields.Count ? fields[i] : extraEntityFields![i - fields.Count];
        string? Get(CanonicalField f) => map.TryGetValue(f, out var i) && At(i).Value.Trim() is { Length: > 0 } v ? v : null;

        DateTimeOffset? time = null;
        var precision = TimePrecision.Exact;
        if (Get(CanonicalField.Time) is { } timeText)
        {
            timeText = TimeText.JoinDateAndTime(fields, timeText);
            if (!TimeText.TryParse(timeText, context.TimeZone, out var t, out precision))
            {
                return ParseResult<Alert>.Fail(source, $"unreadable date '{Clip(timeText)}' in {noun} '{At(map[CanonicalField.Time]).Key}'{TimeText.Hint(timeText)}");
            }
            time = t;
        }
        // A severity on no known scale is no severity (the raw value stays in the fields): the record is still read.
        var severity = Get(CanonicalField.Severity) is { } sevText ? SeverityScale.Read(At(map[CanonicalField.Severity]).Key, sevText, cef: fields.Any(f => f.Key.Equals("cefVersion", StringComparison.OrdinalIgnoreCase)) || IdentityProductRecords.TenPointSeverity(fields) || CloudVendorFields.TenPointSeverity(fields)) : null;
        var description = Get(CanonicalField.Description) ?? "";
        // A record naming its detection only by a code (a rule id, threat id) is named by it (RuleFallback.ByCode).
        // A rule field holding a placeholder ("N/A", "-", "none": F5 ASM's virus_name when no virus was found) gives way to
        // the attack type, the description or a detection code; it names the alert only when nothing else does.
        var named = Get(CanonicalField.Rule);
        var attack = Get(CanonicalField.AttackType);
        var rule = (ValueShape.IsPlaceholder(named) ? null : RuleFallback.WithEngine(At(map[CanonicalField.Rule]).Key, named!))
            ?? (ValueShape.IsPlaceholder(attack) ? null : attack)
            ?? (description.Length == 0 ? RuleFallback.ByCode(fields) ?? named ?? attack : null);
        if (rule is null && description.Length == 0)
        {
            return ParseResult<Alert>.Fail(source, $"the {(noun == "column" ? "row" : "record")} names no alert type and has no description");
        }
        var user = EntityText.User(Get(CanonicalField.User));
        var host = EntityText.Host(Get(CanonicalField.Host));
        return ParseResult<Alert>.Ok(new Alert
        {
            Id = Get(CanonicalField.Id) is { } id && !IsEventCode(At(map[CanonicalField.Id]).Key, id) ? id : $"{Path.GetFileNameWithoutExtension(source.File)}-{source.Line}",
            Source = source,
            Rule = rule ?? Clip(description),
            Time = time,
            TimePrecision = precision,
            DetectorSeverity = severity,
            Description = description,
            User = user,
            Host = host,
            SourceIp = EntityText.Ip(Get(CanonicalField.SourceIp)),
            CommandLine = Get(CanonicalField.CommandLine),
            Process = Get(CanonicalField.Process),
            ParentProcess = Get(CanonicalField.ParentProcess),
            Tags = Tags(Get(CanonicalField.Tags)),
            Entities = EntityExtractor.Extract(new EntityInput
            {
                User = Get(CanonicalField.User),
                Host = Get(CanonicalField.Host),
                SourceIp = Get(CanonicalField.SourceIp),
                DestinationIp = Get(CanonicalField.DestinationIp),
                Process = Get(CanonicalField.Process),
                ParentProcess = Get(CanonicalField.ParentProcess),
                CommandLine = Get(CanonicalField.CommandLine),
                Description = description,
                Fields = extraEntityFields is { Count: > 0 } ? [.. fields, .. extraEntityFields] : fields,
            }),
            Fields = fields,
        });
    }

    /// <summary>Tag lists as tools write them: "a,b", "a; b", or a JSON list's text ["T1110", "T1078"].</summary>
    private static string[] Tags(string? text) =>
        text?.Split([',', ';', '|', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => t.Trim('[', ']', '"', '\'')).Where(t => t.Length > 0).ToArray() ?? [];

    /// <summary>
    /// Windows' <c>EventID</c> (and <c>event_id</c> in its exports) is the kind of event (4625, a failed logon), shared by
    /// every record of that kind: it names no alert, so such a record is known by where it is.
    /// </summary>
    private static bool IsEventCode(string name, string value) =>
        value.Length <= 5 && value.All(char.IsAsciiDigit) && FieldNames.NormalizeText(name) is "eventid" or "eventcode";

    public static string Clip(string s) => s.Length <= 60 ? s : s[..57] + "...";
}
