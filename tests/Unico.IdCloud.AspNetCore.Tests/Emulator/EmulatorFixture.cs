using Unico.IdCloud.Testing;

namespace Unico.IdCloud.AspNetCore.Tests.Emulator;

/// <summary>One emulator and service account per test class (RSA key generation is slow); tests call <see cref="Reset"/>.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public IdCloudEmulator Emulator { get; private set; } = null!;

    public EmulatedServiceAccount Account { get; private set; } = null!;

    public RawEmulatorCaller Caller { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Emulator = await IdCloudEmulator.StartAsync(new IdCloudEmulatorOptions { WebhookMaxAttempts = 3 });
        Account = Emulator.CreateServiceAccount();
        Caller = new RawEmulatorCaller(Emulator, Account);
    }

    public void Reset() => Emulator.Reset();

    public async Task DisposeAsync()
    {
        Caller.Dispose();
        await Emulator.DisposeAsync();
    }
}
