namespace Verdict.Analysis;

/// <summary>
/// Who decided an alert and what it cost: "offline", or the model (e.g. "claude-sonnet-4-5"). When a model was asked,
/// the offline assessment stays here for the record, with any guardrail that overrode the model, the model's raw text
/// when its answer could not be used (<see cref="Degraded"/>), and actions it proposed for a human to approve.
/// </summary>
public sealed record AnalystRecord(string Analyst)
{
    public static AnalystRecord Offline { get; } = new("offline");

    /// <summary>The model was asked but its answer was unusable or the call failed: the offline assessment stands.</summary>
    public bool Degraded { get; init; }
    /// <summary>Why the alert was settled without the model, or why the model's answer was not used.</summary>
    public string? Note { get; init; }
    public int LlmCalls { get; init; }
    public long InputTokens { get; init; }
    public long CachedInputTokens { get; init; }
    public long OutputTokens { get; init; }
    /// <summary>The tools the model called, in order.</summary>
    public IReadOnlyList<string> ToolCalls { get; init; } = [];
    /// <summary>The deterministic rule that overrode the model, and why.</summary>
    public string? Guardrail { get; init; }
    /// <summary>The offline analyst's view when the model's replaced it.</summary>
    public Assessment? OfflineAssessment { get; init; }
    /// <summary>The model's text when it could not be used (kept for review).</summary>
    public string? RawModelText { get; init; }
    /// <summary>Staging actions (Slack post, ticket comment) the model proposed; a human approves them, nothing is sent.</summary>
    public IReadOnlyList<string> Proposals { get; init; } = [];
}
