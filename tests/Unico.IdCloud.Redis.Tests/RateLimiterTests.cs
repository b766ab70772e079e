using Microsoft.Extensions.DependencyInjection;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.RateLimiting;
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
        var polls = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => limiters[i % 3].TryAcquireAsync(IdCloudRequestPriority.Normal, 100 + i).AsTask()));
        Assert.Equal(8, polls.Count(w => w == TimeSpan.Zero));
        Assert.All(polls.Where(w => w != TimeSpan.Zero), w => Assert.InRange(w!.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(2)));

        // Creations still get the reserved two, then nobody gets in until the window moves.
        var creations = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => limiters[i % 3].TryAcquireAsync(IdCloudRequestPriority.High, 200 + i).AsTask()));
        Assert.Equal(2, creations.Count(w => w == TimeSpan.Zero));
        Assert.Equal(10, await fixture.Direct.GetDatabase().SortedSetLengthAsync(limiters[0].LogKey));
    }

    [Fact]
    public async Task AdmissionsAreSpreadEvenlyOverTheWindowAcrossInstances()
    {
        var limiters = await StartThreeAsync(budget =>
        {
            // Window 2 s, so one admission per second. The spacing is long next to the calls' own round trips: the two
            // refusals below come within half of it even on a loaded two-core machine (at 200 ms spacing a CI run took
            // longer than that between two calls, and the second call was rightly admitted).
            budget.RequestsPerSecond = 2;
            budget.ReservedForHighPriority = 0;
            budget.WindowSafetyMargin = TimeSpan.FromSeconds(1);
        });

        // Each refusal's wait is one spacing (1 s) minus the time since the first admission, which is at most what this
        // stopwatch shows after the refusal: a fixed lower bound would fail whenever the machine stalls between calls.
        var sinceFirst = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(TimeSpan.Zero, await limiters[0].TryAcquireAsync(IdCloudRequestPriority.High, 1));
        var second = await limiters[1].TryAcquireAsync(IdCloudRequestPriority.High, 2);
        var secondFloor = OneSpacingLess(sinceFirst.Elapsed);
        var third = await limiters[2].TryAcquireAsync(IdCloudRequestPriority.Normal, 3);
        var thirdFloor = OneSpacingLess(sinceFirst.Elapsed);

        Assert.InRange(second!.Value, secondFloor, TimeSpan.FromSeconds(1));
        Assert.InRange(third!.Value, thirdFloor, TimeSpan.FromSeconds(1));
        Assert.Equal(1, await fixture.Direct.GetDatabase().SortedSetLengthAsync(limiters[0].LogKey));
    }

    [Fact]
    public async Task APermitInFlightHoldsItsSlotForEveryInstanceUntilOneWindowAfterItsAnswer()
    {
        var limiters = await StartThreeAsync(budget =>
        {
            budget.RequestsPerSecond = 2;
            budget.ReservedForHighPriority = 0;
            budget.SpreadEvenly = false;
            budget.WindowSafetyMargin = TimeSpan.Zero;
        });
        var first = await limiters[0].AcquireAsync(IdCloudRequestPriority.High, CancellationToken.None);
        var second = await limiters[1].AcquireAsync(IdCloudRequestPriority.High, CancellationToken.None);
        Assert.True(first > 0 && second > 0, "both granted by Redis, not by the in-process fallback");

        // Longer than the window: a log of admissions would let a third request in now, although neither of the first
        // two has been answered (so the server may not even have counted them yet).
        await Task.Delay(TimeSpan.FromSeconds(1.3));
        // Both in flight: none can free sooner than one window (1 s) from now, and that is the wait.
        Assert.Equal(TimeSpan.FromSeconds(1), await limiters[2].TryAcquireAsync(IdCloudRequestPriority.High, 7));

        // The first answer arrives: the release is fire-and-forget, so ask until Redis has it (the wait drops below a
        // whole window). From then on the wait is the rest of one window from the release, and the slot frees when it
        // has passed.
        await Task.Delay(TimeSpan.FromMilliseconds(100));
        limiters[0].Release(first);
        var asking = System.Diagnostics.Stopwatch.StartNew();
        TimeSpan? wait;
        while ((wait = await limiters[2].TryAcquireAsync(IdCloudRequestPriority.High, 8)) >= TimeSpan.FromSeconds(1))
        {
            Assert.True(asking.Elapsed < TimeSpan.FromSeconds(5), "the release never reached Redis");
            await Task.Delay(TimeSpan.FromMilliseconds(10));
        }

        Assert.InRange(wait!.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(1));
        await Task.Delay(wait.Value + TimeSpan.FromMilliseconds(20));
        Assert.Equal(TimeSpan.Zero, await limiters[2].TryAcquireAsync(IdCloudRequestPriority.High, 9));
        Assert.Equal(2, await fixture.Direct.GetDatabase().SortedSetLengthAsync(limiters[0].LogKey));
    }

    [Fact]
    public async Task APermitOfAnInstanceThatDiedMidRequestFreesWhenItsLeaseEnds()
    {
        // The lease is the call budget (Resilience:TotalTimeout), here 3 s; the window is 2 s (the widest margin): the
        // slot frees 5 s after admission. Each check below sits a second or more from the boundary it tests, because
        // a busy two-core machine delays a Task.Delay by hundreds of milliseconds (a 1 s window failed in CI).
        var limiters = await StartThreeAsync(
            budget =>
            {
                budget.RequestsPerSecond = 1;
                budget.ReservedForHighPriority = 0;
                budget.SpreadEvenly = false;
                budget.WindowSafetyMargin = TimeSpan.FromSeconds(1);
            },
            idcloud => idcloud.ConfigureResilience(r =>
            {
                r.TotalTimeout = TimeSpan.FromSeconds(3);
                r.AttemptTimeout = TimeSpan.FromSeconds(3);
            }));
        var window = TimeSpan.FromSeconds(2);

        // Admitted, then never released: the instance died between sending and hearing back.
        var started = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(TimeSpan.Zero, await limiters[0].TryAcquireAsync(IdCloudRequestPriority.High, 1));
        Assert.Equal(window, await limiters[1].TryAcquireAsync(IdCloudRequestPriority.High, 2));

        // Still in flight past one window (its lease runs to 3 s): waiters wait a whole window.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(3), $"the machine stalled the test for {started.Elapsed}");
        Assert.Equal(window, await limiters[1].TryAcquireAsync(IdCloudRequestPriority.High, 3));

        // Once the lease has ended it counts as released then: free one window later, at 5 s.
        await Task.Delay(TimeSpan.FromSeconds(Math.Max(0, 4 - started.Elapsed.TotalSeconds)));
        var left = await limiters[1].TryAcquireAsync(IdCloudRequestPriority.High, 5);
        Assert.InRange(left!.Value, TimeSpan.FromMilliseconds(1), window);
        await Task.Delay(left.Value + TimeSpan.FromMilliseconds(50));
        Assert.Equal(TimeSpan.Zero, await limiters[2].TryAcquireAsync(IdCloudRequestPriority.High, 4));
    }

    [Fact]
    public async Task A429SeenByOneInstancePausesEveryInstanceForItsRetryAfter()
    {
        var limiters = await StartThreeAsync(budget => budget.RequestsPerSecond = 10);
        Assert.Equal(TimeSpan.Zero, await limiters[1].TryAcquireAsync(IdCloudRequestPriority.High, 4));

        await limiters[0].ReportThrottledAsync(TimeSpan.FromSeconds(5), CancellationToken.None);

        var wait = await limiters[2].TryAcquireAsync(IdCloudRequestPriority.High, 5);
        Assert.InRange(wait!.Value, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ARetryAfterOfZeroOrInThePastPausesForTheDefaultNeverForNothing()
    {
        var limiters = await StartThreeAsync(budget => budget.DefaultRetryAfter = TimeSpan.FromSeconds(3));

        await limiters[0].ReportThrottledAsync(TimeSpan.Zero, CancellationToken.None);

        var wait = await limiters[1].TryAcquireAsync(IdCloudRequestPriority.High, 6);
        Assert.InRange(wait!.Value, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task AVeryLongRetryAfterPausesEveryInstanceForAtMostSixtySeconds()
    {
        // docs/scale-out.md: "A 429 pauses every instance for its Retry-After (…; capped at 60 s)": one odd answer
        // (a gateway saying an hour) must not stop the fleet for an hour.
        var limiters = await StartThreeAsync(_ => { });

        await limiters[0].ReportThrottledAsync(TimeSpan.FromHours(1), CancellationToken.None);

        var wait = await limiters[2].TryAcquireAsync(IdCloudRequestPriority.High, 6);
        Assert.NotNull(wait);
        Assert.InRange(wait.Value, TimeSpan.FromSeconds(55), TimeSpan.FromSeconds(60));
    }

    // Redis computes in whole milliseconds, so its "now" can trail the stopwatch by one; 5 ms covers the rounding.
    private static TimeSpan OneSpacingLess(TimeSpan elapsed) => TimeSpan.FromSeconds(1) - elapsed - TimeSpan.FromMilliseconds(5);

    private async Task<List<RedisRateLimiter>> StartThreeAsync(Action<IdCloudRateLimitOptions> budget, Action<IIdCloudBuilder>? idcloud = null)
    {
        var account = fixture.Emulator.CreateServiceAccount();
        var limiters = new List<RedisRateLimiter>();
        for (var i = 0; i < 3; i++)
        {
            var instance = Instance.Start(account, fixture.Redis.Configuration, _prefix, fixture.KeyRing, budget: budget, idcloud: idcloud);
            fixture.Track(instance);
            limiters.Add(Assert.IsType<RedisRateLimiter>(instance.RateLimiter));

            // Connected before the burst, so it is not serialised behind connection set-up.
            Assert.NotNull(await instance.Services.GetRequiredService<IdCloudRedisConnection>().GetDatabaseAsync());
        }

        return limiters;
    }

    public sealed class Fixture : RedisFixture;
}
