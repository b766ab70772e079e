using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Unico.IdCloud.Redis;

/// <summary>
/// The one Redis connection of the SDK (a singleton). Connects on first use without ever failing the caller: while
/// Redis is unreachable <see cref="GetDatabaseAsync"/> answers <see langword="null"/> at once and each feature uses
/// its in-process fallback; StackExchange.Redis keeps reconnecting in the background. Only at start-up, until the first
/// connection is made or <see cref="IdCloudRedisOptions.ConnectTimeout"/> has passed, do callers wait for it.
/// </summary>
internal sealed class IdCloudRedisConnection : IAsyncDisposable, IDisposable
{
    private readonly IdCloudRedisOptions _options;
    private static readonly TimeSpan StartupPollInterval = TimeSpan.FromMilliseconds(20);

    // After a connection attempt that threw, the next one waits this long, so a burst of calls is not a burst of
    // attempts; calls meanwhile use their fallback.
    private static readonly TimeSpan RetryAfterFailedAttempt = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private Task<ConnectionMultiplexer?>? _connecting;
    private DateTimeOffset _startupDeadline = DateTimeOffset.MaxValue;
    private DateTimeOffset _retryAt;

    private readonly Func<ConfigurationOptions, Task<ConnectionMultiplexer>> _connect;

    public IdCloudRedisConnection(IOptions<IdCloudRedisOptions> options, TimeProvider timeProvider)
        : this(options, timeProvider, static configuration => ConnectionMultiplexer.ConnectAsync(configuration))
    {
    }

    /// <summary>With the connect call replaced, so a test can make the first attempt throw.</summary>
    internal IdCloudRedisConnection(IOptions<IdCloudRedisOptions> options, TimeProvider timeProvider, Func<ConfigurationOptions, Task<ConnectionMultiplexer>> connect)
    {
        _options = options.Value;
        _time = timeProvider;
        _connect = connect;
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
            if (_connecting is null)
            {
                // Until the first connection succeeds or ConnectTimeout has passed, callers wait for it.
                _startupDeadline = _time.GetUtcNow() + _options.ConnectTimeout;
                _connecting = ConnectAsync();
            }
            else if (_connecting is { IsCompletedSuccessfully: true, Result: null } && _time.GetUtcNow() >= _retryAt)
            {
                // The last attempt threw without making a multiplexer, so nothing reconnects in the background: a
                // failed attempt kept as the answer would leave every instance on its fallback until it restarts.
                _connecting = ConnectAsync();
            }

            connecting = _connecting;
        }

        var multiplexer = connecting.IsCompletedSuccessfully ? connecting.Result : await connecting.ConfigureAwait(false);
        if (multiplexer is null)
        {
            return null;
        }

        if (!multiplexer.IsConnected && _time.GetUtcNow() < _startupDeadline)
        {
            // Starting up (a cold process, a busy machine): the first connection may still be in progress. Falling
            // back now would make this instance act alone (its own token, its own budget) for no reason.
            await WaitForFirstConnectionAsync(multiplexer).ConfigureAwait(false);
        }

        if (!multiplexer.IsConnected)
        {
            return null;
        }

        if (_startupDeadline != DateTimeOffset.MinValue)
        {
            // Connected once: from now on an outage falls back at once.
            _startupDeadline = DateTimeOffset.MinValue;
        }

        return multiplexer.GetDatabase();
    }

    private async Task WaitForFirstConnectionAsync(ConnectionMultiplexer multiplexer)
    {
        while (!multiplexer.IsConnected && _time.GetUtcNow() < _startupDeadline)
        {
            await Task.Delay(StartupPollInterval, _time).ConfigureAwait(false);
        }
    }

    /// <summary>For containers disposed synchronously (<c>ServiceProvider.Dispose()</c> refuses async-only singletons).</summary>
    public void Dispose()
    {
        Task<ConnectionMultiplexer?>? connecting;
        lock (_gate)
        {
            connecting = _connecting;
        }

        if (connecting is { IsCompletedSuccessfully: true, Result: { } multiplexer })
        {
            multiplexer.Dispose();
        }
    }

    /// <summary>The multiplexer <paramref name="connecting"/> made, or <see langword="null"/> when it made none.</summary>
    private static async Task<ConnectionMultiplexer?> MadeAsync(Task<ConnectionMultiplexer?> connecting)
    {
        try
        {
            return await connecting.ConfigureAwait(false);
        }
        catch (Client.IdCloudException)
        {
            // A configuration that can never connect: there is nothing to close, and disposal must not throw.
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task<ConnectionMultiplexer?>? connecting;
        lock (_gate)
        {
            connecting = _connecting;
        }

        if (connecting is not null && await MadeAsync(connecting).ConfigureAwait(false) is { } multiplexer)
        {
            await multiplexer.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<ConnectionMultiplexer?> ConnectAsync()
    {
        // A string that can never connect throws an IdCloudException (Configuration) here; that task is kept, so every
        // call says what is wrong, as an empty Configuration does: trying again cannot help until it is changed.
        var configuration = _options.ToConfigurationOptions();
        try
        {
            // AbortOnConnectFail = false: returns after the first attempt even when Redis is down, refuses the
            // credentials or does not resolve, and the multiplexer then reconnects by itself.
            return await _connect(configuration).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            // What the library still refuses once parsing passed (no endpoint at all) is as permanent as a parse error.
            throw _options.Unusable(ex);
        }
#pragma warning disable CA1031 // A Redis that cannot be reached must never fail the application: features fall back.
        catch (Exception ex) when (ex is not Client.IdCloudException { Kind: Client.IdCloudErrorKind.Configuration })
#pragma warning restore CA1031
        {
            // No multiplexer was made, so none reconnects: a later call makes the next attempt.
            _ = ex;
            lock (_gate)
            {
                // Read under the same lock: a DateTimeOffset is two words, and a torn read could allow an attempt at once.
                _retryAt = _time.GetUtcNow() + RetryAfterFailedAttempt;
            }

            return null;
        }
    }
}
