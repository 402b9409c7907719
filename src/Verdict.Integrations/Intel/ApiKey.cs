namespace Verdict.Integrations.Intel;

/// <summary>
/// An API key read from the environment. It prints as "[redacted]" so a key cannot reach a log line, an exception
/// or an output file by accident; only the HTTP layer reads <see cref="Value"/>, to put it in a request header.
/// </summary>
public sealed class ApiKey
{
    public ApiKey(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value.Trim();
    }

    internal string Value { get; }

    /// <summary>The key in the variable, or null when it is unset or blank.</summary>
    public static ApiKey? FromEnvironment(string variable, Func<string, string?>? environment = null)
    {
        var value = (environment ?? Environment.GetEnvironmentVariable)(variable);
        return string.IsNullOrWhiteSpace(value) ? null : new ApiKey(value);
    }

    /// <summary>The text with every occurrence of the key replaced, for anything that came back from the network.</summary>
    internal string Redact(string text) => text.Replace(Value, "[redacted]", StringComparison.Ordinal);

    public override string ToString() => "[redacted]";
}
