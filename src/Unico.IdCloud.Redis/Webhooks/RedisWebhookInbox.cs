using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Unico.IdCloud.AspNetCore;
using Unico.IdCloud.Client.Diagnostics;

namespace Unico.IdCloud.Redis.Webhooks;

/// <summary>
/// The durable <see cref="IIdCloudWebhookInbox"/>: one Redis stream per application,
/// <c>{prefix}webhook-inbox:{group}</c>, read by a consumer group of that name in which every instance is a consumer.
/// </summary>
/// <remarks>
/// <para>Add = <c>XADD</c> (refused above <see cref="IdCloudRedisWebhookInboxOptions.MaxLength"/>, never trimmed);
/// receive = <c>XAUTOCLAIM</c> of an entry idle for <see cref="IdCloudRedisWebhookInboxOptions.TakeOverAfter"/> (its
/// consumer died) else <c>XREADGROUP … &gt;</c>, one script; complete = <c>XACK</c> + <c>XDEL</c>; return = the entry
/// is added again and the old one acknowledged, so any consumer can take it at once. A live consumer renews what it
/// holds (<c>XCLAIM … JUSTID</c>, only entries it still owns) every third of <c>TakeOverAfter</c>, so the dispatcher's
/// own retries — backoff of minutes — are never taken from it, while a dead consumer's entries move on after
/// <c>TakeOverAfter</c>. The <c>lease</c> the dispatcher passes is therefore not used.</para>
/// <para>An entry taken over more than <see cref="IdCloudRedisWebhookInboxOptions.MaxDeliveries"/> times is moved to a
/// dead-letter stream (a poison notification must not kill one instance after another); a taken-over entry whose
/// key the de-duplication store knows as handled (its consumer died between "handled" and <c>XACK</c>) is completed
/// without running the handler again.</para>
/// <para>Redis unreachable: with <see cref="IdCloudRedisWebhookInboxOptions.FallBackToMemory"/> notifications are
/// kept in an in-process queue and handled here (not durable meanwhile); on disposal whatever is left of it is moved to
/// Redis or, if Redis is still down, logged one line per notification (event 7023).</para>
/// </remarks>
internal sealed partial class RedisWebhookInbox : IIdCloudWebhookInbox, IAsyncDisposable, IDisposable
{
    /// <summary>The counter of notifications moved to the dead-letter stream.</summary>
    public const string DeadLettersInstrumentName = "idcloud.webhook.inbox.dead_letters";

    /// <summary>The counter of notifications taken over from a consumer that stopped responding.</summary>
    public const string TakeoversInstrumentName = "idcloud.webhook.inbox.takeovers";

    /// <summary>How many dead letters are kept (approximately; the oldest go first).</summary>
    private const int DeadLetterCapacity = 10_000;

    // KEYS[1] stream; ARGV[1] max length; ARGV[2..] field/value pairs. The entry id, or nil when the stream is full.
    private const string AddScript = """
        if redis.call('XLEN', KEYS[1]) >= tonumber(ARGV[1]) then return false end
        return redis.call('XADD', KEYS[1], '*', unpack(ARGV, 2))
        """;

    // KEYS[1] stream; ARGV[1] group, ARGV[2] consumer, ARGV[3] min idle ms, ARGV[4] XAUTOCLAIM cursor.
    // Returns {next cursor[, entry id, fields, deliveries]}: deliveries 0 = a new entry, n > 0 = taken over (n-th time).
    private const string ReceiveScript = """
        local claimed = redis.call('XAUTOCLAIM', KEYS[1], ARGV[1], ARGV[2], ARGV[3], ARGV[4], 'COUNT', 1)
        local entry = claimed[2][1]
        if entry and entry[2] then
          local pending = redis.call('XPENDING', KEYS[1], ARGV[1], entry[1], entry[1], 1)
          local deliveries = 2
          if pending[1] then deliveries = pending[1][4] end
          return {claimed[1], entry[1], entry[2], deliveries - 1}
        end
        local read = redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', 1, 'STREAMS', KEYS[1], '>')
        if read and read[1][2][1] then
          local fresh = read[1][2][1]
          return {claimed[1], fresh[1], fresh[2], 0}
        end
        return {claimed[1]}
        """;

    // KEYS[1] stream; ARGV[1] group, ARGV[2] consumer, ARGV[3..] entry ids. Renews (resets the idle time of) the entries
    // this consumer still owns, without counting a delivery; returns them. An entry another consumer took is left alone.
    private const string RenewScript = """
        local kept = {}
        for i = 3, #ARGV do
          local pending = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[i], ARGV[i], 1)
          if pending[1] and pending[1][2] == ARGV[2] then
            redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, ARGV[i], 'JUSTID')
            kept[#kept + 1] = ARGV[i]
          end
        end
        return kept
        """;

    // KEYS[1] stream; ARGV[1] group, ARGV[2] entry id.
    private const string CompleteScript = """
        redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
        return redis.call('XDEL', KEYS[1], ARGV[2])
        """;

    // KEYS[1] stream; ARGV[1] group, ARGV[2] consumer, ARGV[3] entry id, ARGV[4..] field/value pairs. Gives an entry this
    // consumer still owns back as a new entry (read by the next XREADGROUP anywhere, delivery count not raised).
    private const string ReturnScript = """
        local pending = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[3], ARGV[3], 1)
        if not (pending[1] and pending[1][2] == ARGV[2]) then return false end
        redis.call('XACK', KEYS[1], ARGV[1], ARGV[3])
        redis.call('XDEL', KEYS[1], ARGV[3])
        return redis.call('XADD', KEYS[1], '*', unpack(ARGV, 4))
        """;

    // KEYS[1] stream, KEYS[2] dead-letter stream; ARGV[1] group, ARGV[2] entry id, ARGV[3] capacity, ARGV[4..] fields.
    private const string DeadLetterScript = """
        redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], '*', unpack(ARGV, 4))
        redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
        return redis.call('XDEL', KEYS[1], ARGV[2])
        """;

    private readonly IdCloudRedisConnection _connection;
    private readonly IdCloudRedisFallback _fallback;
    private readonly IIdCloudWebhookDeduplicationStore _deduplication;
    private readonly IdCloudRedisWebhookInboxOptions _options;
    private readonly TimeSpan _claimDuration;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisWebhookInbox> _logger;
    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _deadLetters;
    private readonly Counter<long> _takeovers;
    private readonly RedisKey _stream;
    private readonly RedisKey _deadLetterStream;
    private readonly string _consumer;
    private readonly Channel<IdCloudWebhookInboxItem> _local;
    private readonly ConcurrentDictionary<string, string> _held = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _disposing = new();
    private readonly object _gate = new();
    private TaskCompletionSource _added = NewSignal();
    private Task? _renewal;
    private string _cursor = "0-0";
    private volatile bool _groupReady;
    private int _disposed;

    public RedisWebhookInbox(
        IdCloudRedisConnection connection,
        IdCloudRedisFallback fallback,
        IIdCloudWebhookDeduplicationStore deduplication,
        IOptions<IdCloudRedisWebhookInboxOptions> options,
        IOptions<IdCloudWebhookOptions> webhookOptions,
        TimeProvider timeProvider,
        ILogger<RedisWebhookInbox> logger,
        IMeterFactory? meterFactory = null)
    {
        _connection = connection;
        _fallback = fallback;
        _deduplication = deduplication;
        _options = options.Value;
        var problems = _options.Problems();
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(nameof(IdCloudRedisWebhookInboxOptions), typeof(IdCloudRedisWebhookInboxOptions), problems);
        }

        _claimDuration = webhookOptions.Value.ClaimDuration;
        _time = timeProvider;
        _logger = logger;
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(IdCloudTelemetry.MeterName) ?? new Meter(IdCloudTelemetry.MeterName);
        _deadLetters = _meter.CreateCounter<long>(DeadLettersInstrumentName, "{notification}", "Webhook notifications moved to the dead-letter stream after too many deliveries.");
        _takeovers = _meter.CreateCounter<long>(TakeoversInstrumentName, "{notification}", "Webhook notifications taken over from an instance that stopped responding.");
        _stream = $"{connection.KeyPrefix}webhook-inbox:{_options.ConsumerGroup}";
        _deadLetterStream = $"{connection.KeyPrefix}webhook-inbox:{_options.ConsumerGroup}:dead-letter";

        // Unique per process start: a restarted instance is a new consumer, and the old one's entries are taken over.
        _consumer = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
        _local = Channel.CreateBounded<IdCloudWebhookInboxItem>(new BoundedChannelOptions(_options.MaxLength) { FullMode = BoundedChannelFullMode.Wait });
    }

    /// <inheritdoc />
    public bool IsDurable => true;

    /// <summary>This instance's consumer name in the group.</summary>
    internal string ConsumerName => _consumer;

    /// <summary>The stream's key.</summary>
    internal RedisKey StreamKey => _stream;

    /// <summary>The dead-letter stream's key.</summary>
    internal RedisKey DeadLetterKey => _deadLetterStream;

    /// <inheritdoc />
    public async ValueTask<bool> TryAddAsync(IdCloudWebhookInboxItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        Exception? cause = null;
        var database = await _connection.GetDatabaseAsync().ConfigureAwait(false);
        if (database is not null)
        {
            try
            {
                var fields = RedisWebhookInboxEntry.ToFields(item);
                var id = await database.ScriptEvaluateAsync(
                    AddScript,
                    [_stream],
                    [_options.MaxLength, .. RedisWebhookInboxEntry.Flatten(fields)]).ConfigureAwait(false);
                _fallback.Succeeded(IdCloudRedisFeature.WebhookInbox);
                if (id.IsNull)
                {
                    return false;
                }

                Signal();
                return true;
            }
#pragma warning disable CA1031 // Redis down must not fail the receiver: the fallback below decides.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                cause = ex;
            }
        }

        _fallback.Degraded(IdCloudRedisFeature.WebhookInbox, cause);
        if (!_options.FallBackToMemory)
        {
            // The receiver answers 503 and logs this: IDCloud keeps the notification and delivers it again later.
            throw new InvalidOperationException(
                $"Redis is unreachable and {nameof(IdCloudRedisWebhookInboxOptions.FallBackToMemory)} is off: the notification is not acknowledged, so IDCloud delivers it again later.",
                cause);
        }

        if (!_local.Writer.TryWrite(item))
        {
            return false; // the in-memory queue is full too: 503
        }

        Signal();
        return true;
    }

    /// <inheritdoc />
    public async ValueTask<IdCloudWebhookInboxItem?> ReceiveAsync(TimeSpan lease, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        var deadline = _time.GetUtcNow() + wait;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var signal = Volatile.Read(ref _added).Task;
            if (_local.Reader.TryRead(out var local))
            {
                return local;
            }

            var (item, more) = await TryReceiveFromRedisAsync().ConfigureAwait(false);
            if (item is not null)
            {
                return item;
            }

            if (more)
            {
                continue;
            }

            var remaining = deadline - _time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                return null;
            }

            try
            {
                await signal.WaitAsync(remaining < _options.PollInterval ? remaining : _options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask CompleteAsync(IdCloudWebhookInboxItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Receipt is not { } id)
        {
            return; // kept in memory while Redis was down: nothing to remove there
        }

        _held.TryRemove(id, out _);
        var database = await RequireDatabaseAsync().ConfigureAwait(false);
        await database.ScriptEvaluateAsync(CompleteScript, [_stream], [_options.ConsumerGroup, id]).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask ReturnAsync(IdCloudWebhookInboxItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Receipt is not { } id)
        {
            // From the in-memory fallback: into Redis if it is back (durable, for any instance), else back in the queue.
            if (!await TryMoveToRedisAsync(item).ConfigureAwait(false))
            {
                _local.Writer.TryWrite(item);
                Signal();
            }

            return;
        }

        _held.TryRemove(id, out _);
        var database = await RequireDatabaseAsync().ConfigureAwait(false);
        var fields = RedisWebhookInboxEntry.ToFields(item);
        await database.ScriptEvaluateAsync(
            ReturnScript,
            [_stream],
            [_options.ConsumerGroup, _consumer, id, .. RedisWebhookInboxEntry.Flatten(fields)]).ConfigureAwait(false);
    }

    /// <summary>For containers disposed synchronously (<c>ServiceProvider.Dispose()</c> refuses async-only singletons).</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _disposing.CancelAsync().ConfigureAwait(false);
        if (_renewal is { } renewal)
        {
            await renewal.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        // Accepted while Redis was down and not handled here (a durable inbox is not drained on stop): into Redis now,
        // or one log line each, so no acknowledged notification disappears without a trace.
        _local.Writer.TryComplete();
        while (_local.Reader.TryRead(out var item))
        {
            if (await TryMoveToRedisAsync(item).ConfigureAwait(false))
            {
                Log.MovedToRedis(_logger, item.Key.ProcessId);
            }
            else
            {
                Log.LostWithRedisDown(_logger, item.Key.ProcessId);
            }
        }

        _disposing.Dispose();
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    /// <summary>
    /// One look at the stream: an entry to take over, else a new one. <c>more</c> is <see langword="true"/> when an
    /// entry was dealt with here (dead-lettered, already handled) and the caller should look again at once.
    /// </summary>
    private async Task<(IdCloudWebhookInboxItem? Item, bool More)> TryReceiveFromRedisAsync()
    {
        var database = await _connection.GetDatabaseAsync().ConfigureAwait(false);
        if (database is null)
        {
            _fallback.Degraded(IdCloudRedisFeature.WebhookInbox, null, count: false);
            return (null, false);
        }

        RedisResult[] answer;
        try
        {
            await EnsureGroupAsync(database).ConfigureAwait(false);
            answer = (RedisResult[])(await database.ScriptEvaluateAsync(
                ReceiveScript,
                [_stream],
                [_options.ConsumerGroup, _consumer, (long)_options.TakeOverAfter.TotalMilliseconds, Volatile.Read(ref _cursor)]).ConfigureAwait(false))!;
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
        {
            // The stream was removed (Redis restarted without persistence, a FLUSHALL): create the group again.
            _groupReady = false;
            return (null, true);
        }
#pragma warning disable CA1031 // Redis down: serve the in-memory queue only; the next poll tries again.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _fallback.Degraded(IdCloudRedisFeature.WebhookInbox, ex, count: false);
            return (null, false);
        }

        _fallback.Succeeded(IdCloudRedisFeature.WebhookInbox);
        Volatile.Write(ref _cursor, (string)answer[0]!);
        if (answer.Length < 4)
        {
            return (null, false);
        }

        var id = (string)answer[1]!;
        var fields = ReadFields((RedisResult[])answer[2]!);
        var takenOver = (int)answer[3];
        var item = RedisWebhookInboxEntry.FromFields(id, fields);
        if (item is null)
        {
            Log.Unreadable(_logger, id);
            await DeadLetterAsync(database, id, fields, "unreadable").ConfigureAwait(false);
            return (null, true);
        }

        if (takenOver > 0)
        {
            _takeovers.Add(1);
            if (takenOver >= _options.MaxDeliveries)
            {
                Log.DeadLettered(_logger, item.Key.ProcessId, takenOver, _options.MaxDeliveries);
                await DeadLetterAsync(database, id, fields, "deliveries").ConfigureAwait(false);
                return (null, true);
            }

            // Its consumer may have died between "handled" and XACK: the shared store then knows it as handled.
            if (await _deduplication.TryClaimAsync(item.Key, _claimDuration, CancellationToken.None).ConfigureAwait(false) == IdCloudWebhookClaim.AlreadyHandled)
            {
                Log.TakenOverAlreadyHandled(_logger, item.Key.ProcessId);
                await database.ScriptEvaluateAsync(CompleteScript, [_stream], [_options.ConsumerGroup, id]).ConfigureAwait(false);
                return (null, true);
            }

            Log.TookOver(_logger, item.Key.ProcessId, _options.TakeOverAfter, takenOver + 1);
        }

        _held[id] = item.Key.ProcessId;
        EnsureRenewing();
        return (item, false);
    }

    private async Task EnsureGroupAsync(IDatabase database)
    {
        if (_groupReady)
        {
            return;
        }

        try
        {
            // From "0": entries recorded before the group existed are read too.
            await database.ExecuteAsync("XGROUP", "CREATE", _stream, _options.ConsumerGroup, "0", "MKSTREAM").ConfigureAwait(false);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            // Another instance created it.
        }

        _groupReady = true;
    }

    private async Task DeadLetterAsync(IDatabase database, string id, IReadOnlyDictionary<string, string> fields, string reason)
    {
        _deadLetters.Add(1, new KeyValuePair<string, object?>("reason", reason));
        var values = new List<RedisValue> { _options.ConsumerGroup, id, DeadLetterCapacity };
        foreach (var (name, value) in fields)
        {
            values.Add(name);
            values.Add(value);
        }

        values.Add("deadLetterReason");
        values.Add(reason);
        values.Add("originalId");
        values.Add(id);
        await database.ScriptEvaluateAsync(DeadLetterScript, [_stream, _deadLetterStream], [.. values]).ConfigureAwait(false);
    }

    private async Task<bool> TryMoveToRedisAsync(IdCloudWebhookInboxItem item)
    {
        var database = await _connection.GetDatabaseAsync().ConfigureAwait(false);
        if (database is null)
        {
            return false;
        }

        try
        {
            // Not bounded by MaxLength: it was acknowledged already, so it must not be refused now.
            await database.StreamAddAsync(_stream, RedisWebhookInboxEntry.ToFields(item)).ConfigureAwait(false);
            return true;
        }
#pragma warning disable CA1031 // Still down: the caller keeps it or logs it.
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    private async Task<IDatabase> RequireDatabaseAsync() =>
        await _connection.GetDatabaseAsync().ConfigureAwait(false)
        ?? throw new InvalidOperationException("Redis is unreachable: the webhook inbox cannot reach its stream.");

    /// <summary>Starts the loop that keeps this consumer's entries its own while it is alive.</summary>
    private void EnsureRenewing()
    {
        if (_renewal is not null)
        {
            return;
        }

        lock (_gate)
        {
            _renewal ??= Task.Run(RenewLoopAsync, CancellationToken.None);
        }
    }

    private async Task RenewLoopAsync()
    {
        var every = _options.TakeOverAfter / 3;
        while (!_disposing.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, _time, _disposing.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var ids = _held.Keys.ToArray();
            if (ids.Length == 0)
            {
                continue;
            }

            try
            {
                var database = await _connection.GetDatabaseAsync().ConfigureAwait(false);
                if (database is null)
                {
                    continue;
                }

                var kept = ((RedisResult[])(await database.ScriptEvaluateAsync(
                    RenewScript,
                    [_stream],
                    [_options.ConsumerGroup, _consumer, .. ids.Select(i => (RedisValue)i)]).ConfigureAwait(false))!)
                    .Select(r => (string)r!).ToHashSet(StringComparer.Ordinal);
                foreach (var id in ids)
                {
                    if (!kept.Contains(id) && _held.TryRemove(id, out var processId))
                    {
                        // Completed meanwhile (then it is gone from the set already), or taken over: this instance went
                        // silent for longer than TakeOverAfter (a pause, a partition) and another one runs it now.
                        Log.LostToAnotherConsumer(_logger, processId, _options.TakeOverAfter);
                    }
                }
            }
#pragma warning disable CA1031 // A missed renewal is retried; past TakeOverAfter another instance may take the entry (logged there).
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    private static Dictionary<string, string> ReadFields(RedisResult[] flat)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < flat.Length; i += 2)
        {
            fields[(string)flat[i]!] = (string)flat[i + 1]!;
        }

        return fields;
    }

    private void Signal() => Interlocked.Exchange(ref _added, NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static partial class Log
    {
        [LoggerMessage(EventId = 7020, EventName = "IdCloudWebhookInboxTookOver", Level = LogLevel.Warning,
            Message = "Webhook notification for process {ProcessId} was held by an instance silent for at least {TakeOverAfter}: this instance takes it over (delivery {Delivery}).")]
        public static partial void TookOver(ILogger logger, string processId, TimeSpan takeOverAfter, int delivery);

        [LoggerMessage(EventId = 7021, EventName = "IdCloudWebhookInboxDeadLettered", Level = LogLevel.Error,
            Message = "Webhook notification for process {ProcessId} was taken by {Deliveries} instances without being handled (MaxDeliveries {MaxDeliveries}): moved to the dead-letter stream; the handler will not run for it unless it is delivered again.")]
        public static partial void DeadLettered(ILogger logger, string processId, int deliveries, int maxDeliveries);

        [LoggerMessage(EventId = 7022, EventName = "IdCloudWebhookInboxLeaseLost", Level = LogLevel.Warning,
            Message = "Webhook notification for process {ProcessId} was taken over by another instance while this one held it (silent for longer than {TakeOverAfter}): its handler may run twice.")]
        public static partial void LostToAnotherConsumer(ILogger logger, string processId, TimeSpan takeOverAfter);

        [LoggerMessage(EventId = 7023, EventName = "IdCloudWebhookInboxLost", Level = LogLevel.Error,
            Message = "Webhook notification for process {ProcessId} was acknowledged while Redis was unreachable and is not handled: Redis is still unreachable as this instance stops. IDCloud will not deliver it again; the reconciler is the fallback.")]
        public static partial void LostWithRedisDown(ILogger logger, string processId);

        [LoggerMessage(EventId = 7024, EventName = "IdCloudWebhookInboxMovedToRedis", Level = LogLevel.Information,
            Message = "Webhook notification for process {ProcessId}, acknowledged while Redis was unreachable, was moved to the Redis inbox for another instance.")]
        public static partial void MovedToRedis(ILogger logger, string processId);

        [LoggerMessage(EventId = 7025, EventName = "IdCloudWebhookInboxUnreadable", Level = LogLevel.Error,
            Message = "Webhook inbox entry {EntryId} is not one this SDK wrote: moved to the dead-letter stream.")]
        public static partial void Unreadable(ILogger logger, string entryId);

        [LoggerMessage(EventId = 7026, EventName = "IdCloudWebhookInboxAlreadyHandled", Level = LogLevel.Information,
            Message = "Webhook notification for process {ProcessId}, left by an instance that stopped, was already handled: completed without running the handler again.")]
        public static partial void TakenOverAlreadyHandled(ILogger logger, string processId);
    }
}
