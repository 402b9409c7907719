using Verdict.Alerts;

namespace Verdict.Analysis.Families.Endpoint;

/// <summary>
/// Vendor names for what endpoint evidence reads by generic names, added under those names when the alert lacks them
/// (never replacing a value the alert has), by each product's documented fields:
/// <list type="bullet">
/// <item>the parent's command line: Carbon Black Cloud <c>parent_cmdline</c>, Cortex XDR <c>actor_process_command_line</c>,
/// a Sentinel process entity's <c>ParentProcess.CommandLine</c>;</item>
/// <item>the root of the process chain: Cortex XDR <c>causality_actor_process_command_line</c>;</item>
/// <item>the parent's command line: also Sophos XDR <c>rawData.parent_cmd_line</c> and Trend Vision One's <c>parentCmd</c> indicator;</item>
/// <item>the signature: Cortex XDR <c>action_process_signature_status</c> (SIGNED, UNSIGNED...) and <c>_vendor</c>; Sophos XDR
/// <c>rawData.is_process_signed</c>; an Apple developer team (osquery <c>team_identifier</c>);</item>
/// <item>the host's own address: Carbon Black <c>device_internal_ip</c>, Cortex XDR <c>host_ip</c>, Trend Vision One's host entity.</item>
/// </list>
/// </summary>
public static class EndpointVendorNames
{
    public const string ParentCommandLine = "process.parent.command_line";

    public static Alert Complete(Alert a)
    {
        var added = new List<KeyValuePair<string, string>>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value)) added.Add(new(key, value.Trim()));
        }
        var parent = EndpointSignals.ParentCommand(a);
        if (parent is null)
        {
            parent = a.Raw("parent_cmdline", "actor_process_command_line", "rawData.parent_cmd_line", "indicators.parentCmd") ?? SentinelParentCommand(a);
            Add(ParentCommandLine, parent);
        }
        if (a.Raw("causality_actor_process_command_line") is { } root && root != parent) Add("process_chain", root);
        if (a.Flag("signed") is null && a.Raw("action_process_signature_status") is { } status)
            Add("signed", status.ToUpperInvariant() switch { "SIGNED" => "true", "UNSIGNED" or "INVALID_SIGNATURE" => "false", _ => null });
        if (a.Flag("signed") is null && a.Raw("rawData.is_process_signed") is { } sophos) Add("signed", sophos.ToLowerInvariant());
        if (a.Raw("signer") is null) Add("signer", a.Raw("action_process_signature_vendor") ?? AppleSigner(a));
        var ip = a.SourceIp ?? a.Raw("device_internal_ip") ?? a.Raw("host_ip")?.Split(',')[0].Trim() ?? a.Raw("impactScope.hostIp");
        return added.Count == 0 && ip == a.SourceIp ? a : a with { SourceIp = ip, Fields = [.. a.Fields, .. added] };
    }

    /// <summary>An Apple code signature with a developer team (osquery's <c>signature</c> and launchd columns: <c>team_identifier</c>, <c>signing_id</c>); ad-hoc signatures have no team.</summary>
    private static string? AppleSigner(Alert a) =>
        a.Raw("columns.team_identifier") is { Length: >= 10 } team && !team.Equals("not a team", StringComparison.OrdinalIgnoreCase)
            ? $"{a.Raw("columns.signing_id") ?? "Apple developer"} (team {team})" : null;

    /// <summary>"Entities.N.ParentProcess.CommandLine" of a Sentinel process entity.</summary>
    private static string? SentinelParentCommand(Alert a)
    {
        foreach (var (key, value) in a.Fields)
        {
            if (!string.IsNullOrWhiteSpace(value) && key.StartsWith("Entities.", StringComparison.OrdinalIgnoreCase)
                && key.EndsWith(".ParentProcess.CommandLine", StringComparison.OrdinalIgnoreCase)) return value;
        }
        return null;
    }
}
