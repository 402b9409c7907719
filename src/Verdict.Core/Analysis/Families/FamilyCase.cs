using System.Net;
using Verdict.Alerts;
using Verdict.Context;
using Verdict.Enrichment;

namespace Verdict.Analysis.Families;

/// <summary>One alert to assess outside the identity family, with what the organisation told us about itself.</summary>
public sealed record FamilyCase(Alert Alert, AlertFamily Family, EnvironmentContext Context, EnrichmentView Enrichment)
{
    public string Who => Alert.User ?? "the account";

    /// <summary>Privileged in the context file or in the user directory.</summary>
    public bool IsPrivileged => Context.IsPrivileged(Alert.User) || Enrichment.Inventory.FindUser(Alert.User)?.Privileged == true;

    public Asset? Asset => Enrichment.Inventory.FindAsset(Alert.Host);

    /// <summary>True when the alert's time falls inside business hours (false when it has no exact time).</summary>
    public bool InBusinessHours => Alert is { Time: { } t, TimePrecision: TimePrecision.Exact } && Context.BusinessHours.Contains(Context.ToLocal(t));

    /// <summary>A private, loopback or otherwise non-public address.</summary>
    public static bool IsInternal(string? ip) => ip is not null && IPAddress.TryParse(ip, out var a) && IpRanges.IsSpecial(a);

    /// <summary>The user owns the machine the alert is about (asset inventory owner, compared without domain).</summary>
    public bool OnOwnHost => Alert.User is { } u && Asset is { } a && EntityText.User(a.Owner) == u;

    /// <summary>The machine is named after the user ("ws-jsmith", "LAPTOP-JSMITH"), the usual convention for personal workstations.</summary>
    public bool HostNamedForUser => Alert is { User: { Length: >= 4 } u, Host: { } h } && h.Contains(u, StringComparison.OrdinalIgnoreCase)
        && !h.Equals(u, StringComparison.OrdinalIgnoreCase);
}
