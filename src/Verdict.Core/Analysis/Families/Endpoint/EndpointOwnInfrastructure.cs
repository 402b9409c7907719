using System.Text.RegularExpressions;

namespace Verdict.Analysis.Families.Endpoint;

/// <summary>
/// Work that reaches only the organisation's own machines, as an analyst at any organisation would close it: a workbook
/// opened from one of the organisation's file shares running a batch file or PowerShell script (<c>-File</c>) from that same server, and nothing else (the
/// macro a phishing document runs lives in the document or on the internet, not beside a workbook on an internal
/// share); an SSH local port forward (<c>-L</c>) through the organisation's own SSH server (a bastion), with no remote
/// forward, SOCKS proxy or tunnel device (what attackers use to reach in or out). Anything more keeps its weight.
/// </summary>
public static partial class EndpointOwnInfrastructure
{
    private const string Src = "process event";

    public static void Add(FamilyCase c, List<Evidence> evidence, string raw, string? image, string? parent)
    {
        if (parent is not null && EndpointPatterns.Office.Contains(parent) && ShareScript(c, raw, EndpointSignals.ParentCommand(c.Alert)) is { } script
            && Reweigh(evidence, "office_spawns_shell", 0.4, ", though only to run a script from the server the document was opened from"))
            evidence.Add(new("own_share_script", $"The document, opened from the organisation's own file share, runs only a script from that same server ('{CommonEvidence.Clip(script, 100)}'), with no second command",
                Leaning.Benign, 1.2, Src));
        if (image is "ssh" or "plink" && LocalForward(c, raw) is { } bastion
            && evidence.FindIndex(e => e.Key == "rule_names_threat" && e.Strong) is var i and >= 0 && !EndpointExplanations.Acts(evidence.Where(e => e.Key != "rule_names_threat").ToList()))
        {
            evidence[i] = evidence[i] with { Weight = 0.5, Strong = false, Description = evidence[i].Description + ", though the tunnel is a local forward through the organisation's own SSH server" };
            evidence.Add(new("own_bastion_forward", $"An SSH local port forward (-L) through {bastion}, the organisation's own SSH server: it brings a service to this machine through the bastion, with no remote forward or SOCKS proxy out",
                Leaning.Benign, 1.2, Src));
        }
    }

    /// <summary>The batch file a "cmd /c \\host\share\...\x.bat args" line runs, when that is all it does and the document came from the same own host.</summary>
    public static string? ShareScript(FamilyCase c, string raw, string? parentCommand)
    {
        var m = ShareBatch().Match(raw);
        // Arguments that are addresses ("http://...") hand the script something to reach beyond the share.
        if (!m.Success || parentCommand is null || raw[(m.Groups[1].Index + m.Groups[1].Length)..].Contains("//", StringComparison.Ordinal)) return null;
        var host = m.Groups[2].Value;
        return EndpointRoutine.OwnHost(c, host) && parentCommand.Contains($@"\\{host}\", StringComparison.OrdinalIgnoreCase) ? m.Groups[1].Value : null;
    }

    /// <summary>The SSH server of a command that only forwards local ports (-L), when it is the organisation's own host; null otherwise.</summary>
    public static string? LocalForward(FamilyCase c, string raw)
    {
        var tokens = raw.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string? destination = null;
        var forwards = 0;
        for (var k = 1; k < tokens.Length; k++)
        {
            var t = tokens[k];
            if (destination is not null) return null; // a remote command after the destination
            if (!t.StartsWith('-')) { destination = t; continue; }
            if (Forbidden().IsMatch(t)) return null;
            if (t.StartsWith("-L", StringComparison.Ordinal))
            {
                // The forward's listener must stay on this machine: a bind address other than loopback lets others in.
                var spec = t.Length > 2 ? t[2..] : k + 1 < tokens.Length ? tokens[k + 1] : "";
                if (!LoopbackListener(spec)) return null;
                forwards++;
            }
            if (t.Length == 2 && WithArgument().IsMatch(t)) k++;
        }
        if (forwards == 0 || destination is null) return null;
        var host = destination[(destination.LastIndexOf('@') + 1)..].Trim('"');
        return host.Length > 0 && EndpointRoutine.OwnHost(c, host) ? host : null;
    }

    private static bool Reweigh(List<Evidence> evidence, string key, double weight, string why)
    {
        var i = evidence.FindIndex(e => e.Key == key && e.Supports == Leaning.Malicious && e.Weight > weight);
        if (i < 0) return false;
        evidence[i] = evidence[i] with { Weight = weight, Description = evidence[i].Description + why };
        return true;
    }

    /// <summary>"cmd /c \\host\share\x.bat" or "powershell -File \\host\share\x.ps1" (only -NoProfile, -NoLogo, -NonInteractive before it), plain arguments after.</summary>
    [GeneratedRegex(@"^\s*""?(?:[a-z]:\\windows\\system32\\(?:windowspowershell\\v1\.0\\)?)?(?:cmd(?:\.exe)?""?\s+/c|powershell(?:\.exe)?""?(?:\s+-(?:noprofile|nop|nologo|noninteractive))*\s+-file)\s+""*(\\\\([\w-]+(?:\.[\w-]+)*)\\[^""&|<>^%]+?\.(?:bat|cmd|ps1))""*(?:\s+[\w.:/=-]+)*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex ShareBatch();

    /// <summary>"port:host:hostport" or "localhost:port:host:hostport" (OpenSSH's -L [bind_address:]port:host:hostport): an empty
    /// bind address or "*" means every interface, so only a missing, localhost or 127.x one keeps the listener here.</summary>
    private static bool LoopbackListener(string spec)
    {
        var bind = spec.Trim('"').Split(':')[0];
        return bind.Length > 0 && bind.All(char.IsAsciiDigit) || bind.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || bind.StartsWith("127.", StringComparison.Ordinal) || spec.StartsWith("[::1]:", StringComparison.Ordinal);
    }

    /// <summary>Remote forwards, SOCKS proxies, tunnel devices, jump or proxy commands, option files and gateway ports (-g,
    /// which lets other hosts use local forwards): not a plain local forward.</summary>
    [GeneratedRegex(@"^-(?:[A-Za-z]*[RDwJWFg]|o)")]
    private static partial Regex Forbidden();

    [GeneratedRegex(@"^-[LpilbcEeImOQS]$")]
    private static partial Regex WithArgument();
}
