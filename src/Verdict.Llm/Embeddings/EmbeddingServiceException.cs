namespace Verdict.Llm.Embeddings;

/// <summary>
/// An embedding call that failed, with a message written for the person running Verdict: which endpoint, what went
/// wrong, what to check. It never carries an API key or a server's response body (which may echo one).
/// </summary>
public sealed class EmbeddingServiceException : Exception
{
    public EmbeddingServiceException()
    {
    }

    public EmbeddingServiceException(string message) : base(message)
    {
    }

    /// <param name="statusCode">The HTTP status the server answered with, or null when there was no answer.</param>
    /// <remarks>The provider's exception is deliberately not kept as the inner exception: its message and ToString can hold the server's body.</remarks>
    public EmbeddingServiceException(string message, int? statusCode) : base(message) => StatusCode = statusCode;

    public EmbeddingServiceException(string message, Exception? innerException) : base(message, innerException)
    {
    }

    /// <summary>The HTTP status of the failed call, or null when no answer came (refused connection, timeout).</summary>
    public int? StatusCode { get; }
}
