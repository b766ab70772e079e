using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Unico.IdCloud.Client.Diagnostics;
using Unico.IdCloud.Client.Http;

namespace Unico.IdCloud.Client.Authentication;

/// <summary>
/// One exchange with <c>POST {identity}/oauth2/token</c> (RFC 7523 JWT bearer grant): sends an assertion, returns
/// the token or a classified <see cref="IdCloudTokenFailure"/>. Never retries, never throws for HTTP or network
/// failures; the provider decides what to do next.
/// </summary>
internal sealed class IdCloudTokenEndpoint
{
    /// <summary>The grant type of the exchange.</summary>
    public const string JwtBearerGrantType = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    /// <summary>The lifetime assumed when the answer has no usable <c>expires_in</c>: short, so a new token comes soon.</summary>
    public static readonly TimeSpan FallbackLifetime = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The longest lifetime believed. Unico's tokens live an hour; an <c>expires_in</c> of centuries (or past what
    /// <see cref="TimeSpan"/> and <see cref="DateTimeOffset"/> can hold) is read as a day, so the token is still renewed
    /// daily, and a 401 renews it sooner.
    /// </summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(1);

    // Token answers are a few hundred bytes; an error page larger than this is not read further.
    private const int MaxBodyBytes = 64 * 1024;
    private const int MaxDescriptionLength = 300;

    // An access_token named twice is ambiguous (which one does a proxy or log see?): refused where the runtime can
    // (System.Text.Json 10), as in API answers. A token answer is flat: nesting deeper than 64 is refused.
#if NET10_0_OR_GREATER
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64, AllowDuplicateProperties = false };
#else
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };
#endif

    private static readonly System.Buffers.SearchValues<char> TokenTypeCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/");

    private readonly HttpClient _httpClient;

    /// <param name="httpClient">A client whose pipeline does not include the API's authentication handler.</param>
    /// <param name="tokenUri">The absolute token endpoint address.</param>
    public IdCloudTokenEndpoint(HttpClient httpClient, Uri tokenUri)
    {
        _httpClient = httpClient;
        TokenUri = tokenUri;
    }

    /// <summary>The absolute token endpoint address.</summary>
    public Uri TokenUri { get; }

    /// <summary>The successful answer of one exchange.</summary>
    /// <param name="AccessToken">The access token (secret).</param>
    /// <param name="TokenType">The token type, <c>Bearer</c> when absent.</param>
    /// <param name="ExpiresIn">The lifetime the service announced.</param>
    internal sealed record Success(string AccessToken, string TokenType, TimeSpan ExpiresIn);

    /// <summary>Sends one assertion and returns the token or the classified failure.</summary>
    /// <param name="assertion">A freshly signed, never used assertion.</param>
    /// <param name="cancellationToken">Bounds this attempt (the provider's timeout and shutdown, never a caller's token).</param>
    /// <returns>Either a <see cref="Success"/> or an <see cref="IdCloudTokenFailure"/>.</returns>
    public async Task<(Success? Token, IdCloudTokenFailure? Failure)> ExchangeAsync(string assertion, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, TokenUri)
        {
            Content = new FormUrlEncodedContent(
            [
                new KeyValuePair<string, string>("grant_type", JwtBearerGrantType),
                new KeyValuePair<string, string>("assertion", assertion),
            ]),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Options.Set(IdCloudOperation.OptionsKey, IdCloudOperation.RequestToken);

        try
        {
            using var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);

            // The SDK's one bounded body reader, error parser, Retry-After parser and redaction, as for the API hosts.
            // One byte more than the cap is read so that a larger answer is known to be larger, not cut to a prefix.
            var body = await IdCloudErrorBody.ReadBytesAsync(response.Content, MaxBodyBytes + 1, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return (null, ClassifyRefusal(response, IdCloudErrorBody.Parse(body.AsSpan(0, Math.Min(body.Length, MaxBodyBytes)), response.Content.Headers.ContentType?.MediaType)));
            }

            // A token answer is a few hundred bytes: the first 64 KB of a larger one may be a complete document that the
            // whole body is not (trailing text after white space), so it is not read at all.
            if (body.Length > MaxBodyBytes)
            {
                return (null, Unusable(response.StatusCode, "with an answer larger than 64 KB"));
            }

            var read = ReadToken(response.StatusCode, body);

            // Unico documents the refusal body and its codes, not the status each comes with: a success status carrying
            // {"error":"server_error","error_description":"Falha na autenticação 1.2.18"} is that refusal, and the code
            // decides as for any status. Retrying it as an unusable answer would repeat a misconfigured request (1.2.18
            // locks the account after too many). Without a code it stays an unusable, transient answer.
            if (read.Failure is not null
                && HasRefusalShape(body)
                && IdCloudErrorBody.Parse(body, response.Content.Headers.ContentType?.MediaType) is { } refusal
                && (IdCloudErrorBody.FindDottedCode(refusal.Description) ?? IdCloudErrorBody.FindDottedCode(refusal.Code)) is not null)
            {
                return (null, ClassifyRefusal(response, refusal));
            }

            return read;
        }
        catch (OperationCanceledException ex)
        {
            return (null, Transient("the token request timed out", "The identity service did not answer in time (IdCloud:Token:TokenRequestTimeout). Check connectivity to the identity host.", ex));
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            // HttpRequestException messages name the host, never the form body, so they are safe as the cause.
            return (null, Transient("the identity service could not be reached", "Check connectivity (DNS, firewall, proxy) to the identity host.", ex));
        }
        catch (InvalidDataException ex)
        {
            // A gzip/deflate answer whose bytes do not decompress (no IOException): a broken gateway, not an SDK defect.
            return (null, Transient("the identity service's answer could not be decompressed", "A proxy or gateway between this application and the identity host sent a corrupt compressed (Content-Encoding) answer; check it.", ex));
        }
    }

    private (Success? Token, IdCloudTokenFailure? Failure) ReadToken(HttpStatusCode status, byte[] body)
    {
        // An unreadable body falls through to the invalid-answer failure below; the body is never quoted (it may hold a token).
        using var document = ParseJson(body);
        if (document?.RootElement is { ValueKind: JsonValueKind.Object } root
            && root.TryGetProperty("access_token", out var accessToken)
            && accessToken.ValueKind == JsonValueKind.String
            && accessToken.GetString() is { } value
            && IdCloudAccessToken.IsSendable(value))
        {
            var tokenType = root.TryGetProperty("token_type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() is { } t && IsTokenTypeName(t) ? t : "Bearer";
            var expiresIn = ReadSeconds(root, "expires_in") is { } seconds && seconds > 0
                ? (seconds < MaxLifetime.TotalSeconds ? TimeSpan.FromSeconds(seconds) : MaxLifetime)
                : FallbackLifetime;
            return (new Success(value, tokenType, expiresIn), null);
        }

        return (null, Unusable(status, "without a usable access_token"));
    }

    /// <summary>
    /// Whether a body is the identity service's documented refusal: a JSON object with the string members <c>error</c>
    /// and <c>error_description</c>. A proxy's page that merely mentions a version number is not.
    /// </summary>
    private static bool HasRefusalShape(byte[] body)
    {
        using var document = ParseJson(body);
        return document?.RootElement is { ValueKind: JsonValueKind.Object } root
            && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String
            && root.TryGetProperty("error_description", out var description) && description.ValueKind == JsonValueKind.String;
    }

    /// <summary>
    /// The body as JSON, or <see langword="null"/> when it is not JSON. A UTF-8 byte order mark (some gateways write
    /// one) is not JSON; the API and webhook readers skip it too.
    /// </summary>
    private static JsonDocument? ParseJson(byte[] body)
    {
        var json = body.AsMemory();
        if (json.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            json = json[3..];
        }

        try
        {
            return JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// A token type is a short name (<c>Bearer</c>); anything else is read as <c>Bearer</c>. The type is only shown
    /// (<see cref="IdCloudAccessToken.ToString"/>, which is safe to log) and shared (Redis), never sent: a line break
    /// or 60 KB of text there would forge log lines or bloat the shared token.
    /// </summary>
    private static bool IsTokenTypeName(string value) =>
        value.Length is > 0 and <= 32 && !value.AsSpan().ContainsAnyExcept(TokenTypeCharacters);

    private IdCloudTokenFailure Unusable(HttpStatusCode status, string what) =>
        new()
        {
            Reason = string.Create(CultureInfo.InvariantCulture, $"the identity service answered HTTP {(int)status} {what}"),
            Advice = "This is usually a proxy or gateway answering instead of the identity service. Check the identity host (IdCloud:IdentityBaseAddress) and any proxy between this application and it.",
            IsTransient = true,
            StatusCode = status,
            RequestUri = TokenUri,
        };

    private IdCloudTokenFailure ClassifyRefusal(HttpResponseMessage response, IdCloudErrorBody body)
    {
        var status = response.StatusCode;
        var error = body.Code;
        var description = IdCloudRedaction.SanitizeFreeText(body.Description, MaxDescriptionLength);
        var code = IdCloudErrorBody.FindDottedCode(body.Description) ?? IdCloudErrorBody.FindDottedCode(error);
        var retryAfter = IdCloudTransientFailures.TryGetRetryAfter(response, TimeProvider.System, out var wait) ? wait : (TimeSpan?)null;
        var statusText = string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)status}");

        if (IdCloudTokenErrorCatalog.Find(code) is { } entry)
        {
            // The code decides, whatever the status: Unico sends "server_error" for client mistakes too.
            return new IdCloudTokenFailure
            {
                Reason = $"the identity service refused it with code {entry.Code} ({statusText})",
                Advice = entry.Advice,
                IsTransient = entry.IsTransient,
                IsConfigurationError = entry.IsConfigurationError,
                StatusCode = status,
                ErrorCode = entry.Code,
                Description = description,
                RetryAfter = retryAfter,
                RequestUri = TokenUri,
            };
        }

        if (code is not null)
        {
            return new IdCloudTokenFailure
            {
                Reason = $"the identity service refused it with code {code} ({statusText})",
                Advice = IdCloudTokenErrorCatalog.UnknownCodeAdvice(code),
                IsTransient = false,
                StatusCode = status,
                ErrorCode = code,
                Description = description,
                RetryAfter = retryAfter,
                RequestUri = TokenUri,
            };
        }

        var transient = (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
        return new IdCloudTokenFailure
        {
            Reason = transient
                ? $"the identity service failed ({statusText})"
                : $"the identity service refused it ({statusText}, no error code)",
            Advice = transient
                ? status == HttpStatusCode.TooManyRequests
                    ? "The tenant's request budget is exhausted; the SDK caches tokens, so check for other processes requesting tokens with this account."
                    : "The identity service or a gateway in front of it failed; try again later."
                : IdCloudTokenErrorCatalog.NoCodeAdvice,
            IsTransient = transient,
            StatusCode = status,
            Description = description ?? IdCloudRedaction.SanitizeFreeText(error, MaxDescriptionLength),
            RetryAfter = retryAfter,
            RequestUri = TokenUri,
        };
    }

    /// <summary>
    /// Whole seconds of a number or a numeric string (<c>3600</c>, <c>"3600"</c>, <c>3600.5</c>, <c>1e30</c>); the
    /// caller bounds it. Anything else is <see langword="null"/>.
    /// </summary>
    private static double? ReadSeconds(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number))
        {
            return Math.Floor(number);
        }

        return value.ValueKind == JsonValueKind.String
            && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
            && double.IsFinite(parsed)
            ? Math.Floor(parsed)
            : null;
    }

    private IdCloudTokenFailure Transient(string reason, string advice, Exception cause) => new()
    {
        Reason = reason,
        Advice = advice,
        IsTransient = true,
        Cause = cause,
        RequestUri = TokenUri,
    };

}
