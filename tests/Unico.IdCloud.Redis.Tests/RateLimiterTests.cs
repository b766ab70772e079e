using Microsoft.Extensions.DependencyInjection;
using Unico.IdCloud.Client;
using Unico.IdCloud.Redis.RateLimiting;
using Unico.IdCloud.Redis.Tests.Infrastructure;

namespace Unico.IdCloud.Redis.Tests;

/// <summary>
/// The tenant-wide budget shared by three instances through a real redis-server. Admission is decided by Redis'
/// clock inside one script, so these tests count admissions, they do not time anything.
/// </summary>
public sealed class RateLimiterTests(RateLimiterTests.Fixture fixture) : IClassFixture<RateLimiterTests.Fixture>
{
    private readonly string _prefix = "r" + Guid.NewGuid().ToString("N")[..8] + ":";

    [Fact]
    public async Task ThreeInstancesTogetherAdmitNoMoreThanTheBudgetAndPollsLeaveTheReservedShareToCreations()
    {
        var limiters = await StartThreeAsync(budget =>
        {
            budget.RequestsPerSecond = 10;
            budget.ReservedForHighPriority = 2;
            budget.WindowSafetyMargin = TimeSpan.FromSeconds(1);
            budget.SpreadEvenly = false; // counts the window alone; spacing has its own test
        });

        // 30 polls over the three instances at once: only 8 (10 minus the 2 reserved) get in within the window.
        var polls = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => limiters[i % 3].TryAcquireAsync(IdCloudRequestPriority.Normal).AsTask()));
        Assert.Equal(8, polls.Count(w => w == TimeSpan.Zero));
        Assert.All(polls.Where(w => w != TimeSpan.Zero), w => Assert.InRange(w!.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(2)));

        // Creations still get the reserved two, then nobody gets in until the window moves.
        var creations = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => limiters[i % 3].TryAcquireAsync(IdCloudRequestPriority.High).AsTask()));
        Assert.Equal(2, creations.Count(w => w == TimeSpan.Zero));
        Assert.Equal(10, await fixture.Direct.GetDatabase().SortedSetLengthAsync(limiters[0].LogKey));
    }

    [Fact]
    public async Task AdmissionsAreSpreadEvenlyOverTheWindowAcrossInstances()
    {
        var limiters = await StartThreeAsync(budget =>
        {
            budget.RequestsPerSecond = 10;
            budget.WindowSafetyMargin = TimeSpan.FromSeconds(1); // window 2 s: one admission per 200 ms
        });

        Assert.Equal(TimeSpan.Zero, await limiters[0].TryAcquireAsync(IdCloudRequestPriority.High));
        var second = await limiters[1].TryAcquireAsync(IdCloudRequestPriority.High);
        var third = await limiters[2].TryAcquireAsync(IdCloudRequestPriority.Normal);

        Assert.InRange(second!.Value, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200));
        Assert.InRange(third!.Value, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200));
        Assert.Equal(1, await fixture.Direct.GetDatabase().SortedSetLengthAsync(limiters[0].LogKey));
    }

    [Fact]
    public async Task A429SeenByOneInstancePausesEveryInstanceForItsRetryAfter()
    {
        var limiters = await StartThreeAsync(budget => budget.RequestsPerSecond = 10);
        Assert.Equal(TimeSpan.Zero, await limiters[1].TryAcquireAsync(IdCloudRequestPriority.High));

        await limiters[0].ReportThrottledAsync(TimeSpan.FromSeconds(5), CancellationToken.None);

        var wait = await limiters[2].TryAcquireAsync(IdCloudRequestPriority.High);
        Assert.InRange(wait!.Value, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ARetryAfterOfZeroOrInThePastPausesForTheDefaultNeverForNothing()
    {
        var limiters = await StartThreeAsync(budget => budget.DefaultRetryAfter = TimeSpan.FromSeconds(3));

        await limiters[0].ReportThrottledAsync(TimeSpan.Zero, CancellationToken.None);

        var wait = await limiters[1].TryAcquireAsync(IdCloudRequestPriority.High);
        Assert.InRange(wait!.Value, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3));
    }

    private async Task<List<RedisRateLimiter>> StartThreeAsync(Action<IdCloudRateLimitOptions> budget)
    {
        var account = fixture.Emulator.CreateServiceAccount();
        var limiters = new List<RedisRateLimiter>();
        for (var i = 0; i < 3; i++)
        {
            var instance = Instance.Start(account, fixture.Redis.Configuration, _prefix, fixture.KeyRing, budget: budget);
            fixture.Track(instance);
            limiters.Add(Assert.IsType<RedisRateLimiter>(instance.RateLimiter));

            // Connected before the burst, so it is not serialised behind connection set-up.
            Assert.NotNull(await instance.Services.GetRequiredService<IdCloudRedisConnection>().GetDatabaseAsync());
        }

        return limiters;
    }

    public sealed class Fixture : RedisFixture
    {
        private readonly List<Instance> _instances = [];

        public void Track(Instance instance)
        {
            lock (_instances)
            {
                _instances.Add(instance);
            }
        }

        public override async Task DisposeAsync()
        {
            foreach (var instance in _instances)
            {
                await instance.DisposeAsync();
            }

            await base.DisposeAsync();
        }
    }
}
