using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.IntegrationTests.Infrastructure;
using Unico.IdCloud.Testing;

namespace Unico.IdCloud.IntegrationTests.Faults;

/// <summary>
/// The fault matrix on the signature API downloads (signed document, signature evidence): transient failures before
/// the headers arrive are retried and the caller gets the whole PDF; a download whose headers never come ends in a
/// typed timeout within <see cref="IdCloudResilienceOptions.DownloadTimeout"/>.
/// </summary>
public sealed class SignatureApiFaultTests : IClassFixture<SignatureApiFaultTests.Fixture>
{
    private readonly Fixture _fixture;
    private readonly IdCloudEmulator _emulator;

    public SignatureApiFaultTests(Fixture fixture)
    {
        _fixture = fixture;
        _emulator = fixture.Emulator;
        _emulator.Reset();
    }

    public static TheoryData<EmulatorRoute, InjectedFault> DownloadsWithTransientFaults()
    {
        var data = new TheoryData<EmulatorRoute, InjectedFault>();
        foreach (var route in new[] { EmulatorRoute.GetSignedDocument, EmulatorRoute.GetSignatureEvidence })
        {
            foreach (var fault in FaultMatrix.Transient.Where(f => f != InjectedFault.DelayBeyondAttemptTimeout))
            {
                data.Add(route, fault);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DownloadsWithTransientFaults))]
    public async Task DownloadsSucceedAfterOneRetry(EmulatorRoute route, InjectedFault fault)
    {
        _emulator.InjectFault(route, FaultMatrix.ToEmulated(fault));

        await using (var download = await DownloadAsync(_fixture.App.Signatures, route))
        {
            Assert.Equal("application/pdf", download.ContentType);
            var bytes = await FileAssert.ReadAllAsync(download);
            Assert.Equal(download.ContentLength, bytes.Length);
            FileAssert.IsCompletePdf(bytes);
        }

        var statuses = await FaultMatrix.SettledStatusesOf(_emulator, route, 2);
        Assert.Equal(2, statuses.Count); // the failed attempt and one retry (logged in the order they ended)
        Assert.Single(statuses, status => status == 200);
    }

    /// <summary>
    /// <see cref="IdCloudResilienceOptions.DownloadTimeout"/> is a download's whole budget until its headers arrive, so
    /// a hanging answer ends the call once, as a timeout, rather than being retried past the budget.
    /// </summary>
    [Theory]
    [InlineData(EmulatorRoute.GetSignedDocument)]
    [InlineData(EmulatorRoute.GetSignatureEvidence)]
    public async Task ADownloadWhoseHeadersNeverArriveTimesOut(EmulatorRoute route)
    {
        _emulator.InjectFault(route, FaultMatrix.ToEmulated(InjectedFault.DelayBeyondAttemptTimeout));

        var failure = await FaultMatrix.FailureOf(async () => await (await DownloadAsync(_fixture.ImpatientApp.Signatures, route)).DisposeAsync());

        IdCloudAssert.IsType<IdCloudException>(IdCloudAssert.NoAnswer, failure);
        Assert.Equal(IdCloudErrorKind.Timeout, failure.Kind);
        Assert.False(failure.RequestMayHaveBeenProcessed); // a download changes nothing
        Assert.Single(await FaultMatrix.SettledStatusesOf(_emulator, route, 1));
    }

    /// <summary>
    /// The SDK streams PDFs without parsing them: a 200 whose PDF is cut short but whose length matches what was sent
    /// is handed over as sent. Checking for <c>%%EOF</c> before storing a file is the caller's job; this pins that
    /// nothing is hidden or altered on the way.
    /// </summary>
    [Theory]
    [InlineData(EmulatorRoute.GetSignedDocument)]
    [InlineData(EmulatorRoute.GetSignatureEvidence)]
    public async Task ATruncatedPdfIsDeliveredAsSent(EmulatorRoute route)
    {
        _emulator.InjectFault(route, FaultMatrix.ToEmulated(InjectedFault.MalformedBody));

        await using var download = await DownloadAsync(_fixture.App.Signatures, route);
        var bytes = await FileAssert.ReadAllAsync(download);

        Assert.Equal(download.ContentLength, bytes.Length);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);
        Assert.False(FileAssert.EndsWithEof(bytes));
        Assert.Single(await FaultMatrix.SettledStatusesOf(_emulator, route, 1));
    }

    private Task<IdCloudFileStream> DownloadAsync(IIdCloudSignatureClient signatures, EmulatorRoute route) => route switch
    {
        EmulatorRoute.GetSignedDocument => signatures.GetSignedDocumentAsync(_fixture.DocumentId),
        EmulatorRoute.GetSignatureEvidence => signatures.GetSignatureEvidenceAsync(_fixture.DocumentId),
        _ => throw new ArgumentOutOfRangeException(nameof(route), route, null),
    };

    public sealed class Fixture : EmulatorFixture
    {
        /// <summary>Downloads with room for a retry after <c>Retry-After: 1</c>.</summary>
        public IdCloudApp App { get; private set; } = null!;

        /// <summary>A second application (own service account) whose downloads give up after one second.</summary>
        public IdCloudApp ImpatientApp { get; private set; } = null!;

        public string DocumentId { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            App = IdCloudApp.Start(Account, resilience: options => Configure(options, TimeSpan.FromSeconds(10)));
            ImpatientApp = IdCloudApp.Start(Emulator.CreateServiceAccount(), resilience: options => Configure(options, TimeSpan.FromSeconds(1)));

            var created = await App.Processes.CreateProcessAsync(ProcessRequests.For(Flow.IdUnicoSign, People.Cpf(30)));
            await Emulator.FinishProcessAsync(created.Id!, EmulatedOutcome.Approved);
            var finished = await App.Processes.GetProcessAsync(created.Id!);
            DocumentId = Assert.Single(Assert.Single(finished.Services!).DocumentIds!);

            // Warm both download paths, and give the impatient application its token, before any fault is injected.
            await using (var warm = await App.Signatures.GetSignedDocumentAsync(DocumentId))
            {
                await FileAssert.ReadAllAsync(warm);
            }

            await ImpatientApp.Processes.GetProcessAsync(created.Id!);
        }

        public override async Task DisposeAsync()
        {
            await App.DisposeAsync();
            await ImpatientApp.DisposeAsync();
            await base.DisposeAsync();
        }

        private static void Configure(IdCloudResilienceOptions options, TimeSpan downloadTimeout)
        {
            IdCloudApp.FastRetries(options);
            options.DownloadTimeout = downloadTimeout;
            options.CircuitBreakerEnabled = false; // see ProcessApiFaultTests
        }
    }
}
