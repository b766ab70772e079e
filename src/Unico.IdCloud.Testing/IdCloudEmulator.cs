using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Unico.IdCloud.Testing;

/// <summary>
/// An in-process emulator of Unico IDCloud for tests, samples and offline development: the identity (token)
/// endpoint, the by Unico process API and the signature API, each on its own loopback port, with real RSA signature
/// checks, scripted process outcomes, fault injection and webhook delivery.
/// </summary>
/// <example>
/// <code>
/// await using var emulator = await IdCloudEmulator.StartAsync();
/// var account = emulator.CreateServiceAccount();
/// services.AddIdCloud(options => account.ApplyTo(options));
/// // ... create a process through the SDK, then:
/// await emulator.FinishProcessAsync(processId, EmulatedOutcome.Approved);
/// </code>
/// </example>
public sealed class IdCloudEmulator : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(2);

    // e-signature payloads carry base64 PDFs.
    private const long MaxRequestBodySize = 64L * 1024 * 1024;

    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping;
    private readonly EmulatorComponents _parts;
    private readonly TestServer? _testServer;
    private int _disposed;

    private IdCloudEmulator(WebApplication app, CancellationTokenSource stopping, EmulatorComponents parts, Uri identity, Uri process, Uri signature, string tenantId, TestServer? testServer, ByClientEmulator byClient)
    {
        ByClient = byClient;
        _app = app;
        _testServer = testServer;
        _stopping = stopping;
        _parts = parts;
        IdentityBaseAddress = identity;
        ProcessApiBaseAddress = process;
        SignatureApiBaseAddress = signature;
        TenantId = tenantId;
    }

    /// <summary>
    /// The identity host, e.g. <c>http://127.0.0.1:40123</c>: serves <c>POST /oauth2/token</c>. Its
    /// <see cref="Uri.OriginalString"/> has no trailing slash; <see cref="Audience"/> is the exact <c>aud</c> to sign.
    /// </summary>
    public Uri IdentityBaseAddress { get; }

    /// <summary>The by Unico process API host: serves <c>/client/v1/process...</c>.</summary>
    public Uri ProcessApiBaseAddress { get; }

    /// <summary>The signature API host: serves <c>/api/v1/service/file|evidence/{documentId}</c>.</summary>
    public Uri SignatureApiBaseAddress { get; }

    /// <summary>The by Client API (<c>/processes/v1</c>) on its own port: API keys, scripted verdicts, faults.</summary>
    public ByClientEmulator ByClient { get; }

    /// <summary>
    /// The <c>aud</c> an assertion must carry: the identity base address with no trailing slash, exactly as Unico
    /// requires (<c>https://identityhomolog.acesso.io</c> in UAT). Note <see cref="Uri.ToString"/> would add a slash.
    /// </summary>
    public string Audience => IdentityBaseAddress.OriginalString;

    /// <summary>The default tenant (company) id of accounts made by <see cref="CreateServiceAccount"/>.</summary>
    public string TenantId { get; }

    /// <summary>Every request received so far (since the last <see cref="ResetRequestLog"/>), oldest first. A snapshot.</summary>
    public IReadOnlyList<EmulatorRequest> Requests => _parts.Journal.Requests;

    /// <summary>How many requests reached <c>POST /oauth2/token</c>, whatever their outcome.</summary>
    public int TokenRequestCount => _parts.Journal.TokenRequestCount;

    /// <summary>
    /// How many processes were actually created: a CreateProcess rejected as invalid, unauthenticated or failed by a
    /// before-processing fault does not count; one answered with a <see cref="EmulatedFault.StatusAfterProcessing"/>
    /// fault does. This is how a test proves a POST was not retried into a second, billable process.
    /// </summary>
    public int ProcessCreationCount => _parts.Journal.ProcessCreationCount;

    /// <summary>The ids of every process created, oldest first (including ones whose response the client never saw).</summary>
    public IReadOnlyList<string> ProcessIds => _parts.Store.Ids;

    /// <summary>Every webhook attempt so far (since the last <see cref="ResetWebhookDeliveries"/>), oldest first. A snapshot.</summary>
    public IReadOnlyList<EmulatedWebhookDelivery> WebhookDeliveries => _parts.Webhooks.Deliveries;

    /// <summary>
    /// The size in bytes of the signed PDFs of processes finished from now on. 0 (default) means the natural size,
    /// about 1 KB. Larger sizes are padded exactly and streamed in chunks, never built in memory.
    /// </summary>
    public long SignedDocumentSize
    {
        get => _parts.Signing.FileSize;
        set => _parts.Signing.FileSize = CheckSize(value);
    }

    /// <summary>Like <see cref="SignedDocumentSize"/>, for the signature evidence PDFs.</summary>
    public long SignatureEvidenceSize
    {
        get => _parts.Signing.EvidenceSize;
        set => _parts.Signing.EvidenceSize = CheckSize(value);
    }

    /// <summary>
    /// For processes finished from now on: how many requests for each signed document (and, counted separately, its
    /// evidence) answer "document does not exist" before the PDF appears, as the real service does for a while after
    /// a process finishes. Default 0.
    /// </summary>
    public int SignedDocumentNotReadyRequests
    {
        get => _parts.Signing.NotReadyRequests;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _parts.Signing.NotReadyRequests = value;
        }
    }

    /// <summary>Starts the emulator on three free loopback ports.</summary>
    /// <param name="options">Settings; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator. Dispose it to stop Kestrel and the webhook sender.</returns>
    public static Task<IdCloudEmulator> StartAsync(IdCloudEmulatorOptions? options = null, CancellationToken cancellationToken = default) =>
        StartCoreAsync(options, inMemory: false, cancellationToken);

    /// <summary>
    /// Starts the emulator without sockets, for fast unit tests: the same endpoints, checks, scripting and faults, served
    /// in memory through <see cref="CreateHandler"/>. Its base addresses (<c>http://127.0.0.1:1</c>, <c>:2</c>, <c>:3</c>)
    /// only name the three hosts; nothing listens on them, so only clients using <see cref="CreateHandler"/> (see
    /// <see cref="EmulatorServiceCollectionExtensions.UseIdCloudEmulatorHandler"/>) reach it. Webhooks still go out
    /// over the network, to the receiver's URL.
    /// </summary>
    /// <param name="options">Settings; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator. Dispose it to stop it and the webhook sender.</returns>
    public static Task<IdCloudEmulator> StartInMemoryAsync(IdCloudEmulatorOptions? options = null, CancellationToken cancellationToken = default) =>
        StartCoreAsync(options, inMemory: true, cancellationToken);

    private static async Task<IdCloudEmulator> StartCoreAsync(IdCloudEmulatorOptions? options, bool inMemory, CancellationToken cancellationToken)
    {
        options ??= new IdCloudEmulatorOptions();
        options.Validate();
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger<IdCloudEmulator>();
        var stopping = new CancellationTokenSource();
        var dispatcher = new EmulatorDispatcher(identifyByHostPort: inMemory, stopping.Token);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(IdCloudEmulator).Assembly.GetName().Name });
        ListenOptions? identityListen = null, processListen = null, signatureListen = null;
        if (inMemory)
        {
            builder.WebHost.UseTestServer();
        }
        else
        {
            builder.WebHost.UseKestrelCore();
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.AddServerHeader = false;
                kestrel.Limits.MaxRequestBodySize = MaxRequestBodySize; // e-signature payloads carry base64 PDFs
                var first = options.Port ?? 0;
                kestrel.Listen(IPAddress.Loopback, first, listen => identityListen = listen);
                kestrel.Listen(IPAddress.Loopback, first == 0 ? 0 : first + 1, listen => processListen = listen);
                kestrel.Listen(IPAddress.Loopback, first == 0 ? 0 : first + 2, listen => signatureListen = listen);
            });
        }

        builder.Services.AddSingleton<IHostLifetime, EmulatorHostLifetime>();
        if (options.LoggerFactory is { } userLoggerFactory)
        {
            builder.Services.AddSingleton(userLoggerFactory);
        }

        var app = builder.Build();
        app.Run(dispatcher.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            stopping.Dispose();
            throw;
        }

        // Kestrel writes the bound port back into each ListenOptions when it binds port 0. In memory, the ports only
        // name the hosts (the dispatcher reads them from the Host header).
        var identity = inMemory ? InMemoryAddress(1) : Loopback(identityListen!);
        var process = inMemory ? InMemoryAddress(2) : Loopback(processListen!);
        var signature = inMemory ? InMemoryAddress(3) : Loopback(signatureListen!);

        var parts = EmulatorComponents.Create(options, logger, identity, process);
        var testServer = inMemory ? app.GetTestServer() : null;
        // The by Client host is its own small app (another host name in production): always on a loopback socket.
        var byClient = await ByClientEmulator.StartAsync(parts.AccessTokens, options, cancellationToken).ConfigureAwait(false);
        var emulator = new IdCloudEmulator(app, stopping, parts, identity, process, signature, options.TenantId ?? Guid.NewGuid().ToString("D"), testServer, byClient);
        dispatcher.Control = new EmulatorControlApi(emulator);
        dispatcher.Attach(parts, identity.Port, process.Port, signature.Port);
        EmulatorLog.Started(logger, identity, process, signature);
        return emulator;
    }

    /// <summary>
    /// A new handler that reaches this emulator, for an <see cref="HttpClient"/> or as the primary handler of the SDK's
    /// pipeline: in memory (no sockets) for an emulator started with <see cref="StartInMemoryAsync"/>, otherwise a plain
    /// <see cref="SocketsHttpHandler"/> (no proxy), so the same test code works in both modes. The caller owns it.
    /// </summary>
    /// <returns>A handler; dispose it (or let the <see cref="HttpClient"/> or IHttpClientFactory do so).</returns>
    public HttpMessageHandler CreateHandler()
    {
        ThrowIfDisposed();
        return _testServer is not null
            ? new InMemoryHandler(_testServer.CreateHandler(), MaxRequestBodySize)
            : new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false };
    }

    /// <summary>
    /// Registers a service account with a fresh RSA 2048 key pair. Use <see cref="EmulatedServiceAccount.ApplyTo"/> to
    /// point the SDK's options at the emulator with it.
    /// </summary>
    /// <param name="accountName">At most 12 characters (Unico's limit); a random name when null.</param>
    /// <param name="tenantId">The account's tenant; <see cref="TenantId"/> when null. A new tenant becomes known.</param>
    /// <param name="permissions">
    /// What Unico granted the account (default all). Without <see cref="EmulatedPermissions.Selfie"/> or
    /// <see cref="EmulatedPermissions.EvidenceSet"/> that endpoint answers 403 with code 7 "no permission".
    /// </param>
    public EmulatedServiceAccount CreateServiceAccount(string? accountName = null, string? tenantId = null, EmulatedPermissions permissions = EmulatedPermissions.All)
    {
        ThrowIfDisposed();
        if ((permissions & ~EmulatedPermissions.All) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(permissions), permissions, "Unknown permission.");
        }

        return _parts.Accounts.Create(accountName, tenantId ?? TenantId, permissions, IdentityBaseAddress, ProcessApiBaseAddress, SignatureApiBaseAddress);
    }

    /// <summary>
    /// Finishes a CREATED process with a scripted outcome (state, result, authenticationInfo, captured document, signed
    /// documents) and triggers the webhook if one is configured.
    /// </summary>
    /// <param name="processId">The process id returned by CreateProcess.</param>
    /// <param name="outcome">How the journey ended.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">No process has this id.</exception>
    /// <exception cref="InvalidOperationException">
    /// The process has already finished (or expired by the emulator's clock), or it still awaits the person's document
    /// and <paramref name="outcome"/> is not <see cref="EmulatedOutcome.Expired"/>.
    /// </exception>
    public Task FinishProcessAsync(string processId, EmulatedOutcome outcome, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(processId);
        if (!Enum.IsDefined(outcome))
        {
            throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown outcome.");
        }

        var process = Guid.TryParse(processId, out var id) ? _parts.Store.Find(id) : null;
        if (process is null)
        {
            throw new ArgumentException($"The emulator has no process with id '{processId}'.", nameof(processId));
        }

        _parts.Lifecycle.ExpireIfDue(process);
        if (process.AwaitsDocument && outcome != EmulatedOutcome.Expired)
        {
            throw new InvalidOperationException(
                $"Process {process.IdText} awaits the person's document (Set Process Document); until then its journey can only expire.");
        }

        if (!_parts.Lifecycle.TryFinish(process, outcome))
        {
            throw new InvalidOperationException(
                $"Process {process.IdText} has already finished ({process.Finish?.Outcome}); a process finishes once.");
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Makes the next <paramref name="times"/> requests to <paramref name="route"/> fail as <paramref name="fault"/>
    /// describes. Faults on the same route queue up in order.
    /// </summary>
    /// <param name="route">The endpoint.</param>
    /// <param name="fault">What goes wrong.</param>
    /// <param name="times">How many matching requests it applies to (default 1).</param>
    public void InjectFault(EmulatorRoute route, EmulatedFault fault, int times = 1)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        if (!Enum.IsDefined(route))
        {
            throw new ArgumentOutOfRangeException(nameof(route), route, "Unknown route.");
        }

        _parts.Faults.Inject(route, fault, times);
    }

    /// <summary>
    /// Puts the per-test scripting back to defaults, for a fixture that shares one emulator between tests: drops
    /// pending faults, clears the request log, counters and webhook log, turns the webhook off and resets the
    /// signed-document size and readiness settings. Accounts, processes and issued tokens stay; the processes left open
    /// no longer expire on their own (so no expiry webhook from an earlier test reaches a later one), only when read
    /// past their <c>expiresAt</c>.
    /// </summary>
    public void Reset()
    {
        _parts.Lifecycle.CancelScheduledExpiries();
        ResetFaults();
        ResetRequestLog();
        DisableWebhook();
        ResetWebhookDeliveries();
        _parts.Signing.FileSize = 0;
        _parts.Signing.EvidenceSize = 0;
        _parts.Signing.NotReadyRequests = 0;
        ByClient.Reset();
    }

    /// <summary>Drops every fault not yet applied.</summary>
    public void ResetFaults() => _parts.Faults.Clear();

    /// <summary>
    /// Clears <see cref="Requests"/>, sets <see cref="TokenRequestCount"/> and <see cref="ProcessCreationCount"/> to 0
    /// and forgets every tenant's traffic (<see cref="GetTenantTraffic"/>), the rate limit's windows included.
    /// </summary>
    public void ResetRequestLog()
    {
        _parts.Journal.Reset();
        _parts.Traffic.Reset();
    }

    /// <summary>
    /// What a tenant sent to the process and signature APIs: requests, the busiest one-second window and the 429s it
    /// was answered. Counted whether or not <see cref="IdCloudEmulatorOptions.EnforceRateLimit"/> is on, so a test can
    /// assert that a client stays within Unico's budget ("busiest second ≤ 10 and 0 × 429").
    /// </summary>
    /// <param name="tenantId">The tenant; <see cref="TenantId"/> when null.</param>
    /// <returns>A snapshot; all zeros for a tenant that sent nothing.</returns>
    public EmulatorTenantTraffic GetTenantTraffic(string? tenantId = null) => _parts.Traffic.Snapshot(tenantId ?? TenantId);

    /// <summary>
    /// Gives one tenant its own budget, as Unico adjusts the limit per contract. Applies when
    /// <see cref="IdCloudEmulatorOptions.EnforceRateLimit"/> is on; survives <see cref="Reset"/>.
    /// </summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="requestsPerSecond">Its budget, at least 1; null for <see cref="IdCloudEmulatorOptions.RateLimitPerSecond"/>.</param>
    public void SetTenantRateLimit(string tenantId, int? requestsPerSecond)
    {
        ThrowIfDisposed();
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        if (requestsPerSecond is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(requestsPerSecond), requestsPerSecond, "A budget allows at least one request per second.");
        }

        _parts.Traffic.SetBudget(tenantId, requestsPerSecond);
    }

    /// <summary>
    /// Forgets every access token issued so far: API calls with them answer 401 "Jwt header is an invalid JSON", as
    /// for an unknown token. Useful to test a client's "401 → new token → resend once" behaviour.
    /// </summary>
    public void RevokeAccessTokens() => _parts.AccessTokens.RevokeAll();

    /// <summary>Sends a webhook to <paramref name="url"/> each time a process finishes from now on.</summary>
    /// <param name="url">The receiver (any scheme HttpClient supports; loopback in tests).</param>
    /// <param name="authentication">The credential to present.</param>
    /// <param name="deliverTwice">Deliver every notification twice, as at-least-once delivery may.</param>
    public void ConfigureWebhook(Uri url, EmulatedWebhookAuthentication authentication, bool deliverTwice = false)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(authentication);
        if (!url.IsAbsoluteUri)
        {
            throw new ArgumentException("The webhook URL must be absolute.", nameof(url));
        }

        _parts.Webhooks.Configure(new WebhookTarget(url, authentication, deliverTwice));
    }

    /// <summary>Stops sending webhooks for processes that finish from now on (deliveries under way continue).</summary>
    public void DisableWebhook() => _parts.Webhooks.Configure(null);

    /// <summary>Waits until at least <paramref name="count"/> webhook deliveries succeeded (2xx) in total.</summary>
    /// <param name="count">Successful deliveries to wait for, counted since the last <see cref="ResetWebhookDeliveries"/>.</param>
    /// <param name="timeout">How long to wait (real clock).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="TimeoutException">Fewer deliveries succeeded in time; the message says how many.</exception>
    public Task WaitForWebhookDeliveriesAsync(int count, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        _parts.Webhooks.WaitAsync(count, successfulOnly: true, timeout, cancellationToken);

    /// <summary>Waits until at least <paramref name="count"/> webhook attempts were made, successful or not.</summary>
    /// <param name="count">Attempts to wait for, counted since the last <see cref="ResetWebhookDeliveries"/>.</param>
    /// <param name="timeout">How long to wait (real clock).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="TimeoutException">Fewer attempts were made in time.</exception>
    public Task WaitForWebhookAttemptsAsync(int count, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        _parts.Webhooks.WaitAsync(count, successfulOnly: false, timeout, cancellationToken);

    /// <summary>Clears <see cref="WebhookDeliveries"/>.</summary>
    public void ResetWebhookDeliveries() => _parts.Webhooks.Reset();

    /// <summary>Stops the webhook sender and Kestrel (in-flight requests get a short grace period), then frees the keys.</summary>
    /// <returns>A task that completes when everything has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await ByClient.DisposeAsync().ConfigureAwait(false);
        await _parts.Webhooks.DisposeAsync().ConfigureAwait(false);
        using (var grace = new CancellationTokenSource(ShutdownGrace))
        {
            try
            {
                await _app.StopAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Connections still open after the grace period were aborted; nothing else to do.
            }
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        await _parts.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"IdCloudEmulator {{ Identity = {IdentityBaseAddress.OriginalString}, Process = {ProcessApiBaseAddress.OriginalString}, Signature = {SignatureApiBaseAddress.OriginalString} }}";

    private static Uri Loopback(ListenOptions listen)
    {
        var port = listen.IPEndPoint?.Port ?? 0;
        if (port == 0)
        {
            throw new InvalidOperationException("Kestrel did not report the port it bound.");
        }

        return new Uri("http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture));
    }

    private static Uri InMemoryAddress(int port) => new("http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture));

    private static long CheckSize(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return value;
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
}
