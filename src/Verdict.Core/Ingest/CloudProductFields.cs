using System.Text.RegularExpressions;

namespace Verdict.Ingest;

/// <summary>
/// The documented field names of cloud security products whose records the generic aliases misread, each recognised by
/// fields only its shape carries (names from a mapping file always win):
/// <list type="bullet">
/// <item>Prisma Cloud alerts (<c>policyName</c> beside <c>policyId</c> and <c>alertRuleName</c> or <c>resourceCloudService</c>):
/// the rule is the policy's name, the description the policy's (<c>reason</c> is only why the alert opened, "NEW_ALERT"),
/// <c>accountName</c> is the cloud account, never a user; the caller, address and region of an audit-event policy are
/// in the CloudTrail or Azure Activity record under <c>resource.data</c>, with a run command's <c>script</c>.</item>
/// <item>Lacework / FortiCNAPP alerts (<c>alertInfo.*</c> beside <c>entityMap.*</c>): the rule is <c>alertName</c>
/// (<c>alertType</c> is a class such as "CloudActivityLogIngestion"), the description <c>alertInfo.description</c>, and the
/// entities in <c>entityMap</c>: <c>CT_User</c>/<c>User</c>/<c>K8sUser</c> <c>USERNAME</c>, <c>SourceIpAddress</c>,
/// <c>Machine.HOSTNAME</c>, <c>Process.CMDLINE</c>.</item>
/// <item>Wiz threat-detection issues (<c>sourceRule.name</c> beside <c>threatDetectionDetails.*</c>): the source address is
/// the first of <c>threatDetectionDetails.ipAddresses</c>, the addresses the detection saw its actors use. Any Wiz issue
/// (<c>sourceRule.name</c> beside <c>entitySnapshot.id</c>): the description is the rule's <c>controlDescription</c>.</item>
/// <item>CloudTrail Lake query rows (<c>principal_arn</c> beside <c>eventSource</c>): the query's <c>detection_name</c> is
/// the rule (the API call stays in <c>eventName</c>) and <c>principal_arn</c> the user.</item>
/// </list>
/// </summary>
internal static partial class CloudProductFields
{
    private const string PrismaData = "resource.data.";
    private const string Lacework = "entityMap.";
    private const string WizThreat = "threatDetectionDetails.";

    public static void Apply(IReadOnlyList<string> names, Dictionary<CanonicalField, int> map, Func<string, bool> fromMappingFile)
    {
        bool Has(string name) => FieldPreference.IndexOf(names, name) >= 0;
        // Any Wiz issue: the rule's own account of what it saw ("terraform-ci from 203.0.113.9 performed 148 IAM write calls").
        if (Has("sourceRule.name") && Has("entitySnapshot.id"))
            Set(names, map, fromMappingFile, CanonicalField.Description, "sourceRule.controlDescription");
        if (Has("policyName") && Has("policyId") && (Has("alertRuleName") || Has("resourceCloudService")))
        {
            Set(names, map, fromMappingFile, CanonicalField.Rule, "policyName");
            Set(names, map, fromMappingFile, CanonicalField.Description, "policyDescription");
            if (map.TryGetValue(CanonicalField.User, out var user) && names[user].Equals("accountName", StringComparison.OrdinalIgnoreCase) && !fromMappingFile(names[user]))
                map.Remove(CanonicalField.User);
            Set(names, map, fromMappingFile, CanonicalField.User, PrismaData + "userIdentity.userName", PrismaData + "userIdentity.arn", PrismaData + "caller");
            Set(names, map, fromMappingFile, CanonicalField.SourceIp, PrismaData + "sourceIPAddress", PrismaData + "callerIpAddress", PrismaData + "srcIp");
            Set(names, map, fromMappingFile, CanonicalField.UserAgent, PrismaData + "userAgent");
            Set(names, map, fromMappingFile, CanonicalField.CommandLine, PrismaData + "script", PrismaData + "commandLine");
        }
        else if (names.Any(n => n.StartsWith("alertInfo.", StringComparison.OrdinalIgnoreCase)) && names.Any(n => n.StartsWith(Lacework, StringComparison.OrdinalIgnoreCase)))
        {
            Set(names, map, fromMappingFile, CanonicalField.Rule, "alertName");
            Set(names, map, fromMappingFile, CanonicalField.Description, "alertInfo.description", "alertInfo.subject");
            Set(names, map, fromMappingFile, CanonicalField.User, Lacework + "CT_User.0.USERNAME", Lacework + "User.0.USERNAME", Lacework + "K8sUser.0.USERNAME");
            Set(names, map, fromMappingFile, CanonicalField.SourceIp, Lacework + "SourceIpAddress.0.IP_ADDRESS");
            Set(names, map, fromMappingFile, CanonicalField.Host, Lacework + "Machine.0.HOSTNAME");
            Set(names, map, fromMappingFile, CanonicalField.CommandLine, Lacework + "Process.0.CMDLINE");
            Set(names, map, fromMappingFile, CanonicalField.UserAgent, Lacework + "UserAgent.0.USER_AGENT");
            // Lacework's "status" is the alert's triage state (Open, Closed), not the outcome of what it saw.
            if (map.TryGetValue(CanonicalField.Result, out var status) && names[status].Equals("status", StringComparison.OrdinalIgnoreCase) && !fromMappingFile(names[status]))
                map.Remove(CanonicalField.Result);
        }
        else if (Has("sourceRule.name") && names.Any(n => n.StartsWith(WizThreat, StringComparison.OrdinalIgnoreCase)))
        {
            // Wiz threat detections: the addresses the detection saw the actors call from (the actors themselves are read as typed entities).
            Set(names, map, fromMappingFile, CanonicalField.SourceIp, WizThreat + "ipAddresses.0.address");
        }
        else if (Has("principal_arn") && Has("eventSource"))
        {
            Set(names, map, fromMappingFile, CanonicalField.Rule, "detection_name");
            Set(names, map, fromMappingFile, CanonicalField.User, "principal_arn");
        }
    }

    /// <summary>
    /// The user of a CloudTrail caller that names none of its own. Identity type "Root" has no user name (its ARN ends ":root"):
    /// the user is the account's root user, "root". Identity type "AssumedRole" names the person in its session (see
    /// <see cref="SessionName"/>). Added only when no user hint exists.
    /// </summary>
    public static void AddCallerHint(IReadOnlyList<KeyValuePair<string, string>> fields, List<KeyValuePair<string, string>> hints)
    {
        if (hints.Exists(h => h.Key == "user")) return;
        var type = fields.FirstOrDefault(f => f.Key.EndsWith("userIdentity.type", StringComparison.OrdinalIgnoreCase)).Value;
        if (string.Equals(type, "Root", StringComparison.OrdinalIgnoreCase)
            && !fields.Any(f => f.Key.EndsWith("userIdentity.userName", StringComparison.OrdinalIgnoreCase) && f.Value.Length > 0))
            hints.Add(new("user", "root"));
        else if (string.Equals(type, "AssumedRole", StringComparison.OrdinalIgnoreCase) && SessionName(fields) is { } session)
            hints.Add(new("user", session));
    }

    /// <summary>
    /// The session name of a CloudTrail assumed-role caller (<c>arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION</c>): the person
    /// or job that took the role (an SSO user's e-mail address, "svc-terraform"), where the role name and the principal id
    /// ("AROA...:SESSION") are not. An instance's session (named after the instance, "i-0abc...") names no person and is left
    /// to the role.
    /// </summary>
    private static string? SessionName(IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        var arn = fields.FirstOrDefault(f => f.Key.EndsWith("userIdentity.arn", StringComparison.OrdinalIgnoreCase)).Value;
        var at = arn?.IndexOf(":assumed-role/", StringComparison.OrdinalIgnoreCase) ?? -1;
        if (at < 0) return null;
        var parts = arn![(at + ":assumed-role/".Length)..].Split('/');
        var session = parts.Length >= 2 ? parts[^1].Trim() : "";
        return session.Length == 0 || InstanceSession().IsMatch(session) ? null : session;
    }

    [GeneratedRegex("^i-[0-9a-f]{8,17}$", RegexOptions.IgnoreCase)]
    private static partial Regex InstanceSession();

    /// <summary>Reads the field from the first of <paramref name="candidates"/> the record has, unless a mapping file named the field.</summary>
    private static void Set(IReadOnlyList<string> names, Dictionary<CanonicalField, int> map, Func<string, bool> fromMappingFile,
        CanonicalField field, params string[] candidates)
    {
        if (map.TryGetValue(field, out var at) && fromMappingFile(names[at])) return;
        foreach (var name in candidates)
        {
            if (FieldPreference.IndexOf(names, name) is var i and >= 0) { map[field] = i; return; }
        }
    }
}
