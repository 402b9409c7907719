using System.Net;
using Verdict.Tests.Service;
using Verdict.Tests.Support;

namespace Verdict.Tests;

/// <summary>Cases group alerts as `verdict triage` groups incidents: a shared user, host, source IP or file hash within the gap, chained.</summary>
public sealed class CaseGroupingTests
{
    private static string Alert(string id, string time, string user, string host, string ip) => $$$"""
        {"@timestamp":"2026-11-20T{{{time}}}:00Z","event":{"id":"{{{id}}}","severity":73},"rule":{"name":"Encoded PowerShell"},"message":"PowerShell ran an encoded command","user":{"name":"{{{user}}}"},"host":{"name":"{{{host}}}"},"source":{"ip":"{{{ip}}}"}}
        """;

    [Theory]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task Alerts_sharing_a_host_or_an_address_within_the_gap_join_one_case_and_a_later_one_starts_another(string kind)
    {
        await using var s = await RunningServer.StartAsync(kind, new Server.ServerOptions { Workers = 0 });
        async Task<string> CaseOf(string body)
        {
            using var response = await s.SendAsync(HttpMethod.Post, "/triage", s.AnalystKey, body);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return response.Headers.GetValues("X-Verdict-Case-Id").Single();
        }

        var first = await CaseOf(Alert("g-1", "09:00", "alice", "WS-1", "10.0.0.1"));
        var sameHost = await CaseOf(Alert("g-2", "10:00", "bob", "WS-1", "10.0.0.2"));        // another user on alice's host
        var unrelated = await CaseOf(Alert("g-3", "10:30", "carol", "WS-9", "203.0.113.5"));
        var sameAddress = await CaseOf(Alert("g-4", "11:00", "dave", "WS-8", "203.0.113.5")); // carol's address
        var chained = await CaseOf(Alert("g-5", "11:50", "erin", "WS-7", "10.0.0.2"));       // bob's address, 1 h 50 min after him
        var later = await CaseOf(Alert("g-6", "16:00", "alice", "WS-1", "10.0.0.1"));         // alice again, hours later

        Assert.Equal(first, sameHost);
        Assert.Equal(first, chained);
        Assert.Equal(unrelated, sameAddress);
        Assert.NotEqual(first, unrelated);
        Assert.NotEqual(first, later);
        Assert.NotEqual(unrelated, later);
        var firstCase = await s.JsonAsync(HttpMethod.Get, "/cases/" + first, s.ReaderKey);
        Assert.Equal(3, firstCase.GetProperty("case").GetProperty("alert_count").GetInt32());
    }
}
