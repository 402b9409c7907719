using Verdict.Alerts;

namespace Verdict.Analysis.Families.Cloud;

/// <summary>
/// Cloud security products whose alerts carry none of the CloudTrail or Azure Activity field names the family detector
/// looks for: Prisma Cloud alerts (<c>policyName</c> with <c>resourceCloudService</c>, whatever the policy checks) and
/// Lacework / FortiCNAPP alerts (<c>alertInfo</c> with an <c>entityMap</c>, for cloud activity, Kubernetes and workload
/// anomalies alike).
/// </summary>
public static class CloudProducts
{
    public static bool IsCloudProduct(Alert a) => IsPrisma(a) || IsLacework(a) || IsOcsfCloudFinding(a);

    /// <summary>
    /// An OCSF finding about a cloud account's resources: a finding class (<c>class_uid</c> 2001-2007: Security,
    /// Vulnerability, Compliance, Detection... Finding) with the cloud profile's <c>cloud.provider</c>, and no process
    /// (a workload detection with a command line stays an endpoint alert). Amazon Security Lake, any OCSF CSPM.
    /// </summary>
    public static bool IsOcsfCloudFinding(Alert a) => OcsfFindingClass(a) is not null && CloudActor.Path(a, "cloud.provider") is not null
        && a.CommandLine is null && a.Process is null;

    /// <summary>An OCSF finding's class (<c>class_uid</c> 2001-2007) from a product named in <c>metadata.product</c>, or null.</summary>
    public static int? OcsfFindingClass(Alert a) =>
        a.Raw("class_uid") is { } uid && int.TryParse(uid, out var n) && n is >= 2001 and <= 2007 && CloudActor.Path(a, "metadata.product.name") is not null ? n : null;

    public static bool IsPrisma(Alert a) => a.Raw("policyName") is not null && a.Raw("resourceCloudService", "cloudType") is not null;

    public static bool IsLacework(Alert a) => a.Raw("alertInfo.subject", "alertInfo.description") is not null
        && a.Fields.Any(f => f.Key.StartsWith("entityMap.", StringComparison.OrdinalIgnoreCase));
}
