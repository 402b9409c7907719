using System.ComponentModel;
using System.Net;
using System.Text.Json;
using Verdict.Alerts;
using Verdict.Attack;
using Verdict.Attack.Mapping;
using Verdict.Context;
using Verdict.Enrichment;
using Verdict.Logs;
using Verdict.Storage.Logs;

namespace Verdict.Llm.Tools;

/// <summary>
/// The read-only tools the analyst model (and MCP clients) may call. Each answers in short JSON or a short sentence
/// written for a model; nothing here changes anything. Missing data sources say so instead of failing.
/// </summary>
public sealed class TriageTools(ToolData data)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    [Description("Run one read-only SQL SELECT over the authentication log table auth_events (DuckDB dialect). Returns columns and rows as JSON, at most max_rows rows.")]
    public string QueryLogs(
        [Description("One SELECT or WITH ... SELECT statement over auth_events")] string sql,
        [Description("Rows to return at most (1-200)")] int maxRows = 50)
    {
        if (data.LogStore is null) return "no log store: this run was given no activity logs";
        var result = data.LogStore.QueryLogs(sql, Math.Clamp(maxRows, 1, 200));
        if (!result.Succeeded) return result.Error!;
        return JsonSerializer.Serialize(new { columns = result.Columns, rows = result.Rows, truncated = result.Truncated }, Json);
    }

    [Description("What threat-intel feeds and reputation services said about an IP address.")]
    public async Task<string> EnrichIp([Description("An IPv4 or IPv6 address")] string ip, CancellationToken cancellationToken = default)
    {
        if (!IPAddress.TryParse(ip.Trim(), out var address)) return $"'{Short(ip)}' is not an IP address";
        var text = address.ToString();
        var findings = (await IntelAsync(new Entity(EntityKind.Ip, text), cancellationToken)).Select(Finding).ToList();
        var notes = new List<string>();
        if (data.Context.BadIps.Contains(address)) notes.Add("listed as a known-bad IP in the organisation context");
        if (data.Context.KnownScanners.Contains(address)) notes.Add("an approved vulnerability scanner");
        if (data.Context.VpnEgress.Contains(address)) notes.Add("the organisation's VPN egress");
        return findings.Count + notes.Count == 0 ? $"no intel about {text}" : JsonSerializer.Serialize(new { ip = text, findings, context = notes }, Json);
    }

    [Description("What threat-intel feeds and reputation services said about a file hash (MD5, SHA-1 or SHA-256).")]
    public async Task<string> EnrichHash([Description("The hash in hex")] string hash, CancellationToken cancellationToken = default)
    {
        var value = hash.Trim().ToLowerInvariant();
        if (value.Length is not (32 or 40 or 64) || !value.All(Uri.IsHexDigit)) return $"'{Short(hash)}' is not an MD5, SHA-1 or SHA-256 hash";
        var findings = (await IntelAsync(new Entity(EntityKind.FileHash, value), cancellationToken)).Select(Finding).ToList();
        return findings.Count == 0 ? $"no intel about {value}" : JsonSerializer.Serialize(new { hash = value, findings }, Json);
    }

    [Description("The asset inventory entry for a host: owner, business unit, criticality, data sensitivity, environment (lab, production...).")]
    public string LookupAsset([Description("Host name, short or fully qualified")] string host) =>
        data.Enrichment.Inventory.FindAsset(host) is { } asset ? JsonSerializer.Serialize(asset, Json) : $"{Short(host)} is not in the asset inventory";

    [Description("The user directory entry for an account (department, title, manager, privileged, usual location) and whether the organisation lists it as privileged, VIP or a service account.")]
    public string LookupUser([Description("Account name, UPN or DOMAIN\\user")] string user)
    {
        var entry = data.Enrichment.Inventory.FindUser(user);
        var name = EntityText.User(user) ?? user;
        var roles = new List<string>();
        if (data.Context.IsPrivileged(name)) roles.Add("privileged");
        if (data.Context.IsVip(name)) roles.Add("vip");
        if (data.Context.IsServiceAccount(name)) roles.Add("service account");
        return entry is null && roles.Count == 0 ? $"{Short(user)} is not in the user directory" : JsonSerializer.Serialize(new { directory = entry, roles }, Json);
    }

    [Description("A MITRE ATT&CK technique by ID (e.g. T1059.001): name, tactics, description and detection notes.")]
    public string LookupAttackTechnique([Description("Technique ID, e.g. T1110 or T1059.001")] string id)
    {
        if (data.Attack is null) return "no ATT&CK data loaded in this run";
        var found = data.Attack.Lookup(id);
        if (found.Technique is not { } t) return found.Message;
        return JsonSerializer.Serialize(new { t.Id, t.Name, t.Tactics, description = Cut(t.Description, 1200), detection = Cut(t.Detection, 600), note = found.Message }, Json);
    }

    [Description("Search ATT&CK for the techniques that best match a piece of text (a command line, a behaviour).")]
    public string SearchAttack([Description("The text to match")] string text, [Description("How many techniques (1-10)")] int top = 5)
    {
        if (data.Mapper is null) return "no ATT&CK data loaded in this run";
        var hits = data.Mapper.Map(MappingInput.FromText(text), Math.Clamp(top, 1, 10));
        return hits.Count == 0 ? "no technique matches" : JsonSerializer.Serialize(hits.Select(h => new { h.Id, h.Name, score = Math.Round(h.Score, 3) }), Json);
    }

    [Description("A user's normal sign-in behaviour from the logs: countries, cities, IPs, usual hours, logins per day, failures.")]
    public string UserBaseline([Description("Account name")] string user)
    {
        var name = EntityText.User(user) ?? user;
        var events = data.Logs.For(name);
        if (events.Count == 0) return $"no log history for {Short(user)}";
        var b = Enrichment.UserBaseline.Build(name, events, data.Time.GetUtcNow(), data.Context);
        var hours = Enumerable.Range(0, 24).Where(h => b.Hours[h] > 0).ToList();
        return JsonSerializer.Serialize(new
        {
            user = name, b.Successes, b.Failures, first_seen = b.FirstSeen, b.ActiveDays,
            mean_daily_logins = Math.Round(b.MeanDailyLogins, 1), countries = b.Countries.Keys, cities = b.Cities.Keys,
            ips = b.Ips.Keys.Take(20), active_hours_utc = hours,
        }, Json);
    }

    [Description("Past cases analysts already judged (BENIGN / SUSPICIOUS / MALICIOUS, with their note) that share this alert's rule or its users, hosts, IPs, domains, emails or hashes.")]
    public string SimilarPastCases([Description("The alert's rule name and entities, e.g. 'Impossible travel user alice host ws-1'")] string query) =>
        data.PastCases?.Invoke(query) ?? "no past cases: no case store is configured for this run";

    /// <summary>What the run's enrichment found, else what the live providers (local feeds in `verdict mcp`) say now.</summary>
    private async Task<IReadOnlyList<IntelResult>> IntelAsync(Entity entity, CancellationToken cancellationToken)
    {
        var known = data.Enrichment.For(entity);
        if (known.Count > 0) return known;
        var live = new List<IntelResult>();
        foreach (var provider in data.LiveIntel.Where(p => p.Supports(entity.Kind)))
            live.Add(await provider.LookupAsync(entity, cancellationToken));
        return [.. live.Where(r => r.Verdict != IntelVerdict.Unknown)];
    }

    private static object Finding(IntelResult r) => new { r.Source, verdict = r.Verdict.ToString().ToLowerInvariant(), r.Summary, r.Score };

    private static string Short(string s) => s.Length <= 80 ? s : s[..80] + "…";

    private static string Cut(string s, int n) => s.Length <= n ? s : s[..n] + "…";
}

/// <summary>The data the tools read: all optional but the enrichment view, context and logs.</summary>
public sealed record ToolData(EnvironmentContext Context, LogStore Logs, EnrichmentView Enrichment, TimeProvider Time)
{
    public DuckLogStore? LogStore { get; init; }
    public AttackKnowledgeBase? Attack { get; init; }
    public TechniqueMapper? Mapper { get; init; }
    /// <summary>Searches analysts' recorded verdicts (<see cref="Tools.PastCases.Search"/>); without it the tool says there is no case store.</summary>
    public Func<string, string>? PastCases { get; init; }
    /// <summary>Read-only tools from external MCP servers (<see cref="Mcp.ExternalMcpTools"/>), offered to the model after the built-in ones.</summary>
    public IReadOnlyList<Microsoft.Extensions.AI.AIFunction> ExtraTools { get; init; } = [];
    /// <summary>Providers asked for entities the run did not enrich (e.g. the local feeds when serving MCP).</summary>
    public IReadOnlyList<IIntelProvider> LiveIntel { get; init; } = [];
}
