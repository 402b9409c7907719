using Azure.Core;

namespace Verdict.Integrations.Sentinel;

/// <summary>A token the user already has (VERDICT_SENTINEL_TOKEN), for machines where DefaultAzureCredential has nothing to use.</summary>
public sealed class BearerTokenCredential(string token, TimeProvider? time = null) : TokenCredential
{
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(token, (time ?? TimeProvider.System).GetUtcNow().AddHours(1));

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
