using System.Globalization;
using Microsoft.Extensions.AI;

namespace Verdict.Llm.Chat;

/// <summary>
/// Stops calling a provider that keeps failing. After <paramref name="threshold"/> calls in a row failed after their
/// retries with a transient error (timeouts, dropped connections, 429, 5xx), calls fail at once for
/// <paramref name="coolDown"/>, so a dead or throttled API costs a run a few slow alerts instead of hours of timeouts;
/// then a single call probes it, and a success closes the circuit. One circuit per run, shared by both models.
/// </summary>
public sealed class ProviderCircuit(int threshold, TimeSpan coolDown, TimeProvider time)
{
    private readonly Lock gate = new();
    private int failures;
    private DateTimeOffset? openUntil;
    private bool probing;

    /// <summary>How many times the circuit opened in the run.</summary>
    public int Opened { get; private set; }

    /// <summary>Lets a call through (true when it is the probe of an open circuit) or refuses it.</summary>
    internal bool Enter()
    {
        lock (gate)
        {
            if (openUntil is not { } until) return false;
            if (time.GetUtcNow() >= until && !probing) return probing = true;
            throw new ProviderUnavailableException(string.Create(CultureInfo.InvariantCulture,
                $"the provider failed {failures} calls in a row after retries; not called again before {until:HH:mm:ss} UTC"));
        }
    }

    /// <summary>The call's outcome: true succeeded, false failed transiently, null told nothing about the provider.</summary>
    internal void Exit(bool probe, bool? succeeded)
    {
        lock (gate)
        {
            if (probe) probing = false;
            if (succeeded == true) (failures, openUntil) = (0, null);
            else if (succeeded == false && ++failures >= threshold)
            {
                if (openUntil is null) Opened++;
                openUntil = time.GetUtcNow() + coolDown;
            }
        }
    }
}

/// <summary>Calls through a <see cref="ProviderCircuit"/>.</summary>
public sealed class CircuitBreakingChatClient(IChatClient inner, ProviderCircuit circuit) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var probe = circuit.Enter();
        bool? succeeded = null;
        try
        {
            var response = await base.GetResponseAsync(messages, options, cancellationToken);
            succeeded = true;
            return response;
        }
        catch (Exception e) when (e is ProviderUnavailableException || TransientFailure.IsTransient(e, cancellationToken))
        {
            succeeded = false;
            throw;
        }
        finally
        {
            circuit.Exit(probe, succeeded);
        }
    }
}

public static class CircuitBreakingChatClientBuilderExtensions
{
    /// <summary>Fails calls at once while <paramref name="circuit"/> is open.</summary>
    public static ChatClientBuilder UseCircuitBreaker(this ChatClientBuilder builder, ProviderCircuit circuit) =>
        builder.Use(inner => new CircuitBreakingChatClient(inner, circuit));
}

/// <summary>The provider is not being called (it kept failing, or asked to wait too long): the alert falls back offline.</summary>
public sealed class ProviderUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
