using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Unico.IdCloud.AspNetCore;
using Unico.IdCloud.Client;
using Unico.IdCloud.Redis.Tests.Infrastructure;
using Unico.IdCloud.Redis.Tokens;
using Unico.IdCloud.Redis.Webhooks;

namespace Unico.IdCloud.Redis.Tests;

/// <summary>
/// A command whose answer the instance gave up on (CommandTimeout) but that Redis still ran: the instance used its
/// fallback, so it must not leave behind, in Redis, a lock or claim nobody will renew or release. Redis is paused for
/// writes (<c>CLIENT PAUSE … WRITE</c>) for longer than the command timeout, then runs what was queued, in order.
/// </summary>
public sealed class LostAnswerTests(LostAnswerTests.Fixture fixture) : IClassFixture<LostAnswerTests.Fixture>
{
    // The instance must give up on its command while Redis is still paused, and its connection must outlive the pause,
    // or Redis drops the queued command with the connection and nothing is lost to test. StackExchange.Redis notices an
    // async timeout on its once-a-second heartbeat, so giving up takes up to CommandTimeout plus a second; and once it
    // is timing out commands while nothing has been read for four CommandTimeouts, it drops the connection. With
    // CommandTimeout 300 ms that left a pause between about 1.3 s and 2 s (1.5 s was used: 200 ms for a stall before
    // Redis answered in time; a 3 s pause had every queued claim dropped). CommandTimeout 1 s gives up within about
    // 2 s and keeps the connection for at least 4 s: a 3 s pause leaves a second of stall on either side.
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(3);

    private IDatabase Direct => fixture.Direct.GetDatabase();

    [Fact]
    public async Task ATokenLeaseWhoseAnswerWasLostDoesNotHoldUpTheOtherInstances()
    {
        var account = fixture.Emulator.CreateServiceAccount();
        await using var instance = await StartAsync(account, "lt:");
        var store = Assert.IsType<RedisSharedTokenStore>(instance.Services.GetRequiredService<IIdCloudSharedTokenStore>());
        var key = new IdCloudTokenCacheKey(fixture.Emulator.Audience, account.TenantId, account.AccountName);

        await PauseWritesAsync();
        await using (var lease = await store.TryAcquireLeaseAsync(key, CancellationToken.None))
        {
            // Redis did not answer in time: this instance requests its own token (a local lease).
            Assert.NotNull(lease);
        }

        await Task.Delay(Pause + TimeSpan.FromMilliseconds(500));

        // Redis ran the SET NX after the instance gave up; nobody renews or releases that lease, so without a release
        // every other instance would wait for it to expire (TokenLeaseDuration, 10 s) before requesting a token.
        Assert.False(await Direct.KeyExistsAsync(store.LeaseKey(key)), "the lost lease is still held in Redis");
    }

    [Fact]
    public async Task AWebhookClaimWhoseAnswerWasLostIsReleasedWhenItsHandlingIsGivenUp()
    {
        await using var instance = await StartAsync(fixture.Emulator.CreateServiceAccount(), "lw:");
        var store = Assert.IsType<RedisWebhookDeduplicationStore>(instance.Deduplication);
        var key = new IdCloudWebhookDeliveryKey(Guid.NewGuid().ToString(), "PROCESS_STATE_FINISHED");

        await PauseWritesAsync();
        Assert.Equal(IdCloudWebhookClaim.Claimed, await store.TryClaimAsync(key, TimeSpan.FromHours(1)));
        await Task.Delay(Pause + TimeSpan.FromMilliseconds(500));
        Assert.True(await Direct.KeyExistsAsync(store.Key(key)), "Redis ran the claim after the instance gave up on it");

        // The handler failed: the receiver releases the claim so a redelivery can run it. The claim Redis holds is
        // this instance's; left there, every redelivery would be answered "in progress" for the claim's hour.
        await store.ReleaseAsync(key);

        Assert.False(await Direct.KeyExistsAsync(store.Key(key)), "the lost claim still blocks redeliveries");
    }

    private async Task<Instance> StartAsync(Testing.EmulatedServiceAccount account, string prefix)
    {
        var instance = Instance.Start(account, fixture.Redis.Configuration, prefix, fixture.KeyRing, redis: o => o.CommandTimeout = CommandTimeout);
        Assert.NotNull(await instance.Services.GetRequiredService<IdCloudRedisConnection>().GetDatabaseAsync());
        return instance;
    }

    private Task PauseWritesAsync() =>
        Direct.ExecuteAsync("CLIENT", "PAUSE", ((long)Pause.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture), "WRITE");

    public sealed class Fixture : RedisFixture;
}
