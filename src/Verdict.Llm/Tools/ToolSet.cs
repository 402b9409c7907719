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
    public static IReadOnlyList<AIFunction> ReadOnly(TriageTools tools) =>
    [
        AIFunctionFactory.Create(tools.QueryLogs, "query_logs"),
        AIFunctionFactory.Create(tools.EnrichIp, "enrich_ip"),
        AIFunctionFactory.Create(tools.EnrichHash, "enrich_hash"),
        AIFunctionFactory.Create(tools.LookupAsset, "lookup_asset"),
        AIFunctionFactory.Create(tools.LookupUser, "lookup_user"),
        AIFunctionFactory.Create(tools.LookupAttackTechnique, "lookup_attack_technique"),
        AIFunctionFactory.Create(tools.SearchAttack, "search_attack"),
        AIFunctionFactory.Create(tools.UserBaseline, "user_baseline"),
        AIFunctionFactory.Create(tools.SimilarPastCases, "similar_past_cases"),
    ];

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
