using System.Text.RegularExpressions;
using Verdict.Alerts;

namespace Verdict.Analysis.Families.Cloud;

/// <summary>
/// Posture findings: a configuration, compliance, vulnerability or data-classification check about a resource's state,
/// with no actor and no action (AWS Security Hub ASFF <c>Types</c> "Software and Configuration Checks/..." or
/// "Sensitive Data Identifications/...", a <c>Compliance.Status</c>; Wiz issues of type <c>CLOUD_CONFIGURATION</c>;
/// Security Command Center <c>MISCONFIGURATION</c> / <c>VULNERABILITY</c> findings). Nobody did anything: they belong in the
/// posture or patch backlog, not in an incident queue. Kept open instead: a management or database port open to the whole
/// internet (what attackers scan for, and what an intruder opens), and Wiz's toxic combinations (exposed and exploitable).
/// </summary>
public static partial class PostureFindings
{
    private const string Src = "cloud finding";

    /// <summary>An AWS Security Hub finding in ASFF (one finding, or an element of <c>Findings[]</c>).</summary>
    public static bool IsAsff(Alert a) => CloudActor.Path(a, "ProductArn") is { } arn && arn.Contains(":product/", StringComparison.OrdinalIgnoreCase)
        && CloudActor.Path(a, "SchemaVersion") is not null;

    /// <summary>A Wiz issue (<c>issuesV2</c>): its entity snapshot and source rule.</summary>
    public static bool IsWiz(Alert a) => CloudActor.Path(a, "entitySnapshot.id") is not null && CloudActor.Path(a, "sourceRule.id") is not null;

    public static void Add(FamilyCase c, List<Evidence> evidence)
    {
        var a = c.Alert;
        var kind = Kind(a);
        if (kind is null) return;
        var text = $"{a.Rule} {a.Description}";
        if (ExposedAdminPort().Match(text) is { Success: true } port && WholeInternet().IsMatch(text))
        {
            evidence.Add(new("internet_exposed_admin_port", $"The finding is about a management or database port ('{port.Value}') open to the whole internet: what attackers scan for, and what an intruder opens; someone must say who opened it", Leaning.Malicious, 1.0, Src));
            return;
        }
        evidence.Add(new("posture_finding", $"{kind}: a check of a resource's configuration or contents, with no actor and no action; it belongs in the posture or patch backlog, not the incident queue", Leaning.Benign, 2.0, Src));
    }

    /// <summary>True for a posture finding (a resource's state, no actor).</summary>
    public static bool IsPosture(Alert a) => Kind(a) is not null;

    /// <summary>What kind of posture finding this is, or null for a finding about activity.</summary>
    private static string? Kind(Alert a)
    {
        if (IsAsff(a))
        {
            if (CloudActor.Path(a, "Action.ActionType") is not null) return null;
            var types = CloudActor.Path(a, "Types") ?? CloudActor.Path(a, "FindingProviderFields.Types") ?? "";
            if (types.StartsWith("Sensitive Data Identifications", StringComparison.OrdinalIgnoreCase) && !Activity(types))
                return "A sensitive-data discovery (Security Hub): data found at rest where it is stored, not accessed or moved";
            return TypesKind(types, CloudActor.Path(a, "Compliance.Status") is not null, "Security Hub");
        }
        if (CloudProducts.OcsfFindingClass(a) is { } ocsf) return OcsfKind(a, ocsf);
        if (CloudActor.Path(a, "policyType") is { } policyType && a.Raw("policyName", "resourceCloudService") is not null)
            return policyType.Equals("config", StringComparison.OrdinalIgnoreCase) ? "A configuration policy check (Prisma Cloud)" : null;
        if (IsWiz(a))
            return (a.Raw("type") ?? "").Equals("CLOUD_CONFIGURATION", StringComparison.OrdinalIgnoreCase) ? "A cloud configuration issue (Wiz)" : null;
        if ((CloudActor.Path(a, "findingClass") ?? "").ToUpperInvariant() is "MISCONFIGURATION" or "VULNERABILITY")
            return "A misconfiguration or vulnerability finding (Security Command Center)";
        return StatedKind(a);
    }

    /// <summary>
    /// The ASFF finding types (Security Hub's, also carried in an OCSF finding's <c>finding_info.types</c>): activity
    /// (TTPs, Effects, Unusual Behaviors) is no posture finding; configuration checks and vulnerabilities are.
    /// </summary>
    private static string? TypesKind(string types, bool compliance, string product)
    {
        if (Activity(types)) return null;
        if (types.Contains("Vulnerabilities", StringComparison.OrdinalIgnoreCase)) return $"A vulnerability finding ({product}): a flaw to patch, not a sign of exploitation";
        if (types.StartsWith("Software and Configuration Checks", StringComparison.OrdinalIgnoreCase) || compliance)
            return $"A configuration or compliance check ({product})";
        return null;
    }

    private static bool Activity(string types) => types.Contains("TTPs", StringComparison.OrdinalIgnoreCase)
        || types.Contains("Effects", StringComparison.OrdinalIgnoreCase) || types.Contains("Unusual Behaviors", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// An OCSF finding is a posture finding when its class says so (2002 Vulnerability, 2003 Compliance) or, in the
    /// generic Security and Detection Finding classes, when its <c>finding_info.types</c> are configuration checks or
    /// vulnerabilities, or it carries a <c>compliance</c> object. A sensitive-data discovery is left to the data owner
    /// here: where the data sits (a share, an exchange bucket) is what matters, and OCSF does not say it.
    /// </summary>
    private static string? OcsfKind(Alert a, int cls)
    {
        var product = $"{CloudActor.Path(a, "metadata.product.name")}, OCSF";
        if (cls == 2002) return $"A vulnerability finding ({product}): a flaw to patch, not a sign of exploitation";
        if (cls == 2003) return $"A configuration or compliance check ({product})";
        var types = string.Join(" ", a.Fields.Where(f => FieldNameIs(f.Key, "finding_info.types")).Select(f => f.Value));
        return TypesKind(types.Trim(), CloudActor.Path(a, "compliance.status") is not null, product);
    }

    /// <summary>The key is this dotted name or an element of it ("finding_info.types.0").</summary>
    private static bool FieldNameIs(string key, string name) =>
        key.StartsWith(name, StringComparison.OrdinalIgnoreCase) && (key.Length == name.Length || key[name.Length] == '.');

    /// <summary>
    /// Any other product that says in its own kind field (policyType, findingType, ruleType, category...) that this is a
    /// configuration, compliance or posture check, a vulnerability, or data at risk (sensitive data found at rest), about
    /// no one: no user and no source address in the alert.
    /// </summary>
    private static string? StatedKind(Alert a)
    {
        if (a.User is not null || a.SourceIp is not null) return null;
        foreach (var (key, value) in a.Fields)
        {
            var dot = key.LastIndexOf('.');
            var name = Verdict.Ingest.FieldNames.Normalize(dot < 0 ? key : key[(dot + 1)..]);
            if (KindField().IsMatch(name) && PostureKind().IsMatch(value.Trim()))
                return $"A {value.Trim()} finding (the product's own {key})";
        }
        return null;
    }

    [GeneratedRegex(@"^(policytype|findingtype|findingclass|issuetype|ruletype|detectiontype|alertcategory|findingcategory|category|type|class)$")]
    private static partial Regex KindField();

    [GeneratedRegex(@"(?i)^(config|configuration|([\w-]{1,20}[_ ])?mis-?configurations?|cloud[_ ]?configuration|compliance|posture|cspm|kspm|vulnerabilit(y|ies)|data[_ ]at[_ ]risk|sensitive[_ ]data)$")]
    private static partial Regex PostureKind();

    [GeneratedRegex(@"(?i)\bports?\s+(22|23|3389|445|1433|1521|3306|5432|5900|5985|5986|6379|9200|11211|27017)\b|\b(SSH|RDP|Telnet|SMB|WinRM)\b")]
    private static partial Regex ExposedAdminPort();

    [GeneratedRegex(@"0\.0\.0\.0/0|::/0|(?i)\b(the internet|unrestricted|any source|public internet|world)\b")]
    private static partial Regex WholeInternet();
}
