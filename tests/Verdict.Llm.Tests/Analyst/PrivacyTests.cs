using System.Text.Json.Nodes;
using Verdict.Analysis;
using Verdict.Llm.Analyst;
using Verdict.Tests.Support;
using static Verdict.Tests.LlmAnalysis.AnalystFixture;

namespace Verdict.Tests.LlmAnalysis;

public sealed class PrivacyTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pseudonymised_users_and_ips_never_leave_and_come_back_real_in_the_brief_and_the_tools()
    {
        await using var server = new AnthropicServer((body, n) => n == 0
            ? AnthropicServer.ToolUse("user_baseline", new JsonObject { ["user"] = "USER_1" })
            : AnthropicServer.Text(WithCause(AnthropicServer.Answer("SUSPICIOUS"), "USER_1 signed in from IP_1 after failures")));
        using var analyst = Analyst(server, new LlmOptions { CritiquePasses = 0, Pseudonymize = true });

        var (assessment, _, record) = await analyst.InvestigateAsync(Outcome("a1", Classification.Suspicious), null, Token);

        Assert.Equal(2, server.Count);
        foreach (var request in server.Requests)
        {
            Assert.DoesNotContain("jdoe", request.Body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("203.0.113.7", request.Body, StringComparison.Ordinal);
        }
        Assert.Contains("USER_1", server.Requests.First().Body, StringComparison.Ordinal);
        // The tool ran on the real user (it found jdoe's history), and its answer went out pseudonymised.
        var toolResult = JsonNode.Parse(server.Requests.Last().Body)!["messages"]!.AsArray().SelectMany(m => m!["content"] is JsonArray a ? a : [])
            .Single(c => (string?)c!["type"] == "tool_result")!.ToJsonString();
        Assert.Contains("USER_1", toolResult, StringComparison.Ordinal);
        Assert.DoesNotContain("no log history", toolResult, StringComparison.Ordinal);
        Assert.Equal("jdoe signed in from 203.0.113.7 after failures", assessment.LikelyCause);
        Assert.Equal(["user_baseline"], record.ToolCalls);
    }

    private static string WithCause(string answer, string cause)
    {
        var json = JsonNode.Parse(answer)!;
        json["likely_cause"] = cause;
        return json.ToJsonString();
    }

    [Fact]
    public async Task Only_allowed_fields_are_sent()
    {
        await using var server = new AnthropicServer((_, _) => AnthropicServer.Text(AnthropicServer.Answer("SUSPICIOUS")));
        using var analyst = Analyst(server, new LlmOptions { CritiquePasses = 0, SendFields = new HashSet<string>(["type", "ip"], StringComparer.OrdinalIgnoreCase) });

        await analyst.InvestigateAsync(Outcome("a1", Classification.Suspicious, description: "secret project falcon"), null, Token);

        var body = server.Requests.Single().Body;
        Assert.DoesNotContain("secret project falcon", body, StringComparison.Ordinal);
        Assert.Contains("suspicious_login", body, StringComparison.Ordinal);
    }
}
