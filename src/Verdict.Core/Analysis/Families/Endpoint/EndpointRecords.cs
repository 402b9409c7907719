using Verdict.Alerts;

namespace Verdict.Analysis.Families.Endpoint;

/// <summary>
/// Records that are about a computer by their product's shape, whether or not they carry a process: Sophos Central
/// endpoint events (<c>type</c> "Event::Endpoint::..."), osquery result rows (<c>hostIdentifier</c> with a row of
/// <c>columns</c>) and Trend Vision One workbench alerts whose impact scope is desktops or servers only.
/// </summary>
public static class EndpointRecords
{
    public static bool IsEndpointProduct(Alert a) =>
        (a.Raw("type") ?? "").StartsWith("Event::Endpoint::", StringComparison.OrdinalIgnoreCase)
        || (a.Has("hostidentifier") && a.Fields.Any(f => f.Key.StartsWith("columns.", StringComparison.Ordinal)))
        || (a.Has("workbenchlink") && (Count(a, "impactScope.desktopCount") + Count(a, "impactScope.serverCount")) > 0
            && Count(a, "impactScope.emailAddressCount") + Count(a, "impactScope.cloudIdentityCount") + Count(a, "impactScope.containerCount") == 0);

    private static int Count(Alert a, string name) => int.TryParse(a.Raw(name), out var n) ? n : 0;
}
