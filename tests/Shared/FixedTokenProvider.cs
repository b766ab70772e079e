using Unico.IdCloud.Client;

namespace Unico.IdCloud.TestSupport;

/// <summary>
/// A token provider that always hands out the same bearer token and ignores invalidation: for tests of the pipeline
/// around authentication, where the token exchange itself is not under test.
/// </summary>
/// <param name="value">The token's value (the <c>Authorization</c> header is <c>Bearer {value}</c>).</param>
/// <param name="expiresAt">When it expires; never, unless given.</param>
public sealed class FixedTokenProvider(string value = "token", DateTimeOffset? expiresAt = null) : IIdCloudTokenProvider
{
    public ValueTask<IdCloudAccessToken> GetTokenAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(new IdCloudAccessToken(value, "Bearer", expiresAt ?? DateTimeOffset.MaxValue));

    public void Invalidate(IdCloudAccessToken token)
    {
    }
}
