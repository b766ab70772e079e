using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Unico.IdCloud.Redis;

/// <summary>
/// The one Redis connection of the SDK (a singleton). Connects on first use without ever failing the caller: while
/// Redis is unreachable <see cref="GetDatabaseAsync"/> answers <see langword="null"/> at once and each feature uses
/// its in-process fallback; StackExchange.Redis keeps reconnecting in the background.
/// </summary>
internal sealed class IdCloudRedisConnection : IAsyncDisposable
{
    private readonly IdCloudRedisOptions _options;
    private readonly object _gate = new();
    private Task<ConnectionMultiplexer?>? _connecting;

    public IdCloudRedisConnection(IOptions<IdCloudRedisOptions> options)
    {
        _options = options.Value;
        KeyPrefix = _options.KeyPrefix;
    }

    public string KeyPrefix { get; }

    public IdCloudRedisOptions Options => _options;

    /// <summary>The database, or <see langword="null"/> while Redis is unreachable.</summary>
    public async ValueTask<IDatabase?> GetDatabaseAsync()
    {
        Task<ConnectionMultiplexer?> connecting;
        lock (_gate)
        {
            connecting = _connecting ??= ConnectAsync();
        }

        var multiplexer = connecting.IsCompletedSuccessfully ? connecting.Result : await connecting.ConfigureAwait(false);
        return multiplexer is { IsConnected: true } ? multiplexer.GetDatabase() : null;
    }

    public async ValueTask DisposeAsync()
    {
        Task<ConnectionMultiplexer?>? connecting;
        lock (_gate)
        {
            connecting = _connecting;
        }

        if (connecting is not null && await connecting.ConfigureAwait(false) is { } multiplexer)
        {
            await multiplexer.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<ConnectionMultiplexer?> ConnectAsync()
    {
        try
        {
            // AbortOnConnectFail = false: returns after the first attempt even when Redis is down, then reconnects.
            return await ConnectionMultiplexer.ConnectAsync(_options.ToConfigurationOptions()).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A Redis that cannot be reached must never fail the application: features fall back.
        catch (Exception ex) when (ex is not Client.IdCloudConfigurationException)
#pragma warning restore CA1031
        {
            _ = ex;
            return null;
        }
    }
}
