using Microsoft.Extensions.Logging;
using Verdict.Alerts;
using Verdict.Integrations.Notify;

namespace Verdict.Server;

/// <summary>How `verdict serve` runs: where it listens, how hard it works, and the limits it keeps.</summary>
public sealed record ServerOptions
{
    public string Urls { get; init; } = "http://127.0.0.1:5080";
    /// <summary>Queue workers in this process (0: intake only; another process triages).</summary>
    public int Workers { get; init; } = 2;
    /// <summary>How long a claimed alert stays a worker's; a worker that stops mid-alert loses it after this.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(2);
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);
    public int ClaimBatch { get; init; } = 8;
    /// <summary>An alert that failed this many claims is marked failed instead of tried again.</summary>
    public int MaxAttempts { get; init; } = 5;
    /// <summary>Alerts that share a user, host, source IP or file hash this close in time join one case (the CLI's incident grouping).</summary>
    public TimeSpan CaseGap { get; init; } = TimeSpan.FromHours(2);
    public long MaxRequestBytes { get; init; } = 8 * 1024 * 1024;
    /// <summary>Requests per minute per API key (or per client address without one).</summary>
    public int RequestsPerMinute { get; init; } = 6000;
    /// <summary>At most this many records in one POST /alerts.</summary>
    public int MaxBatch { get; init; } = 10_000;
    /// <summary>Where escalations are posted (`--notify KIND=URL`); none: nothing is written to the outbox.</summary>
    public IReadOnlyList<NotifyTarget> NotifyTargets { get; init; } = [];
    /// <summary>Escalations at or above this severity are posted.</summary>
    public Severity NotifyMinSeverity { get; init; } = Severity.High;
    /// <summary>A notification that failed this many deliveries is marked failed and not tried again.</summary>
    public int NotifyMaxAttempts { get; init; } = 6;
    /// <summary>The wait after the first failed delivery; it doubles after each further one (30 s, 1 min, 2 min, ...).</summary>
    public TimeSpan NotifyRetryBase { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan NotifyPollInterval { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>Extra logging set-up (a host's own provider; tests read what the server logs).</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }
}
