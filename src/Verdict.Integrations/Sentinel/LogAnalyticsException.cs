namespace Verdict.Integrations.Sentinel;

/// <summary>A Log Analytics query that failed, with a message for the user (status, the service's code and message, what to do).</summary>
public sealed class LogAnalyticsException : Exception
{
    public LogAnalyticsException() { }

    public LogAnalyticsException(string message) : base(message) { }

    public LogAnalyticsException(string message, Exception inner) : base(message, inner) { }

    public int Status { get; init; }
}
