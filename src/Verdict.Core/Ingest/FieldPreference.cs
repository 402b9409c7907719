namespace Verdict.Ingest;

/// <summary>
/// Where a record carries both a generic alias and a vendor's own, more specific name for the same field, the specific
/// one is read, wherever it stands: Suricata EVE's <c>alert.signature</c> names the rule, not <c>event_type</c> ("alert");
/// GuardDuty's <c>detail.type</c> and its access key's user name win over the EventBridge envelope. The envelope's
/// <c>account</c> (<c>detail-type</c> beside it) is an AWS account number, never a user. Some names are preferred only
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
    ];

    public static void Apply(IReadOnlyList<string> names, Dictionary<CanonicalField, int> map, Func<string, bool> fromMappingFile)
    {
        foreach (var (field, preferred) in Preferred) Prefer(names, map, fromMappingFile, field, preferred);
        PreferSignatureOverLogType(names, map, fromMappingFile);
        foreach (var (field, preferred, beside) in VendorPreferences.Table)
        {
            if (IndexOf(names, beside) >= 0) Prefer(names, map, fromMappingFile, field, preferred);
        }
        if (map.TryGetValue(CanonicalField.User, out var user) && names[user].Equals("account", StringComparison.OrdinalIgnoreCase)
            && IndexOf(names, "detail-type") >= 0 && !fromMappingFile(names[user]))
        {
            map.Remove(CanonicalField.User);
        }
        EndpointVendorFields.Apply(names, map, fromMappingFile);
        CloudProductFields.Apply(names, map, fromMappingFile);
        FieldFallback.Apply(names, map);
    }

    /// <summary>Names of a log's type or category: what kind of record it is ("IDP_ATTACK_LOG_EVENT", "PUA-Other").</summary>
    private static readonly HashSet<string> LogTypeNames = new(StringComparer.Ordinal)
    {
        "type", "eventtype", "event.type", "logtype", "subtype", "category", "eventcategory", "event.category", "alerttype",
    };

    /// <summary>Names of the signature or attack an IDS matched (Juniper SRX <c>attack-name</c>, Sophos Firewall
    /// <c>signature_msg</c>, and their usual spellings).</summary>
    private static readonly string[] SignatureNames =
        ["attack-name", "attack_name", "attackName", "signature_msg", "signature_message", "sig_name", "signature_name", "alert_signature"];

    /// <summary>
    /// An IPS log names its record's type or category in a generic field (an SRX's <c>event_type</c> is
    /// "IDP_ATTACK_LOG_EVENT" on every alert, a Sophos IPS log's <c>category</c> is the rule group "PUA-Other"); the
    /// signature it matched, in a field of its own, is the rule wherever it stands.
    /// </summary>
    private static void PreferSignatureOverLogType(IReadOnlyList<string> names, Dictionary<CanonicalField, int> map, Func<string, bool> fromMappingFile)
    {
        if (map.TryGetValue(CanonicalField.Rule, out var at) && (fromMappingFile(names[at]) || !LogTypeNames.Contains(FieldNames.NormalizeText(names[at])))) return;
        foreach (var name in SignatureNames)
        {
            var index = IndexOf(names, name);
            if (index < 0 || fromMappingFile(names[index])) continue;
            map[CanonicalField.Rule] = index;
            return;
        }
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
