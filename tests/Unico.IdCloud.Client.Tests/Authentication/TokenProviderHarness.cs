using Unico.IdCloud.TestSupport;
using Unico.IdCloud.Client.Authentication;
using Unico.IdCloud.Client.Tests.TestSupport;

namespace Unico.IdCloud.Client.Tests.Authentication;

/// <summary>
/// A token provider wired to a manual clock, a stub token endpoint and a capturing logger, with real RSA credentials.
/// </summary>
internal sealed class TokenProviderHarness : IDisposable
{
    private readonly Lazy<IdCloudServiceAccountTokenProvider> _provider;

    public TokenProviderHarness(Action<IdCloudTokenOptions>? configure = null, Uri? identityBaseAddress = null, Random? random = null)
    {
        configure?.Invoke(Options);
        IdentityBaseAddress = identityBaseAddress ?? IdCloudHosts.UatIdentity;
        TokenHttpClient = new HttpClient(Endpoint);
        _provider = new Lazy<IdCloudServiceAccountTokenProvider>(() => new IdCloudServiceAccountTokenProvider(
            Credentials, IdentityBaseAddress, TokenHttpClient, Options, Time, Logger, telemetry: null, random));
    }

    public ObservedTimeProvider Time { get; } = new();

    public TokenEndpointStub Endpoint { get; } = new();

    public CapturingLogger<IdCloudServiceAccountTokenProvider> Logger { get; } = new();

    public IdCloudTokenOptions Options { get; } = new();

    public IdCloudServiceAccountCredentials Credentials { get; } = TestKeys.Credentials();

    public Uri IdentityBaseAddress { get; }

    public HttpClient TokenHttpClient { get; }

    public IdCloudServiceAccountTokenProvider Provider => _provider.Value;

    /// <summary>Waits for the provider's token request in flight (if any), failing after 30 real seconds instead of hanging.</summary>
    public Task WhenIdleAsync() => Provider.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30), TimeProvider.System);

    /// <summary>Makes the token endpoint hold every answer until the returned gate is opened.</summary>
    public TaskCompletionSource GateResponses()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var answer = Endpoint.Responder;
        Endpoint.Responder = async (request, n, ct) =>
        {
            await gate.Task.WaitAsync(ct);
            return await answer(request, n, ct);
        };
        return gate;
    }

    public void Dispose()
    {
        if (_provider.IsValueCreated)
        {
            _provider.Value.Dispose();
        }

        TokenHttpClient.Dispose();
        Credentials.Dispose();
    }
}
