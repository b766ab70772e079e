using Microsoft.Extensions.Time.Testing;
namespace Unico.IdCloud.Testing.Tests.Infrastructure;

/// <summary>
/// One emulator (on a manual clock) and one service account per test class: RSA 2048 key generation costs up to a
/// second on a small machine, so tests share them and reset the rest (see <see cref="EmulatorTest"/>).
/// </summary>
public class EmulatorFixture : IAsyncLifetime
{
    /// <summary>Where the emulator's clock starts: a fixed instant, so token lifetimes are easy to read.</summary>
    public static readonly DateTimeOffset ClockStart = new(2025, 3, 14, 12, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(ClockStart);

    public IdCloudEmulator Emulator { get; private set; } = null!;

    public EmulatedServiceAccount Account { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var options = new IdCloudEmulatorOptions
        {
            TimeProvider = Clock,
            WebhookInitialRetryDelay = TimeSpan.FromMilliseconds(10),
            WebhookMaxRetryDelay = TimeSpan.FromMilliseconds(40),
        };
        Configure(options);
        Emulator = InMemory ? await IdCloudEmulator.StartInMemoryAsync(options) : await IdCloudEmulator.StartAsync(options);
        Account = Emulator.CreateServiceAccount();
    }

    /// <summary>Whether the emulator runs without sockets (<see cref="IdCloudEmulator.StartInMemoryAsync"/>).</summary>
    public virtual bool InMemory => false;

    /// <summary>Changes to the default options, for fixtures that test another documented form.</summary>
    protected virtual void Configure(IdCloudEmulatorOptions options)
    {
    }

    public async Task DisposeAsync() => await Emulator.DisposeAsync();
}
