using StackExchange.Redis;
using Unico.IdCloud.Testing;

namespace Unico.IdCloud.Redis.Tests.Infrastructure;

/// <summary>
/// One Redis server, one emulator and one shared Data Protection key ring per test class. Each test uses its own key
/// prefix (and usually its own service account), so tests never see each other's keys. Instances a test hands to
/// <see cref="Track"/> are stopped with the fixture, before Redis.
/// </summary>
public class RedisFixture : IAsyncLifetime
{
    private readonly List<Instance> _instances = [];

    public RedisServer Redis { get; private set; } = null!;

    public IdCloudEmulator Emulator { get; private set; } = null!;

    /// <summary>A direct connection for tests that read Redis back.</summary>
    public ConnectionMultiplexer Direct { get; private set; } = null!;

    public string KeyRing { get; } = Directory.CreateTempSubdirectory("idcloud-keyring-").FullName;

    /// <summary>Stops <paramref name="instance"/> when the test class is done (it may outlive the test that started it).</summary>
    public void Track(Instance instance)
    {
        lock (_instances)
        {
            _instances.Add(instance);
        }
    }

    public virtual async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        Emulator = await IdCloudEmulator.StartAsync();
        Direct = await ConnectionMultiplexer.ConnectAsync(Redis.Configuration + ",allowAdmin=true");
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        await Direct.DisposeAsync();
        await Emulator.DisposeAsync();
        await Redis.DisposeAsync();
        Directory.Delete(KeyRing, recursive: true);
    }
}
