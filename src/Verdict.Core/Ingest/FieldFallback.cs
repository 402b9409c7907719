namespace Verdict.Ingest;

/// <summary>
/// Names read only when nothing else in the record gives their field, because elsewhere they are too generic to win:
/// Splunk's <c>search_name</c> (a webhook alert action payload has no other rule), Mimecast's <c>identifiers</c>
/// (impersonation checks that hit) then <c>definition</c> (the policy that held an attachment), and ids: GCP's
/// <c>insertId</c>, an SCC <c>finding.name</c>, a Reports API <c>id.uniqueQualifier</c>, Abnormal's <c>caseId</c>; CEF's
/// <c>suser</c>/<c>duser</c>, <c>dhost</c>/<c>shost</c> and <c>rt</c> kept as field names; a <c>policyName</c>; Sophos Central's
/// <c>raisedAt</c> and <c>person.name</c>.
/// A record with no rule field Verdict knows is named by the name of a rule object nested anywhere in it
/// (<c>*.rule.name</c>: Wiz Defend's <c>detection.ruleMatch.rule.name</c>, any product nesting ECS-style <c>rule.name</c>)
/// before its description is used as the rule.
/// A Splunk webhook payload (<c>search_name</c> beside <c>result.*</c>) nests the search result's own fields under
/// <c>result</c>: each <c>result.X</c> is read as X would be (<c>result.Computer</c> is the host).
/// Splunk's CIM Endpoint data model (Splunk ES notables, CIM-normalised searches) calls the full command string
/// <c>process</c> and the program <c>process_name</c>: beside <c>process_name</c>, with no command-line field,
/// <c>process</c> is the command line.
/// </summary>
internal static class FieldFallback
{
    private static readonly (CanonicalField Field, string Name)[] Fallbacks =
    [
        (CanonicalField.Rule, "search_name"),
        (CanonicalField.Rule, "identifiers"),
        (CanonicalField.Rule, "definition"),
        (CanonicalField.Id, "insertId"),
        (CanonicalField.Id, "finding.name"),
        (CanonicalField.Id, "id.uniqueQualifier"),
        (CanonicalField.Id, "caseId"),
        // ArcSight CEF's own keys, kept by a SIEM that parses the extension into fields (CyberArk PTA, many firewalls):
        // the source user, else the destination user; the destination host, else the source host; the receipt time.
        (CanonicalField.User, "suser"),
        (CanonicalField.User, "duser"),
        (CanonicalField.User, "usrName"), // LEEF's user
        (CanonicalField.Host, "dhost"),
        (CanonicalField.Host, "shost"),
        (CanonicalField.Time, "rt"),
        // The policy that fired (Prisma Cloud's alert notifications, CASB and proxy policies) when nothing else names a rule;
        // Sophos Central's alert time and person.
        (CanonicalField.Rule, "policyName"),
        (CanonicalField.Time, "raisedAt"),
        (CanonicalField.User, "person.name"),
    ];

    private const string SplunkResult = "result.";

    public static void Apply(IReadOnlyList<string> names, Dictionary<CanonicalField, int> map)
    {
        if (FieldPreference.IndexOf(names, "search_name") >= 0) SplunkResultFields(names, map);
        CimProcess(names, map);
        foreach (var (field, name) in Fallbacks)
        {
            if (map.ContainsKey(field)) continue;
            var index = FieldPreference.IndexOf(names, name);
            if (index >= 0) map[field] = index;
        }
        if (!map.ContainsKey(CanonicalField.Rule) && NestedRuleName(names) is { } rule) map[CanonicalField.Rule] = rule;
    }

    private static void CimProcess(IReadOnlyList<string> names, Dictionary<CanonicalField, int> map)
    {
        var process = FieldPreference.IndexOf(names, "process");
        var processName = FieldPreference.IndexOf(names, "process_name");
        if (process < 0 || processName < 0 || map.ContainsKey(CanonicalField.CommandLine) || map.GetValueOrDefault(CanonicalField.Process, -1) != process) return;
        map[CanonicalField.CommandLine] = process;
        map[CanonicalField.Process] = processName;
    }

    /// <summary>The first field named "rule.name" under some parent ("detection.ruleMatch.rule.name"); null when none.</summary>
    private static int? NestedRuleName(IReadOnlyList<string> names)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i].EndsWith(".rule.name", StringComparison.OrdinalIgnoreCase)) return i;
        }
        return null;
    }

    private static void SplunkResultFields(IReadOnlyList<string> names, Dictionary<CanonicalField, int> map)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (!names[i].StartsWith(SplunkResult, StringComparison.OrdinalIgnoreCase)) continue;
            if (FieldNames.Recognize(names[i][SplunkResult.Length..]) is { } field) map.TryAdd(field, i);
        }
    }
}
