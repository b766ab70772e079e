using Microsoft.Extensions.Logging;

namespace Unico.IdCloud.Testing;

/// <summary>The emulator's parts, wired once the listeners' real addresses are known, and disposed together.</summary>
internal sealed class EmulatorComponents : IAsyncDisposable
{
    private EmulatorComponents(IdCloudEmulatorOptions options, ILogger logger, Uri identity, Uri process)
    {
        Time = options.TimeProvider;
        Logger = logger;
        Accounts = new ServiceAccountRegistry();
        AccessTokens = new AccessTokenIssuer(identity.OriginalString, Time, options.AccessTokenLifetime);
        Store = new ProcessStore();
        Journal = new RequestJournal();
        Faults = new FaultInjector();
        Webhooks = new WebhookSender(options, logger);
        Signing = new SignedDocumentSettings();
        Lifecycle = new ProcessLifecycle(Store, Time, Webhooks, Signing);
        Token = new TokenEndpoint(new AssertionValidator(Accounts, identity.OriginalString, Time), AccessTokens);
        Forms = new ResponseForms(options.UnauthorizedResponse, options.NotFoundResponse);
        Traffic = new TenantTrafficMeter(Time, options.EnforceRateLimit, options.RateLimitPerSecond);
        Processes = new ProcessEndpoints(Store, Lifecycle, Time, process.OriginalString, SelfieImage.Create(), Journal, Forms);
        Signature = new SignatureEndpoints(Store, Forms);
        Journey = new JourneyEndpoint(Store, Lifecycle);
    }

    public TimeProvider Time { get; }

    public ILogger Logger { get; }

    public ServiceAccountRegistry Accounts { get; }

    public AccessTokenIssuer AccessTokens { get; }

    public ProcessStore Store { get; }

    public RequestJournal Journal { get; }

    public FaultInjector Faults { get; }

    public WebhookSender Webhooks { get; }

    public SignedDocumentSettings Signing { get; }

    public ProcessLifecycle Lifecycle { get; }

    public TokenEndpoint Token { get; }

    public ResponseForms Forms { get; }

    public TenantTrafficMeter Traffic { get; }

    public ProcessEndpoints Processes { get; }

    public SignatureEndpoints Signature { get; }

    public JourneyEndpoint Journey { get; }

    /// <param name="options">Validated options.</param>
    /// <param name="logger">The emulator's logger.</param>
    /// <param name="identity">The identity listener's address: issuer of tokens and the assertions' audience.</param>
    /// <param name="process">The process listener's address, for <c>userRedirectUrl</c>.</param>
    public static EmulatorComponents Create(IdCloudEmulatorOptions options, ILogger logger, Uri identity, Uri process) =>
        new(options, logger, identity, process);

    public async ValueTask DisposeAsync()
    {
        Lifecycle.Dispose(); // no expiry fires into a sender that is going away
        await Webhooks.DisposeAsync().ConfigureAwait(false);
        AccessTokens.Dispose();
        Accounts.Dispose();
    }
}
