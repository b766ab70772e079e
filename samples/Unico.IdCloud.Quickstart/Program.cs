using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Unico.IdCloud.Client;
using Unico.IdCloud.Quickstart;
using Unico.IdCloud.Testing;

// The Quickstart: with no IdCloud settings it runs a complete e-signature journey on the embedded emulator; with a
// service account configured (environment variables IdCloud__ServiceAccount__*, appsettings.json or user secrets)
// it runs the same journey against the real UAT.
var byClient = args.Contains("--by-client", StringComparer.OrdinalIgnoreCase);
QuickstartArguments arguments;
try
{
    arguments = QuickstartArguments.Parse([.. args.Where(a => !string.Equals(a, "--by-client", StringComparison.OrdinalIgnoreCase))]);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

var configuration = new ConfigurationBuilder()
    .SetBasePath(AppContext.BaseDirectory)
    .AddJsonFile("appsettings.json", optional: true)
    .AddUserSecrets<QuickstartJourney>(optional: true)
    .AddEnvironmentVariables()
    .Build();
var idCloud = configuration.GetSection(IdCloudOptions.DefaultSectionName);
var useRealService = !string.IsNullOrWhiteSpace(idCloud["ServiceAccount:AccountName"]);

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

if (byClient)
{
    // The by Client API (/processes/v1) journey on the embedded emulator: see ByClientJourney.
    try
    {
        return await ByClientJourney.RunAsync(configuration, Console.Out, cancellation.Token);
    }
    catch (IdCloudException ex)
    {
        Console.Error.WriteLine($"IDCloud call failed ({ex.Kind}{(ex.ErrorCode is null ? "" : ", code " + ex.ErrorCode)}): {ex.Message}");
        return 1;
    }
}

await using var emulator = useRealService ? null : await IdCloudEmulator.StartAsync(cancellationToken: cancellation.Token);
var services = new ServiceCollection();
services.AddLogging(logging => logging.AddConfiguration(configuration.GetSection("Logging")).AddSimpleConsole(o => o.SingleLine = true));
if (emulator is null)
{
    services.AddIdCloud(idCloud);
    Console.WriteLine($"Running against the real IDCloud ({idCloud["Environment"] ?? "Uat"}) with service account '{idCloud["ServiceAccount:AccountName"]}'.");
}
else
{
    var account = emulator.CreateServiceAccount("quickstart");
    services.AddIdCloud(account.ApplyTo);
    Console.WriteLine($"No IdCloud settings found: running on the embedded emulator ({emulator.ProcessApiBaseAddress}).");
    Console.WriteLine("Set IdCloud__ServiceAccount__AccountName, __TenantId and __PrivateKeyPath to run against UAT (see README.md).");
}

await using var provider = services.BuildServiceProvider();
try
{
    // Fails fast with messages naming the settings to fix, as a hosted app would at start-up.
    provider.GetRequiredService<IStartupValidator>().Validate();
    var journey = new QuickstartJourney(
        provider.GetRequiredService<IIdCloudTokenProvider>(),
        provider.GetRequiredService<IIdCloudProcessClient>(),
        provider.GetRequiredService<IIdCloudProcessWaiter>(),
        provider.GetRequiredService<IIdCloudArtifactDownloader>(),
        emulator,
        arguments,
        Console.Out);
    return await journey.RunAsync(cancellation.Token);
}
catch (OptionsValidationException ex)
{
    Console.Error.WriteLine("The IdCloud settings are invalid:");
    foreach (var failure in ex.Failures)
    {
        Console.Error.WriteLine($"  - {failure}");
    }

    return 1;
}
catch (IdCloudException ex)
{
    Console.Error.WriteLine($"IDCloud call failed ({ex.Kind}{(ex.ErrorCode is null ? "" : ", code " + ex.ErrorCode)}): {ex.Message}");
    return 1;
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Console.Error.WriteLine("Cancelled.");
    return 130;
}
