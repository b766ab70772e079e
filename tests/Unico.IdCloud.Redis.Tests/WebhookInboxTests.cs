using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Unico.IdCloud.AspNetCore;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.Redis.Tests.Infrastructure;

namespace Unico.IdCloud.Redis.Tests;

/// <summary>
/// The Redis webhook inbox (<c>UseRedisWebhookInbox()</c>) used directly by several instances in this process, against
/// a real redis-server: take-over only from an instance that went silent, the dead-letter bound, Redis down, options.
/// </summary>
public sealed class WebhookInboxTests(WebhookInboxTests.Fixture fixture) : IClassFixture<WebhookInboxTests.Fixture>
{
    private static readonly TimeSpan AnyLease = TimeSpan.FromHours(1);

    private readonly string _prefix = "i" + Guid.NewGuid().ToString("N")[..8] + ":";

    private string Stream => _prefix + "webhook-inbox:idcloud-webhooks";

    [Fact]
    public async Task ANotificationHeldByALiveInstanceIsNotTakenOverButOneLeftByADeadInstanceIsAfterTakeOverAfter()
    {
        // A live instance renews every third of TakeOverAfter, so it survives a stall of up to two thirds of it. At
        // 1.5 s that was 1 s, and a clean-clone CI run on this 2-core machine once stalled the renewal longer than that
        // (the other instance took the entry while the holder was alive); 3 s leaves 2 s of stall.
        var takeOverAfter = TimeSpan.FromSeconds(3);
        var a = Start(fixture.Redis.Configuration, o => o.TakeOverAfter = takeOverAfter);
        await using var b = Start(fixture.Redis.Configuration, o => o.TakeOverAfter = takeOverAfter);
        var item = NewItem();
        Assert.True(await Inbox(a).TryAddAsync(item));
        var held = await Inbox(a).ReceiveAsync(AnyLease, TimeSpan.FromSeconds(5));
        Assert.NotNull(held);
        Assert.Equal(item.Key, held.Key);
        Assert.NotNull(held.Receipt);

        // Alive: one and a half take-over times pass without the other instance getting it (without the renewals it
        // would take it over after one).
        Assert.Null(await Inbox(b).ReceiveAsync(AnyLease, takeOverAfter * 1.5));

        // Dead (its container is gone: no renewal, nothing given back): the other one takes it over.
        await a.DisposeAsync();
        var clock = Stopwatch.StartNew();
        var taken = await Inbox(b).ReceiveAsync(AnyLease, TimeSpan.FromSeconds(10));
        Assert.NotNull(taken);
        Assert.Equal(held.Receipt, taken.Receipt);
        Assert.Equal(item.Notification.ProcessId, taken.Notification.ProcessId);
        Assert.Equal(ProcessState.Finished, taken.Notification.State);
        Assert.Contains(b.Logs.Entries, e => e.EventId == 7020 && e.Level == LogLevel.Warning);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));

        await Inbox(b).CompleteAsync(taken);
        var redis = fixture.Direct.GetDatabase();
        Assert.Equal(0, await redis.StreamLengthAsync(Stream));
        Assert.Equal(0, (await redis.StreamPendingAsync(Stream, "idcloud-webhooks")).PendingMessageCount);
    }

    [Fact]
    public async Task AReturnedNotificationIsTakenByAnotherInstanceAtOnce()
    {
        await using var a = Start(fixture.Redis.Configuration);
        await using var b = Start(fixture.Redis.Configuration);
        Assert.True(await Inbox(a).TryAddAsync(NewItem()));
        var held = await Inbox(a).ReceiveAsync(AnyLease, TimeSpan.FromSeconds(5));
        Assert.NotNull(held);

        await Inbox(a).ReturnAsync(held);

        // Well before the default one-minute take-over time.
        var taken = await Inbox(b).ReceiveAsync(AnyLease, TimeSpan.FromSeconds(5));
        Assert.NotNull(taken);
        Assert.Equal(held.Key, taken.Key);
        Assert.DoesNotContain(b.Logs.Entries, e => e.EventId == 7020);
    }

    [Fact]
    public async Task ANotificationWhoseHandlingKeepsKillingItsInstanceIsDeadLetteredAfterMaxDeliveries()
    {
        static void Options(IdCloudRedisWebhookInboxOptions o)
        {
            o.TakeOverAfter = TimeSpan.FromMilliseconds(300);
            o.PollInterval = TimeSpan.FromMilliseconds(50);
            o.MaxDeliveries = 2;
        }

        var item = NewItem();
        for (var delivery = 1; delivery <= 2; delivery++)
        {
            await using var dying = Start(fixture.Redis.Configuration, Options);
            if (delivery == 1)
            {
                Assert.True(await Inbox(dying).TryAddAsync(item));
            }

            var held = await Inbox(dying).ReceiveAsync(AnyLease, TimeSpan.FromSeconds(5));
            Assert.NotNull(held);
        }

        await using var last = Start(fixture.Redis.Configuration, Options);
        Assert.Null(await Inbox(last).ReceiveAsync(AnyLease, TimeSpan.FromSeconds(2)));

        var redis = fixture.Direct.GetDatabase();
        Assert.Equal(0, await redis.StreamLengthAsync(Stream));
        var dead = Assert.Single(await redis.StreamRangeAsync(Stream + ":dead-letter"));
        Assert.Equal(item.Notification.ProcessId, (string?)dead["processId"]);
        Assert.Equal("deliveries", (string?)dead["deadLetterReason"]);
        Assert.Contains(last.Logs.Entries, e => e.EventId == 7021 && e.Level == LogLevel.Error && e.Message.Contains(item.Notification.ProcessId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WhenRedisIsDownNotificationsAreKeptInMemoryLoggedAndMovedToRedisWhenTheInstanceStops()
    {
        var server = await RedisServer.StartAsync();
        var port = server.Port;
        var instance = Start(server.Configuration, o => o.PollInterval = TimeSpan.FromMilliseconds(50));
        await using var strict = Start(server.Configuration, o => o.FallBackToMemory = false);
        try
        {
            Assert.True(await Inbox(instance).TryAddAsync(NewItem()));
            Assert.NotNull(await Inbox(strict).ReceiveAsync(AnyLease, TimeSpan.Zero)); // both connected
            await server.StopAsync();

            var handledHere = NewItem();
            Assert.True(await Inbox(instance).TryAddAsync(handledHere));
            var leftOver = NewItem();
            Assert.True(await Inbox(instance).TryAddAsync(leftOver));
            Assert.Contains(instance.Logs.Entries, e => e.EventId == 7001 && e.Message.Contains("webhook-inbox", StringComparison.Ordinal));
            var local = await Inbox(instance).ReceiveAsync(AnyLease, TimeSpan.FromSeconds(1));
            Assert.NotNull(local);
            Assert.Equal(handledHere.Key, local.Key);
            Assert.Null(local.Receipt);
            await Inbox(instance).CompleteAsync(local);

            // Never acknowledged without a durable record when so configured: the receiver answers 503 (and logs the
            // exception), IDCloud delivers again.
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Inbox(strict).TryAddAsync(NewItem()).AsTask());
            Assert.Contains("FallBackToMemory", refused.Message, StringComparison.Ordinal);

            // Redis is back; the instance stops with one notification it did not handle: it goes to Redis, not lost.
            await using var restarted = await RedisServer.StartAsync(port);
            var connection = instance.Services.GetRequiredService<IdCloudRedisConnection>();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while (await connection.GetDatabaseAsync() is null && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            var logs = instance.Logs;
            await instance.DisposeAsync();
            Assert.Contains(logs.Entries, e => e.EventId == 7024 && e.Message.Contains(leftOver.Notification.ProcessId, StringComparison.Ordinal));
            await using var direct = await ConnectionMultiplexer.ConnectAsync(restarted.Configuration);
            var entry = Assert.Single(await direct.GetDatabase().StreamRangeAsync(Stream));
            Assert.Equal(leftOver.Notification.ProcessId, (string?)entry["processId"]);
        }
        finally
        {
            await instance.DisposeAsync();
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task AFullStreamRefusesTheNextNotificationAndNeverTrimsWhatItHolds()
    {
        // docs/scale-out.md: XADD "refused above MaxLength (→ 503 + Retry-After); never trimmed". A refusal is the
        // inbox's `false`, which the receiver answers with 503 (WebhookDeliveryTests in the AspNetCore tests).
        await using var instance = Start(fixture.Redis.Configuration, o => o.MaxLength = 2);
        var first = NewItem();
        Assert.True(await Inbox(instance).TryAddAsync(first));
        Assert.True(await Inbox(instance).TryAddAsync(NewItem()));

        Assert.False(await Inbox(instance).TryAddAsync(NewItem()));

        var redis = fixture.Direct.GetDatabase();
        var held = await redis.StreamRangeAsync(Stream);
        Assert.Equal(2, held.Length);
        Assert.Equal(first.Notification.ProcessId, (string?)held[0]["processId"]);

        // Once one is handled and removed, there is room again.
        var taken = await Inbox(instance).ReceiveAsync(AnyLease, TimeSpan.FromSeconds(5));
        Assert.NotNull(taken);
        await Inbox(instance).CompleteAsync(taken);
        Assert.True(await Inbox(instance).TryAddAsync(NewItem()));
    }

    [Fact]
    public async Task AnEntryTheSdkDidNotWriteIsDeadLetteredAsUnreadableWithItsOriginalId()
    {
        // docs/scale-out.md: "An entry not written by the SDK | dead-lettered with reason `unreadable` (error 7025)",
        // with all its fields plus deadLetterReason and originalId.
        await using var instance = Start(fixture.Redis.Configuration);
        Assert.Null(await Inbox(instance).ReceiveAsync(AnyLease, TimeSpan.Zero)); // creates the group
        var redis = fixture.Direct.GetDatabase();
        var foreign = await redis.StreamAddAsync(Stream, [new NameValueEntry("hello", "world")]);

        Assert.Null(await Inbox(instance).ReceiveAsync(AnyLease, TimeSpan.FromSeconds(2)));

        Assert.Equal(0, await redis.StreamLengthAsync(Stream));
        var dead = Assert.Single(await redis.StreamRangeAsync(Stream + ":dead-letter"));
        Assert.Equal("world", (string?)dead["hello"]);
        Assert.Equal("unreadable", (string?)dead["deadLetterReason"]);
        Assert.Equal((string?)foreign, (string?)dead["originalId"]);
        Assert.Contains(instance.Logs.Entries, e => e.EventId == 7025 && e.Level == LogLevel.Error);
    }

    [Fact]
    public async Task UnusableOptionsFailAtStartNamingTheSettingAndTheInboxNeedsAddRedis()
    {
        await using var instance = Start(fixture.Redis.Configuration, o => o.TakeOverAfter = TimeSpan.FromMilliseconds(100));
        var error = Assert.Throws<OptionsValidationException>(() => Inbox(instance));
        Assert.Contains("IdCloud:Redis:WebhookInbox:TakeOverAfter", error.Message, StringComparison.Ordinal);

        var services = new ServiceCollection();
        var builder = services.AddIdCloud(fixture.Emulator.CreateServiceAccount().ApplyTo);
        var missing = Assert.Throws<InvalidOperationException>(() => builder.UseRedisWebhookInbox());
        Assert.Contains("AddRedis", missing.Message, StringComparison.Ordinal);
    }

    private Instance Start(string redis, Action<IdCloudRedisWebhookInboxOptions>? inbox = null) =>
        Instance.Start(
            fixture.Emulator.CreateServiceAccount(),
            redis,
            _prefix,
            fixture.KeyRing,
            redis: o => o.ConnectTimeout = TimeSpan.FromSeconds(2),
            idcloud: b => b.UseRedisWebhookInbox(o =>
            {
                o.PollInterval = TimeSpan.FromMilliseconds(50);
                inbox?.Invoke(o);
            }));

    private static IIdCloudWebhookInbox Inbox(Instance instance) => instance.Services.GetRequiredService<IIdCloudWebhookInbox>();

    private static IdCloudWebhookInboxItem NewItem()
    {
        var processId = Guid.NewGuid().ToString();
        return new IdCloudWebhookInboxItem(
            new IdCloudWebhookNotification(processId) { State = ProcessState.Finished, Flow = Flow.IdLive },
            new IdCloudWebhookDeliveryKey(processId, "PROCESS_STATE_FINISHED"),
            DateTimeOffset.UtcNow);
    }

    public sealed class Fixture : RedisFixture;
}
