namespace Verdict.Integrations.Sentinel;

/// <summary>
/// Where the Sentinel workspace is and how to ask it: the workspace id (a GUID, from VERDICT_SENTINEL_WORKSPACE_ID or
/// --workspace), the query endpoint (VERDICT_SENTINEL_ENDPOINT; Azure Government and China have their own), how far
/// back to look, and how often to retry a throttled (429) or failing (5xx) query.
/// </summary>
public sealed record LogAnalyticsOptions
{
    public const string WorkspaceVariable = "VERDICT_SENTINEL_WORKSPACE_ID";
    public const string EndpointVariable = "VERDICT_SENTINEL_ENDPOINT";
    /// <summary>A bearer token to use instead of DefaultAzureCredential (e.g. from `az account get-access-token --resource https://api.loganalytics.io`).</summary>
    public const string TokenVariable = "VERDICT_SENTINEL_TOKEN";
    public const string Scope = "https://api.loganalytics.io/.default";
    public static readonly Uri DefaultEndpoint = new("https://api.loganalytics.io");

    public required string WorkspaceId { get; init; }
    public Uri Endpoint { get; init; } = DefaultEndpoint;
    /// <summary>The query's time range (ISO 8601 duration in the request): incidents and alerts created within it.</summary>
    public TimeSpan Lookback { get; init; } = TimeSpan.FromDays(90);
    public int MaxRetries { get; init; } = 3;
    /// <summary>The first backoff (doubled each retry) when the server gives no Retry-After.</summary>
    public TimeSpan FirstBackoff { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>A Retry-After longer than this fails the query instead of waiting.</summary>
    public TimeSpan MaxRetryWait { get; init; } = TimeSpan.FromMinutes(2);
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>The query URL: {endpoint}/v1/workspaces/{workspaceId}/query.</summary>
    public Uri QueryUrl => new(Endpoint, $"{Endpoint.AbsolutePath.TrimEnd('/')}/v1/workspaces/{Uri.EscapeDataString(WorkspaceId)}/query");
}
