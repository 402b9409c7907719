using Microsoft.AspNetCore.Http.HttpResults;
using Verdict.Storage.Service;

namespace Verdict.Server.Security;

/// <summary>Endpoint metadata: the least role a caller's API key must have.</summary>
internal sealed record RoleRequirement(Role Minimum);

/// <summary>
/// Checks API keys before anything reads the request: 401 without a known key, 403 when the key's role is below the
/// endpoint's <see cref="RoleRequirement"/>. Endpoints without one (health, console page, API document) are open.
/// </summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next)
{
    public const string CallerItem = "verdict.caller";

    public async Task InvokeAsync(HttpContext http, VerdictStore store)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<RoleRequirement>() is not { } requirement)
        {
            await next(http);
            return;
        }
        var problem = await CheckAsync(http, store, requirement.Minimum);
        if (problem is null) await next(http);
        else await problem.ExecuteAsync(http);
    }

    private static async Task<IResult?> CheckAsync(HttpContext http, VerdictStore store, Role minimum)
    {
        if (ApiKeys.FromRequest(http.Request) is not { Length: > 0 } key)
            return Unauthorized(http, "an API key is required (X-Api-Key or Authorization: Bearer)");
        var row = await store.FindApiKeyAsync(ApiKeys.Hash(key), http.RequestAborted);
        if (row is null || !ApiKeys.TryParseRole(row.Role, out var role)) return Unauthorized(http, "unknown or revoked API key");
        if (role < minimum)
            return TypedResults.Problem($"this needs the {minimum.ToString().ToLowerInvariant()} role; the key has {row.Role}", statusCode: StatusCodes.Status403Forbidden);
        http.Items[CallerItem] = row;
        return null;
    }

    private static ProblemHttpResult Unauthorized(HttpContext http, string detail)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized);
    }

    /// <summary>Who is calling: the key's name, else its id (never the key).</summary>
    public static string Caller(HttpContext http) => http.Items[CallerItem] is ApiKeyRow row ? row.Name ?? row.Id : "anonymous";
}

internal static class RoleExtensions
{
    public static TBuilder RequireRole<TBuilder>(this TBuilder builder, Role minimum) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RoleRequirement(minimum));
}
