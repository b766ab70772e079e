using System.Net;

namespace Unico.IdCloud.Client.Http;

/// <summary>
/// A success body that can only be read within the call's budget, under a size cap (JSON operations) and, for
/// streamed downloads, without stalling longer than the idle timeout. Exceeding any of them, or the connection
/// breaking mid-body, fails the read with an <see cref="IdCloudException"/>; the caller's own cancellation stays an
/// <see cref="OperationCanceledException"/>.
/// </summary>
/// <remarks>
/// The headers are those of the original content. The wrapped content is disposed with this one. The budget timer
/// starts when the response headers arrive and covers what was left of the operation's budget.
/// </remarks>
internal sealed class IdCloudBoundedContent : HttpContent
{
    private readonly HttpContent _inner;
    private readonly HttpResponseMessage _response;
    private readonly IdCloudOperation _operation;
    private readonly long _maxBytes;
    private readonly TimeSpan _idleTimeout;
    private readonly TimeProvider _timeProvider;
    private readonly CancellationTokenSource _budget;
    private readonly bool _decodeGzip;

    /// <param name="response">The response whose content is bounded (its current content is wrapped).</param>
    /// <param name="operation">The operation, for messages and the "may have been processed" rule.</param>
    /// <param name="maxBytes">Most bytes the body may have; negative for no cap (downloads).</param>
    /// <param name="remainingBudget">What is left of the operation's budget.</param>
    /// <param name="idleTimeout">Longest wait for the next bytes; <see cref="Timeout.InfiniteTimeSpan"/> for none.</param>
    /// <param name="timeProvider">The clock of the budget and idle timers.</param>
    public IdCloudBoundedContent(
        HttpResponseMessage response,
        IdCloudOperation operation,
        long maxBytes,
        TimeSpan remainingBudget,
        TimeSpan idleTimeout,
        TimeProvider timeProvider)
    {
        _response = response;
        _inner = response.Content;
        _operation = operation;
        _maxBytes = maxBytes;
        _idleTimeout = idleTimeout;
        _timeProvider = timeProvider;
        _budget = new CancellationTokenSource(remainingBudget, timeProvider);

        // A gzip body the socket handler left encoded (the signature API is asked for identity, so its handler decodes
        // nothing) is decoded and verified here; this content then describes the decoded body, as the handler's would.
        _decodeGzip = IdCloudContentEncoding.IsOnlyGzip(_inner.Headers);

        // Copied as they are stored (NonValidated: no parsing, no string[] per header), on every success of every call.
        foreach (var header in _inner.Headers.NonValidated)
        {
            if (_decodeGzip && (header.Key.Equals("Content-Encoding", StringComparison.OrdinalIgnoreCase)
                || header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            if (header.Value.Count == 1)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value.ToString());
                continue;
            }

            foreach (var value in header.Value)
            {
                Headers.TryAddWithoutValidation(header.Key, value);
            }
        }
    }

    /// <summary>The cap on the body's size in bytes, or a negative number when there is none.</summary>
    public long MaxBytes => _maxBytes;

    /// <summary>The request this body answers: what a failure while reading it names (redacted by the mapper).</summary>
    public HttpRequestMessage? RequestMessage => _response.RequestMessage;

    /// <summary>The response this body belongs to: what a body that cannot be decoded is reported against.</summary>
    public HttpResponseMessage Response => _response;

    /// <inheritdoc />
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        await SerializeToStreamAsync(stream, context, CancellationToken.None).ConfigureAwait(false);

    /// <inheritdoc />
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        // Through the ValueTask path: buffering (what Refit does to every typed answer) allocates no Task<Stream>.
        var source = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            await source.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

    /// <inheritdoc />
    protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
        OpenAsync(cancellationToken).AsTask();

    /// <summary>Opens the wrapped body and puts it under the limits.</summary>
    private async ValueTask<Stream> OpenAsync(CancellationToken cancellationToken)
    {
        Stream inner;
        try
        {
            inner = await _inner.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            if (IdCloudErrorMapper.FromCancellation(_response.RequestMessage, _operation, ex, cancellationToken, responseStarted: true) is { } signal)
            {
                throw signal;
            }

            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
        {
            throw IdCloudErrorMapper.FromBodyFailure(_response, _operation, ex, timedOut: false);
        }

        return new BoundedStream(this, _decodeGzip ? new IdCloudGzipVerifyingStream(inner) : inner);
    }

    /// <inheritdoc />
    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _budget.Dispose();
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Reads the wrapped stream under the limits; one linked token per caller token, not per read.</summary>
    private sealed class BoundedStream(IdCloudBoundedContent owner, Stream inner) : IdCloudReadOnlyStream
    {
        private readonly CancellationTokenSource? _idle = owner._idleTimeout == Timeout.InfiniteTimeSpan
            ? null
            : new CancellationTokenSource(Timeout.InfiniteTimeSpan, owner._timeProvider);

        private CancellationToken _linkedFor;
        private CancellationTokenSource? _linked;
        private long _total;

        public override long Position
        {
            get => _total;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) =>
            ReadAsync(buffer.AsMemory(offset, count), CancellationToken.None).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (owner._maxBytes >= 0 && buffer.Length > 0)
            {
                // Never ask for more than one byte past the cap: enough to notice the body is too large.
                var allowed = owner._maxBytes - _total + 1;
                if (allowed < buffer.Length)
                {
                    buffer = buffer[..(int)Math.Max(allowed, 1)];
                }
            }

            var token = TokenFor(cancellationToken);
            _idle?.CancelAfter(owner._idleTimeout);
            int read;
            try
            {
                read = await inner.ReadAsync(buffer, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
            {
                if (IdCloudErrorMapper.FromCancellation(owner._response.RequestMessage, owner._operation, ex, cancellationToken, responseStarted: true) is { } signal)
                {
                    throw signal;
                }

                // Carries the caller's own token, so every layer above can tell it from a budget running out.
                throw new OperationCanceledException(ex.Message, ex, cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException)
            {
                var timedOut = owner._budget.IsCancellationRequested || _idle?.IsCancellationRequested == true;
                throw IdCloudErrorMapper.FromBodyFailure(owner._response, owner._operation, ex, timedOut);
            }
            catch (InvalidDataException ex)
            {
                // The handler decompresses gzip/deflate bodies; corrupt compressed bytes throw InvalidDataException,
                // which is no IOException: a download's reader would get it raw instead of the SDK's error.
                throw IdCloudErrorMapper.FromUnreadableBody(owner._response, owner._operation, "the compressed (Content-Encoding) body it announced", ex);
            }
            finally
            {
                _idle?.CancelAfter(Timeout.InfiniteTimeSpan);
            }

            if (read == 0 && buffer.Length > 0 && _total == 0 && owner._operation.IsDownload)
            {
                // No PDF is empty. An empty body with a Content-Length is refused before it is handed over; one without
                // (chunked, or a gzip member of zero bytes) shows only here, and would be saved as a zero-byte file.
                throw IdCloudErrorMapper.FromUnreadableBody(owner._response, owner._operation, "a file (the body is empty)", innerException: null);
            }

            _total += read;
            if (owner._maxBytes >= 0 && _total > owner._maxBytes)
            {
                throw IdCloudErrorMapper.FromOversizedBody(owner._response, owner._operation, owner._maxBytes, declaredLength: null);
            }

            return read;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                _linked?.Dispose();
                _idle?.Dispose();
            }

            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync().ConfigureAwait(false);
            _linked?.Dispose();
            _idle?.Dispose();
            await base.DisposeAsync().ConfigureAwait(false);
        }

        private CancellationToken TokenFor(CancellationToken caller)
        {
            if (_linked is not null && _linkedFor == caller)
            {
                return _linked.Token;
            }

            // Nothing to link when the caller cannot cancel and there is no idle timer: the budget alone bounds the read.
            if (!caller.CanBeCanceled && _idle is null)
            {
                return owner._budget.Token;
            }

            _linked?.Dispose();
            _linkedFor = caller;
            _linked = _idle is null
                ? CancellationTokenSource.CreateLinkedTokenSource(caller, owner._budget.Token)
                : CancellationTokenSource.CreateLinkedTokenSource(caller, owner._budget.Token, _idle.Token);
            return _linked.Token;
        }
    }
}
