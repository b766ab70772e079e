using Microsoft.Extensions.Time.Testing;
using Unico.IdCloud.Client.RateLimiting;

namespace Unico.IdCloud.Client.Tests.RateLimiting;

/// <summary>
/// The in-process budget, on a manual clock. The property that matters is the server's: no second of its count holds
/// more requests than the budget, however long requests take to get there. The simulation below checks it against a
/// server that counts each request at a random instant between its admission and its answer.
/// </summary>
public sealed class IdCloudInProcessRateLimiterTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void APermitStaysCountedWhileItsRequestIsInFlightAndForOneWindowAfterItsAnswer()
    {
        var limiter = Limiter(budget => { budget.RequestsPerSecond = 2; budget.ReservedForHighPriority = 0; budget.SpreadEvenly = false; budget.WindowSafetyMargin = TimeSpan.Zero; });
        var first = Admit(limiter);
        Admit(limiter);

        // Both still in flight five seconds later: a third request waits; none can free sooner than a window from now.
        _time.Advance(TimeSpan.FromSeconds(5));
        var (ticket, wait) = limiter.TryAcquire(IdCloudRequestPriority.High);
        Assert.Equal(0, ticket);
        Assert.Equal(TimeSpan.FromSeconds(1), wait);

        // The first answer arrives half a second later: its slot frees one window (1 s) after that, not before.
        _time.Advance(TimeSpan.FromMilliseconds(500));
        limiter.Release(first);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        (ticket, wait) = limiter.TryAcquire(IdCloudRequestPriority.High);
        Assert.Equal(0, ticket);
        Assert.Equal(TimeSpan.FromMilliseconds(999), wait);
        _time.Advance(TimeSpan.FromMilliseconds(998));
        Assert.Equal(0, limiter.TryAcquire(IdCloudRequestPriority.High).Ticket);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.NotEqual(0, limiter.TryAcquire(IdCloudRequestPriority.High).Ticket);
    }

    [Fact]
    public void PollsLeaveTheReservedShareToCreations()
    {
        var limiter = Limiter(budget => { budget.RequestsPerSecond = 10; budget.ReservedForHighPriority = 2; budget.SpreadEvenly = false; });

        var polls = Enumerable.Range(0, 12).Select(_ => limiter.TryAcquire(IdCloudRequestPriority.Normal).Ticket).ToList();
        var creations = Enumerable.Range(0, 4).Select(_ => limiter.TryAcquire(IdCloudRequestPriority.High).Ticket).ToList();

        Assert.Equal(8, polls.Count(t => t != 0));
        Assert.Equal(2, creations.Count(t => t != 0));
        Assert.Equal(10, polls.Concat(creations).Where(t => t != 0).Distinct().Count());
    }

    [Fact]
    public void AdmissionsAreSpreadByTheWindowDividedByTheBudget()
    {
        var limiter = Limiter(budget => { budget.RequestsPerSecond = 10; budget.WindowSafetyMargin = TimeSpan.FromMilliseconds(50); });
        Admit(limiter);

        var (ticket, wait) = limiter.TryAcquire(IdCloudRequestPriority.High);
        Assert.Equal(0, ticket);
        Assert.Equal(TimeSpan.FromMilliseconds(105), wait);
        _time.Advance(wait);
        Admit(limiter);
    }

    [Fact]
    public void A429PausesEveryoneForItsRetryAfterAndAMissingOneForTheDefault()
    {
        var limiter = Limiter(budget => budget.DefaultRetryAfter = TimeSpan.FromSeconds(3));

        limiter.Pause(TimeSpan.Zero);
        Assert.Equal(TimeSpan.FromSeconds(3), limiter.TryAcquire(IdCloudRequestPriority.High).Wait);
        limiter.Pause(TimeSpan.FromSeconds(7));
        Assert.Equal(TimeSpan.FromSeconds(7), limiter.TryAcquire(IdCloudRequestPriority.High).Wait);
    }

    [Fact]
    public void ReleasingAnUnknownTicketOrTheSameTicketTwiceChangesNothing()
    {
        var limiter = Limiter(budget => { budget.RequestsPerSecond = 1; budget.ReservedForHighPriority = 0; budget.SpreadEvenly = false; budget.WindowSafetyMargin = TimeSpan.Zero; });
        var ticket = Admit(limiter);
        limiter.Release(ticket + 1000);
        Assert.Equal(TimeSpan.FromSeconds(1), limiter.TryAcquire(IdCloudRequestPriority.High).Wait); // still in flight

        limiter.Release(ticket);
        _time.Advance(TimeSpan.FromMilliseconds(600));
        limiter.Release(ticket); // a second release must not push the slot's end further out
        _time.Advance(TimeSpan.FromMilliseconds(400));
        Admit(limiter);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void NoSecondOfTheServersCountExceedsTheBudgetWhateverRequestsTakeToGetThere(int seed)
    {
        var traffic = Simulate(seed, releaseOnAnswer: true);
        output.WriteLine($"measured: {traffic.Requests} requests in 30 s, busiest server second {traffic.BusiestSecond}");

        Assert.InRange(traffic.BusiestSecond, 1, 10);
        Assert.True(traffic.Requests >= 60, $"{traffic.Requests} requests in 30 s: the budget should still be used");
    }

    [Fact]
    public void TheSameTrafficCountedFromAdmissionAloneOverflowsTheServersSecond()
    {
        // The control for the test above: releasing each permit as soon as it is taken (a sliding log of admissions,
        // which the limiter was before) lets delayed requests pile into one server second.
        var busiest = new[] { 1, 2, 3 }.Max(seed => Simulate(seed, releaseOnAnswer: false).BusiestSecond);
        output.WriteLine($"measured: busiest server second {busiest} when counted from admission");

        Assert.True(busiest > 10, $"busiest second {busiest}");
    }

    /// <summary>
    /// Eight callers, each sending one request at a time for 30 simulated seconds, in 1 ms steps. Each request reaches
    /// the server 0–900 ms after its admission (where the server counts it, in whole seconds) and its answer arrives
    /// 0–300 ms later.
    /// </summary>
    private (int Requests, int BusiestSecond) Simulate(int seed, bool releaseOnAnswer)
    {
        var limiter = Limiter(budget => budget.RequestsPerSecond = 10);
        var random = new Random(seed);
        var start = _time.GetUtcNow();
        var arrivals = new List<(DateTimeOffset At, long Ticket, DateTimeOffset AnswerAt)>();
        var callersBusyUntil = new DateTimeOffset[8];
        var perSecond = new Dictionary<long, int>();
        var inFlight = new List<(DateTimeOffset AnswerAt, long Ticket, int Caller)>();
        var requests = 0;
        for (var step = 0; step < 30_000; step++)
        {
            var now = _time.GetUtcNow();
            foreach (var arrival in arrivals.Where(a => a.At <= now).ToList())
            {
                arrivals.Remove(arrival);
                var second = arrival.At.ToUnixTimeSeconds();
                perSecond[second] = perSecond.GetValueOrDefault(second) + 1;
            }

            foreach (var answer in inFlight.Where(f => f.AnswerAt <= now).ToList())
            {
                inFlight.Remove(answer);
                if (releaseOnAnswer)
                {
                    limiter.Release(answer.Ticket);
                }

                callersBusyUntil[answer.Caller] = now;
            }

            for (var caller = 0; caller < callersBusyUntil.Length; caller++)
            {
                if (callersBusyUntil[caller] > now || inFlight.Any(f => f.Caller == caller))
                {
                    continue;
                }

                var (ticket, wait) = limiter.TryAcquire(caller % 4 == 0 ? IdCloudRequestPriority.High : IdCloudRequestPriority.Normal);
                if (ticket == 0)
                {
                    callersBusyUntil[caller] = now + wait;
                    continue;
                }

                if (!releaseOnAnswer)
                {
                    limiter.Release(ticket);
                }

                requests++;
                var arrivesAt = now + TimeSpan.FromMilliseconds(random.Next(0, 900));
                var answerAt = arrivesAt + TimeSpan.FromMilliseconds(random.Next(0, 300));
                arrivals.Add((arrivesAt, ticket, answerAt));
                inFlight.Add((answerAt, ticket, caller));
            }

            _time.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.True(_time.GetUtcNow() - start == TimeSpan.FromSeconds(30));
        return (requests, perSecond.Count == 0 ? 0 : perSecond.Values.Max());
    }

    private static long Admit(IdCloudInProcessRateLimiter limiter)
    {
        var (ticket, wait) = limiter.TryAcquire(IdCloudRequestPriority.High);
        Assert.True(ticket != 0, $"not admitted; told to wait {wait}");
        Assert.Equal(TimeSpan.Zero, wait);
        return ticket;
    }

    private IdCloudInProcessRateLimiter Limiter(Action<IdCloudRateLimitOptions> configure)
    {
        var options = new IdCloudRateLimitOptions();
        configure(options);
        return new IdCloudInProcessRateLimiter(options, _time);
    }
}
