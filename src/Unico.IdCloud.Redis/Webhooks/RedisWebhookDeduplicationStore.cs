using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Unico.IdCloud.AspNetCore;

namespace Unico.IdCloud.Redis.Webhooks;

/// <summary>
/// The Redis <see cref="IIdCloudWebhookDeduplicationStore"/>: one key per process and state,
/// <c>{prefix}webhook:{processId|state}</c>. A claim is an atomic script (<c>GET</c>, then <c>SET … PX lease</c> only
/// when absent) whose value is a claim id; handled keys hold <c>h</c> for the retention period; a release deletes the
/// key only if it still holds this instance's claim id, so a claim that expired and was taken by another instance is
/// never released by the first.
/// </summary>
/// <remarks>
/// Redis unreachable: each call uses an in-process store (the same one the receiver uses by default), so duplicates are
/// still caught within the instance; a warning and a metric say so.
/// </remarks>
internal sealed class RedisWebhookDeduplicationStore : IIdCloudWebhookDeduplicationStore
{
    private const string Handled = "h";

    // KEYS[1] key; ARGV[1] claim id, ARGV[2] lease ms. Returns 0 claimed, 1 in progress, 2 handled.
    private const string ClaimScript = """
        local v = redis.call('GET', KEYS[1])
        if v == 'h' then return 2 end
        if v then return 1 end
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        return 0
        """;

    private const string ReleaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    private readonly IdCloudRedisConnection _connection;
    private readonly IdCloudRedisFallback _fallback;
    private readonly InMemoryIdCloudWebhookDeduplicationStore _local;
    private readonly TimeSpan _retention;

    // The claim ids this instance holds, so a release is fenced.
    private readonly ConcurrentDictionary<IdCloudWebhookDeliveryKey, string> _claims = new();

    public RedisWebhookDeduplicationStore(
        IdCloudRedisConnection connection,
        IdCloudRedisFallback fallback,
        IOptions<IdCloudWebhookOptions> webhookOptions,
        TimeProvider timeProvider)
    {
        _connection = connection;
        _fallback = fallback;
        var options = webhookOptions.Value;
        _retention = options.DeduplicationRetention;
        _local = new InMemoryIdCloudWebhookDeduplicationStore(timeProvider, options.DeduplicationRetention, options.DeduplicationCapacity);
    }

    /// <inheritdoc />
    public async ValueTask<IdCloudWebhookClaim> TryClaimAsync(IdCloudWebhookDeliveryKey key, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        var database = await _connection.GetDatabaseAsync().ConfigureAwait(false);
        if (database is not null)
        {
            var claimId = "c:" + Guid.NewGuid().ToString("N");
            try
            {
                var answer = (int)await database.ScriptEvaluateAsync(ClaimScript, [Key(key)], [claimId, (long)lease.TotalMilliseconds]).ConfigureAwait(false);
                _fallback.Succeeded(IdCloudRedisFeature.WebhookDeduplication);
                if (answer == 0)
                {
                    _claims[key] = claimId;
                    return IdCloudWebhookClaim.Claimed;
                }

                return answer == 2 ? IdCloudWebhookClaim.AlreadyHandled : IdCloudWebhookClaim.InProgress;
            }
#pragma warning disable CA1031 // Redis down must not fail the receiver: de-duplicate within this instance.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                // A timeout does not mean the script did not run: Redis may hold this claim id, and if the handling is
                // given up, only a release fenced by it lets a redelivery in before the claim's lease ends. Where the
                // claim never ran, that release deletes nothing.
                _claims[key] = claimId;
                _fallback.Degraded(IdCloudRedisFeature.WebhookDeduplication, ex);
            }
        }
        else
        {
            _fallback.Degraded(IdCloudRedisFeature.WebhookDeduplication, null);
        }

        return await _local.TryClaimAsync(key, lease, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask MarkHandledAsync(IdCloudWebhookDeliveryKey key, CancellationToken cancellationToken = default)
    {
        _claims.TryRemove(key, out _);
        await _local.MarkHandledAsync(key, cancellationToken).ConfigureAwait(false);
        var database = await _connection.GetDatabaseAsync().ConfigureAwait(false);
        if (database is null)
        {
            _fallback.Degraded(IdCloudRedisFeature.WebhookDeduplication, null);
            return;
        }

        try
        {
            await database.StringSetAsync(Key(key), Handled, _retention).ConfigureAwait(false);
            _fallback.Succeeded(IdCloudRedisFeature.WebhookDeduplication);
        }
#pragma warning disable CA1031 // Recorded in process at least; a later duplicate elsewhere is the documented risk of an outage.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _fallback.Degraded(IdCloudRedisFeature.WebhookDeduplication, ex);
        }
    }

    /// <inheritdoc />
    public async ValueTask ReleaseAsync(IdCloudWebhookDeliveryKey key, CancellationToken cancellationToken = default)
    {
        await _local.ReleaseAsync(key, cancellationToken).ConfigureAwait(false);
        if (!_claims.TryRemove(key, out var claimId))
        {
            return;
        }

        var database = await _connection.GetDatabaseAsync().ConfigureAwait(false);
        if (database is null)
        {
            _fallback.Degraded(IdCloudRedisFeature.WebhookDeduplication, null);
            return;
        }

        try
        {
            await database.ScriptEvaluateAsync(ReleaseScript, [Key(key)], [claimId]).ConfigureAwait(false);
            _fallback.Succeeded(IdCloudRedisFeature.WebhookDeduplication);
        }
#pragma warning disable CA1031 // The claim then expires with its lease.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _fallback.Degraded(IdCloudRedisFeature.WebhookDeduplication, ex);
        }
    }

    internal RedisKey Key(IdCloudWebhookDeliveryKey key) => $"{_connection.KeyPrefix}webhook:{key}";
}
