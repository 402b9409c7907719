using Verdict.Alerts;
using Verdict.Analysis.Families;
using Verdict.Ingest;

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
        || (ip is null && IdentitySignIn.IsNetworkAccessRequest(alert) && FamilyCase.IsInternal(alert.Raw("NAS-IP-Address")))
        || (ip is null && OwnDomainSource(c, alert) is not null);

    /// <summary>
    /// The source machine, when the product names it rather than giving its address, by a name in one of the organisation's
    /// own domains (context <c>domains</c>): a source object's address or host name ("audits.0.source.mOriginalAddress":
    /// "paw-01.corp.example", "source.hostname", "src_host"). A machine of the organisation's own directory, as an internal address is.
    /// </summary>
    public static string? OwnDomainSource(IdentityCase c, Alert alert)
    {
        foreach (var (key, value) in alert.Fields)
        {
            var name = value?.Trim().TrimEnd('.');
            if (name is null || !name.Contains('.') || name.Contains('@') || ValueShape.IsIp(name) || !SourceHostField(FieldWords.Of(key))) continue;
            if (c.Context.Domains.Any(d => name.EndsWith("." + d, StringComparison.OrdinalIgnoreCase))) return name;
        }
        return null;
    }

    private static readonly HashSet<string> SourceWords = ["source", "src", "client", "origin", "station", "workstation"];
    private static readonly HashSet<string> HostNameWords = ["address", "addr", "host", "hostname", "name", "fqdn", "station", "workstation"];

    private static bool SourceHostField(FieldWords words) =>
        HostNameWords.Contains(words.Final)
        && (words.Last.Any(SourceWords.Contains) || words.Parents.Length > 0 && words.Parents[^1].Any(SourceWords.Contains));

    /// <summary>A QRadar offense whose source network is one of the organisation's own (not "other").</summary>
    public static bool QRadarInsideNetwork(Alert alert) =>
        alert.Has("offense_source") && alert.Raw("source_network")?.Trim() is { Length: > 0 } network && !network.Equals("other", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// How many accounts the alert counts, when the product says, read by the words of a field's name: a distinct or unique
    /// count of users, accounts or targets (QRadar's <c>username_count</c>, Cisco ISE's <c>DistinctUserNames</c>, a SIEM
    /// rule's <c>dc_user</c>, <c>distinct_users_last_10m</c>, <c>unique_accounts</c>, <c>targetCount</c>); the largest when
    /// several do. Null when none does.
    /// </summary>
    public static int? AccountCount(Alert alert)
    {
        int? most = null;
        foreach (var (key, value) in alert.Fields)
        {
            if (!int.TryParse(value, out var n) || !CountsAccounts(FieldWords.Of(key).Last)) continue;
            most = Math.Max(most ?? 0, n);
        }
        return most;
    }

    private static readonly HashSet<string> AccountWords = ["user", "users", "username", "usernames", "account", "accounts",
        "target", "targets", "principal", "principals", "identity", "identities"];

    private static bool CountsAccounts(string[] words) =>
        words.Any(AccountWords.Contains)
        && (words.Any(w => w is "distinct" or "unique" or "dc") || words.Length >= 2 && words[^1] == "count" && AccountWords.Contains(words[^2]));
}
