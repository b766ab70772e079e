using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Threading.Channels;

namespace Unico.IdCloud.Client.Tests.Artifacts;

/// <summary>
/// A scripted <see cref="IIdCloudSignatureClient"/>: a document answers "not found" for its first
/// <see cref="NotReadyFor"/> requests, then streams <see cref="Content"/>. Every call is recorded.
/// </summary>
public sealed class FakeSignatureClient : IIdCloudSignatureClient
{
    private readonly ConcurrentDictionary<string, int> _attempts = new();
    private readonly Channel<string> _calls = Channel.CreateUnbounded<string>();

    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>How many requests per document (and kind) fail before the file is there.</summary>
    public int NotReadyFor { get; set; }

    /// <summary>The failure of a not-ready request (default: the signature API's 404).</summary>
    public Func<IdCloudException> NotReadyFailure { get; set; } = () =>
        new IdCloudApiException("GetSignedDocument failed with HTTP 404 (NotFound).") { Kind = IdCloudErrorKind.NotFound, StatusCode = HttpStatusCode.NotFound };

    /// <summary>When set, every request fails with it (after counting).</summary>
    public Func<string, IdCloudException?>? AlwaysFail { get; set; }

    public Func<string, string, Stream> Content { get; set; } = (kind, documentId) =>
        new MemoryStream(Encoding.ASCII.GetBytes($"%PDF-1.7 {kind} of {documentId}"));

    public int AttemptsFor(string kind, string documentId) => _attempts.GetValueOrDefault(kind + "/" + documentId);

    /// <summary>Waits for the next call (hang guard: 10 s of real time).</summary>
    public async Task<string> NextCallAsync() => await _calls.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    public Task<IdCloudFileStream> GetSignedDocumentAsync(string documentId, CancellationToken cancellationToken = default) =>
        AnswerAsync("signed", documentId, cancellationToken);

    public Task<IdCloudFileStream> GetSignatureEvidenceAsync(string documentId, CancellationToken cancellationToken = default) =>
        AnswerAsync("evidence", documentId, cancellationToken);

    private Task<IdCloudFileStream> AnswerAsync(string kind, string documentId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var attempt = _attempts.AddOrUpdate(kind + "/" + documentId, 1, (_, n) => n + 1);
        Calls.Enqueue(kind + "/" + documentId);
        _calls.Writer.TryWrite(kind + "/" + documentId);
        if (AlwaysFail?.Invoke(kind) is { } failure)
        {
            return Task.FromException<IdCloudFileStream>(failure);
        }

        if (attempt <= NotReadyFor)
        {
            return Task.FromException<IdCloudFileStream>(NotReadyFailure());
        }

        var stream = Content(kind, documentId);
        return Task.FromResult(new IdCloudFileStream(stream, "application/pdf", stream.CanSeek ? stream.Length : null));
    }
}
