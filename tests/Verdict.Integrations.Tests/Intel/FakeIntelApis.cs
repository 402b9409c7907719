using System.Text;
using Microsoft.Extensions.Time.Testing;
using Verdict.Tests.Support;

namespace Verdict.Tests.Intel;

/// <summary>
/// A local server that answers like AbuseIPDB v2 and VirusTotal v3: their paths, key headers, JSON bodies and error
/// shapes. It checks the key, can enforce VirusTotal's 4-a-minute quota on the fake clock (answering 429
/// QuotaExceededError, as the real one does), and can be scripted to answer specific replies first.
/// </summary>
internal sealed class FakeIntelApis : IAsyncDisposable
{
    public const string Key = "test-key-5f3c9a1e-DO-NOT-LEAK";
    public const string TorIp = "185.220.101.1";
    public const string WhitelistedIp = "8.8.8.8";
    public const string SuspiciousIp = "45.33.32.156";
    public const string EicarSha256 = "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f";
    public const string CleanSha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    public const string EvilDomain = "login-micros0ft.example";
    public const string EvilUrl = "http://login-micros0ft.example/auth?session=1";

    private readonly FakeTimeProvider time;
    private readonly List<(HttpReply Reply, Func<ReceivedRequest, bool>? When)> script = [];
    private readonly List<(DateTimeOffset At, string Path)> arrivals = [];
    private int tooMany;

    public FakeIntelApis(FakeTimeProvider time)
    {
        this.time = time;
        Http = LocalHttpServer.Answering(Answer);
    }

    public LocalHttpServer Http { get; }

    public Uri BaseUrl => Http.BaseUrl;

    /// <summary>When set, VirusTotal answers 429 to a request that would be more than this many in a minute.</summary>
    public int? VirusTotalQuotaPerMinute { get; init; }

    /// <summary>When set, asked first for every request: a reply (a fault: hang, reset, garbage, 429) or null for the normal answer.</summary>
    public Func<ReceivedRequest, HttpReply?>? Fault { get; set; }

    public int Calls => Http.Received.Count;

    public int TooManyServed => Volatile.Read(ref tooMany);

    public IReadOnlyList<(DateTimeOffset At, string Path)> Arrivals
    {
        get
        {
            lock (arrivals) return [.. arrivals];
        }
    }

    /// <summary>The next request for which <paramref name="when"/> holds (null: any request) gets this reply, once.</summary>
    public void ThenReply(HttpReply reply, Func<ReceivedRequest, bool>? when = null)
    {
        lock (script) script.Add((reply, when));
    }

    public static bool ToAbuseIpDb(ReceivedRequest request) => request.Path.StartsWith("/api/v2/", StringComparison.Ordinal);

    public static bool ToVirusTotal(ReceivedRequest request) => request.Path.StartsWith("/api/v3/", StringComparison.Ordinal);

    public static HttpReply TooManyRequests(string retryAfter) =>
        HttpReply.Json(429, """{"error": {"code": "QuotaExceededError", "message": "Quota exceeded"}}""") with { Headers = [new("Retry-After", retryAfter)] };

    private HttpReply Answer(ReceivedRequest request)
    {
        if (Fault?.Invoke(request) is { } fault) return fault;
        var now = time.GetUtcNow();
        lock (arrivals)
        {
            var virusTotal = request.Path.StartsWith("/api/v3/", StringComparison.Ordinal);
            var recent = arrivals.Count(a => a.At > now - TimeSpan.FromMinutes(1) && a.Path.StartsWith("/api/v3/", StringComparison.Ordinal));
            arrivals.Add((now, request.Path));
            if (virusTotal && recent >= VirusTotalQuotaPerMinute)
            {
                Interlocked.Increment(ref tooMany);
                return TooManyRequests("60");
            }
        }
        lock (script)
        {
            var next = script.FindIndex(s => s.When is null || s.When(request));
            if (next >= 0)
            {
                var reply = script[next].Reply;
                script.RemoveAt(next);
                return reply;
            }
        }
        return request.Path.StartsWith("/api/v2/", StringComparison.Ordinal) ? AbuseIpDb(request) : VirusTotal(request);
    }

    private static HttpReply AbuseIpDb(ReceivedRequest request)
    {
        if (request.Header("Key") != Key)
        {
            // The real service does not echo the key; this one does, so the tests prove nothing passes it on.
            return HttpReply.Json(401, $$"""{"errors": [{"detail": "Authentication failed for key '{{request.Header("Key")}}'.", "status": 401}]}""");
        }
        var query = request.Path.Split('?', 2) is [_, var q] ? q : "";
        var ip = query.Split('&').Select(p => p.Split('=', 2)).FirstOrDefault(p => p[0] == "ipAddress")?[1];
        if (request.Path.Split('?')[0] != "/api/v2/check" || ip is null) return HttpReply.Json(404, """{"errors": [{"detail": "Not found", "status": 404}]}""");
        var ipAddress = Uri.UnescapeDataString(ip);
        var (score, whitelisted, tor, reports, users, last) = ipAddress switch
        {
            TorIp => (100, false, true, 1234, 321, "\"2026-10-30T18:44:07+00:00\""),
            WhitelistedIp => (0, true, false, 0, 0, "null"),
            SuspiciousIp => (40, false, false, 7, 5, "\"2026-10-01T08:00:00+00:00\""),
            _ => (0, false, false, 0, 0, "null"),
        };
        return HttpReply.Json(200, $$$"""
            {"data": {"ipAddress": "{{{ipAddress}}}", "isPublic": true, "ipVersion": 4, "isWhitelisted": {{{(whitelisted ? "true" : "false")}}},
              "abuseConfidenceScore": {{{score}}}, "countryCode": "DE", "usageType": "Data Center/Web Hosting/Transit",
              "isp": "Example Hosting GmbH", "domain": "example-hosting.de", "hostnames": [], "isTor": {{{(tor ? "true" : "false")}}},
              "totalReports": {{{reports}}}, "numDistinctUsers": {{{users}}}, "lastReportedAt": {{{last}}}}}
            """);
    }

    private static HttpReply VirusTotal(ReceivedRequest request)
    {
        if (request.Header("x-apikey") != Key)
        {
            return HttpReply.Json(401, $$"""{"error": {"code": "WrongCredentialsError", "message": "Wrong API key '{{request.Header("x-apikey")}}'" } }""");
        }
        var parts = request.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts is not ["api", "v3", var collection, var id]) return NotFound(request.Path);
        return (collection, id) switch
        {
            ("files", EicarSha256) => Object("file", id, malicious: 62, suspicious: 0, harmless: 0, undetected: 10, "\"meaningful_name\": \"eicar.com\", \"type_description\": \"Text\", "),
            ("files", CleanSha256) => Object("file", id, malicious: 0, suspicious: 0, harmless: 0, undetected: 70, "\"meaningful_name\": \"empty.txt\", "),
            ("files", _) => NotFound(id),
            ("ip_addresses", TorIp) => Object("ip_address", id, malicious: 14, suspicious: 2, harmless: 50, undetected: 28),
            ("ip_addresses", _) => Object("ip_address", id, malicious: 0, suspicious: 0, harmless: 60, undetected: 34),
            ("domains", EvilDomain) => Object("domain", id, malicious: 1, suspicious: 1, harmless: 60, undetected: 30),
            ("domains", _) => NotFound(id),
            ("urls", _) when id == UrlId(EvilUrl) => Object("url", id, malicious: 9, suspicious: 0, harmless: 60, undetected: 20),
            _ => NotFound(id),
        };
    }

    public static string UrlId(string url) => Convert.ToBase64String(Encoding.UTF8.GetBytes(url)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static HttpReply NotFound(string id) =>
        HttpReply.Json(404, $$$"""{"error": {"code": "NotFoundError", "message": "{{{id}}} not found"}}""");

    private static HttpReply Object(string type, string id, int malicious, int suspicious, int harmless, int undetected, string extra = "") =>
        HttpReply.Json(200, $$$"""
            {"data": {"id": "{{{id}}}", "type": "{{{type}}}", "links": {"self": "https://www.virustotal.com/api/v3/x/{{{id}}}"},
              "attributes": { {{{extra}}}"reputation": {{{-malicious}}}, "last_analysis_date": 1793361600,
                "last_analysis_stats": {"malicious": {{{malicious}}}, "suspicious": {{{suspicious}}}, "undetected": {{{undetected}}},
                  "harmless": {{{harmless}}}, "timeout": 0, "type-unsupported": 3, "failure": 0, "confirmed-timeout": 0},
                "last_analysis_results": {} } } }
            """);

    public ValueTask DisposeAsync() => Http.DisposeAsync();
}
