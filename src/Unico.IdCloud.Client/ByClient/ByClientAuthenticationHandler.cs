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
#if NET9_0_OR_GREATER
            await response.Content.LoadIntoBufferAsync(MaxPeekBytes, cancellationToken).ConfigureAwait(false);
#else
            cancellationToken.ThrowIfCancellationRequested();
            await response.Content.LoadIntoBufferAsync(MaxPeekBytes).ConfigureAwait(false);
#endif
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return IdCloudErrorBody.Parse(bytes, response.Content.Headers.ContentType?.MediaType).Code?.Trim();
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            // An unreadable answer carries no code we can recognise; the mapper reports it.
            return null;
        }
    }
}
