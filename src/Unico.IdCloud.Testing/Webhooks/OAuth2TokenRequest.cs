using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Unico.IdCloud.Testing;

/// <summary>
/// One client credentials grant (RFC 6749 §4.4) against the customer's provider, and the reading of its answer
/// (§5.1, §5.2). Every failure is an <see cref="OAuth2TokenException"/> whose message is safe to record.
/// </summary>
internal static class OAuth2TokenRequest
{
    /// <summary>A token answer is a few hundred bytes; a provider that sends more is not read into memory.</summary>
    private const int MaxResponseBytes = 64 * 1024;

    /// <summary>
    /// Asks for a token. <paramref name="cancellationToken"/> bounds the whole exchange; when it fires the caller gets
    /// an <see cref="OperationCanceledException"/> and decides whether that was a timeout or a shutdown.
    /// </summary>
    public static async Task<OAuth2AccessToken> SendAsync(HttpClient http, OAuth2ClientCredentials client, TimeProvider time, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, client.TokenEndpoint)
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", client.BasicParameter);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        // The lifetime counts from the request, not the answer: a slow provider must not make the token look younger.
        var sentAt = time.GetUtcNow();
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            throw new OAuth2TokenException($"could not reach the OAuth2 token endpoint {client.DisplayEndpoint} ({exception.HttpRequestError}: {exception.Message})", exception);
        }

        using (response)
        {
            var body = await ReadBoundedAsync(response, client, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is < 200 or > 299)
            {
                // §5.2's "error" is a code from a fixed ASCII set, safe to show; error_description is free text that a
                // provider may fill with anything it received, so it is left out.
                var code = TryReadErrorCode(body);
                throw new OAuth2TokenException(
                    $"the OAuth2 token endpoint {client.DisplayEndpoint} answered HTTP {status.ToString(CultureInfo.InvariantCulture)}" +
                    (code is null ? " instead of a token" : $" with error '{code}'"));
            }

            return Parse(body, response.Content.Headers.ContentType?.MediaType, client, sentAt);
        }
    }

    private static async Task<byte[]> ReadBoundedAsync(HttpResponseMessage response, OAuth2ClientCredentials client, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > MaxResponseBytes)
        {
            throw TooLarge(client);
        }

        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var buffer = new MemoryStream();
                var chunk = new byte[8 * 1024];
                int read;
                while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    buffer.Write(chunk, 0, read);
                    if (buffer.Length > MaxResponseBytes)
                    {
                        throw TooLarge(client);
                    }
                }

                return buffer.ToArray();
            }
        }
        catch (HttpRequestException exception)
        {
            throw new OAuth2TokenException($"the OAuth2 token endpoint {client.DisplayEndpoint} broke off its answer ({exception.HttpRequestError}: {exception.Message})", exception);
        }
        catch (IOException exception)
        {
            throw new OAuth2TokenException($"the OAuth2 token endpoint {client.DisplayEndpoint} broke off its answer ({exception.Message})", exception);
        }
    }

    private static OAuth2AccessToken Parse(byte[] body, string? mediaType, OAuth2ClientCredentials client, DateTimeOffset sentAt)
    {
        var where = "the OAuth2 token endpoint " + client.DisplayEndpoint;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException exception)
        {
            // Not the parser's message: it quotes characters of the body, and the body may hold anything.
            throw new OAuth2TokenException($"{where} answered 2xx with a body that is not JSON (Content-Type {Printable(mediaType ?? "none")})", exception);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new OAuth2TokenException($"{where} answered 2xx with JSON that is not an object");
            }

            if (!root.TryGetProperty("access_token", out var accessToken) || accessToken.ValueKind != JsonValueKind.String)
            {
                throw new OAuth2TokenException($"{where} answered 2xx without an access_token string");
            }

            if (TextOf(accessToken) is not { } value)
            {
                throw new OAuth2TokenException($"{where} answered an access_token that is not text (invalid UTF-8 or a lone surrogate)");
            }

            // The value goes into the receiver's Authorization header as is. RFC 6749 §A.12 allows any VSCHAR and RFC 6750
            // §2.1 narrows Bearer credentials further; refusing what is not visible ASCII without spaces keeps the cause in
            // the delivery's record instead of a header error (a CR/LF would split the request's headers).
            if (value.Length == 0 || !value.All(c => c is > ' ' and <= '~'))
            {
                throw new OAuth2TokenException($"{where} answered an access_token that cannot be sent as a Bearer credential (empty, or not visible ASCII without spaces)");
            }

            // §5.1 makes token_type REQUIRED and §5.1/§7.1 make it case-insensitive. A token of another type (mac, DPoP,
            // N_A) cannot be presented as "Bearer", which is all Unico's scheme sends.
            var tokenType = root.TryGetProperty("token_type", out var type) && type.ValueKind == JsonValueKind.String ? TextOf(type) : null;
            if (tokenType is null)
            {
                throw new OAuth2TokenException($"{where} answered without a token_type (RFC 6749 §5.1 requires \"Bearer\")");
            }

            if (!string.Equals(tokenType, "Bearer", StringComparison.OrdinalIgnoreCase))
            {
                throw new OAuth2TokenException($"{where} issued a token of type {Printable(tokenType)}, not Bearer; Unico's OAuth2 scheme sends Authorization: Bearer");
            }

            return new OAuth2AccessToken(value, sentAt, ReadLifetime(root, where));
        }
    }

    /// <summary>
    /// <c>expires_in</c> in seconds. Absent is allowed (§5.1 RECOMMENDED, not required). A numeric string is accepted
    /// because several providers send one; zero, a negative or an unreadable value is refused rather than guessed.
    /// </summary>
    private static TimeSpan? ReadLifetime(JsonElement root, string where)
    {
        if (!root.TryGetProperty("expires_in", out var expiresIn) || expiresIn.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var seconds = 0L;
        var readable = expiresIn.ValueKind == JsonValueKind.Number
            ? expiresIn.TryGetInt64(out seconds)
            : expiresIn.ValueKind == JsonValueKind.String && long.TryParse(expiresIn.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out seconds);
        if (!readable || seconds <= 0 || seconds > (long)TimeSpan.MaxValue.TotalSeconds / 2)
        {
            throw new OAuth2TokenException($"{where} answered an expires_in that is not a positive whole number of seconds");
        }

        return TimeSpan.FromSeconds(seconds);
    }

    private static string? TryReadErrorCode(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.String
                && TextOf(error) is { } code
                && IsSafeCode(code)
                ? code
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// A JSON string's text, or <see langword="null"/> when it cannot be decoded: the parser accepts a string holding
    /// invalid UTF-8 or an escaped lone surrogate, and only decoding it throws (an <see cref="InvalidOperationException"/>
    /// that would otherwise escape as something other than <see cref="OAuth2TokenException"/>).
    /// </summary>
    private static string? TextOf(JsonElement element)
    {
        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>A short value in RFC 6749's NQSCHAR-like set without spaces: a code, not a place to smuggle a secret.</summary>
    private static bool IsSafeCode(string value) =>
        value.Length is > 0 and <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/' or '+');

    private static string Printable(string value) => IsSafeCode(value) ? $"'{value}'" : "(an unprintable or long value)";

    private static OAuth2TokenException TooLarge(OAuth2ClientCredentials client) =>
        new($"the OAuth2 token endpoint {client.DisplayEndpoint} answered more than {MaxResponseBytes / 1024} KB");
}
