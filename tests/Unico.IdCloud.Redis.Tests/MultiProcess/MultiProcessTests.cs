using System.Net.Http.Json;
using System.Text;
using StackExchange.Redis;
using Unico.IdCloud.Client;
using Unico.IdCloud.Redis.Tests.Infrastructure;
using Unico.IdCloud.Testing;

namespace Unico.IdCloud.Redis.Tests.MultiProcess;

/// <summary>
/// Several instances of an application as separate OS processes (<c>dotnet Unico.IdCloud.Redis.TestHost.dll</c>)
/// against one emulator and one real redis-server: the figures of issue 11 item 5. Each test is bounded (&lt; 60 s).
/// </summary>
[Collection(nameof(MultiProcessGroup))]
public sealed class MultiProcessTests(RedisFixture fixture, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<RedisFixture>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(50);

    private readonly string _prefix = "m" + Guid.NewGuid().ToString("N")[..8] + ":";

    [Fact]
    public async Task FourInstancesWith250ConcurrentCallersEachFromAColdStartMakeExactlyOneTokenRequestAndNoCallFails()
    {
        await using var emulator = await IdCloudEmulator.StartAsync();
        var account = emulator.CreateServiceAccount();
        var processId = await CreateProcessAsync(emulator, account);
        emulator.ResetRequestLog();

        var hosts = Enumerable.Range(0, 4).Select(_ => HostProcess.Start("calls", emulator, account, fixture.Redis.Configuration, _prefix, fixture.KeyRing, new Dictionary<string, string>
        {
            ["CALLERS"] = "250",
            ["PROCESS_IDS"] = processId,
            ["RATE_LIMIT"] = "100000", // the budget is not under test here: the token is
        })).ToList();
        try
        {
            await Task.WhenAll(hosts.Select(h => h.WaitForLineAsync("ready", Bound)));
            await Task.WhenAll(hosts.Select(h => h.SendAsync("go")));
            var results = (await Task.WhenAll(hosts.Select(h => h.WaitForLineAsync("result", Bound)))).Select(HostProcess.ParseResult).ToList();

            Assert.True(results.All(r => r.Failed == 0), string.Join(" / ", results.Select(r => r.Failures)) + string.Join("\n", hosts.Select(h => h.Errors)));
            Assert.Equal(1000, results.Sum(r => r.Ok));
            Assert.Equal(1, emulator.TokenRequestCount);
            output.WriteLine($"measured: 4 processes x 250 callers: ok={results.Sum(r => r.Ok)} failed={results.Sum(r => r.Failed)} token requests={emulator.TokenRequestCount}");
        }
        finally
        {
            await DisposeAllAsync(hosts);
        }
    }

    [Fact]
    public async Task FourInstancesPolling40ProcessesStayWithinTheTenantBudgetAndEarnNo429()
    {
        await using var emulator = await IdCloudEmulator.StartAsync(new IdCloudEmulatorOptions { EnforceRateLimit = true, RateLimitPerSecond = 10 });
        var account = emulator.CreateServiceAccount();
        var ids = new List<string>();
        await using (var setup = Instance.Start(account, fixture.Redis.Configuration, "setup" + _prefix, fixture.KeyRing))
        {
            for (var i = 0; i < 40; i++)
            {
                ids.Add((await setup.Processes.CreateProcessAsync(Requests.IdLive(100 + i))).Id!);
            }
        }

        var hosts = Enumerable.Range(0, 4).Select(h => HostProcess.Start("poll", emulator, account, fixture.Redis.Configuration, _prefix, fixture.KeyRing, new Dictionary<string, string>
        {
            ["PROCESS_IDS"] = string.Join(',', ids.Skip(h * 10).Take(10)),
            ["DURATION_MS"] = "6000",
            ["RATE_LIMIT"] = "10",
            ["WARM_UP"] = "1",
        })).ToList();
        try
        {
            // Instances that have been running (one call each, through the shared budget, before the measured run).
            await Task.WhenAll(hosts.Select(h => h.WaitForLineAsync("ready", Bound)));
            await Task.Delay(TimeSpan.FromSeconds(1.2)); // the warm-up calls leave the emulator's window and ours
            emulator.ResetRequestLog();
            await Task.WhenAll(hosts.Select(h => h.SendAsync("go")));
            var results = (await Task.WhenAll(hosts.Select(h => h.WaitForLineAsync("result", Bound)))).Select(HostProcess.ParseResult).ToList();

            var traffic = emulator.GetTenantTraffic(account.TenantId);
            output.WriteLine($"measured: 4 processes polling 40 processes for 6 s: {traffic}; per instance ok={string.Join(",", results.Select(r => r.Ok))}");
            Assert.True(traffic.RateLimitedResponses == 0, $"{traffic} " + string.Join("\n", hosts.Select(h => h.Errors)));
            Assert.InRange(traffic.BusiestSecondRequests, 1, 10);
            Assert.True(results.All(r => r.Failed == 0), string.Join(" / ", results.Select(r => r.Failures)));

            // Every instance got a share of the budget (no instance starved), and together they used most of it.
            Assert.All(results, r => Assert.True(r.Ok > 0));
            Assert.True(traffic.Requests >= 30, traffic.ToString());
        }
        finally
        {
            await DisposeAllAsync(hosts);
        }
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("redis")]
    public async Task TheSameNotificationDeliveredTenTimesOverThreeInstancesConcurrentlyRunsTheHandlerOnce(string inbox)
    {
        await using var emulator = await IdCloudEmulator.StartAsync();
        var account = emulator.CreateServiceAccount();
        // No take-over is wanted here (every delivery is answered at once, the handler does not wait): with a take-over
        // time of a few seconds, a holder stalled for two thirds of it (three processes on two busy cores) would lose the
        // entry to another instance, which would rightly run the handler a second time.
        var hosts = Enumerable.Range(0, 3).Select(_ => HostProcess.Start("webhook", emulator, account, fixture.Redis.Configuration, _prefix, fixture.KeyRing, InboxSettings(inbox, takeOverMs: 60_000))).ToList();
        try
        {
            var urls = (await Task.WhenAll(hosts.Select(h => h.WaitForLineAsync("listening", Bound)))).Select(l => new Uri(l["listening ".Length..])).ToList();
            var processId = Guid.NewGuid().ToString();
            using var http = new HttpClient();
            using var go = new ManualResetEventSlim();
            var deliveries = Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
            {
                go.Wait();
                return await DeliverAsync(http, urls[i % 3], processId);
            })).ToList();
            go.Set();
            var statuses = await Task.WhenAll(deliveries);

            Assert.All(statuses, s => Assert.InRange(s, 200, 299));
            await WaitUntilAsync(() => hosts.Any(h => h.Output.Contains("handled " + processId)), hosts);

            // Every delivery was answered, so every claim was decided; give a wrongly admitted duplicate time to show.
            await Task.Delay(TimeSpan.FromSeconds(1));
            output.WriteLine($"measured ({inbox} inbox): 10 deliveries over 3 processes: statuses={string.Join(",", statuses)} handler runs={hosts.Sum(h => h.Output.Count(l => l == "started " + processId))}");
            Assert.True(1 == hosts.Sum(h => h.Output.Count(l => l == "started " + processId)), string.Join("\n", hosts.Select(h => h.Errors)));
            if (inbox == "redis")
            {
                // Recorded once (one 202; the others were duplicates) and removed once handled.
                Assert.Equal(1, statuses.Count(s => s == 202));
                await WaitUntilAsync(() => fixture.Direct.GetDatabase().StreamLength(InboxStream) == 0, hosts);
            }
        }
        finally
        {
            await DisposeAllAsync(hosts);
        }
    }

    /// <summary>
    /// Two named accounts in one app (one or two OS processes of it), same service account name in two tenants, the same
    /// Redis and key prefix, every caller of both accounts released at once on cold caches (both tokens minted at the
    /// same instant): the emulator scopes processes and traffic by the tenant of the token a call carries, so a crossed
    /// token would fail with 404 and move traffic between tenants.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task TwoNamedAccountsInOneAppEachGetTheirOwnTokenAndAForcedCollisionNeverCrossesThem(int instances)
    {
        const int callers = 100;
        await using var emulator = await IdCloudEmulator.StartAsync();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var first = emulator.CreateServiceAccount("svc", "tenant-a-" + suffix);
        var second = emulator.CreateServiceAccount("svc", "tenant-b-" + suffix);
        var firstProcess = await CreateProcessAsync(emulator, first);
        var secondProcess = await CreateProcessAsync(emulator, second);
        emulator.ResetRequestLog();

        var hosts = Enumerable.Range(0, instances).Select(_ => HostProcess.Start("accounts", emulator, first, fixture.Redis.Configuration, _prefix, fixture.KeyRing, new Dictionary<string, string>
        {
            ["CALLERS"] = callers.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PROCESS_IDS"] = firstProcess,
            ["ACCOUNT2_NAME"] = second.AccountName,
            ["TENANT2_ID"] = second.TenantId,
            ["PRIVATE_KEY2_PEM"] = second.PrivateKeyPem,
            ["PROCESS_IDS2"] = secondProcess,
            ["RATE_LIMIT"] = "100000", // the budget is not under test here: the tokens are
        })).ToList();
        try
        {
            await Task.WhenAll(hosts.Select(h => h.WaitForLineAsync("ready", Bound)));
            await Task.WhenAll(hosts.Select(h => h.SendAsync("go")));
            var firstResults = (await Task.WhenAll(hosts.Select(h => h.WaitForLineAsync("result-first", Bound)))).Select(HostProcess.ParseResult).ToList();
            var secondResults = (await Task.WhenAll(hosts.Select(h => h.WaitForLineAsync("result-second", Bound)))).Select(HostProcess.ParseResult).ToList();
            var firstTraffic = emulator.GetTenantTraffic(first.TenantId);
            var secondTraffic = emulator.GetTenantTraffic(second.TenantId);
            output.WriteLine(
                $"measured: {instances} process(es) x 2 named accounts x {callers} callers: " +
                $"first ok={firstResults.Sum(r => r.Ok)} failed={firstResults.Sum(r => r.Failed)} tenant requests={firstTraffic.Requests}; " +
                $"second ok={secondResults.Sum(r => r.Ok)} failed={secondResults.Sum(r => r.Failed)} tenant requests={secondTraffic.Requests}; " +
                $"token requests={emulator.TokenRequestCount}");

            var errors = string.Join(" / ", firstResults.Concat(secondResults).Select(r => r.Failures)) + string.Join("\n", hosts.Select(h => h.Errors));
            Assert.True(firstResults.Concat(secondResults).All(r => r.Failed == 0), errors);
            Assert.Equal(instances * callers, firstResults.Sum(r => r.Ok));
            Assert.Equal(instances * callers, secondResults.Sum(r => r.Ok));

            // Each tenant saw exactly its own account's calls, and one token request per account for the whole fleet.
            Assert.Equal(instances * callers, firstTraffic.Requests);
            Assert.Equal(instances * callers, secondTraffic.Requests);
            Assert.Equal(2, emulator.TokenRequestCount);
        }
        finally
        {
            await DisposeAllAsync(hosts);
        }
    }

    [Fact]
    public async Task AnInstanceKilledWhileItsHandlerRunsLosesNoNotificationAnotherInstanceHandlesItOnce()
    {
        await using var emulator = await IdCloudEmulator.StartAsync();
        var account = emulator.CreateServiceAccount();
        // The holder renews every third of the take-over time, so it keeps the entry through a stall of two thirds of
        // it. At 2 s that was 1.3 s, little for three processes on two busy cores (the in-process inbox test lost its
        // entry to a live holder that way at 1.5 s); 4.5 s leaves 3 s, and the take-over still comes within seconds.
        var takeOver = TimeSpan.FromSeconds(4.5);
        var settings = InboxSettings("redis", takeOverMs: (int)takeOver.TotalMilliseconds);
        settings["HANDLER_BLOCKS"] = "1";
        var hosts = Enumerable.Range(0, 3).Select(_ => HostProcess.Start("webhook", emulator, account, fixture.Redis.Configuration, _prefix, fixture.KeyRing, settings)).ToList();
        try
        {
            var urls = (await Task.WhenAll(hosts.Select(h => h.WaitForLineAsync("listening", Bound)))).Select(l => new Uri(l["listening ".Length..])).ToList();
            var processId = Guid.NewGuid().ToString();
            using var http = new HttpClient();
            var redis = fixture.Direct.GetDatabase();

            Assert.Equal(202, await DeliverAsync(http, urls[0], processId));

            // Recorded before the 2xx: the handler blocks until released, so nothing can have removed the entry yet.
            var entries = await redis.StreamRangeAsync(InboxStream);
            var entry = Assert.Single(entries);
            Assert.Equal(processId, (string?)entry["processId"]);
            Assert.DoesNotContain(entry.Values, v => ((string?)v.Value)!.Contains("multi-process-test", StringComparison.Ordinal));
            Assert.Equal(["v", "processId", "keyProcessId", "keyState", "receivedAt", "state", "flow"], entry.Values.Select(v => (string)v.Name!));

            // Whichever instance took it is inside the handler: kill it there, as a crash or an OOM kill would.
            await WaitUntilAsync(() => hosts.Any(h => h.Output.Contains("started " + processId)), hosts);
            var victim = hosts.Single(h => h.Output.Contains("started " + processId));
            victim.Kill();
            var killedAt = System.Diagnostics.Stopwatch.StartNew();
            var survivors = hosts.Where(h => h != victim).ToList();

            await WaitUntilAsync(() => survivors.Any(h => h.Output.Contains("started " + processId)), hosts);
            var takenOverAfter = killedAt.Elapsed;
            var heir = survivors.Single(h => h.Output.Contains("started " + processId));
            await heir.SendAsync("release " + processId);
            await WaitUntilAsync(() => heir.Output.Contains("handled " + processId), hosts);
            await WaitUntilAsync(() => redis.StreamLength(InboxStream) == 0, hosts);

            // Longer than the take-over time: a second run, if any, would have started by now.
            await Task.Delay(takeOver + TimeSpan.FromSeconds(1));
            var runs = survivors.Sum(h => h.Output.Count(l => l == "started " + processId));
            var handled = survivors.Sum(h => h.Output.Count(l => l == "handled " + processId));
            output.WriteLine($"measured: killed the instance running the handler; another instance started it {takenOverAfter.TotalSeconds:F1} s later (TakeOverAfter {takeOver.TotalSeconds} s, poll 100 ms); runs on survivors={runs}, handled={handled}, stream length after={redis.StreamLength(InboxStream)}");
            Assert.True(runs == 1 && handled == 1, $"runs={runs} handled={handled} " + string.Join("\n", survivors.Select(h => h.Errors)));
            Assert.Equal(0, redis.StreamLength(InboxStream));
            Assert.Contains("7020", heir.Errors, StringComparison.Ordinal); // the take-over is logged (warning)
        }
        finally
        {
            await DisposeAllAsync(hosts);
        }
    }

    private string InboxStream => _prefix + "webhook-inbox:idcloud-webhooks";

    /// <summary>The inbox, polled often, with the take-over time the test needs.</summary>
    private static Dictionary<string, string> InboxSettings(string inbox, int takeOverMs) => new()
    {
        ["INBOX"] = inbox,
        ["TAKE_OVER_MS"] = takeOverMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["POLL_MS"] = "100",
    };

    private static async Task<int> DeliverAsync(HttpClient http, Uri url, string processId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent($$"""{"processId":"{{processId}}","state":"PROCESS_STATE_FINISHED","flow":"idlive"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-API-Key", "multi-process-test");
        using var response = await http.SendAsync(request);
        return (int)response.StatusCode;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds, failing after <see cref="Bound"/> with what the instances logged.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition, IEnumerable<HostProcess> hosts)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("Condition not met within " + Bound + ". Output: " + string.Join(" || ", hosts.Select(h => string.Join(" | ", h.Output) + " ERR " + h.Errors)));
            }

            await Task.Delay(50);
        }
    }

    private async Task<string> CreateProcessAsync(IdCloudEmulator emulator, EmulatedServiceAccount account)
    {
        await using var setup = Instance.Start(emulator.CreateServiceAccount(tenantId: account.TenantId), fixture.Redis.Configuration, "setup" + _prefix, fixture.KeyRing);
        return (await setup.Processes.CreateProcessAsync(Requests.IdLive(42))).Id!;
    }

    private static async Task DisposeAllAsync(IEnumerable<HostProcess> hosts)
    {
        foreach (var host in hosts)
        {
            await host.DisposeAsync();
        }
    }
}
