using Verdict.Alerts;

namespace Verdict.Ingest;

/// <summary>An input record that could not be read: where it was and why.</summary>
public sealed record InputError(SourceRef Source, string Reason)
{
    public override string ToString() => $"{Source}: {Reason}";
}

/// <summary>Either a value or the reason there is none. Parsing returns these instead of throwing.</summary>
public readonly record struct ParseResult<T>(T? Value, InputError? Error) where T : class
{
    public bool Success => Error is null;
    public static ParseResult<T> Ok(T value) => new(value, null);
    public static ParseResult<T> Fail(SourceRef source, string reason) => new(null, new InputError(source, reason));
}
