using Microsoft.Extensions.Logging;
using Unico.IdCloud.AspNetCore.Tests.Emulator;
using Unico.IdCloud.AspNetCore.Tests.Infrastructure;
using Unico.IdCloud.Testing;
using Unico.IdCloud.TestSupport;

namespace Unico.IdCloud.AspNetCore.Tests.EmulatorOAuth2;

/// <summary>
/// One emulator per test class for the OAuth2 webhook tests: a manual clock (token expiry is judged by it), three quick
/// attempts per notification, and every log line it writes kept for the secrecy checks. Tests call <see cref="Reset"/>.
/// </summary>
public sealed class OAuth2EmulatorFixture : IAsyncLifetime
{
    public const int MaxAttempts = 3;

    private ILoggerFactory _loggerFactory = null!;

    /// <summary>
    /// The emulator's clock, started at the real time (whole seconds): the process-creating caller signs its assertion
    /// with the real clock, and the emulator checks its expiry against this one.
    /// </summary>
    public ObservedTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    public ListLoggerProvider Logs { get; } = new();

    public IdCloudEmulator Emulator { get; private set; } = null!;

    public RawEmulatorCaller Caller { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _loggerFactory = LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        Emulator = await IdCloudEmulator.StartAsync(new IdCloudEmulatorOptions
        {
            TimeProvider = Clock,

            // Tests move the clock by minutes; the caller's one access token must outlive all of them.
            AccessTokenLifetime = TimeSpan.FromDays(1),
            LoggerFactory = _loggerFactory,
            WebhookMaxAttempts = MaxAttempts,
            WebhookInitialRetryDelay = TimeSpan.FromMilliseconds(10),
            WebhookMaxRetryDelay = TimeSpan.FromMilliseconds(40),
        });
        Caller = new RawEmulatorCaller(Emulator, Emulator.CreateServiceAccount());

        // The caller's one access token is minted now, before any test moves the clock past its assertion's expiry.
        await Caller.CreateProcessAsync();
    }

    public void Reset()
    {
        Emulator.Reset();
        Logs.Entries.Clear();
    }

    public async Task DisposeAsync()
    {
        Caller.Dispose();
        await Emulator.DisposeAsync();
        _loggerFactory.Dispose();
    }
}
