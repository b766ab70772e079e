using Unico.IdCloud.Client;
using Unico.IdCloud.Testing;

namespace Unico.IdCloud.IntegrationTests.Faults;

/// <summary>The emulator faults behind each <see cref="InjectedFault"/>, and the checks every fault test shares.</summary>
internal static class FaultMatrix
{
    /// <summary>Far beyond any attempt timeout used here; the emulator stops waiting as soon as the client gives up.</summary>
    public static readonly TimeSpan HangFor = TimeSpan.FromSeconds(60);

    public const int RetryAfterSeconds = 1;

    public static readonly InjectedFault[] Transient =
    [
        InjectedFault.ServerErrorBeforeProcessing,
        InjectedFault.ServerErrorAfterProcessing,
        InjectedFault.GatewayHtmlPage,
        InjectedFault.ServiceUnavailable,
        InjectedFault.RateLimited,
        InjectedFault.DelayBeyondAttemptTimeout,
        InjectedFault.ConnectionAbort,
        InjectedFault.ConnectionAbortAfterProcessing,
    ];

    public static EmulatedFault ToEmulated(InjectedFault fault) => fault switch
    {
        InjectedFault.ServerErrorBeforeProcessing => EmulatedFault.Status(500, """{"error":{"code":"13","description":"internal error"}}"""),
        InjectedFault.ServerErrorAfterProcessing => EmulatedFault.StatusAfterProcessing(500),
        InjectedFault.GatewayHtmlPage => EmulatedFault.GatewayError(),
        InjectedFault.ServiceUnavailable => EmulatedFault.Status(503),
        InjectedFault.RateLimited => EmulatedFault.RateLimited(RetryAfterSeconds),
        InjectedFault.DelayBeyondAttemptTimeout => EmulatedFault.Latency(HangFor),
        InjectedFault.ConnectionAbort => EmulatedFault.Abort(),
        InjectedFault.ConnectionAbortAfterProcessing => EmulatedFault.AbortAfterProcessing(),
        InjectedFault.MalformedBody => EmulatedFault.MalformedBody(),
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
    };

    /// <summary>
    /// Runs a call that must fail and returns its exception, failing the test if it is anything but the SDK's own
    /// family (a raw HttpRequestException, JsonException or TaskCanceledException is a defect).
    /// </summary>
    public static async Task<IdCloudException> FailureOf(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (IdCloudException expected)
        {
            return expected;
        }
        catch (Exception other)
        {
            Assert.Fail($"Expected an IdCloudException, got {other.GetType().FullName}: {other.Message}");
        }

        Assert.Fail("Expected the call to fail, but it succeeded.");
        return null!;
    }

    public static int RequestsTo(IdCloudEmulator emulator, EmulatorRoute route) => emulator.Requests.Count(r => r.Route == route);

    /// <summary>
    /// The emulator logs a request when it has finished with it, and it learns that a client gave up on a hanging
    /// request a moment after the client did. Waits (bounded) until <paramref name="count"/> requests are logged on
    /// <paramref name="route"/>; callers then assert the exact number, since the SDK call is over and sends no more.
    /// </summary>
    public static async Task<IReadOnlyList<int?>> SettledStatusesOf(IdCloudEmulator emulator, EmulatorRoute route, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (RequestsTo(emulator, route) < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        return StatusesOf(emulator, route);
    }

    /// <summary>What reached the emulator on a route, in order: the status of each answer (null when the connection was dropped).</summary>
    public static IReadOnlyList<int?> StatusesOf(IdCloudEmulator emulator, EmulatorRoute route) =>
        emulator.Requests.Where(r => r.Route == route).Select(r => r.StatusCode).ToList();
}
