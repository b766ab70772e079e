using Unico.IdCloud.TestSupport;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Unico.IdCloud.AspNetCore.Tests.Infrastructure;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.Client.Tests.Completion;
using Unico.IdCloud.Testing;

namespace Unico.IdCloud.AspNetCore.Tests.Emulator;

/// <summary>
/// The completion helpers end to end over real sockets: the SDK (AddIdCloud: real tokens, pipeline, typed clients)
/// against the emulator, the webhook into the receiver on Kestrel. The waiter's and downloader's clock is manual and
/// only moves when a test moves it, so "returned on the webhook" is proven by the clock standing still, not by
/// timing. The SDK's HTTP pipeline keeps the real clock (its timeouts must not fire when a test skips minutes).
/// </summary>
public sealed class CompletionEndToEndTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private static readonly IdCloudWaitOptions SlowPolling = new()
    {
        InitialDelay = TimeSpan.FromMinutes(10),
        MaxDelay = TimeSpan.FromMinutes(10),
        Deadline = TimeSpan.FromHours(1),
    };

    private readonly EmulatorFixture _fixture;
    private readonly IdCloudEmulator _emulator;
    private ObservedTimeProvider _clock = null!;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "idcloud-e2e-" + Guid.NewGuid().ToString("N"));

    public CompletionEndToEndTests(EmulatorFixture fixture)
    {
        fixture.Reset();
        _fixture = fixture;
        _emulator = fixture.Emulator;
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task WaitForCompletion_returns_on_the_webhook_while_the_clock_stands_still()
    {
        await using var app = await StartAppAsync(webhook: true);
        var processId = await CreateProcessAsync(app, Flow.Id);
        var wait = Waiter(app).WaitForCompletionAsync(processId, SlowPolling);
        await _clock.WaitForTimerDueWithinAsync(SlowPolling.MaxDelay);
        var clock = _clock.GetUtcNow();

        await _emulator.FinishProcessAsync(processId, EmulatedOutcome.Approved);
        var process = await wait.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(clock, _clock.GetUtcNow());                                     // no poll was due: the webhook did it
        Assert.Equal(ProcessState.Finished, process.State);
        Assert.Equal(IdCloudProcessOutcome.Approved, process.Interpret().Outcome);
        Assert.Equal(2, GetProcessRequests(processId));                              // the first read, and the one the webhook triggered
        Assert.True(Assert.Single(_emulator.WebhookDeliveries).Succeeded);
    }

    [Fact]
    public async Task WaitForCompletion_finds_the_result_by_polling_alone_when_no_webhook_is_configured()
    {
        await using var app = await StartAppAsync(webhook: false);
        var processId = await CreateProcessAsync(app, Flow.Id);
        var options = new IdCloudWaitOptions { InitialDelay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromSeconds(30), Deadline = TimeSpan.FromMinutes(30) };
        var wait = Waiter(app).WaitForCompletionAsync(processId, options);
        await _clock.WaitForTimerDueWithinAsync(options.MaxDelay);

        await _emulator.FinishProcessAsync(processId, EmulatedOutcome.IdentityNegative);
        Assert.False(wait.IsCompleted);
        _clock.Advance(options.InitialDelay);                                        // the first delay is exactly InitialDelay
        var process = await wait.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(IdCloudProcessOutcome.Denied, process.Interpret().Outcome);
        Assert.Equal(2, GetProcessRequests(processId));
        Assert.Empty(_emulator.WebhookDeliveries);
    }

    [Fact]
    public async Task WaitForCompletion_stops_at_its_deadline_with_a_typed_timeout_error()
    {
        await using var app = await StartAppAsync(webhook: false);
        var processId = await CreateProcessAsync(app, Flow.Id);
        var options = new IdCloudWaitOptions { InitialDelay = TimeSpan.FromSeconds(10), MaxDelay = TimeSpan.FromSeconds(20), Deadline = TimeSpan.FromMinutes(1) };
        var wait = Waiter(app).WaitForCompletionAsync(processId, options);

        while (!wait.IsCompleted)
        {
            if (!await _clock.CompletedOrTimerAsync(wait, options.MaxDelay) && _clock.PendingDelays.Where(d => d <= options.MaxDelay).ToList() is { Count: > 0 } due)
            {
                _clock.Advance(due.Min());
            }
        }

        var error = await IdCloudAssert.ThrowsAsync<IdCloudWaitTimeoutException>(IdCloudErrorKind.WaitTimeout, () => wait);
        Assert.Equal(IdCloudErrorKind.WaitTimeout, error.Kind);
        Assert.Equal(processId, error.ResourceId);
        Assert.Contains("last known state: " + ProcessState.Created.Value, error.Message, StringComparison.Ordinal);
        var reads = error.RetryCount + 1;
        Assert.Contains($"({reads} reads)", error.Message, StringComparison.Ordinal);

        // The read cut short by the deadline is journalled by the emulator only when its (cancelled) request ends,
        // which can be just after the waiter has thrown: give the journal a bounded moment to catch up.
        for (var tries = 0; GetProcessRequests(processId) < reads && tries < 200; tries++)
        {
            await Task.Delay(25);
        }

        Assert.Equal(reads, GetProcessRequests(processId));
    }

    [Fact]
    public async Task WaitForCompletion_keeps_waiting_through_a_429_and_honours_its_Retry_After()
    {
        await using var app = await StartAppAsync(webhook: false);
        var processId = await CreateProcessAsync(app, Flow.Id);
        await _emulator.FinishProcessAsync(processId, EmulatedOutcome.Approved);

        // Longer than the pipeline is willing to wait (MaxRetryAfter), so the read fails with the rate-limit error
        // and it is the waiter that must wait the two minutes.
        _emulator.InjectFault(EmulatorRoute.GetProcess, EmulatedFault.RateLimited(retryAfterSeconds: 120));
        var options = new IdCloudWaitOptions { InitialDelay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromSeconds(30), Deadline = TimeSpan.FromMinutes(30) };
        var wait = Waiter(app).WaitForCompletionAsync(processId, options);

        await _clock.WaitForTimerDueWithinAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(TimeSpan.FromMinutes(2), _clock.PendingDelays.Min());
        _clock.Advance(TimeSpan.FromMinutes(2));
        var process = await wait.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(ProcessState.Finished, process.State);
        Assert.Contains(_emulator.Requests, r => r.Route == EmulatorRoute.GetProcess && r.StatusCode == 429);
    }

    [Fact]
    public async Task WaitForCompletion_honours_cancellation()
    {
        await using var app = await StartAppAsync(webhook: true);
        var processId = await CreateProcessAsync(app, Flow.Id);
        using var cancellation = new CancellationTokenSource();
        var wait = Waiter(app).WaitForCompletionAsync(processId, SlowPolling, cancellation.Token);
        await _clock.WaitForTimerDueWithinAsync(SlowPolling.MaxDelay);

        await cancellation.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(cancellation.Token, error.CancellationToken);
        Assert.Equal(1, GetProcessRequests(processId));
    }

    [Fact]
    public async Task The_signed_document_helper_succeeds_when_the_document_appears_after_N_failed_attempts()
    {
        _emulator.SignedDocumentNotReadyRequests = 3;
        await using var app = await StartAppAsync(webhook: false);
        var documentId = await FinishedSigningDocumentIdAsync(app);
        var download = Downloader(app).GetSignedDocumentWhenReadyAsync(documentId);

        var waits = await AdvanceThroughRetriesAsync(download);

        await using var document = await download;
        using var content = new MemoryStream();
        await document.CopyToAsync(content);
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(content.ToArray(), 0, 5), StringComparison.Ordinal);
        Assert.Equal("application/pdf", document.ContentType);
        Assert.Equal([1, 2, 4], waits.Select(w => w.TotalMinutes));
        Assert.Equal(4, SignatureRequests(EmulatorRoute.GetSignedDocument));
    }

    [Fact]
    public async Task The_signed_document_helper_fails_typed_after_the_limit()
    {
        _emulator.SignedDocumentNotReadyRequests = 5;
        await using var app = await StartAppAsync(webhook: false);
        var documentId = await FinishedSigningDocumentIdAsync(app);
        var options = new IdCloudSignedDocumentWaitOptions { MaxAttempts = 3 };
        var download = Downloader(app).GetSignedDocumentWhenReadyAsync(documentId, options);

        await AdvanceThroughRetriesAsync(download);

        var error = await IdCloudAssert.ThrowsAsync<IdCloudException>(IdCloudErrorKind.NotReady, () => download);
        Assert.Equal(IdCloudErrorKind.NotReady, error.Kind);
        Assert.Equal(documentId, error.ResourceId);
        Assert.Equal(2, error.RetryCount); // 3 attempts
        Assert.Contains("after 3 attempt(s)", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, SignatureRequests(EmulatorRoute.GetSignedDocument));
        Assert.IsAssignableFrom<IdCloudException>(error.InnerException);
    }

    [Fact]
    public async Task The_artifact_folder_holds_the_files_with_the_hashes_its_manifest_states()
    {
        _emulator.SignedDocumentSize = 3_000_000;
        _emulator.SignedDocumentNotReadyRequests = 1;
        await using var app = await StartAppAsync(webhook: false);
        var processId = await CreateProcessAsync(app, Flow.IdUnicoSign);
        await _emulator.FinishProcessAsync(processId, EmulatedOutcome.Approved);
        var download = Downloader(app).DownloadAllAsync(processId, _folder);

        await AdvanceThroughRetriesAsync(download);
        var manifest = await download;

        Assert.Equal(["selfie.jpg", "evidence-set.pdf", "signed-document.pdf", "signature-evidence.pdf"], manifest.Files.Select(f => f.FileName));
        var fromDisk = await IdCloudArtifactManifest.ReadFromFileAsync(Path.Combine(_folder, "manifest.json"));
        Assert.Equal(processId, fromDisk.ProcessId);
        foreach (var file in fromDisk.Files)
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(_folder, file.FileName));
            Assert.Equal(file.Size, bytes.Length);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), file.Sha256);
        }

        Assert.Equal(3_000_000, fromDisk.Files.Single(f => f.Artifact == IdCloudArtifactKind.SignedDocument).Size);
        Assert.Equal("image/jpeg", fromDisk.Files[0].ContentType);
        Assert.Equal([0xFF, 0xD8], (await File.ReadAllBytesAsync(Path.Combine(_folder, "selfie.jpg")))[..2]);
        Assert.Equal("application/pdf", fromDisk.Files[1].ContentType);                          // the API says "x-pdf"
        Assert.Equal("%PDF-"u8.ToArray(), (await File.ReadAllBytesAsync(Path.Combine(_folder, "evidence-set.pdf")))[..5]);
        Assert.Equal("PROCESS_STATE_FINISHED", fromDisk.State);
        Assert.Empty(fromDisk.Skipped);
    }

    private Task<WebhookTestServer> StartAppAsync(bool webhook)
    {
        var clock = new ObservedTimeProvider(DateTimeOffset.UtcNow);
        var task = WebhookTestServer.StartAsync(
            o => { o.Authentication = IdCloudWebhookAuthentication.ApiKey; o.ApiKey = "X-API-Key:e2e-secret"; },
            registerHandler: false,
            services: s =>
            {
                s.AddIdCloud(_fixture.Account.ApplyTo);

                // The completion helpers on the manual clock (the types are internal; this test assembly sees them),
                // the rest of the application on the real one. AddIdCloudCompletion then keeps these and adds the rest.
                s.AddSingleton<IIdCloudProcessWaiter>(sp => new IdCloudProcessWaiter(
                    sp.GetRequiredService<IIdCloudProcessClient>(),
                    sp.GetRequiredService<IdCloudCompletionSignals>(),
                    sp.GetRequiredService<IOptions<IdCloudWaitOptions>>(),
                    clock));
                s.AddSingleton<IIdCloudArtifactDownloader>(sp => new IdCloudArtifactDownloader(
                    sp.GetRequiredService<IIdCloudProcessApi>(),
                    sp.GetRequiredService<IIdCloudSignatureClient>(),
                    sp.GetRequiredService<IOptions<IdCloudSignedDocumentWaitOptions>>(),
                    clock));
                s.AddIdCloudCompletion();
            },
            manualClockForTheApplication: false);
        _clock = clock;
        return webhook ? ConfigureWebhookAsync(task) : task;
    }

    private async Task<WebhookTestServer> ConfigureWebhookAsync(Task<WebhookTestServer> starting)
    {
        var server = await starting;
        _emulator.ConfigureWebhook(new Uri(server.Client.BaseAddress!, WebhookTestServer.Path), EmulatedWebhookAuthentication.ApiKey("X-API-Key:e2e-secret"));
        return server;
    }

    private static IIdCloudProcessWaiter Waiter(WebhookTestServer app) => app.App.Services.GetRequiredService<IIdCloudProcessWaiter>();

    private static IIdCloudArtifactDownloader Downloader(WebhookTestServer app) => app.App.Services.GetRequiredService<IIdCloudArtifactDownloader>();

    private static async Task<string> CreateProcessAsync(WebhookTestServer app, Flow flow)
    {
        var client = app.App.Services.GetRequiredService<IIdCloudProcessClient>();
        var request = new CreateProcessRequest
        {
            CallbackUri = "/",
            Flow = flow,
            Purpose = Purpose.CreditProcess,
            Person = new ProcessPerson { DuiType = DuiType.BrCpf, DuiValue = "73689290074", FriendlyName = "Test Person", Email = "person@example.com" },
        };
        if (flow.Has(FlowCapabilities.ElectronicSignature))
        {
            request.Payload =
            [
                new EnvelopePayload
                {
                    Documents = [new EnvelopeDocument { DocumentName = "contract", FileContents = "%PDF-1.3\n% contract\n%%EOF\n"u8.ToArray() }],
                },
            ];
        }

        return (await client.CreateProcessAsync(request)).Id!;
    }

    private async Task<string> FinishedSigningDocumentIdAsync(WebhookTestServer app)
    {
        var processId = await CreateProcessAsync(app, Flow.IdUnicoSign);
        await _emulator.FinishProcessAsync(processId, EmulatedOutcome.Approved);
        var process = await app.App.Services.GetRequiredService<IIdCloudProcessClient>().GetProcessAsync(processId);
        return Assert.Single(Assert.Single(process.Services!).DocumentIds!);
    }

    private int GetProcessRequests(string processId) =>
        _emulator.Requests.Count(r => r.Route == EmulatorRoute.GetProcess && r.Path.EndsWith(processId, StringComparison.Ordinal));

    private int SignatureRequests(EmulatorRoute route) => _emulator.Requests.Count(r => r.Route == route);

    /// <summary>Moves the manual clock to each retry wait until the task ends; returns the waits.</summary>
    private async Task<List<TimeSpan>> AdvanceThroughRetriesAsync(Task task)
    {
        var waits = new List<TimeSpan>();
        while (!task.IsCompleted)
        {
            if (!await _clock.CompletedOrTimerAsync(task) && _clock.PendingDelays is { Count: > 0 } due)
            {
                waits.Add(due.Min());
                _clock.Advance(due.Min());
            }
        }

        return waits;
    }
}
