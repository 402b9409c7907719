using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Verdict.Tests.Intel;

/// <summary>Keeps every log line (message and exception) so a test can search them, e.g. for an API key.</summary>
internal sealed class CapturingLogger : ILogger
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public string Text => string.Join(Environment.NewLine, Lines);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        Lines.Enqueue($"{logLevel}: {formatter(state, exception)} {exception}");
        if (state is IEnumerable<KeyValuePair<string, object?>> values)
        {
            foreach (var (name, value) in values) Lines.Enqueue($"  {name} = {value}");
        }
    }
}
