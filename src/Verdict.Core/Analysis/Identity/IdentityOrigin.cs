using Verdict.Alerts;
using Verdict.Analysis.Families;

namespace Verdict.Analysis.Identity;

/// <summary>
/// Whether a sign-in came from the organisation's own machines: an internal address, the automation egress listed in
/// the context file, the machine itself (a Windows logon with no remote address), or, for a QRadar offense that names
/// no address, a source network of the organisation's own network hierarchy (QRadar calls everything outside it "other"),
/// or for a network-access (RADIUS) request, the organisation's own switch or wireless controller asking (<c>NAS-IP-Address</c>).
/// </summary>
public static class IdentityOrigin
{
    public static bool OwnMachine(IdentityCase c, Alert alert, string? ip) =>
        FamilyCase.IsInternal(ip) || c.Context.AutomationEgress.Contains(ip) || IdentityWindowsLogon.OnTheMachineItself(alert)
        || (ip is null && QRadarInsideNetwork(alert))
        || (ip is null && IdentitySignIn.IsNetworkAccessRequest(alert) && FamilyCase.IsInternal(alert.Raw("NAS-IP-Address")));

    /// <summary>A QRadar offense whose source network is one of the organisation's own (not "other").</summary>
    public static bool QRadarInsideNetwork(Alert alert) =>
        alert.Has("offense_source") && alert.Raw("source_network")?.Trim() is { Length: > 0 } network && !network.Equals("other", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// How many accounts the alert counts, when the product says: QRadar's <c>username_count</c>, Cisco ISE's
    /// <c>DistinctUserNames</c>, or a SIEM rule's distinct-user count (<c>distinct_users</c>, <c>user_count</c>, <c>dc_user</c>).
    /// </summary>
    public static int? AccountCount(Alert alert) =>
        int.TryParse(alert.Raw("username_count", "DistinctUserNames", "distinct_user_names", "distinct_users", "distinct_user_count", "user_count", "dc_user"), out var n) ? n : null;
}
