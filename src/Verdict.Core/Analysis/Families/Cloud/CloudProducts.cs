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
    public static bool IsCloudProduct(Alert a) => IsPrisma(a) || IsLacework(a);

    public static bool IsPrisma(Alert a) => a.Raw("policyName") is not null && a.Raw("resourceCloudService", "cloudType") is not null;

    public static bool IsLacework(Alert a) => a.Raw("alertInfo.subject", "alertInfo.description") is not null
        && a.Fields.Any(f => f.Key.StartsWith("entityMap.", StringComparison.OrdinalIgnoreCase));
}
