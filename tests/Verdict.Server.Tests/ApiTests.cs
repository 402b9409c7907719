using System.Net;
using System.Text.Json;
using Verdict.Server;
using Verdict.Tests.Service;
using Verdict.Tests.Support;

namespace Verdict.Tests;

/// <summary>The API over HTTP on 127.0.0.1, the same tests on SQLite and on PostgreSQL.</summary>
public sealed class ApiTests
{
    private const string Ecs = """
        {"@timestamp":"2026-11-20T09:15:00Z","event":{"id":"ecs-1","severity":73},"rule":{"name":"Encoded PowerShell"},"message":"PowerShell ran an encoded command","user":{"name":"alice"},"host":{"name":"WS-042"},"source":{"ip":"10.0.4.12"}}
        """;

    [Theory]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task Alerts_are_refused_without_a_key_then_queued_triaged_judged_and_counted(string kind)
    {
        await using var s = await RunningServer.StartAsync(kind);
        var bob = Ecs.Replace("ecs-1", "ecs-2", StringComparison.Ordinal).Replace("alice", "bob", StringComparison.Ordinal)
            .Replace("WS-042", "WS-077", StringComparison.Ordinal).Replace("10.0.4.12", "10.0.9.9", StringComparison.Ordinal); // shares nothing: its own case
        var batch = $"[{Ecs}, {bob}]";
        using (var anonymous = await s.SendAsync(HttpMethod.Post, "/alerts", null, batch)) Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using (var wrong = await s.SendAsync(HttpMethod.Post, "/alerts", "vk_not-a-key", batch)) Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        using (var reader = await s.SendAsync(HttpMethod.Post, "/alerts", s.ReaderKey, batch)) Assert.Equal(HttpStatusCode.Forbidden, reader.StatusCode);
        using var accepted = await s.SendAsync(HttpMethod.Post, "/alerts", s.AnalystKey, batch);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var ids = JsonSerializer.Deserialize<JsonElement>(await accepted.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))
            .GetProperty("accepted").EnumerateArray().Select(a => a.Str("id")).ToList();
        Assert.Equal(2, ids.Count);

        await s.DrainAsync();
        var alert = await s.JsonAsync(HttpMethod.Get, "/alerts/" + ids[0], s.ReaderKey);
        Assert.Equal("done", alert.Str("status"));
        Assert.Equal("ecs-1", alert.GetProperty("brief").Str("alert_id"));
        var cases = await s.JsonAsync(HttpMethod.Get, "/cases", s.ReaderKey);
        Assert.Equal(2, cases.GetArrayLength());
        var caseId = alert.Str("case_id");
        var detail = await s.JsonAsync(HttpMethod.Get, "/cases/" + caseId, s.ReaderKey);
        var brief = detail.GetProperty("alerts")[0].GetProperty("brief");
        var predicted = brief.Str("classification");
        Assert.Contains(detail.GetProperty("history").EnumerateArray(), h => h.Str("kind") == "decision");

        var wrongClass = predicted == "BENIGN" ? "MALICIOUS" : "BENIGN";
        using (var fb = await s.SendAsync(HttpMethod.Post, "/feedback", s.AnalystKey, $$"""{"alert_id":"{{ids[0]}}","correct":false,"classification":"{{wrongClass}}","note":"admin task"}"""))
            Assert.Equal(HttpStatusCode.Created, fb.StatusCode);
        using (var fb = await s.SendAsync(HttpMethod.Post, "/feedback", s.AnalystKey, $$"""{"alert_id":"{{ids[1]}}","correct":true}"""))
            Assert.Equal(HttpStatusCode.Created, fb.StatusCode);
        using (var missing = await s.SendAsync(HttpMethod.Post, "/feedback", s.AnalystKey, """{"alert_id":"A-nope","correct":true}"""))
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var accuracy = await s.JsonAsync(HttpMethod.Get, "/feedback/accuracy", s.ReaderKey);
        Assert.Equal(2, accuracy.GetProperty("overall").GetProperty("judged").GetInt32());
        Assert.Equal(0.5, accuracy.GetProperty("overall").GetProperty("accuracy").GetDouble());
        Assert.Equal(1, accuracy.GetProperty("confusion").GetProperty(predicted).GetProperty(wrongClass).GetInt32());
        Assert.True(accuracy.GetProperty("by_rule").TryGetProperty("Encoded PowerShell", out _));

        var metrics = await (await s.SendAsync(HttpMethod.Get, "/metrics", s.ReaderKey)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("verdict_alerts_received_total{source=\"batch\"} 2", metrics, StringComparison.Ordinal);
        Assert.Contains("verdict_triage_duration_seconds_count 2", metrics, StringComparison.Ordinal);
        Assert.Contains("verdict_queue_depth 0", metrics, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task Triage_answers_with_the_brief_of_one_alert_in_any_shape(string kind)
    {
        await using var s = await RunningServer.StartAsync(kind);
        var brief = await s.JsonAsync(HttpMethod.Post, "/triage", s.AnalystKey, Ecs);
        Assert.Equal("ecs-1", brief.Str("alert_id"));
        Assert.Contains(brief.Str("decision"), new[] { "escalate", "monitor", "auto_close" });
        var text = await s.JsonAsync(HttpMethod.Post, "/triage", s.AnalystKey, "mimikatz sekurlsa::logonpasswords ran on DC-01", "text/plain");
        Assert.False(string.IsNullOrEmpty(text.Str("likely_cause")));
        var csv = await s.JsonAsync(HttpMethod.Post, "/triage", s.AnalystKey, "type,user,date,detail,severity\nbrute_force,bob,2026-10-31 02:10,45 failed logins,high\n", "text/csv");
        Assert.Equal("brute_force", csv.GetProperty("alert").Str("type"));
        using (var two = await s.SendAsync(HttpMethod.Post, "/triage", s.AnalystKey, $"[{Ecs},{Ecs}]")) Assert.Equal(HttpStatusCode.BadRequest, two.StatusCode);
        using var broken = await s.SendAsync(HttpMethod.Post, "/triage", s.AnalystKey, "{\"user\": \"bob\", \"@timestamp\": \"not a time at all\", \"rule_name\": [");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, broken.StatusCode);
        Assert.Contains("\"error\"", await broken.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task A_synchronously_triaged_alert_is_stored_as_an_api_case_that_takes_feedback(string kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var s = await RunningServer.StartAsync(kind);
        using var response = await s.SendAsync(HttpMethod.Post, "/triage", s.AnalystKey, Ecs);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var alertId = response.Headers.GetValues("X-Verdict-Alert-Id").Single();
        var caseId = response.Headers.GetValues("X-Verdict-Case-Id").Single();

        var alert = await s.JsonAsync(HttpMethod.Get, "/alerts/" + alertId, s.ReaderKey);
        Assert.Equal("api", alert.Str("source"));
        Assert.Equal("done", alert.Str("status"));
        Assert.Equal(caseId, alert.Str("case_id"));
        var cases = await s.JsonAsync(HttpMethod.Get, "/cases", s.ReaderKey);
        Assert.Contains(cases.EnumerateArray(), c => c.Str("id") == caseId);
        var detail = await s.JsonAsync(HttpMethod.Get, "/cases/" + caseId, s.ReaderKey);
        Assert.Equal("ecs-1", detail.GetProperty("alerts")[0].GetProperty("brief").Str("alert_id"));
        Assert.Contains(detail.GetProperty("history").EnumerateArray(), h => h.Str("kind") == "decision" && h.Str("actor") == "analyst-test");

        using (var fb = await s.SendAsync(HttpMethod.Post, "/feedback", s.AnalystKey, $$"""{"alert_id":"{{alertId}}","correct":true,"note":"seen it"}"""))
            Assert.Equal(HttpStatusCode.Created, fb.StatusCode);
        var accuracy = await s.JsonAsync(HttpMethod.Get, "/feedback/accuracy", s.ReaderKey);
        Assert.Equal(1, accuracy.GetProperty("overall").GetProperty("judged").GetInt32());

        // Sent again: triaged again, not stored twice.
        using var again = await s.SendAsync(HttpMethod.Post, "/triage", s.AnalystKey, Ecs);
        Assert.Equal(alertId, again.Headers.GetValues("X-Verdict-Alert-Id").Single());
        Assert.Equal(1, (await s.Store.Store.CountAsync(ct)).Done);
    }

    [Theory]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task Splunk_and_Elastic_webhooks_are_queued_and_a_resent_alert_keeps_its_id(string kind)
    {
        await using var s = await RunningServer.StartAsync(kind, new ServerOptions { Workers = 0 });
        const string splunk = """{"sid":"scheduler__admin__search__RMD5","search_name":"Brute force on VPN","app":"search","owner":"admin","results_link":"http://splunk/x","result":{"_time":"1763630100","src":"185.220.101.34","user":"bob","count":"45"}}""";
        var first = await s.JsonAsync(HttpMethod.Post, "/alerts", s.AnalystKey, splunk);
        var again = await s.JsonAsync(HttpMethod.Post, "/alerts", s.AnalystKey, splunk);
        Assert.Equal(first.GetProperty("accepted")[0].Str("id"), again.GetProperty("accepted")[0].Str("id"));
        Assert.True(again.GetProperty("accepted")[0].GetProperty("duplicate").GetBoolean());
        const string elastic = """{"rule":{"name":"Suspicious DNS"},"context":{"alerts":[{"@timestamp":"2026-11-20T09:15:00Z","user":{"name":"bob"},"dns":{"question":{"name":"x.evil.test"}}},{"@timestamp":"2026-11-20T09:16:00Z","user":{"name":"bob"}}, 7]}}""";
        var kibana = await s.JsonAsync(HttpMethod.Post, "/alerts", s.AnalystKey, elastic);
        Assert.Equal(2, kibana.GetProperty("accepted").GetArrayLength());
        Assert.Contains("JSON object", kibana.GetProperty("errors")[0].Str("reason"), StringComparison.Ordinal);
        var counts = await s.Store.Store.CountAsync(TestContext.Current.CancellationToken);
        Assert.Equal(3, counts.Queued);
        var health = await s.JsonAsync(HttpMethod.Get, "/health", null);
        Assert.Equal(3, health.GetProperty("queue_depth").GetInt64());
        Assert.True(health.GetProperty("store_reachable").GetBoolean());
    }

    [Fact]
    public async Task Oversized_bodies_and_too_many_requests_are_refused_and_no_key_leaks()
    {
        await using var s = await RunningServer.StartAsync("sqlite", new ServerOptions { MaxRequestBytes = 4096, RequestsPerMinute = 5, Workers = 0 });
        using (var big = await s.SendAsync(HttpMethod.Post, "/alerts", s.AnalystKey, "{\"message\":\"" + new string('x', 10_000) + "\"}"))
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        var codes = new List<HttpStatusCode>();
        var bodies = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            using var r = await s.SendAsync(HttpMethod.Get, "/cases", s.AnalystKey);
            codes.Add(r.StatusCode);
            bodies.Add(await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken) + r.Headers);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, codes[^1]);
        using (var other = await s.SendAsync(HttpMethod.Get, "/cases", s.ReaderKey)) Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.DoesNotContain(bodies, b => b.Contains(s.AnalystKey, StringComparison.Ordinal));
        var audit = await s.Store.Store.AuditAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.DoesNotContain(audit, a => (a.Detail ?? "").Contains("vk_", StringComparison.Ordinal) || a.Actor.Contains("vk_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_api_document_and_reference_are_served_without_a_cdn()
    {
        await using var s = await RunningServer.StartAsync("sqlite", new ServerOptions { Workers = 0 });
        var document = await (await s.SendAsync(HttpMethod.Get, "/openapi/v1.json", null)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        foreach (var path in new[] { "/triage", "/alerts", "/cases/{id}", "/feedback", "/feedback/accuracy", "/health", "/metrics" })
            Assert.Contains($"\"{path}\"", document, StringComparison.Ordinal);
        using var scalar = await s.SendAsync(HttpMethod.Get, "/scalar/", null);
        var page = await scalar.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
        Assert.DoesNotContain("cdn.", page, StringComparison.OrdinalIgnoreCase);
        using var console = await s.SendAsync(HttpMethod.Get, "/console/", null);
        Assert.Contains("Verdict console", await console.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
