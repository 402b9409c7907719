namespace Verdict.Storage.Service;

/// <summary>Orders the verdict words so a case takes the worst of its alerts.</summary>
public static class Ranks
{
    public static readonly string[] Severities = ["INFO", "LOW", "MEDIUM", "HIGH", "CRITICAL"];
    public static readonly string[] Classifications = ["BENIGN", "SUSPICIOUS", "MALICIOUS"];
    public static readonly string[] Decisions = ["auto_close", "monitor", "escalate"];

    public static string Worst(string[] scale, string a, string b) => Array.IndexOf(scale, b) > Array.IndexOf(scale, a) ? b : a;
}
