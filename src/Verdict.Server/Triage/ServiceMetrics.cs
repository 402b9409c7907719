using System.Globalization;
using System.Text;

namespace Verdict.Server.Triage;

/// <summary>Counters for GET /metrics (Prometheus text format): received, triaged by decision, failed, latency, model tokens.</summary>
public sealed class ServiceMetrics
{
    private static readonly double[] Buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private readonly Lock gate = new();
    private readonly Dictionary<string, long> received = [];
    private readonly Dictionary<string, long> triaged = [];
    private readonly long[] bucketCounts = new long[Buckets.Length];
    private long failed, latencyCount, modelInputTokens, modelOutputTokens;
    private double latencySum;

    public void Received(string source, int count)
    {
        lock (gate) received[source] = received.GetValueOrDefault(source) + count;
    }

    /// <summary>One alert triaged (synchronously or by a worker) with its decision and how long the triage took.</summary>
    public void Triaged(string decision, TimeSpan elapsed)
    {
        lock (gate)
        {
            triaged[decision] = triaged.GetValueOrDefault(decision) + 1;
            latencyCount++;
            latencySum += elapsed.TotalSeconds;
            for (var i = 0; i < Buckets.Length; i++) if (elapsed.TotalSeconds <= Buckets[i]) bucketCounts[i]++;
        }
    }

    public void Failed() => Interlocked.Increment(ref failed);

    /// <summary>Tokens a model call used (the offline analyst uses none; an LLM analyst reports its calls here).</summary>
    public void ModelTokens(long input, long output)
    {
        Interlocked.Add(ref modelInputTokens, input);
        Interlocked.Add(ref modelOutputTokens, output);
    }

    public string Render(long queueDepth, long processing)
    {
        var s = new StringBuilder();
        lock (gate)
        {
            Family(s, "verdict_alerts_received_total", "counter", "Alerts accepted by POST /alerts and POST /triage, by source.");
            foreach (var (source, n) in received.OrderBy(p => p.Key, StringComparer.Ordinal)) Line(s, $"verdict_alerts_received_total{{source=\"{source}\"}}", n);
            Family(s, "verdict_alerts_triaged_total", "counter", "Alerts triaged, by decision.");
            foreach (var decision in new[] { "escalate", "monitor", "auto_close" }) Line(s, $"verdict_alerts_triaged_total{{decision=\"{decision}\"}}", triaged.GetValueOrDefault(decision));
            Family(s, "verdict_alerts_failed_total", "counter", "Alerts that could not be triaged (unreadable records).");
            Line(s, "verdict_alerts_failed_total", Interlocked.Read(ref failed));
            Family(s, "verdict_queue_depth", "gauge", "Alerts waiting in the queue.");
            Line(s, "verdict_queue_depth", queueDepth);
            Family(s, "verdict_queue_processing", "gauge", "Alerts a worker holds a lease on.");
            Line(s, "verdict_queue_processing", processing);
            Family(s, "verdict_triage_duration_seconds", "histogram", "Time to triage one alert.");
            for (var i = 0; i < Buckets.Length; i++) Line(s, $"verdict_triage_duration_seconds_bucket{{le=\"{Buckets[i].ToString(CultureInfo.InvariantCulture)}\"}}", bucketCounts[i]);
            Line(s, "verdict_triage_duration_seconds_bucket{le=\"+Inf\"}", latencyCount);
            s.Append(CultureInfo.InvariantCulture, $"verdict_triage_duration_seconds_sum {latencySum.ToString("R", CultureInfo.InvariantCulture)}\n");
            Line(s, "verdict_triage_duration_seconds_count", latencyCount);
        }
        Family(s, "verdict_model_tokens_total", "counter", "Tokens used by model calls.");
        Line(s, "verdict_model_tokens_total{direction=\"input\"}", Interlocked.Read(ref modelInputTokens));
        Line(s, "verdict_model_tokens_total{direction=\"output\"}", Interlocked.Read(ref modelOutputTokens));
        return s.ToString();
    }

    private static void Family(StringBuilder s, string name, string type, string help) =>
        s.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n");

    private static void Line(StringBuilder s, string name, long value) => s.Append(CultureInfo.InvariantCulture, $"{name} {value}\n");
}
