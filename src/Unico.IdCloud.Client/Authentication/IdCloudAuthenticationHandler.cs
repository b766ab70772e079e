using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Unico.IdCloud.Client.Http;

namespace Unico.IdCloud.Client.Authentication;

/// <summary>
/// Puts <c>Authorization: Bearer &lt;token&gt;</c> on every API request. When the API answers 401, the token that
/// request carried is invalidated (only if it is still the cached one, so concurrent 401s cause one refresh) and the
/// request is sent once more with the current token; a second 401 becomes an
/// <see cref="IdCloudApiException"/> with <see cref="IdCloudErrorKind.Unauthenticated"/>.
/// </summary>
/// <remarks>
/// <para>Resending is safe for every method, POST included: a 401 means the API refused the request before acting on it.</para>
/// <para>Content is sent twice at most. The handler relies on what the .NET content types already guarantee:
/// <see cref="ByteArrayContent"/> (and so <see cref="StringContent"/> and <see cref="FormUrlEncodedContent"/>),
/// <see cref="ReadOnlyMemoryContent"/> and <see cref="JsonContent"/> serialise again from memory, and
/// <see cref="StreamContent"/> rewinds its stream to the starting position when the stream is seekable (a
/// <see cref="MemoryStream"/> or <see cref="FileStream"/>). The SDK's streamed CreateProcess body
/// (<see cref="Serialization.IdCloudCreateProcessContent"/>) writes its skeleton and documents again on every send, so
/// large bodies are not copied. The generated Refit interfaces hand the serializer's content over as it is
/// (<c>[Body(buffered: true)]</c>), never wrapped. Any other content type
/// (including multipart content holding one) is buffered in memory before the first send so it can be repeated. A
/// <see cref="StreamContent"/> over a non-seekable stream cannot be resent; the SDK never builds one.</para>
/// <para>The handler holds no per-request state: the token cache lives in the <see cref="IIdCloudTokenProvider"/>
/// singleton. It must sit below (inside) any retry handler so that every attempt carries the current token, and
/// must not be in the identity (token) client's pipeline.</para>
/// </remarks>
internal sealed class IdCloudAuthenticationHandler : DelegatingHandler
{
    private const string AuthorizationHeader = "Authorization";

    private readonly IIdCloudTokenProvider _tokenProvider;

    /// <summary>
    /// The <c>Authorization</c> value of the last token sent, built once per token instead of once per request
    /// (a token lives for many calls). Replaced whole, so concurrent requests read a consistent pair; not per-request state.
    /// </summary>
    private volatile BearerValue? _lastBearer;

    /// <summary>Creates the handler.</summary>
    /// <param name="tokenProvider">The shared token source (a singleton per service account).</param>
    public IdCloudAuthenticationHandler(IIdCloudTokenProvider tokenProvider)
    {
        ArgumentNullException.ThrowIfNull(tokenProvider);
        _tokenProvider = tokenProvider;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await EnsureResendableAsync(request.Content, cancellationToken).ConfigureAwait(false);

        var token = await _tokenProvider.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        Authorize(request, token);
        IdCloudRequestOptions.MarkMayHaveBeenSent(request);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        response.Dispose();
        _tokenProvider.Invalidate(token);
        var current = await _tokenProvider.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        Authorize(request, current);
        var resent = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (resent.StatusCode != HttpStatusCode.Unauthorized)
        {
            return resent;
        }

        using (resent)
        {
            // Not invalidated again: a token the API refuses right after it was issued points at configuration
            // (environment mix-up, permissions), and dropping it would mint a token for every call. The one error
            // mapper builds the exception, so the 401 text is redacted exactly like every other answer's.
            request.Options.Set(IdCloudRequestOptions.ResentAfter401Key, true);
            resent.RequestMessage ??= request;
            throw await IdCloudErrorMapper.FromResponseAsync(
                resent, IdCloudRequestOptions.GetOperation(request), TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sets <c>Authorization: Bearer &lt;token&gt;</c>, replacing any value already there. Stored as the ready-made header
    /// text (no <see cref="AuthenticationHeaderValue"/> and parsed-value holder per request); the token cannot hold
    /// whitespace or line breaks (<see cref="IdCloudAccessToken"/> refuses them), so the text needs no validation, and
    /// <see cref="System.Net.Http.Headers.HttpRequestHeaders.Authorization"/> still parses it for whoever reads it.
    /// </summary>
    private void Authorize(HttpRequestMessage request, IdCloudAccessToken token)
    {
        var bearer = _lastBearer;
        if (bearer is null || !ReferenceEquals(bearer.Token, token))
        {
            bearer = new BearerValue(token, "Bearer " + token.Value);
            _lastBearer = bearer;
        }

        var headers = request.Headers;
        headers.Remove(AuthorizationHeader);
        headers.TryAddWithoutValidation(AuthorizationHeader, bearer.HeaderValue);
    }

    /// <summary>A token and the <c>Authorization</c> header text that carries it (a class, not a record: no ToString showing the secret).</summary>
    private sealed class BearerValue(IdCloudAccessToken token, string headerValue)
    {
        public IdCloudAccessToken Token { get; } = token;

        public string HeaderValue { get; } = headerValue;
    }

    private static async Task EnsureResendableAsync(HttpContent? content, CancellationToken cancellationToken)
    {
        if (content is null || IsResendable(content))
        {
            return;
        }

#if NET9_0_OR_GREATER
        await content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
#else
        cancellationToken.ThrowIfCancellationRequested();
        await content.LoadIntoBufferAsync().ConfigureAwait(false);
#endif
    }

    private static bool IsResendable(HttpContent content) => content switch
    {
        // IdCloudCreateProcessContent: buffering it would hold the whole base64 body (~27 MB for a 20 MB PDF) in memory.
        ByteArrayContent or ReadOnlyMemoryContent or JsonContent or StreamContent or Serialization.IdCloudCreateProcessContent => true,
        MultipartContent multipart => multipart.All(IsResendable),
        _ => false,
    };
}
