using Microsoft.Extensions.AI;

namespace Verdict.Llm.Tools;

/// <summary>A tool threw. The model sees only a short generic error; this names the tool for the run's notes when the consecutive-error cap ends the investigation.</summary>
public sealed class ToolFailedException(string tool, Exception inner) : Exception($"the tool {tool} failed", inner)
{
    public string Tool { get; } = tool;

    /// <summary>The tool failure in <paramref name="e"/> or among its inner exceptions.</summary>
    public static ToolFailedException? Find(Exception? e) => e switch
    {
        null => null,
        ToolFailedException t => t,
        AggregateException a => a.InnerExceptions.Select(Find).FirstOrDefault(t => t is not null),
        _ => Find(e.InnerException),
    };
}

/// <summary>Wraps a tool so its failures are <see cref="ToolFailedException"/>s naming it.</summary>
public sealed class NamingFailuresFunction(AIFunction inner) : DelegatingAIFunction(inner)
{
    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        try
        {
            return await base.InvokeCoreAsync(arguments, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new ToolFailedException(Name, e);
        }
    }
}
