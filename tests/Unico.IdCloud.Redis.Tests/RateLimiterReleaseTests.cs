using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.RateLimiting;
using Unico.IdCloud.Redis.RateLimiting;
using Unico.IdCloud.Redis.Tests.Infrastructure;

namespace Unico.IdCloud.Redis.Tests;

/// <summary>
/// The budget's release against a real redis-server when things happen out of order: a release for a permit never
/// taken, a second release of one permit, a release arriving after the permit's lease ended, an admission whose answer
/// was lost, and clocks that disagree. Each asserts what Redis holds afterwards, read back directly.
/// </summary>
public sealed class RateLimiterReleaseTests(RateLimiterReleaseTests.Fixture fixture) : IClassFixture<RateLimiterReleaseTests.Fixture>
{
    private readonly string _prefix = "rr" + Guid.NewGuid().ToString("N")[..8] + ":";

    private IDatabase Direct => fixture.Direct.GetDatabase();

    [Fact]
    public async Task AReleaseForAPermitNeverTakenOccupiesNoSlot()
    {
        var limiters = await StartAsync(1, OneAtATime);

        await limiters[0].ReleaseInRedisAsync(4242);

        Assert.Equal(0, await Direct.SortedSetLengthAsync(limiters[0].LogKey));
        Assert.Equal(TimeSpan.Zero, await limiters[1].TryAcquireAsync(IdCloudRequestPriority.High, 1));
    }

    [Fact]
    public async Task ASecondReleaseOfOnePermitDoesNotHoldItsSlotLonger()
    {
        var limiters = await StartAsync(1, OneAtATime);
        Assert.Equal(TimeSpan.Zero, await limiters[0].TryAcquireAsync(IdCloudRequestPriority.High, 1));

        await limiters[0].ReleaseInRedisAsync(1);
        var first = await OnlyScoreAsync(limiters[0].LogKey);
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        await limiters[0].ReleaseInRedisAsync(1);

        // The slot still frees one window after the first release (the answer's arrival), not the duplicate's.
        Assert.Equal(first, await OnlyScoreAsync(limiters[0].LogKey));
    }

    [Fact]
    public async Task AReleaseArrivingAfterThePermitsLeaseEndedDoesNotTakeTheSlotAgain()
    {
        // Lease 1 s (Resilience:TotalTimeout), window 1 s: an unreleased permit frees 2 s after its admission.
        var limiters = await StartAsync(1, OneAtATime, ShortLease);
        Assert.Equal(TimeSpan.Zero, await limiters[0].TryAcquireAsync(IdCloudRequestPriority.High, 1));
        await Task.Delay(TimeSpan.FromSeconds(2.3));
        Assert.Equal(TimeSpan.Zero, await limiters[1].TryAcquireAsync(IdCloudRequestPriority.High, 1));

        // The first permit's release was held up (a slow connection, a paused process) and arrives now: its slot was
        // freed and is the second request's; counting the first again would take a slot nobody holds.
        await limiters[0].ReleaseInRedisAsync(1);

        Assert.Equal(1, await Direct.SortedSetLengthAsync(limiters[0].LogKey));
    }

    [Fact]
    public async Task AnAdmissionWhoseAnswerWasLostDoesNotHoldItsSlotForTheWholeLease()
    {
        // CommandTimeout 1 s, lease 60 s (the default TotalTimeout). Redis is paused for writes: the admission script
        // waits in Redis, the instance gives up on it (and uses its in-process budget), then Redis runs it. The pause
        // must outlast the giving up and end before the client drops its connection (which drops the queued script);
        // LostAnswerTests explains the times.
        var limiters = await StartAsync(2, OneAtATime, redis: o => o.CommandTimeout = TimeSpan.FromSeconds(1));
        await fixture.Direct.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", "3000", "WRITE");

        Assert.Null(await limiters[0].TryAcquireAsync(IdCloudRequestPriority.High, 1));
        await Task.Delay(TimeSpan.FromSeconds(3.5));

        // Whatever Redis admitted for that ticket frees within one window, not after the 60 s lease. Redis did run the
        // admission after the pause (were it dropped with the connection, there would be nothing to check here).
        var slots = await Direct.SortedSetRangeByRankWithScoresAsync(limiters[0].LogKey);
        var now = await RedisNowMsAsync();
        Assert.Single(slots);
        Assert.All(slots, s => Assert.True(s.Score <= now + 1000, $"a slot held until {s.Score - now} ms from now"));
    }

    [Fact]
    public async Task InstancesWhoseClocksDifferByHoursShareOneBudget()
    {
        // Redis' clock decides; an instance's own clock (an hour ahead, an hour behind, minutes off) plays no part.
        var account = fixture.Emulator.CreateServiceAccount();
        var limiters = new List<RedisRateLimiter>();
        foreach (var offset in new[] { TimeSpan.FromHours(1), TimeSpan.FromHours(-1), TimeSpan.FromMinutes(7) })
        {
            limiters.Add(await StartOneAsync(account, 2, OneAtATime, services: s => s.AddSingleton<TimeProvider>(new SkewedTimeProvider(offset))));
        }

        Assert.Equal(TimeSpan.Zero, await limiters[0].TryAcquireAsync(IdCloudRequestPriority.High, 1));
        Assert.Equal(TimeSpan.Zero, await limiters[1].TryAcquireAsync(IdCloudRequestPriority.High, 1));
        Assert.Equal(TimeSpan.FromSeconds(1), await limiters[2].TryAcquireAsync(IdCloudRequestPriority.High, 1));

        // The released slot frees one window after the release, by Redis' clock (read around it), whatever the
        // instances' clocks say.
        var releasedFrom = await RedisNowMsAsync();
        await limiters[0].ReleaseInRedisAsync(1);
        var releasedBy = await RedisNowMsAsync();
        var freesAt = (long)(await Direct.SortedSetRangeByRankWithScoresAsync(limiters[0].LogKey)).Min(e => e.Score);
        Assert.InRange(freesAt, releasedFrom + 1000, releasedBy + 1000);

        // Asked now, a waiter is told the rest of that second, or is admitted if the machine held the test up past it:
        // the answer lies between what Redis' clock, read just before and just after the call, calls for. (A floor of
        // one second less a stopwatch reading would still fail a correct limiter whenever a stall of over a second let
        // the slot free before the question.)
        var before = await RedisNowMsAsync();
        var wait = await limiters[2].TryAcquireAsync(IdCloudRequestPriority.High, 2);
        var after = await RedisNowMsAsync();
        Assert.InRange((long)wait!.Value.TotalMilliseconds, Math.Max(0, freesAt - after), Math.Max(0, freesAt - before));
        if (wait.Value > TimeSpan.Zero)
        {
            await Task.Delay(wait.Value + TimeSpan.FromMilliseconds(30));
            Assert.Equal(TimeSpan.Zero, await limiters[2].TryAcquireAsync(IdCloudRequestPriority.High, 3));
        }
    }

    [Fact]
    public async Task ALastAdmissionAheadOfRedisClockMakesCallersWaitNoMoreThanTheSpacing()
    {
        // Spacing 100 ms (10 per second, spread evenly). The last admission was written by a primary whose clock ran
        // an hour ahead of this one (a failover), or before this host's clock stepped back.
        var limiters = await StartAsync(10, budget => budget.WindowSafetyMargin = TimeSpan.Zero);
        var last = new RedisKey(limiters[0].LogKey.ToString().Replace(":rate:", ":rate-last:", StringComparison.Ordinal));
        await Direct.StringSetAsync(last, await RedisNowMsAsync() + 3_600_000, TimeSpan.FromSeconds(30));

        var wait = await limiters[0].TryAcquireAsync(IdCloudRequestPriority.High, 1);

        Assert.InRange(wait!.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(100));
    }

    private static void OneAtATime(IdCloudRateLimitOptions budget)
    {
        budget.ReservedForHighPriority = 0;
        budget.SpreadEvenly = false;
        budget.WindowSafetyMargin = TimeSpan.Zero;
    }

    private static void ShortLease(IIdCloudBuilder idcloud) => idcloud.ConfigureResilience(r =>
    {
        r.TotalTimeout = TimeSpan.FromSeconds(1);
        r.AttemptTimeout = TimeSpan.FromSeconds(1);
    });

    private async Task<double> OnlyScoreAsync(RedisKey key) =>
        Assert.Single(await Direct.SortedSetRangeByRankWithScoresAsync(key)).Score;

    private async Task<long> RedisNowMsAsync()
    {
        var time = (RedisResult[])(await Direct.ExecuteAsync("TIME"))!;
        return ((long)time[0] * 1000) + ((long)time[1] / 1000);
    }

    private async Task<List<RedisRateLimiter>> StartAsync(
        int requestsPerSecond,
        Action<IdCloudRateLimitOptions> budget,
        Action<IIdCloudBuilder>? idcloud = null,
        Action<IdCloudRedisOptions>? redis = null)
    {
        var account = fixture.Emulator.CreateServiceAccount();
        return [await StartOneAsync(account, requestsPerSecond, budget, idcloud, redis), await StartOneAsync(account, requestsPerSecond, budget, idcloud, redis)];
    }

    private async Task<RedisRateLimiter> StartOneAsync(
        Testing.EmulatedServiceAccount account,
        int requestsPerSecond,
        Action<IdCloudRateLimitOptions> budget,
        Action<IIdCloudBuilder>? idcloud = null,
        Action<IdCloudRedisOptions>? redis = null,
        Action<IServiceCollection>? services = null)
    {
        var instance = Instance.Start(
            account,
            fixture.Redis.Configuration,
            _prefix,
            fixture.KeyRing,
            redis: redis,
            budget: b =>
            {
                b.RequestsPerSecond = requestsPerSecond;
                budget(b);
            },
            services: services,
            idcloud: idcloud);
        var limiter = Assert.IsType<RedisRateLimiter>(instance.RateLimiter);
        fixture.Track(instance);

        // Connected before the test starts, so nothing below waits for the connection to be set up.
        Assert.NotNull(await instance.Services.GetRequiredService<IdCloudRedisConnection>().GetDatabaseAsync());
        return limiter;
    }

    public sealed class Fixture : RedisFixture;
}
