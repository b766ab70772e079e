using StackExchange.Redis;
using Unico.IdCloud.Testing;

namespace Unico.IdCloud.Redis.Tests.Infrastructure;

/// <summary>
/// One Redis server, one emulator and one shared Data Protection key ring per test class. Each test uses its own key
/// prefix (and usually its own service account), so tests never see each other's keys.
/// </summary>
public class RedisFixture : IAsyncLifetime
{
    public RedisServer Redis { get; private set; } = null!;

    public IdCloudEmulator Emulator { get; private set; } = null!;

    /// <summary>A direct connection for tests that read Redis back.</summary>
    public ConnectionMultiplexer Direct { get; private set; } = null!;

    public string KeyRing { get; } = Directory.CreateTempSubdirectory("idcloud-keyring-").FullName;

    public virtual async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        Emulator = await IdCloudEmulator.StartAsync();
        Direct = await ConnectionMultiplexer.ConnectAsync(Redis.Configuration + ",allowAdmin=true");
    }

    public virtual async Task DisposeAsync()
    {
        await Direct.DisposeAsync();
        await Emulator.DisposeAsync();
        await Redis.DisposeAsync();
        Directory.Delete(KeyRing, recursive: true);
    }
}
