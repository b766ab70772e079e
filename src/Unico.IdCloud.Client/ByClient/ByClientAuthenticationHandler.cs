using System.Net;
using System.Net.Http.Headers;
using Unico.IdCloud.Client.Http;

namespace Unico.IdCloud.Client.ByClient;

/// <summary>
/// The by Client variant of the SDK's authentication step: the same Bearer token from the shared
/// <see cref="IIdCloudTokenProvider"/>, and the same single refresh and resend, triggered by a 401 or by what this API
/// answers instead: 403 with code 10501 (invalid token) or 10502 (expired token). Any other 403 (10201 invalid APIKEY,
/// 30017 no permission) is not about the token and goes straight to the error mapper. A second rejection is returned
/// as is, so the mapper turns it into the typed 10501/10502 error.
/// </summary>
/// <remarks>
/// Resending is safe for POST: a rejected token means the API refused the request before acting on it. The clients
/// only send byte-array content (the serializer writes every by Client body to bytes), which serialises again on a second send.
/// </remarks>
internal sealed class ByClientAuthenticationHandler(IIdCloudTokenProvider tokenProvider) : DelegatingHandler
{
    private const int MaxPeekBytes = 16 * 1024;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = await tokenProvider.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        IdCloudRequestOptions.MarkMayHaveBeenSent(request);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
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

        if (response.StatusCode != HttpStatusCode.Forbidden || response.Content.Headers.ContentLength is > MaxPeekBytes)
        {
            return false;
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
            var code = IdCloudErrorBody.Parse(bytes, response.Content.Headers.ContentType?.MediaType).Code?.Trim();
            return code is "10501" or "10502";
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            // An unreadable 403 is not a token rejection we can recognise; the mapper reports it.
            return false;
        }
    }
}
