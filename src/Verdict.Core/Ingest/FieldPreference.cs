namespace Verdict.Ingest;

/// <summary>
/// Where a record carries both a generic alias and a vendor's own, more specific name for the same field, the specific
/// one is read, wherever it stands: Suricata EVE's <c>alert.signature</c> names the rule, not <c>event_type</c> ("alert");
/// GuardDuty's <c>detail.type</c> and its access key's user name win over the EventBridge envelope. The envelope's
/// <c>account</c> (<c>detail-type</c> beside it) is an AWS account number, never a user, and so is an <c>account_name</c>
/// beside a cloud account id. An antivirus event's class (<c>event_type</c>, <c>type</c>) gives way to the rule or threat it
/// names (<c>ruleName</c>, <c>threat_name</c>), and a rule read from a machine name beside its readable form
/// (<c>type_string</c>) is read from that. Some names are preferred only
/// beside another field of their vendor's shape (<see cref="VendorPreferences"/>), and a few are read only when nothing
/// else gives their field (<see cref="FieldFallback"/>). Names from a mapping file are never overridden.
/// </summary>
internal static class FieldPreference
{
    private static readonly (CanonicalField Field, string Name)[] Preferred =
    [
        (CanonicalField.Rule, "alert.signature"),
        (CanonicalField.Rule, "detail.type"),
        (CanonicalField.User, "detail.resource.accessKeyDetails.userName"),
        // Falco's fields: the person behind a kubectl session, then the CloudTrail caller, over the process's Unix user.
        (CanonicalField.User, "output_fields.ka.user.name"),
        (CanonicalField.User, "content.fields.ka.user.name"),
        (CanonicalField.User, "output_fields.ct.user"),
        (CanonicalField.User, "content.fields.ct.user"),
    ];

    public static void Apply(IReadOnlyList<string> names, Dictionary<CanonicalField, int> map, Func<string, bool> fromMappingFile)
    {
        foreach (var (field, preferred) in Preferred) Prefer(names, map, fromMappingFile, field, preferred);
        DetectionOverEventClass(names, map, fromMappingFile);
        foreach (var (field, preferred, beside) in VendorPreferences.Table)
        {
            if (IndexOf(names, beside) >= 0) Prefer(names, map, fromMappingFile, field, preferred);
        }
        if (map.TryGetValue(CanonicalField.User, out var user) && names[user].Equals("account", StringComparison.OrdinalIgnoreCase)
            && IndexOf(names, "detail-type") >= 0 && !fromMappingFile(names[user]))
        {
            // An EventBridge envelope's "account" is the AWS account's id, never a user: a typed user (a Root caller's "root") instead.
            map.Remove(CanonicalField.User);
            if (IndexOf(names, "user") is var typed and >= 0) map[CanonicalField.User] = typed;
        }
        // "account_name" beside a cloud account's id (Orca's cloud_account_id, ECS cloud.account.id) names that account, not a person.
        if (map.TryGetValue(CanonicalField.User, out var account) && NamesCloudAccount(names[account], names) && !fromMappingFile(names[account]))
        {
            map.Remove(CanonicalField.User);
        }
        ReadableRule(names, map, fromMappingFile);
        // A Windows event row (its Channel beside it: Sentinel SecurityEvent and WindowsEvent): EventID is the kind of event
        // (every failed logon is 4625), never the record's id, and Level the Windows event level, never a detection's severity.
        if (IndexOf(names, "Channel") >= 0)
        {
            Unmap(names, map, fromMappingFile, CanonicalField.Id, "EventID");
            Unmap(names, map, fromMappingFile, CanonicalField.Severity, "Level");
        }
        // Sysdig Secure events (content.policyId) rate 0 as the most severe and 7 the least: the inverse of every other
        // numeric scale, so the number is not read rather than read upside down.
        if (map.TryGetValue(CanonicalField.Severity, out var severity) && names[severity].Equals("severity", StringComparison.OrdinalIgnoreCase)
            && SeverityUpsideDown(names) && !fromMappingFile(names[severity]))
        {
            map.Remove(CanonicalField.Severity);
        }
        EndpointVendorFields.Apply(names, map, fromMappingFile);
        CloudProductFields.Apply(names, map, fromMappingFile);
        FieldFallback.Apply(names, map);
    }

    /// <summary>Sysdig Secure events (<c>content.policyId</c>), whose severity runs from 0, the most severe, to 7.</summary>
    internal static bool SeverityUpsideDown(IReadOnlyList<string> names) => IndexOf(names, "content.policyId") >= 0;

    /// <summary>Names of a record's type, class or category: what kind of record it is ("IDP_ATTACK_LOG_EVENT",
    /// "Threat_Event", "RuleActivated", "PUA-Other"), never which detection fired.</summary>
    private static readonly HashSet<string> EventClassNames = new(StringComparer.Ordinal)
    {
        "type", "eventtype", "event.type", "logtype", "subtype", "category", "eventcategory", "event.category", "alerttype",
    };

    /// <summary>Names of the rule, signature or threat a detection matched, as EDR, antivirus and IDS products and their
    /// syslog exports write them (Juniper SRX <c>attack-name</c>, FortiWeb's <c>signature_subclass</c> beside <c>type</c> "attack",
    /// Sophos Firewall <c>signature_msg</c>, ESET <c>ruleName</c> and <c>threat_name</c>, Symantec ICDm <c>threat.name</c>, Trellix
    /// ePO <c>ThreatName</c>), the most specific first.</summary>
    private static readonly string[] DetectionNames =
        ["rule_name", "rulename", "attack-name", "attack_name", "signature_msg", "signature_message", "sig_name", "signature_name",
         "alert_signature", "signature", "signature_subclass", "detection_name", "threat_name", "threatname", "threat.name", "EPOEvents.ThreatName",
         "malware_name", "virus_name", "virusname", DerivedFields.Detection];

    /// <summary>
    /// A rule read from the record's type or class (an SRX's <c>event_type</c> is "IDP_ATTACK_LOG_EVENT" on every alert, an
    /// ESET event's is "Threat_Event") names no detection: the rule, signature or threat the record also names, in a field of
    /// its own, is the rule wherever it stands.
    /// </summary>
    private static void DetectionOverEventClass(IReadOnlyList<string> names, Dictionary<CanonicalField, int> map, Func<string, bool> fromMappingFile)
    {
        if (map.TryGetValue(CanonicalField.Rule, out var at) && (fromMappingFile(names[at]) || !EventClassNames.Contains(FieldNames.NormalizeText(names[at])))) return;
        foreach (var name in DetectionNames)
        {
            if (IndexOf(names, name) is var i and >= 0 && !fromMappingFile(names[i])) { map[CanonicalField.Rule] = i; return; }
        }
    }

    /// <summary>"account_name" or "account" in a record that carries a cloud account's id or names its cloud provider (Orca's
    /// <c>cloud_provider</c>, Prisma Cloud's <c>cloudType</c>): the name of that cloud account.</summary>
    internal static bool NamesCloudAccount(string name, IEnumerable<string> names) =>
        FieldNames.Normalize(name) is "accountname" or "account"
        && names.Any(n => FieldNames.Normalize(n) is "cloudaccountid" or "cloud.account.id" or "cloudprovider" or "cloudproviderid" or "cloudvendorid" or "cloudtype");

    /// <summary>A rule read from a machine name ("type": "malware_found") beside its readable form ("type_string",
    /// "type_name", "typeDisplayName") is read from the readable one.</summary>
    private static void ReadableRule(IReadOnlyList<string> names, Dictionary<CanonicalField, int> map, Func<string, bool> fromMappingFile)
    {
        if (!map.TryGetValue(CanonicalField.Rule, out var at) || fromMappingFile(names[at])) return;
        var rule = FieldNames.Normalize(names[at]);
        for (var i = 0; i < names.Count; i++)
        {
            if (FieldNames.Normalize(names[i]) is var n && n.StartsWith(rule, StringComparison.Ordinal) && n[rule.Length..] is "string" or "name" or "displayname")
            {
                map[CanonicalField.Rule] = i;
                return;
            }
        }
    }

    private static void Unmap(IReadOnlyList<string> names, Dictionary<CanonicalField, int> map, Func<string, bool> fromMappingFile, CanonicalField field, string name)
    {
        if (map.TryGetValue(field, out var at) && names[at].Equals(name, StringComparison.OrdinalIgnoreCase) && !fromMappingFile(names[at])) map.Remove(field);
    }

    private static void Prefer(IReadOnlyList<string> names, Dictionary<CanonicalField, int> map, Func<string, bool> fromMappingFile,
        CanonicalField field, string preferred)
    {
        if (map.TryGetValue(field, out var at) && fromMappingFile(names[at])) return;
        var index = IndexOf(names, preferred);
        if (index >= 0 && !fromMappingFile(names[index])) map[field] = index;
    }

    internal static int IndexOf(IReadOnlyList<string> names, string wanted)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i].Equals(wanted, StringComparison.OrdinalIgnoreCase)) return i;
        }
        return -1;
    }
}
