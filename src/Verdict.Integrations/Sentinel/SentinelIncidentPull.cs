using System.Text.Json;
using Verdict.Alerts;
using Verdict.Context;
using Verdict.Ingest;
using Verdict.Ingest.Sentinel;

namespace Verdict.Integrations.Sentinel;

/// <summary>
/// `triage --incident N`: the incident's latest SecurityIncident row, then its SecurityAlert rows, from Log Analytics,
/// read into alerts exactly as an exported incident is (<see cref="SentinelExport.FromRows"/>). A failed query or an
/// unknown incident is one error record naming the incident.
/// </summary>
public sealed class SentinelIncidentPull(LogAnalyticsClient client)
{
    public static string IncidentQuery(long number) =>
        $"SecurityIncident | where IncidentNumber == {LogAnalyticsClient.Format(number)} | summarize arg_max(TimeGenerated, *) by IncidentNumber";

    public static string AlertQuery(IEnumerable<string> alertIds) =>
        $"SecurityAlert | where SystemAlertId in ({string.Join(", ", alertIds.Select(LogAnalyticsClient.Literal))}) | summarize arg_max(TimeGenerated, *) by SystemAlertId";

    public async Task<List<ParseResult<Alert>>> PullAsync(long number, EnvironmentContext context, FieldMapping? mapping, CancellationToken cancellationToken)
    {
        var name = $"sentinel incident {number}";
        try
        {
            using var incidents = await client.QueryAsync(IncidentQuery(number), cancellationToken);
            var incidentRows = Rows(incidents, name);
            if (incidentRows.Count == 0) return [ParseResult<Alert>.Fail(new SourceRef(name, 0), $"no incident {number} in the workspace (searched the last {client.Lookback.TotalDays:N0} days)")];
            var ids = SentinelIncident.FromRow(incidentRows[0]).AlertIds;
            if (ids.Count == 0) return [ParseResult<Alert>.Fail(incidentRows[0].Source, $"incident {number} lists no alerts (AlertIds is empty)")];
            using var alerts = await client.QueryAsync(AlertQuery(ids), cancellationToken);
            return [.. SentinelExport.FromRows(incidentRows, Rows(alerts, name + " alerts"), context, mapping)];
        }
        catch (LogAnalyticsException e)
        {
            return [ParseResult<Alert>.Fail(new SourceRef(name, 0), e.Message)];
        }
    }

    private static List<SentinelRow> Rows(JsonDocument response, string name) =>
        [.. LogAnalyticsTables.Rows(response.RootElement.GetProperty("tables"), (_, row) => new SourceRef(name, row + 1))];
}
