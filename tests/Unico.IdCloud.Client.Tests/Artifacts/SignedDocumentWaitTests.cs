using Unico.IdCloud.TestSupport;
using System.Net;
using Unico.IdCloud.Client.Tests.Completion;

namespace Unico.IdCloud.Client.Tests.Artifacts;

/// <summary>The vendor says the signed document can lag: the helper retries on a bounded schedule, driven by a manual clock.</summary>
public sealed class SignedDocumentWaitTests
{
    private const string DocumentId = "03307601-b518-49ca-b368-ae3919e24e54";

    private readonly ObservedTimeProvider _time = new();
    private readonly FakeSignatureClient _signature = new();

    [Fact]
    public async Task Succeeds_when_the_document_appears_after_N_failed_attempts()
    {
        _signature.NotReadyFor = 3;
        var download = Downloader().GetSignedDocumentWhenReadyAsync(DocumentId);

        var delays = await AdvanceThroughRetriesAsync(download);

        await using var document = await download;
        using var reader = new StreamReader(document.Content);
        Assert.Equal($"%PDF-1.7 signed of {DocumentId}", await reader.ReadToEndAsync());
        Assert.Equal(4, _signature.AttemptsFor("signed", DocumentId));
        Assert.Equal([1, 2, 4], delays.Select(d => d.TotalMinutes));
    }

    [Fact]
    public async Task Fails_with_a_typed_not_ready_error_after_the_limit()
    {
        _signature.NotReadyFor = int.MaxValue;
        var options = new IdCloudSignedDocumentWaitOptions { MaxAttempts = 3, InitialDelay = TimeSpan.FromMinutes(1), MaxDelay = TimeSpan.FromMinutes(5) };
        var download = Downloader().GetSignedDocumentWhenReadyAsync(DocumentId, options);

        var delays = await AdvanceThroughRetriesAsync(download);

        var error = await IdCloudAssert.ThrowsAsync<IdCloudException>(IdCloudErrorKind.NotReady, () => download);
        Assert.Equal(IdCloudErrorKind.NotReady, error.Kind);
        Assert.Equal("GetSignedDocument", error.Operation);
        Assert.Equal(DocumentId, error.ResourceId);
        Assert.Equal(2, error.RetryCount); // 3 attempts
        Assert.Contains("after 3 attempt(s)", error.Message, StringComparison.Ordinal);
        IdCloudAssert.IsType<IdCloudApiException>(IdCloudErrorKind.NotFound, error.InnerException);
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal(3, _signature.AttemptsFor("signed", DocumentId));
        Assert.Equal([1, 2], delays.Select(d => d.TotalMinutes));
    }

    [Fact]
    public async Task The_default_policy_is_the_vendors_advice_ten_attempts_one_to_five_minutes_apart()
    {
        _signature.NotReadyFor = int.MaxValue;
        var started = _time.GetUtcNow();
        var download = Downloader().GetSignatureEvidenceWhenReadyAsync(DocumentId);

        var delays = await AdvanceThroughRetriesAsync(download);

        var error = await IdCloudAssert.ThrowsAsync<IdCloudException>(IdCloudErrorKind.NotReady, () => download);
        Assert.Equal("GetSignatureEvidence", error.Operation);
        Assert.Equal(9, error.RetryCount); // 10 attempts
        Assert.Contains("after 10 attempt(s)", error.Message, StringComparison.Ordinal);
        Assert.Equal([1, 2, 4, 5, 5, 5, 5, 5, 5], delays.Select(d => d.TotalMinutes));
        Assert.Equal(TimeSpan.FromMinutes(37), _time.GetUtcNow() - started);
    }

    [Theory]
    [InlineData(IdCloudErrorKind.ServerError, HttpStatusCode.InternalServerError)]
    [InlineData(IdCloudErrorKind.ServiceUnavailable, HttpStatusCode.ServiceUnavailable)]
    [InlineData(IdCloudErrorKind.InvalidResponse, HttpStatusCode.OK)]
    [InlineData(IdCloudErrorKind.Transport, null)]
    public async Task Server_errors_and_non_file_answers_count_as_not_ready(IdCloudErrorKind kind, HttpStatusCode? status)
    {
        _signature.NotReadyFor = 1;
        _signature.NotReadyFailure = () => new IdCloudException("not yet") { Kind = kind, StatusCode = status };
        var download = Downloader().GetSignedDocumentWhenReadyAsync(DocumentId);

        await AdvanceThroughRetriesAsync(download);

        await using var document = await download;
        Assert.Equal(2, _signature.AttemptsFor("signed", DocumentId));
    }

    [Theory]
    [InlineData(IdCloudErrorKind.Unauthenticated, HttpStatusCode.Unauthorized)]
    [InlineData(IdCloudErrorKind.PermissionDenied, HttpStatusCode.Forbidden)]
    [InlineData(IdCloudErrorKind.InvalidArgument, HttpStatusCode.BadRequest)]
    public async Task Failures_waiting_cannot_fix_are_thrown_at_once(IdCloudErrorKind kind, HttpStatusCode status)
    {
        _signature.AlwaysFail = _ => new IdCloudApiException("no") { Kind = kind, StatusCode = status };

        var error = await Assert.ThrowsAsync<IdCloudApiException>(() => Downloader().GetSignedDocumentWhenReadyAsync(DocumentId));

        Assert.Equal(kind, error.Kind);
        Assert.Equal(1, _signature.AttemptsFor("signed", DocumentId));
        Assert.Equal(0, _time.ActiveTimerCount);
    }

    [Fact]
    public async Task A_longer_Retry_After_is_honoured()
    {
        _signature.NotReadyFor = 1;
        _signature.NotReadyFailure = () => new IdCloudRateLimitedException("429") { Kind = IdCloudErrorKind.RateLimited, StatusCode = HttpStatusCode.TooManyRequests, RetryAfter = TimeSpan.FromMinutes(3) };
        var download = Downloader().GetSignedDocumentWhenReadyAsync(DocumentId);

        var delays = await AdvanceThroughRetriesAsync(download);

        await using var document = await download;
        Assert.Equal([3], delays.Select(d => d.TotalMinutes));
    }

    [Fact]
    public async Task Cancellation_during_the_wait_is_honoured()
    {
        _signature.NotReadyFor = int.MaxValue;
        using var cancellation = new CancellationTokenSource();
        var download = Downloader().GetSignedDocumentWhenReadyAsync(DocumentId, cancellationToken: cancellation.Token);
        await _time.WaitForTimersAsync();

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => download.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, _signature.AttemptsFor("signed", DocumentId));
    }

    [Fact]
    public async Task Unusable_options_are_refused()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Downloader().GetSignedDocumentWhenReadyAsync(DocumentId, new IdCloudSignedDocumentWaitOptions { MaxAttempts = 0 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Downloader().GetSignedDocumentWhenReadyAsync(DocumentId, new IdCloudSignedDocumentWaitOptions { InitialDelay = TimeSpan.FromMinutes(6) }));
        await Assert.ThrowsAsync<ArgumentException>(() => Downloader().GetSignedDocumentWhenReadyAsync(" "));
        Assert.Empty(_signature.Calls);
    }

    private IdCloudArtifactDownloader Downloader() =>
        new(new FakeProcessClient(), _signature, options: null, _time);

    /// <summary>Advances the clock through every retry wait until the download ends; returns the waits seen.</summary>
    private async Task<List<TimeSpan>> AdvanceThroughRetriesAsync(Task download)
    {
        var delays = new List<TimeSpan>();
        while (true)
        {
            if (await _time.CompletedOrTimerAsync(download))
            {
                return delays;
            }

            var delay = _time.PendingDelays.Min();
            delays.Add(delay);
            _time.Advance(delay);
        }
    }
}
