using Unico.IdCloud.AspNetCore;
using Unico.IdCloud.Redis.Tests.Infrastructure;

namespace Unico.IdCloud.Redis.Tests;

/// <summary>The Redis de-duplication store shared by three instances, against a real redis-server.</summary>
public sealed class WebhookDeduplicationTests(WebhookDeduplicationTests.Fixture fixture) : IClassFixture<WebhookDeduplicationTests.Fixture>
{
    private readonly string _prefix = "w" + Guid.NewGuid().ToString("N")[..8] + ":";

    [Fact]
    public async Task TenConcurrentClaimsOfOneNotificationOverThreeInstancesGrantExactlyOne()
    {
        var instances = StartThree();
        try
        {
            var key = new IdCloudWebhookDeliveryKey(Guid.NewGuid().ToString(), "PROCESS_STATE_FINISHED");
            using var go = new ManualResetEventSlim();
            var claims = Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
            {
                go.Wait();
                return await instances[i % 3].Deduplication.TryClaimAsync(key, TimeSpan.FromMinutes(1));
            })).ToList();
            go.Set();
            var answers = await Task.WhenAll(claims);

            Assert.Equal(1, answers.Count(a => a == IdCloudWebhookClaim.Claimed));
            Assert.Equal(9, answers.Count(a => a == IdCloudWebhookClaim.InProgress));
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task AHandledNotificationIsADuplicateOnEveryInstanceAndAReleasedOneCanBeClaimedElsewhere()
    {
        var instances = StartThree();
        try
        {
            var handled = new IdCloudWebhookDeliveryKey(Guid.NewGuid().ToString(), "PROCESS_STATE_FINISHED");
            Assert.Equal(IdCloudWebhookClaim.Claimed, await instances[0].Deduplication.TryClaimAsync(handled, TimeSpan.FromMinutes(1)));
            await instances[0].Deduplication.MarkHandledAsync(handled);
            Assert.Equal(IdCloudWebhookClaim.AlreadyHandled, await instances[1].Deduplication.TryClaimAsync(handled, TimeSpan.FromMinutes(1)));
            Assert.Equal(IdCloudWebhookClaim.AlreadyHandled, await instances[2].Deduplication.TryClaimAsync(handled, TimeSpan.FromMinutes(1)));

            var released = new IdCloudWebhookDeliveryKey(Guid.NewGuid().ToString(), "PROCESS_STATE_FINISHED");
            Assert.Equal(IdCloudWebhookClaim.Claimed, await instances[0].Deduplication.TryClaimAsync(released, TimeSpan.FromMinutes(1)));
            await instances[0].Deduplication.ReleaseAsync(released);
            Assert.Equal(IdCloudWebhookClaim.Claimed, await instances[1].Deduplication.TryClaimAsync(released, TimeSpan.FromMinutes(1)));
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task AClaimThatExpiredAndWasTakenElsewhereIsNotReleasedByItsFormerOwner()
    {
        var instances = StartThree();
        try
        {
            var key = new IdCloudWebhookDeliveryKey(Guid.NewGuid().ToString(), "PROCESS_STATE_FINISHED");
            Assert.Equal(IdCloudWebhookClaim.Claimed, await instances[0].Deduplication.TryClaimAsync(key, TimeSpan.FromMilliseconds(200)));

            // The first owner stalls past its lease; another instance takes the delivery over.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            IdCloudWebhookClaim second;
            do
            {
                await Task.Delay(50);
                second = await instances[1].Deduplication.TryClaimAsync(key, TimeSpan.FromMinutes(1));
            }
            while (second == IdCloudWebhookClaim.InProgress && DateTime.UtcNow < deadline);
            Assert.Equal(IdCloudWebhookClaim.Claimed, second);

            await instances[0].Deduplication.ReleaseAsync(key);

            Assert.Equal(IdCloudWebhookClaim.InProgress, await instances[2].Deduplication.TryClaimAsync(key, TimeSpan.FromMinutes(1)));
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task TheKeyIsPrefixWebhookProcessIdBarStateAndAHandledOneLivesSevenDays()
    {
        // docs/scale-out.md: `idcloud:webhook:<processId>|<state>`; a claim lives its lease, a handled key
        // DeduplicationRetention (7 days), so a redelivery days later is still a duplicate fleet-wide.
        await using var instance = Instance.Start(fixture.Emulator.CreateServiceAccount(), fixture.Redis.Configuration, _prefix, fixture.KeyRing);
        var processId = Guid.NewGuid().ToString();
        var key = new IdCloudWebhookDeliveryKey(processId, "PROCESS_STATE_FINISHED");
        var redis = fixture.Direct.GetDatabase();
        var redisKey = $"{_prefix}webhook:{processId}|PROCESS_STATE_FINISHED";

        Assert.Equal(IdCloudWebhookClaim.Claimed, await instance.Deduplication.TryClaimAsync(key, TimeSpan.FromMinutes(10)));
        Assert.InRange(await redis.KeyTimeToLiveAsync(redisKey) ?? TimeSpan.Zero, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));

        await instance.Deduplication.MarkHandledAsync(key);
        Assert.Equal("h", (string?)await redis.StringGetAsync(redisKey));
        Assert.InRange(await redis.KeyTimeToLiveAsync(redisKey) ?? TimeSpan.Zero, TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(7));
    }

    private List<Instance> StartThree()
    {
        var account = fixture.Emulator.CreateServiceAccount();
        return Enumerable.Range(0, 3).Select(_ => Instance.Start(account, fixture.Redis.Configuration, _prefix, fixture.KeyRing)).ToList();
    }

    public sealed class Fixture : RedisFixture;
}
