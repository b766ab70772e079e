// The program eng/pack-and-consume.sh runs in a brand-new console app that got the SDK from the local feed with
// `dotnet add package`: the first thing a user does, end to end, on the embedded emulator. Exits 0 only if it all worked.
using Microsoft.Extensions.DependencyInjection;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.Testing;

await using var emulator = await IdCloudEmulator.StartAsync();
var account = emulator.CreateServiceAccount();

var services = new ServiceCollection();
services.AddIdCloud(options => account.ApplyTo(options));
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
Console.WriteLine(approved ? "consumer: OK" : "consumer: the process did not read back as finished and approved");
return approved ? 0 : 1;
