using System.ComponentModel;
using Microsoft.Extensions.AI;

namespace Verdict.Llm.Tools;

/// <summary>
/// The tools as <see cref="AIFunction"/>s with the names the model sees, plus the staging actions, which are
/// offered only wrapped in <see cref="ApprovalRequiredAIFunction"/>: the model can propose them, a human approves,
/// and the run itself never sends anything. There are no response actions (disable account, block IP).
/// </summary>
public static class ToolSet
{
    /// <summary>The read-only tool methods with the names the model (or MCP client) sees.</summary>
    public static IReadOnlyList<(string Name, Delegate Method)> Methods(TriageTools tools) =>
    [
        ("query_logs", tools.QueryLogs),
        ("enrich_ip", tools.EnrichIp),
        ("enrich_hash", tools.EnrichHash),
        ("lookup_asset", tools.LookupAsset),
        ("lookup_user", tools.LookupUser),
        ("lookup_attack_technique", tools.LookupAttackTechnique),
        ("search_attack", tools.SearchAttack),
        ("user_baseline", tools.UserBaseline),
        ("similar_past_cases", tools.SimilarPastCases),
    ];

    /// <summary>The tools as functions; their text results go to the model as they are, not re-encoded as JSON strings.</summary>
    public static IReadOnlyList<AIFunction> ReadOnly(TriageTools tools) =>
        [.. Methods(tools).Select(t => AIFunctionFactory.Create(t.Method, new AIFunctionFactoryOptions { Name = t.Name, MarshalResult = (result, _, _) => new ValueTask<object?>(result) }))];

    public static IReadOnlyList<AITool> Staging() =>
    [
        new ApprovalRequiredAIFunction(AIFunctionFactory.Create(PostToSlack, "post_to_slack")),
        new ApprovalRequiredAIFunction(AIFunctionFactory.Create(CommentOnTicket, "comment_on_ticket")),
    ];

    [Description("Propose a message to the SOC Slack channel. A human must approve it; it is recorded as a proposal in the brief.")]
    private static string PostToSlack([Description("Channel name")] string channel, [Description("The message")] string message) =>
        "not sent: staging actions need a human's approval";

    [Description("Propose a comment on the alert's ticket. A human must approve it; it is recorded as a proposal in the brief.")]
    private static string CommentOnTicket([Description("Ticket ID")] string ticket, [Description("The comment")] string comment) =>
        "not sent: staging actions need a human's approval";
}
