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

        // Each refusal's wait is one spacing (1 s) minus the time since the last admission, which is at most what this
        // stopwatch shows after the refusal: a fixed lower bound would fail whenever the machine stalls between calls.
        var sinceFirst = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(TimeSpan.Zero, await limiters[0].TryAcquireAsync(IdCloudRequestPriority.High, 1));
        var second = await limiters[1].TryAcquireAsync(IdCloudRequestPriority.High, 2);
        var secondFloor = OneSpacingLess(sinceFirst.Elapsed);
        var third = await limiters[2].TryAcquireAsync(IdCloudRequestPriority.Normal, 3);
        var thirdFloor = OneSpacingLess(sinceFirst.Elapsed);

        foreach (var (wait, floor) in new[] { (second!.Value, secondFloor), (third!.Value, thirdFloor) }.Where(r => r.Item1 != TimeSpan.Zero))
        {
            Assert.InRange(wait, floor, TimeSpan.FromSeconds(1));
        }

        // What was admitted, read back from Redis: each slot's score is its admission time (Redis' clock, whole ms)
        // plus the same lease and window, so the gaps between scores are the gaps between admissions, and none may be
        // shorter than the spacing. Normally the two later calls come well within the spacing and are refused; a call
        // the machine held up for longer than the spacing is rightly admitted, and the gap shows it was. Asserting "one
        // admission" alone would fail a correct limiter whenever the test stalled for a second between two calls.
        var admitted = (await fixture.Direct.GetDatabase().SortedSetRangeByRankWithScoresAsync(limiters[0].LogKey)).Select(e => e.Score).Order().ToList();
        Assert.Equal(1 + new[] { second, third }.Count(w => w == TimeSpan.Zero), admitted.Count);
        Assert.All(admitted.Zip(admitted.Skip(1)), pair => Assert.True(pair.Second - pair.First >= 1000, $"admitted {pair.Second - pair.First} ms apart"));
    }

    [Fact]
    public async Task APermitInFlightHoldsItsSlotForEveryInstanceUntilOneWindowAfterItsAnswer()
    {
        // Window 2 s (the widest margin), so that what happens within one window can be seen even when the machine
        // stalls the test for a second: with a 1 s window, a stall between the release and the next question let the
        // slot free before anyone asked, and a correct limiter would fail "the wait is the rest of one window".
        var limiters = await StartThreeAsync(budget =>
        {
            budget.RequestsPerSecond = 2;
            budget.ReservedForHighPriority = 0;
            budget.SpreadEvenly = false;
            budget.WindowSafetyMargin = TimeSpan.FromSeconds(1);
        });
        const long window = 2000;
        var first = await limiters[0].AcquireAsync(IdCloudRequestPriority.High, CancellationToken.None);
        var second = await limiters[1].AcquireAsync(IdCloudRequestPriority.High, CancellationToken.None);
        Assert.True(first > 0 && second > 0, "both granted by Redis, not by the in-process fallback");

        // Longer than the window: a log of admissions would let a third request in now, although neither of the first
        // two has been answered (so the server may not even have counted them yet).
        await Task.Delay(TimeSpan.FromSeconds(2.3));
        // Both in flight (the lease is the default 60 s): none can free sooner than one window from now, and that is
        // the wait, however long the test took to get here.
        Assert.Equal(TimeSpan.FromMilliseconds(window), await limiters[2].TryAcquireAsync(IdCloudRequestPriority.High, 7));

        // The first answer arrives: the release is fire-and-forget, so read Redis until it has it (one slot then frees
        // within a window; the other is still a lease away). It frees one window after Redis took the release.
        var releasedFrom = await RedisNowMsAsync();
        limiters[0].Release(first);
        long freesAt;
        long seenAt;
        while ((freesAt = await EarliestSlotEndAsync(limiters[0])) > (seenAt = await RedisNowMsAsync()) + window)
        {
            Assert.True(seenAt < releasedFrom + 5000, "the release never reached Redis");
            await Task.Delay(TimeSpan.FromMilliseconds(10));
        }

        Assert.InRange(freesAt, releasedFrom + window, seenAt + window);

        // From then on a waiter is told the rest of that window, and gets in once it has passed, not before.
        var answers = await AskUntilAdmittedAsync([limiters[2]], freesAt, window, firstTicket: 8);
        Assert.Contains(answers, a => a.WaitMs > 0 && a.WaitMs < window);
        Assert.Equal(2, await fixture.Direct.GetDatabase().SortedSetLengthAsync(limiters[0].LogKey));
    }

    [Fact]
    public async Task APermitOfAnInstanceThatDiedMidRequestFreesWhenItsLeaseEnds()
    {
        // The lease is the call budget (Resilience:TotalTimeout), here 6 s; the window is 2 s (the widest margin): the
        // slot frees 8 s after admission. The answers are checked against Redis' own clock, read just before and just
        // after each call, not against how long the test slept: a busy two-core machine delays a Task.Delay by a second
        // or more, and the earlier version (a 3 s lease, checks at fixed sleeps, an assertion that the test had not
        // stalled) would fail a correct limiter whenever it did.
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
                r.TotalTimeout = TimeSpan.FromSeconds(6);
                r.AttemptTimeout = TimeSpan.FromSeconds(6);
            }));
        const long window = 2000;
        const long lease = 6000;

        // Admitted, then never released: the instance died between sending and hearing back. Its slot frees one lease
        // and one window after the admission, by Redis' clock read around it.
        var admittedFrom = await RedisNowMsAsync();
        Assert.Equal(TimeSpan.Zero, await limiters[0].TryAcquireAsync(IdCloudRequestPriority.High, 1));
        var admittedBy = await RedisNowMsAsync();
        var freesAt = (long)Assert.Single(await fixture.Direct.GetDatabase().SortedSetRangeByRankWithScoresAsync(limiters[0].LogKey)).Score;
        Assert.InRange(freesAt, admittedFrom + lease + window, admittedBy + lease + window);
        var admittedAt = freesAt - lease - window;

        var answers = await AskUntilAdmittedAsync(limiters.Skip(1).ToList(), freesAt, window, firstTicket: 2);
        var inFlightPastOneWindow = answers.Count(a => a.Before > admittedAt + window && a.After < admittedAt + lease);
        var restOfAWindow = answers.Count(a => a.WaitMs > 0 && a.WaitMs < window);

        // Both stages were seen: still in flight past one window (4 s to see it in), then counted as released at the
        // lease's end (2 s to see it in, polled every 100 ms).
        Assert.True(inFlightPastOneWindow > 0, "no answer came while the permit was in flight past one window");
        Assert.True(restOfAWindow > 0, "no answer came between the lease's end and the slot's freeing");
    }

    [Fact]
    public async Task A429SeenByOneInstancePausesEveryInstanceForItsRetryAfter()
    {
        var limiters = await StartThreeAsync(budget => budget.RequestsPerSecond = 10);
        Assert.Equal(TimeSpan.Zero, await limiters[1].TryAcquireAsync(IdCloudRequestPriority.High, 4));

        // The pause runs from when Redis took the report, so the wait is 5 s less the time since, which is at most what
        // this stopwatch shows afterwards (a fixed floor of 4 s would fail whenever the machine stalled for a second).
        var sinceReport = System.Diagnostics.Stopwatch.StartNew();
        await limiters[0].ReportThrottledAsync(TimeSpan.FromSeconds(5), CancellationToken.None);

        var wait = await limiters[2].TryAcquireAsync(IdCloudRequestPriority.High, 5);
        Assert.InRange(wait!.Value, TimeSpan.FromSeconds(5) - sinceReport.Elapsed - TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ARetryAfterOfZeroOrInThePastPausesForTheDefaultNeverForNothing()
    {
        var limiters = await StartThreeAsync(budget => budget.DefaultRetryAfter = TimeSpan.FromSeconds(3));

        // The floor is the default less the time since the report, as measured (a fixed 2 s floor would fail on a one-second stall).
        var sinceReport = System.Diagnostics.Stopwatch.StartNew();
        await limiters[0].ReportThrottledAsync(TimeSpan.Zero, CancellationToken.None);

        var wait = await limiters[1].TryAcquireAsync(IdCloudRequestPriority.High, 6);
        Assert.InRange(wait!.Value, TimeSpan.FromSeconds(3) - sinceReport.Elapsed - TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task AVeryLongRetryAfterPausesEveryInstanceForAtMostSixtySeconds()
    {
        // docs/scale-out.md: "A 429 pauses every instance for its Retry-After (…; capped at 60 s)": one odd answer
        // (a gateway saying an hour) must not stop the fleet for an hour.
        var limiters = await StartThreeAsync(_ => { });

        var sinceReport = System.Diagnostics.Stopwatch.StartNew();
        await limiters[0].ReportThrottledAsync(TimeSpan.FromHours(1), CancellationToken.None);

        var wait = await limiters[2].TryAcquireAsync(IdCloudRequestPriority.High, 6);
        Assert.NotNull(wait);
        Assert.InRange(wait.Value, TimeSpan.FromSeconds(60) - sinceReport.Elapsed - TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(60));
    }

    private sealed record Answer(long Before, long After, long WaitMs);

    /// <summary>
    /// Asks (every 100 ms, the waiters in turn) until admitted, checking each answer against Redis' clock read just
    /// before and just after it: at Redis time t the slot that frees at <paramref name="freesAt"/> calls for a whole
    /// window while it is further away than that (in flight), then the rest of the time until it frees, then admission.
    /// That never grows as t grows, so an answer lies between what the two readings call for, however long the machine
    /// stalled between them.
    /// </summary>
    private async Task<List<Answer>> AskUntilAdmittedAsync(IReadOnlyList<RedisRateLimiter> waiters, long freesAt, long window, long firstTicket)
    {
        long Expected(long t) => Math.Min(window, Math.Max(0, freesAt - t));
        var answers = new List<Answer>();
        for (var ticket = firstTicket; ; ticket++)
        {
            var before = await RedisNowMsAsync();
            var wait = await waiters[(int)(ticket % waiters.Count)].TryAcquireAsync(IdCloudRequestPriority.High, ticket);
            var after = await RedisNowMsAsync();
            var answer = new Answer(before, after, (long)wait!.Value.TotalMilliseconds);
            answers.Add(answer);
            Assert.True(
                answer.WaitMs >= Expected(after) && answer.WaitMs <= Expected(before),
                $"answered {answer.WaitMs} ms between {freesAt - before} and {freesAt - after} ms before the slot frees (window {window} ms)");
            if (answer.WaitMs == 0)
            {
                return answers;
            }

            Assert.True(after < freesAt + 10_000, "the slot never freed");
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    private async Task<long> EarliestSlotEndAsync(RedisRateLimiter limiter) =>
        (long)(await fixture.Direct.GetDatabase().SortedSetRangeByRankWithScoresAsync(limiter.LogKey)).Min(e => e.Score);

    private async Task<long> RedisNowMsAsync()
    {
        var time = (StackExchange.Redis.RedisResult[])(await fixture.Direct.GetDatabase().ExecuteAsync("TIME"))!;
        return ((long)time[0] * 1000) + ((long)time[1] / 1000);
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
