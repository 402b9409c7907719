using Verdict.Alerts;
using Verdict.Analysis;
using Verdict.Context;
using Verdict.Enrichment;
using Verdict.Llm.Analyst;
using Verdict.Llm.Chat;
using Verdict.Llm.Tools;
using Verdict.Logs;
using Verdict.Pipeline;
using Verdict.Policy;
using Verdict.Storage.Logs;
using Verdict.Tests.Support;

namespace Verdict.Tests.LlmAnalysis;

/// <summary>Alerts with a given offline assessment, and an analyst wired to the local Anthropic server through the real SDK.</summary>
internal static class AnalystFixture
{
    public static readonly DateTimeOffset Now = new(2026, 11, 1, 8, 30, 0, TimeSpan.Zero);

    public static AlertOutcome Outcome(string id, Classification offline, bool strongMalicious = false, Severity severity = Severity.Medium,
        double confidence = 0.6, string description = "5 failed logins then success")
    {
        var alert = new Alert
        {
            Id = id, Source = new SourceRef("alerts.csv", 2), Rule = "suspicious_login", Time = Now, User = "jdoe", SourceIp = "203.0.113.7",
            Description = description,
            Fields = [new("alert_id", id), new("type", "suspicious_login"), new("user", "jdoe"), new("ip", "203.0.113.7"), new("description", description)],
        };
        Evidence[] evidence = strongMalicious
            ? [new("brute_force_then_success", "a success right after 5 failures from 203.0.113.7", Leaning.Malicious, 2.5, "logs", Strong: true)]
            : [new("usual_country", "sign-in from the user's usual country", Leaning.Benign, 1.0, "baseline")];
        var assessment = new Assessment
        {
            Classification = offline, Severity = severity, Confidence = confidence, MaliciousProbability = offline == Classification.Malicious ? 0.9 : 0.3,
            LikelyCause = "offline's view", Evidence = evidence, Hypotheses = [], Questions = [], ImmediateActions = [], InvestigationSteps = [],
            SeverityRationale = "a user account",
        };
        return new AlertOutcome(alert, null, "INC-1", assessment, DecisionPolicy.Decide(assessment));
    }

    public static TriageResult Result(params AlertOutcome[] outcomes) => new(outcomes, [], [], 0, Now);

    public static LogStore AuthLogs()
    {
        var store = new LogStore();
        for (var i = 0; i < 5; i++)
            store.Add(new LogEvent { Time = Now.AddMinutes(-10 + i), User = "jdoe", Success = i == 4, Ip = "203.0.113.7", Country = "US", Source = new SourceRef("logs.csv", i + 2) });
        return store;
    }

    public static LlmAnalyst Analyst(AnthropicServer server, LlmOptions? options = null, DuckLogStore? duck = null)
    {
        options ??= new LlmOptions();
        var env = new Dictionary<string, string?> { ["ANTHROPIC_API_KEY"] = AnthropicServer.Key, ["ANTHROPIC_BASE_URL"] = server.BaseUrl.ToString() };
        var data = new ToolData(EnvironmentContext.Default with { Organization = "Acme" }, AuthLogs(), EnrichmentView.None, TimeProvider.System) { LogStore = duck };
        return new LlmAnalyst(options, model => ChatProviders.Create(options, model, n => env.GetValueOrDefault(n), TimeProvider.System), data, TimeProvider.System, TimeSpan.FromMilliseconds(10));
    }
}
