using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Verdict.Context;
using Verdict.Ingest;
using Verdict.Pipeline;
using Verdict.Server;
using Verdict.Server.Security;
using Verdict.Server.Triage;
using Verdict.Storage.Service;

namespace Verdict.Bench;

/// <summary>
/// Load on POST /triage with the offline analyst: the real server on 127.0.0.1 (SQLite store in a temporary folder, the
/// acme context and 30 days of logs), CLIENTS concurrent clients for SECONDS seconds sending the acme alerts in turn.
/// Prints sustained requests per second and p50/p99 latency. Clients and server share this machine's cores.
/// </summary>
public static class ServeBench
{
    public static async Task<int> Run(string[] args)
    {
        var clients = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 8;
        var seconds = Math.Clamp(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15, 1, 300);
        var acme = args.Length > 2 ? args[2] : Path.Combine("samples", "acme");
        var context = ContextLoader.Load(Path.Combine(acme, "context.yaml")).Context ?? EnvironmentContext.Default;
        var (logs, _) = InputFiles.LoadLogs([Path.Combine(acme, "auth_logs.csv.gz")], context, () => Stream.Null);
        logs.For("");
        var bodies = InputFiles.ReadAlerts(Path.Combine(acme, "alerts.csv"), context, () => Stream.Null)
            .Where(r => r.Success).Select(r => JsonSerializer.Serialize(r.Value!.Fields.GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.First().Value))).ToArray();

        var folder = Directory.CreateTempSubdirectory("verdict-bench-");
        try
        {
            var store = new SqliteVerdictStore(Path.Combine(folder.FullName, "verdict.db"));
            var options = new ServerOptions { Urls = "http://127.0.0.1:0", Workers = 0, RequestsPerMinute = int.MaxValue };
            await using var app = await VerdictServer.StartAsync(options, store, new TriageEngine(context, logs, TimeProvider.System));
            var key = ApiKeys.NewKey();
            await store.AddApiKeyAsync(ApiKeys.Hash(key), "analyst", "bench", DateTimeOffset.UtcNow);
            using var http = new HttpClient { BaseAddress = new Uri(VerdictServer.Urls(app)[0]) };
            http.DefaultRequestHeaders.Add("X-Api-Key", key);

            await Load(http, bodies, clients, TimeSpan.FromSeconds(2)); // warm-up
            var (latencies, errors, elapsed) = await Load(http, bodies, clients, TimeSpan.FromSeconds(seconds));
            latencies.Sort();
            double P(double q) => latencies.Count == 0 ? 0 : latencies[Math.Min(latencies.Count - 1, (int)(q * latencies.Count))];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"POST /triage, offline analyst, {clients} clients, {elapsed.TotalSeconds:F1} s, {Environment.ProcessorCount} cores: {latencies.Count} ok, {errors} errors, " +
                $"{latencies.Count / elapsed.TotalSeconds:F0} req/s, p50 {P(0.50):F1} ms, p99 {P(0.99):F1} ms, max {P(1):F1} ms"));
            return errors == 0 ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static async Task<(List<double> Latencies, int Errors, TimeSpan Elapsed)> Load(HttpClient http, string[] bodies, int clients, TimeSpan duration)
    {
        var latencies = new List<double>();
        var errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            var mine = new List<double>();
            for (var i = c; clock.Elapsed < duration; i++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PostAsync(new Uri("/triage", UriKind.Relative), new StringContent(bodies[i % bodies.Length], Encoding.UTF8, "application/json"));
                await response.Content.ReadAsByteArrayAsync();
                if (response.IsSuccessStatusCode) mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                else Interlocked.Increment(ref errors);
            }
            lock (latencies) latencies.AddRange(mine);
        }));
        return (latencies, errors, clock.Elapsed);
    }
}
