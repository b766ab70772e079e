namespace Unico.IdCloud.Testing.Tests.Infrastructure;

/// <summary>
/// One emulator (on a manual clock) and one service account per test class: RSA 2048 key generation costs up to a
/// second on a small machine, so tests share them and reset the rest (see <see cref="EmulatorTest"/>).
/// </summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public ManualTimeProvider Clock { get; } = new();

    public IdCloudEmulator Emulator { get; private set; } = null!;

    public EmulatedServiceAccount Account { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Emulator = await IdCloudEmulator.StartAsync(new IdCloudEmulatorOptions
        {
            TimeProvider = Clock,
            WebhookInitialRetryDelay = TimeSpan.FromMilliseconds(10),
            WebhookMaxRetryDelay = TimeSpan.FromMilliseconds(40),
        });
        Account = Emulator.CreateServiceAccount();
    }

    public async Task DisposeAsync() => await Emulator.DisposeAsync();
}
