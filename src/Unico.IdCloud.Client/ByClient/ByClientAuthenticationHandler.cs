using System.Net;
using System.Net.Http.Headers;
using Unico.IdCloud.Client.Http;

namespace Unico.IdCloud.Client.ByClient;

/// <summary>
/// The by Client variant of the SDK's authentication step: the same Bearer token from the shared
/// <see cref="IIdCloudTokenProvider"/>, and the same single refresh and resend, triggered by a 401 or by what this API
/// answers instead: 403 with code 10501 (invalid token) or 10502 (expired token). Any other 403 (10201 invalid APIKEY,
/// 30017 no permission) is not about the token and goes straight to the error mapper. A second rejection is returned
/// as is, so the mapper turns it into the typed 10501/10502 error. A 500 with code 10700 ("Falha Interna!", which the
/// vendor's table explains as a generic token validation error: expired or invalid token) is not resent here (a 500
/// on CreateProcess is never resent), but the token is discarded, so the resilience pipeline's retry of a read, and
/// every later call, carry a new one instead of the token the API could not validate.
/// </summary>
/// <remarks>
/// Resending is safe for POST: a rejected token means the API refused the request before acting on it. The clients
/// only send byte-array content (the serializer writes every by Client body to bytes), which serialises again on a second send.
/// </remarks>
internal sealed class ByClientAuthenticationHandler(IIdCloudTokenProvider tokenProvider) : DelegatingHandler
{
    private const int MaxPeekBytes = 16 * 1024;

    /// <summary>The by Client code of a 500 the vendor explains as a token validation error (expired or invalid token).</summary>
    internal const string TokenValidationFailed = "10700";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = await tokenProvider.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        IdCloudRequestOptions.MarkMayHaveBeenSent(request);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.InternalServerError)
        {
            // Only a body that announces its (small) length or is JSON is peeked: a gateway's chunked error page is
            // left whole for the mapper.
            if ((response.Content.Headers.ContentLength is not null || IsJson(response))
                && await PeekCodeAsync(response, cancellationToken).ConfigureAwait(false) is TokenValidationFailed)
            {
                tokenProvider.Invalidate(token);
            }

            return response;
        }

        if (!await IsTokenRejectedAsync(response, cancellationToken).ConfigureAwait(false))
        {
            return response;
        }

        response.Dispose();
        tokenProvider.Invalidate(token);
        var current = await tokenProvider.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", current.Value);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>401, or 403 whose (small) body carries 10501 or 10502. The body stays readable for the mapper.</summary>
    internal static async Task<bool> IsTokenRejectedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            return true;
        }

        return response.StatusCode == HttpStatusCode.Forbidden
            && await PeekCodeAsync(response, cancellationToken).ConfigureAwait(false) is "10501" or "10502";
    }

    private static bool IsJson(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType is { } type && type.EndsWith("json", StringComparison.OrdinalIgnoreCase);

    /// <summary>The code of a small error body, or <see langword="null"/>. The body stays readable for the mapper.</summary>
    private static async Task<string?> PeekCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength is > MaxPeekBytes)
        {
            return null;
        }

        try
        {
            if (response.Content.Headers.ContentLength is null)
            {
                // Chunked: its size shows only by reading it. LoadIntoBufferAsync would consume a larger body into a buffer
                // it then drops, leaving the mapper nothing to read (no code, no description).
                var peeked = await PeekUnannouncedAsync(response, cancellationToken).ConfigureAwait(false);
                return peeked is null ? null : IdCloudErrorBody.Parse(peeked, response.Content.Headers.ContentType?.MediaType).Code?.Trim();
            }

#if NET9_0_OR_GREATER
            await response.Content.LoadIntoBufferAsync(MaxPeekBytes, cancellationToken).ConfigureAwait(false);
#else
            cancellationToken.ThrowIfCancellationRequested();
            await response.Content.LoadIntoBufferAsync(MaxPeekBytes).ConfigureAwait(false);
#endif
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return IdCloudErrorBody.Parse(bytes, response.Content.Headers.ContentType?.MediaType).Code?.Trim();
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidDataException)
        {
            // An unreadable answer (cut, or compressed bytes the handler cannot decode: InvalidDataException, which is no
            // IOException) carries no code we can recognise; the mapper reports it with its status.
            return null;
        }
    }

    /// <summary>
    /// Reads at most <see cref="MaxPeekBytes"/> of a body of unknown length and puts what was read back in front of the
    /// rest, so the response's content reads as the whole body again. The bytes when the body was that small, else null.
    /// </summary>
    private static async Task<byte[]?> PeekUnannouncedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var original = response.Content;
        var stream = await original.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[MaxPeekBytes + 1];
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        HttpContent replacement;
        byte[]? whole = null;
        if (read <= MaxPeekBytes)
        {
            whole = buffer[..read];
            replacement = new ByteArrayContent(whole);
            await stream.DisposeAsync().ConfigureAwait(false);
            original.Dispose();
        }
        else
        {
            replacement = new StreamContent(new PrefixedStream(buffer, stream, original));
        }

        foreach (var header in original.Headers.NonValidated)
        {
            foreach (var value in header.Value)
            {
                replacement.Headers.TryAddWithoutValidation(header.Key, value);
            }
        }

        response.Content = replacement;
        return whole;
    }

    /// <summary>Bytes already read from a body, then the rest of it; disposing it releases the body.</summary>
    private sealed class PrefixedStream(byte[] prefix, Stream rest, HttpContent owner) : IdCloudReadOnlyStream
    {
        private int _position;

        public override int Read(Span<byte> buffer)
        {
            if (_position < prefix.Length)
            {
                var count = Math.Min(buffer.Length, prefix.Length - _position);
                prefix.AsSpan(_position, count).CopyTo(buffer);
                _position += count;
                return count;
            }

            return rest.Read(buffer);
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            _position < prefix.Length ? ValueTask.FromResult(Read(buffer.Span)) : rest.ReadAsync(buffer, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                rest.Dispose();
                owner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
