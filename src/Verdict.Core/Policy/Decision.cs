using System.Text.Json.Serialization;

namespace Verdict.Policy;

[JsonConverter(typeof(JsonStringEnumConverter<Decision>))]
public enum Decision
{
    /// <summary>Page a human now.</summary>
    [JsonStringEnumMemberName("escalate")] Escalate,
    [JsonStringEnumMemberName("monitor")] Monitor,
    /// <summary>Close with a recorded reason.</summary>
    [JsonStringEnumMemberName("auto_close")] AutoClose,
}

public sealed record DecisionResult(Decision Decision, string Reason);
