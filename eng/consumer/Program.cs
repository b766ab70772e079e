// The program eng/pack-and-consume.sh runs in a brand-new console app that got the SDK from the local feed with
// `dotnet add package`: the first thing a user does, end to end, on the embedded emulator. Exits 0 only if it all worked.
// With IDCLOUD_CONSUMER_REDIS (a throw-away redis-server the script started) the journey runs through
// Unico.IdCloud.Redis (shared token and budget) and a notification goes through the durable webhook inbox; without it
// the Redis services are only registered and the container is built.
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Unico.IdCloud.AspNetCore;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.Testing;

await using var emulator = await IdCloudEmulator.StartAsync();
var account = emulator.CreateServiceAccount();
var redis = Environment.GetEnvironmentVariable("IDCLOUD_CONSUMER_REDIS");
var keyRing = Directory.CreateTempSubdirectory("idcloud-consumer-keys-");

var services = new ServiceCollection();
var idcloud = services.AddIdCloud(options => account.ApplyTo(options));
if (redis is not null)
{
    services.AddDataProtection().SetApplicationName("idcloud-consumer").PersistKeysToFileSystem(keyRing);
    idcloud.AddRedis(r => r.Configuration = redis).UseRedisWebhookInbox();
}
else
{
    var registered = new ServiceCollection();
    registered.AddIdCloud(options => account.ApplyTo(options)).AddRedis(r => r.Configuration = "localhost:6379").UseRedisWebhookInbox();
    await using var check = registered.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    Console.WriteLine("redis: AddRedis(...).UseRedisWebhookInbox() registered and the container built (no redis-server: not exercised)");
}

await using var provider = services.BuildServiceProvider();
var client = provider.GetRequiredService<IIdCloudProcessClient>();

var created = await client.CreateProcessAsync(new CreateProcessRequest
{
    CallbackUri = "/",
    Flow = Flow.IdLive,
    Purpose = Purpose.CreditProcess,
    Person = new ProcessPerson { DuiType = DuiType.BrCpf, DuiValue = "73689290074", FriendlyName = "Ana" },
});
Console.WriteLine($"created process {created.Id}: state {created.State}, user goes to {created.UserRedirectUrl}");

await emulator.FinishProcessAsync(created.Id!, EmulatedOutcome.Approved);

var finished = await client.GetProcessAsync(created.Id!);
Console.WriteLine($"read back process {finished.Id}: state {finished.State}, result {finished.Result}, " +
    $"authentication {finished.AuthenticationInfo?.AuthenticationResult}, liveness {finished.AuthenticationInfo?.LivenessResult}");

var approved = finished.Id == created.Id
    && finished.State == ProcessState.Finished
    && finished.Result == ProcessResult.Ok;

var redisOk = true;
if (redis is not null)
{
    // The webhook inbox on a Redis stream: recorded, taken back from the stream (it has a stream entry id), removed.
    var inbox = provider.GetRequiredService<IIdCloudWebhookInbox>();
    var item = new IdCloudWebhookInboxItem(
        new IdCloudWebhookNotification(created.Id!) { State = ProcessState.Finished, Flow = Flow.IdLive },
        new IdCloudWebhookDeliveryKey(created.Id!, "PROCESS_STATE_FINISHED"),
        DateTimeOffset.UtcNow);
    var recorded = await inbox.TryAddAsync(item);
    var taken = await inbox.ReceiveAsync(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(5));
    if (taken is not null)
    {
        await inbox.CompleteAsync(taken);
    }

    redisOk = recorded && taken is { Receipt: not null } && taken.Key == item.Key;
    Console.WriteLine($"redis: journey through the shared token cache and budget; webhook inbox recorded={recorded}, taken back from stream entry {taken?.Receipt}");
}

keyRing.Delete(recursive: true);
var ok = approved && redisOk;
Console.WriteLine(ok ? "consumer: OK" : "consumer: the process did not read back as finished and approved, or the Redis inbox did not round-trip");
return ok ? 0 : 1;
