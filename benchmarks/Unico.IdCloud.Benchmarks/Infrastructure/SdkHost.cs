using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.Testing;

namespace Unico.IdCloud.Benchmarks.Infrastructure;

/// <summary>
/// Builds the SDK the way an application does (<c>services.AddIdCloud(...)</c>, IHttpClientFactory, the full handler
/// pipeline), optionally with an in-memory primary handler under every named client, and warms the token cache so a
/// benchmark never measures the one-off token request.
/// </summary>
internal static class SdkHost
{
    /// <summary>Hosts nobody can resolve: if the in-memory handler were bypassed, nothing would leave the machine.</summary>
    public static readonly Uri InMemoryProcessApi = new("https://process.idcloud.invalid");

    public static readonly Uri InMemorySignatureApi = new("https://sign.idcloud.invalid");

    public static readonly Uri InMemoryIdentity = new("https://identity.idcloud.invalid");

    /// <summary>The SDK over <paramref name="handler"/>, with a service account whose key is real (the assertion is signed).</summary>
    public static ServiceProvider InMemory(InMemoryIdCloudHandler handler, Action<IServiceCollection, IIdCloudBuilder>? extend = null)
    {
        using var rsa = RSA.Create(2048);
        var key = rsa.ExportPkcs8PrivateKeyPem();
        return Build(
            options =>
            {
                options.ProcessApiBaseAddress = InMemoryProcessApi;
                options.SignatureApiBaseAddress = InMemorySignatureApi;
                options.IdentityBaseAddress = InMemoryIdentity;
                options.ServiceAccount.AccountName = "benchmark";
                options.ServiceAccount.TenantId = "benchmark-tenant";
                options.ServiceAccount.PrivateKeyPem = key;
            },
            handler,
            extend);
    }

    /// <summary>
    /// The SDK configured by <paramref name="configure"/>; with a handler, every named client sends to it;
    /// <paramref name="extend"/> adds to the registration (a rate limiter, Redis) the way an application would.
    /// </summary>
    public static ServiceProvider Build(Action<IdCloudOptions> configure, HttpMessageHandler? handler = null, Action<IServiceCollection, IIdCloudBuilder>? extend = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var idCloud = services.AddIdCloud(configure);
        extend?.Invoke(services, idCloud);
        if (handler is not null)
        {
            foreach (var client in new[] { idCloud.ProcessApiHttpClient, idCloud.SignatureApiHttpClient, idCloud.IdentityHttpClient })
            {
                client.ConfigurePrimaryHttpMessageHandler(() => handler).SetHandlerLifetime(Timeout.InfiniteTimeSpan);
            }
        }

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        // Warm the token cache (and fail here, not in a measured call, if the configuration is wrong).
        provider.GetRequiredService<IIdCloudTokenProvider>().GetTokenAsync().AsTask().GetAwaiter().GetResult();
        return provider;
    }

    /// <summary>Creates a process through <paramref name="client"/> and has the emulator finish it approved: what the loopback GetProcess benchmarks read.</summary>
    public static async Task<string> CreateApprovedProcessAsync(IdCloudEmulator emulator, IIdCloudProcessClient client)
    {
        var created = await client.CreateProcessAsync(new CreateProcessRequest
        {
            CallbackUri = "/",
            Flow = Flow.IdLive,
            Purpose = Purpose.CreditProcess,
            Person = new ProcessPerson { DuiType = DuiType.BrCpf, DuiValue = "73689290074", FriendlyName = "Ana" },
        });
        await emulator.FinishProcessAsync(created.Id, EmulatedOutcome.Approved);
        return created.Id;
    }
}
