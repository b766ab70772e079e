using Unico.IdCloud.Testing;

namespace Unico.IdCloud.IntegrationTests.Infrastructure;

/// <summary>
/// One emulator and one service account per test class (an RSA 2048 key costs a few hundred milliseconds on a small
/// machine). Test classes call <see cref="IdCloudEmulator.Reset"/> before each test.
/// </summary>
public class EmulatorFixture : IAsyncLifetime
{
    public IdCloudEmulator Emulator { get; private set; } = null!;

    public EmulatedServiceAccount Account { get; private set; } = null!;

    protected virtual IdCloudEmulatorOptions? EmulatorOptions => null;

    public virtual async Task InitializeAsync()
    {
        Emulator = await IdCloudEmulator.StartAsync(EmulatorOptions);
        Account = Emulator.CreateServiceAccount();
    }

    public virtual async Task DisposeAsync() => await Emulator.DisposeAsync();
}
