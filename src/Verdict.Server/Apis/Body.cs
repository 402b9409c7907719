namespace Verdict.Server.Apis;

/// <summary>Reads a request body within the server's size limit.</summary>
internal static class Body
{
    /// <summary>The body's bytes, or a 413 problem when it is larger than the limit.</summary>
    public static async Task<(byte[]? Bytes, IResult? Problem)> ReadAsync(HttpRequest request)
    {
        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
            return (buffer.ToArray(), null);
        }
        catch (BadHttpRequestException e)
        {
            return (null, TypedResults.Problem(e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "the request body is larger than the server's limit" : "the request body could not be read",
                statusCode: e.StatusCode));
        }
    }
}
