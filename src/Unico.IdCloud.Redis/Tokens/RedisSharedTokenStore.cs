using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Unico.IdCloud.Client;

namespace Unico.IdCloud.Redis.Tokens;

/// <summary>
/// The Redis <see cref="IIdCloudSharedTokenStore"/>. Per service account two keys share a hash slot:
/// <c>{prefix}token:{host|tenant|account}</c> holds the token, protected with ASP.NET Core Data Protection (purpose
/// bound to the account, so a value copied under another account's key does not decrypt), expiring with the token;
/// <c>{prefix}token-lease:{…}</c> is the single-flight lock (<c>SET NX PX</c>, renewed by its holder, released and
/// published by compare-and-delete scripts so an expired holder never releases another's lease).
/// </summary>
/// <remarks>
/// Redis unreachable: reads answer "no token" and every lease is granted locally, so each instance requests its own
/// token (the token provider's in-process single flight still holds), with a warning and a metric. A value that does
/// not decrypt (instances that do not share the Data Protection key ring) is treated as absent and logged.
/// </remarks>
internal sealed partial class RedisSharedTokenStore : IIdCloudSharedTokenStore
{
    private const string Purpose = "Unico.IdCloud.Redis.AccessToken.v1";

    // KEYS[1] token, KEYS[2] lease; ARGV[1] payload, ARGV[2] token ttl ms, ARGV[3] lease id.
    private const string PublishScript = """
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        if redis.call('GET', KEYS[2]) == ARGV[3] then redis.call('DEL', KEYS[2]) end
        return 1
        """;

    // KEYS[1] key; ARGV[1] expected value.
    private const string DeleteIfScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    // KEYS[1] lease; ARGV[1] lease id, ARGV[2] lease ms.
    private const string RenewScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        return 0
        """;

    private readonly IdCloudRedisConnection _connection;
    private readonly IdCloudRedisFallback _fallback;
    private readonly IDataProtectionProvider _protection;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisSharedTokenStore> _logger;
    private readonly TimeSpan _leaseDuration;

    public RedisSharedTokenStore(
        IdCloudRedisConnection connection,
        IdCloudRedisFallback fallback,
        IDataProtectionProvider protection,
        TimeProvider timeProvider,
        ILogger<RedisSharedTokenStore> logger)
    {
        _connection = connection;
        _fallback = fallback;
        _protection = protection;
        _time = timeProvider;
        _logger = logger;
        _leaseDuration = connection.Options.TokenLeaseDuration;
    }

    /// <inheritdoc />
    public async ValueTask<IdCloudAccessToken?> GetAsync(IdCloudTokenCacheKey key, CancellationToken cancellationToken)
    {
        var raw = await ReadRawAsync(key).ConfigureAwait(false);
        return raw is null ? null : Unprotect(key, raw);
    }

    /// <inheritdoc />
    public async ValueTask<IIdCloudSharedTokenLease?> TryAcquireLeaseAsync(IdCloudTokenCacheKey key, CancellationToken cancellationToken)
    {
        var database = await _connection.GetDatabaseAsync().ConfigureAwait(false);
        if (database is null)
        {
            _fallback.Degraded(IdCloudRedisFeature.TokenCache, null);
            return LocalLease.Instance;
        }

        var leaseId = Guid.NewGuid().ToString("N");
        try
        {
            var acquired = await database.StringSetAsync(LeaseKey(key), leaseId, _leaseDuration, When.NotExists).ConfigureAwait(false);
            _fallback.Succeeded(IdCloudRedisFeature.TokenCache);
            return acquired ? new Lease(this, database, key, leaseId) : null;
        }
#pragma warning disable CA1031 // Redis down must never fail a token request: the instance mints its own.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // A timeout does not mean the SET did not run: Redis may grant this lease after the answer was given up,
            // and nobody would renew or release it, so the other instances would wait out TokenLeaseDuration before
            // requesting a token. The fenced delete goes out on the same connection after the SET, so it lands after
            // it; for a lease never granted it does nothing.
            _ = DeleteLostLeaseAsync(database, key, leaseId);
            _fallback.Degraded(IdCloudRedisFeature.TokenCache, ex);
            return LocalLease.Instance;
        }
    }

    private async Task DeleteLostLeaseAsync(IDatabase database, IdCloudTokenCacheKey key, string leaseId)
    {
        try
        {
            await database.ScriptEvaluateAsync(DeleteIfScript, [LeaseKey(key)], [leaseId]).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Best effort: a lease not deleted expires after TokenLeaseDuration.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _ = ex;
        }
    }

    /// <inheritdoc />
    public async ValueTask RemoveAsync(IdCloudTokenCacheKey key, IdCloudAccessToken token, CancellationToken cancellationToken)
    {
        var raw = await ReadRawAsync(key).ConfigureAwait(false);
        if (raw is null || Unprotect(key, raw) is not { } stored || !string.Equals(stored.Value, token.Value, StringComparison.Ordinal))
        {
            return;
        }

        await TryAsync(db => db.ScriptEvaluateAsync(DeleteIfScript, [TokenKey(key)], [raw])).ConfigureAwait(false);
    }

    /// <summary>The key holding the protected token (also used by tests to read Redis back).</summary>
    internal RedisKey TokenKey(IdCloudTokenCacheKey key) => $"{_connection.KeyPrefix}token:{{{key}}}";

    /// <summary>The single-flight lease key; same hash slot as the token.</summary>
    internal RedisKey LeaseKey(IdCloudTokenCacheKey key) => $"{_connection.KeyPrefix}token-lease:{{{key}}}";

    private async ValueTask<byte[]?> ReadRawAsync(IdCloudTokenCacheKey key)
    {
        var database = await _connection.GetDatabaseAsync().ConfigureAwait(false);
        if (database is null)
        {
            _fallback.Degraded(IdCloudRedisFeature.TokenCache, null);
            return null;
        }

        try
        {
            var value = await database.StringGetAsync(TokenKey(key)).ConfigureAwait(false);
            _fallback.Succeeded(IdCloudRedisFeature.TokenCache);
            return value.IsNull ? null : (byte[]?)value;
        }
#pragma warning disable CA1031 // Redis down: no shared token; the instance requests its own.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _fallback.Degraded(IdCloudRedisFeature.TokenCache, ex);
            return null;
        }
    }

    private async ValueTask TryAsync(Func<IDatabase, Task> command)
    {
        var database = await _connection.GetDatabaseAsync().ConfigureAwait(false);
        if (database is null)
        {
            _fallback.Degraded(IdCloudRedisFeature.TokenCache, null);
            return;
        }

        try
        {
            await command(database).ConfigureAwait(false);
            _fallback.Succeeded(IdCloudRedisFeature.TokenCache);
        }
#pragma warning disable CA1031 // Redis down: sharing is best effort; the token itself is already in hand.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _fallback.Degraded(IdCloudRedisFeature.TokenCache, ex);
        }
    }

    private IDataProtector ProtectorFor(IdCloudTokenCacheKey key) => _protection.CreateProtector(Purpose, key.ToString());

    private byte[] Protect(IdCloudTokenCacheKey key, IdCloudAccessToken token)
    {
        var buffer = new ArrayBufferWriter<byte>(token.Value.Length + 64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("v", token.Value);
            writer.WriteString("t", token.TokenType);
            writer.WriteNumber("e", token.ExpiresOn.ToUnixTimeMilliseconds());
            writer.WriteEndObject();
        }

        return ProtectorFor(key).Protect(buffer.WrittenSpan.ToArray());
    }

    private IdCloudAccessToken? Unprotect(IdCloudTokenCacheKey key, byte[] raw)
    {
        try
        {
            var plain = ProtectorFor(key).Unprotect(raw);
            var reader = new Utf8JsonReader(plain);
            string? value = null, type = null;
            long? expires = null;
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }

                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "v": value = reader.GetString(); break;
                    case "t": type = reader.GetString(); break;
                    case "e": expires = reader.GetInt64(); break;
                }
            }

            return value is null || type is null || expires is null
                ? null
                : new IdCloudAccessToken(value, type, DateTimeOffset.FromUnixTimeMilliseconds(expires.Value));
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException or ArgumentException or InvalidOperationException)
        {
            // Never the value or the exception message: only that it could not be read, and the likely reason.
            Log.SharedTokenUnreadable(_logger, key.TenantId, key.AccountName, ex.GetType().Name);
            return null;
        }
    }

    /// <summary>A lease held in Redis, renewed every third of its duration until disposed.</summary>
    private sealed class Lease : IIdCloudSharedTokenLease
    {
        private readonly RedisSharedTokenStore _store;
        private readonly IDatabase _database;
        private readonly IdCloudTokenCacheKey _key;
        private readonly string _id;
        private readonly ITimer _renewal;
        private int _done;

        public Lease(RedisSharedTokenStore store, IDatabase database, IdCloudTokenCacheKey key, string id)
        {
            _store = store;
            _database = database;
            _key = key;
            _id = id;
            var every = store._leaseDuration / 3;
            _renewal = store._time.CreateTimer(static s => ((Lease)s!).Renew(), this, every, every);
        }

        public async ValueTask PublishAsync(IdCloudAccessToken token, CancellationToken cancellationToken)
        {
            var ttl = token.ExpiresOn - _store._time.GetUtcNow();
            if (ttl <= TimeSpan.Zero)
            {
                return;
            }

            var payload = _store.Protect(_key, token);
            Interlocked.Exchange(ref _done, 1);
            await _renewal.DisposeAsync().ConfigureAwait(false);
            await _store.TryAsync(db => db.ScriptEvaluateAsync(
                PublishScript,
                [_store.TokenKey(_key), _store.LeaseKey(_key)],
                [payload, (long)ttl.TotalMilliseconds, _id])).ConfigureAwait(false);
        }

        public async ValueTask DisposeAsync()
        {
            await _renewal.DisposeAsync().ConfigureAwait(false);
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                await _store.TryAsync(db => db.ScriptEvaluateAsync(DeleteIfScript, [_store.LeaseKey(_key)], [_id])).ConfigureAwait(false);
            }
        }

        private void Renew()
        {
            if (Volatile.Read(ref _done) == 0)
            {
                _ = _database.ScriptEvaluateAsync(
                    RenewScript,
                    [_store.LeaseKey(_key)],
                    [_id, (long)_store._leaseDuration.TotalMilliseconds],
                    CommandFlags.FireAndForget);
            }
        }
    }

    /// <summary>Granted when Redis is unreachable: the instance requests its own token and shares nothing.</summary>
    private sealed class LocalLease : IIdCloudSharedTokenLease
    {
        public static readonly LocalLease Instance = new();

        public ValueTask PublishAsync(IdCloudAccessToken token, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7010, EventName = "IdCloudSharedTokenUnreadable", Level = LogLevel.Warning,
            Message = "The shared IDCloud access token for {AccountName}@{TenantId} in Redis could not be read ({ErrorType}); requesting one here. Instances must share the ASP.NET Core Data Protection key ring and application name.")]
        public static partial void SharedTokenUnreadable(ILogger logger, string tenantId, string accountName, string errorType);
    }
}
