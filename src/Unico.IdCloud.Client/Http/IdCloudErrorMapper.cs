using System.Globalization;
using System.Net;
using System.Text;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Unico.IdCloud.Client.Diagnostics;

namespace Unico.IdCloud.Client.Http;

/// <summary>
/// The one place where failures become <see cref="IdCloudException"/>s: non-success answers of every IDCloud
/// service (whatever their body looked like), transport failures and timeouts, unreadable success bodies and an
/// open circuit breaker.
/// </summary>
/// <remarks>
/// <para>
/// The mapper never throws: an empty, truncated, HTML or binary body still gives a typed exception classified by
/// the HTTP status. At most <see cref="IdCloudErrorBody.MaxBytes"/> of an error body are read.
/// </para>
/// <para>
/// Kind: a gRPC code in the body wins (3 InvalidArgument, 5 NotFound, 7 PermissionDenied, 9 FailedPrecondition,
/// 99999 ServerError, ...); otherwise the HTTP status decides. Messages are English, say what happened and what to
/// do, and quote the service's description only after <see cref="IdCloudRedaction.SanitizeFreeText"/> (one line,
/// bounded, personal data and tokens masked). The raw body is never copied into a message.
/// </para>
/// </remarks>
internal static class IdCloudErrorMapper
{
    /// <summary>Longest <see cref="IdCloudException.Description"/> kept.</summary>
    public const int MaxDescriptionLength = 512;

    /// <summary>Longest part of the description quoted in a message.</summary>
    public const int MaxDescriptionInMessage = 200;

    private const int MaxRequestIdLength = 128;

    private const string ResentUnauthorizedAdvice =
        "The service account obtains tokens but this API does not accept them. Check that the API host and the identity host belong to the same environment (UAT and production credentials differ) and that Unico enabled this account for this API.";

    /// <summary>Headers that carry a request or correlation id, in order of preference.</summary>
    private static readonly string[] RequestIdHeaders =
    [
        "x-request-id",
        "x-correlation-id",
        "request-id",
        "x-amzn-requestid",
        "x-amz-request-id",
        "x-ms-request-id",
        "x-b3-traceid",
        "traceparent",
    ];

    /// <summary>
    /// Reads (at most <see cref="IdCloudErrorBody.MaxBytes"/> of) the body of a non-success response and returns the
    /// matching exception; the operation travels with the request. Never throws. This is what a transport's exception
    /// factory (Refit's <c>ExceptionFactory</c>) calls.
    /// </summary>
    public static ValueTask<IdCloudException> FromResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var operation = response.RequestMessage is { } request ? IdCloudRequestOptions.GetOperation(request) : new IdCloudOperation("Request", IsIdempotent: false, IsDownload: false);
        return FromResponseAsync(response, operation, TimeProvider.System, cancellationToken);
    }

    /// <summary>As <see cref="FromResponseAsync(HttpResponseMessage, CancellationToken)"/> for a known operation and clock.</summary>
    public static ValueTask<IdCloudException> FromResponseAsync(
        HttpResponseMessage response,
        IdCloudOperation operation,
        TimeProvider timeProvider,
        CancellationToken cancellationToken) =>
        FromResponseAsync(response, operation, ApiOf(operation), timeProvider, cancellationToken);

    /// <summary>
    /// Reads (at most <see cref="IdCloudErrorBody.MaxBytes"/> of) the body of a non-success response and returns the
    /// matching exception. Never throws.
    /// </summary>
    public static ValueTask<IdCloudException> FromResponseAsync(
        HttpResponseMessage response,
        IdCloudOperation operation,
        IdCloudApi api,
        CancellationToken cancellationToken) =>
        FromResponseAsync(response, operation, api, TimeProvider.System, cancellationToken);

    /// <summary>
    /// Any exception met while sending or reading, as the SDK's exception: an <see cref="IdCloudException"/> passes
    /// through, a broken connection or timeout is a transport failure, anything the body reader threw (JSON, format)
    /// an unreadable body. What a transport's deserialization-exception factory calls. Never throws.
    /// </summary>
    public static Exception FromException(Exception exception, HttpResponseMessage? response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is IdCloudException or IdCloudOperationCanceledException)
            {
                return current;
            }
        }

        var request = response?.RequestMessage;
        var operation = request is not null ? IdCloudRequestOptions.GetOperation(request) : new IdCloudOperation("Request", IsIdempotent: false, IsDownload: false);
        if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            return (Exception?)FromCancellation(request, operation, exception, cancellationToken, responseStarted: response is not null) ?? exception;
        }

        if (exception is HttpRequestException or IOException or OperationCanceledException)
        {
            return response is not null && response.IsSuccessStatusCode
                ? FromBodyFailure(response, operation, exception, timedOut: exception is OperationCanceledException)
                : FromTransportFailure(request, operation, exception);
        }

        return response is not null
            ? FromUnreadableBody(response, operation, "the documented shape", exception)
            : FromTransportFailure(request, operation, exception);
    }

    /// <summary>
    /// The caller cancelled. Returns the signal for an operation that is not idempotent once its request may have left
    /// (or its answer started arriving); <see langword="null"/> when a plain cancellation says everything.
    /// </summary>
    public static IdCloudOperationCanceledException? FromCancellation(
        HttpRequestMessage? request,
        IdCloudOperation operation,
        Exception cancellation,
        CancellationToken cancellationToken,
        bool responseStarted = false)
    {
        if (operation.IsIdempotent || IsTokenRequest(operation) || !(responseStarted || IdCloudRequestOptions.MayHaveBeenSent(request)))
        {
            return null;
        }

        return CancelledAfterSending(operation, cancellation, IdCloudRequestOptions.GetClientReference(request), cancellationToken);
    }

    /// <summary>
    /// What a typed client that knows its request's <c>clientReference</c> throws instead of a cancellation from its Refit
    /// call; <see langword="null"/> when the cancellation stays as it is. A signal from the pipeline gets the reference
    /// (a streamed body hides it from the pipeline); a plain cancellation of the caller's token after the request may
    /// have left (Refit throws one while it reads a success body) becomes the signal.
    /// </summary>
    public static IdCloudOperationCanceledException? CancellationForCaller(
        OperationCanceledException cancellation,
        IdCloudOperation operation,
        IdCloudSendWitness witness,
        string? clientReference,
        CancellationToken cancellationToken)
    {
        if (cancellation is IdCloudOperationCanceledException signal)
        {
            return signal.ClientReference is null && clientReference is not null
                ? CancelledAfterSending(operation, signal.InnerException ?? signal, clientReference, signal.CancellationToken)
                : null;
        }

        return cancellationToken.IsCancellationRequested && witness.MayHaveBeenSent && !operation.IsIdempotent
            ? CancelledAfterSending(operation, cancellation, clientReference, cancellationToken)
            : null;
    }

    /// <summary>
    /// The signal for an operation that is not idempotent, cancelled by the caller once its request may have left: the
    /// pipeline's (above) and the typed clients' (for the plain cancellation Refit throws while it reads a success body).
    /// </summary>
    public static IdCloudOperationCanceledException CancelledAfterSending(
        IdCloudOperation operation,
        Exception cancellation,
        string? clientReference,
        CancellationToken cancellationToken)
    {
        var message = operation.Name + " was cancelled after its request may have reached IDCloud. " + MayHaveBeenProcessedAdvice(operation);
        return new IdCloudOperationCanceledException(message, cancellation, cancellationToken)
        {
            ClientReference = clientReference,
            Operation = operation.Name,
        };
    }

    /// <summary>
    /// A success body that broke off or ran out of time: the answer was already on its way, so an operation that is
    /// not idempotent was processed.
    /// </summary>
    public static IdCloudException FromBodyFailure(HttpResponseMessage response, IdCloudOperation operation, Exception exception, bool timedOut)
    {
        var processed = !operation.IsIdempotent && !IsTokenRequest(operation);
        var request = response.RequestMessage;
        var uri = SafeUri(request?.RequestUri);
        var message = new StringBuilder(operation.Name);
        message.Append(CultureInfo.InvariantCulture, $" failed: IDCloud answered HTTP {(int)response.StatusCode} but ");
        message.Append(timedOut
            ? (operation.IsDownload
                ? "the body stalled or did not finish within the download budget (DownloadIdleTimeout, DownloadTimeout)"
                : "the body did not arrive within the call's budget (TotalTimeout)")
            : "the connection broke while the body was being read" + ErrorDetail(exception));
        message.Append('.');
        message.Append(' ').Append(processed ? MayHaveBeenProcessedAdvice(operation) : "This is usually temporary; try again later.");
        return new IdCloudException(message.ToString(), exception)
        {
            Kind = timedOut ? IdCloudErrorKind.Timeout : IdCloudErrorKind.Transport,
            StatusCode = response.StatusCode,
            RequestUri = uri,
            RequestMethod = request?.Method.Method,
            RequestId = RequestIdOf(response),
            RetryCount = IdCloudRequestOptions.GetRetryCount(request),
            RequestMayHaveBeenProcessed = processed,
            Operation = operation.Name,
            ClientReference = IdCloudRequestOptions.GetClientReference(request),
        };
    }

    /// <summary>A success body larger than <see cref="IdCloudResilienceOptions.MaxResponseBodySize"/> (announced or actual).</summary>
    public static IdCloudException FromOversizedBody(HttpResponseMessage response, IdCloudOperation operation, long maxBytes, long? declaredLength)
    {
        var size = declaredLength is { } declared
            ? string.Create(CultureInfo.InvariantCulture, $"announced {declared} bytes")
            : "was larger";
        var message = string.Create(
            CultureInfo.InvariantCulture,
            $"{operation.Name} succeeded (HTTP {(int)response.StatusCode}) but its body {size}, more than the {maxBytes} bytes allowed (IdCloud:Resilience:MaxResponseBodySize); it was not read. ");
        return FromUnreadableBody(response, operation, message, innerException: null, composed: true);
    }

    /// <summary>As <see cref="FromResponseAsync(HttpResponseMessage, IdCloudOperation, IdCloudApi, CancellationToken)"/>, measuring an HTTP-date <c>Retry-After</c> with <paramref name="timeProvider"/> when the response has no <c>Date</c>.</summary>
    public static async ValueTask<IdCloudException> FromResponseAsync(
        HttpResponseMessage response,
        IdCloudOperation operation,
        IdCloudApi api,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var body = await IdCloudErrorBody.ReadAsync(response.Content, cancellationToken).ConfigureAwait(false);
        return FromResponse(response, body, operation, api, timeProvider);
    }

    /// <summary>Builds the exception for a non-success response whose body was already parsed. Never throws.</summary>
    public static IdCloudException FromResponse(
        HttpResponseMessage response,
        IdCloudErrorBody body,
        IdCloudOperation operation,
        IdCloudApi api,
        TimeProvider timeProvider)
    {
        try
        {
            return Build(response, body, operation, api, timeProvider);
        }
#pragma warning disable CA1031 // Last resort: a mapping bug must not replace the API failure with an unrelated exception.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new IdCloudApiException(
                $"{operation.Name} failed with HTTP {(int)response.StatusCode}; the error details could not be read.",
                ex)
            {
                Kind = KindFromStatus(response.StatusCode),
                StatusCode = response.StatusCode,
                RequestMethod = response.RequestMessage?.Method.Method,
                RequestUri = SafeUri(response.RequestMessage?.RequestUri),
                Operation = operation.Name,
            };
        }
    }

    /// <summary>
    /// A failure without a usable HTTP answer: connection failure, broken connection, timeout. A timeout here is the
    /// pipeline's (attempt, total or download budget), never the caller's cancellation, which callers rethrow as is.
    /// </summary>
    public static IdCloudException FromTransportFailure(HttpRequestMessage? request, IdCloudOperation operation, Exception exception)
    {
        var timedOut = IsTimeout(exception);
        var beforeSending = !timedOut && IdCloudTransientFailures.IsFailureBeforeSending(exception);
        var mayHaveBeenProcessed = !operation.IsIdempotent && !beforeSending && !IsTokenRequest(operation);
        var retryCount = IdCloudRequestOptions.GetRetryCount(request);
        var uri = SafeUri(request?.RequestUri);
        var host = uri?.IsAbsoluteUri == true ? uri.Host : "IDCloud";

        var message = new StringBuilder(operation.Name);
        if (timedOut)
        {
            message.Append(" timed out: IDCloud did not answer within the configured time budget");
        }
        else if (beforeSending)
        {
            message.Append(CultureInfo.InvariantCulture, $" failed: could not connect to {host}{ErrorDetail(exception)}. Nothing was sent");
        }
        else
        {
            message.Append(CultureInfo.InvariantCulture, $" failed: the connection to {host} broke before an answer arrived{ErrorDetail(exception)}");
        }

        AppendRetries(message, retryCount);
        message.Append('.');
        if (mayHaveBeenProcessed)
        {
            message.Append(' ').Append(MayHaveBeenProcessedAdvice(operation));
        }
        else if (beforeSending)
        {
            message.Append(CultureInfo.InvariantCulture, $" Check DNS, proxy and firewall access to {host}.");
        }
        else
        {
            message.Append(" This is usually temporary; try again later.");
        }

        return new IdCloudException(message.ToString(), exception)
        {
            Kind = timedOut ? IdCloudErrorKind.Timeout : IdCloudErrorKind.Transport,
            RequestUri = uri,
            RequestMethod = request?.Method.Method,
            RetryCount = retryCount,
            RequestMayHaveBeenProcessed = mayHaveBeenProcessed,
            Operation = operation.Name,
            ClientReference = IdCloudRequestOptions.GetClientReference(request),
        };
    }

    /// <summary>
    /// The exception one caller sees for a failed token request: kind <see cref="IdCloudErrorKind.Authentication"/>, an
    /// <see cref="IdCloudApiException"/> when the identity service answered with an error status, the base type when it
    /// could not be reached or answered a success without a usable token.
    /// </summary>
    /// <param name="failure">The classified failure (built by the token endpoint from the shared body reader).</param>
    /// <param name="issuer">The service account's issuer (not secret), to say which account failed.</param>
    /// <param name="pausedUntil">Set when the caller was turned away because token requests are paused.</param>
    /// <param name="now">The current time, to compute the remaining pause.</param>
    public static IdCloudException FromTokenFailure(Authentication.IdCloudTokenFailure failure, string issuer, DateTimeOffset? pausedUntil = null, DateTimeOffset? now = null)
    {
        var message = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Could not obtain an IDCloud access token for {issuer}: {failure.Reason}");
        if (failure.Attempts > 1)
        {
            message.Append(CultureInfo.InvariantCulture, $" (after {failure.Attempts} attempts)");
        }

        message.Append(". ").Append(failure.Advice);
        TimeSpan? retryAfter = failure.RetryAfter;
        if (pausedUntil is { } until)
        {
            message.Append(CultureInfo.InvariantCulture, $" Token requests for this account are paused until {until:yyyy-MM-dd'T'HH:mm:ss'Z'} so that repeated invalid attempts cannot lock it (1.2.18); this error was not re-checked with the identity service.");
            retryAfter = now is { } n && until > n ? until - n : TimeSpan.Zero;
        }
        else if (failure.PausesTokenRequests)
        {
            message.Append(" Not retried automatically: retrying cannot fix this and repeated invalid attempts lock the account (1.2.18).");
        }

        // An error answer from the identity service is an API exception like any other error answer (status, code,
        // description); no answer (network, timeout) or a success without a usable token is the base type. All are
        // Authentication.
        return failure.StatusCode is not { } status || (int)status < 400
            ? new IdCloudException(message.ToString(), failure.Cause)
            {
                Kind = IdCloudErrorKind.Authentication,
                StatusCode = failure.StatusCode,
                ErrorCode = failure.ErrorCode,
                Description = failure.Description,
                Advice = failure.Advice,
                IsConfigurationError = failure.IsConfigurationError,
                RetryAfter = retryAfter,
                RetryCount = failure.Attempts - 1,
                RequestMethod = HttpMethod.Post.Method,
                RequestUri = failure.RequestUri,
                Operation = IdCloudOperation.RequestToken.Name,
            }
            : new IdCloudApiException(message.ToString(), failure.Cause)
            {
                Kind = IdCloudErrorKind.Authentication,
                StatusCode = failure.StatusCode,
                ErrorCode = failure.ErrorCode,
                Description = failure.Description,
                Advice = failure.Advice,
                IsConfigurationError = failure.IsConfigurationError,
                RetryAfter = retryAfter,
                RetryCount = failure.Attempts - 1,
                RequestMethod = HttpMethod.Post.Method,
                RequestUri = failure.RequestUri,
                Operation = IdCloudOperation.RequestToken.Name,
            };
    }

    /// <summary>The circuit breaker refused the call: nothing was sent.</summary>
    public static IdCloudException FromBrokenCircuit(HttpRequestMessage request, IdCloudOperation operation, BrokenCircuitException exception)
    {
        var uri = SafeUri(request.RequestUri);
        var host = uri?.IsAbsoluteUri == true ? uri.Host : "IDCloud";
        var retryAfter = exception.RetryAfter;
        var when = retryAfter is { } wait
            ? string.Create(CultureInfo.InvariantCulture, $"in {Math.Ceiling(wait.TotalSeconds):0} s")
            : "after the break duration";
        var message = $"{operation.Name} was not sent: the circuit breaker for {host} is open because recent calls kept failing. " +
            $"Calls fail fast until it lets a trial call through {when}; check IDCloud's status and your network if this persists.";
        return new IdCloudException(message, exception)
        {
            Kind = IdCloudErrorKind.CircuitOpen,
            RequestUri = uri,
            RequestMethod = request.Method.Method,
            RetryAfter = retryAfter,
            RetryCount = IdCloudRequestOptions.GetRetryCount(request),
            Operation = operation.Name,
        };
    }

    /// <summary>
    /// A success status whose body could not be read as the documented shape. A success means the request was acted
    /// on: for an operation that is not idempotent (CreateProcess) the caller is told so, or a retry would create a
    /// second, billable process.
    /// </summary>
    public static IdCloudException FromUnreadableBody(HttpResponseMessage response, IdCloudOperation operation, string expected, Exception? innerException) =>
        FromUnreadableBody(response, operation, expected, innerException, composed: false);

    private static IdCloudException FromUnreadableBody(HttpResponseMessage response, IdCloudOperation operation, string expected, Exception? innerException, bool composed)
    {
        var processed = !operation.IsIdempotent && !IsTokenRequest(operation);
        var message = composed
            ? expected + "A server answering this way is broken or hostile; raise the limit only if IDCloud really sends such bodies."
            : $"{operation.Name} succeeded (HTTP {(int)response.StatusCode}) but the body could not be read as {expected}. " +
              "IDCloud may have changed its response format; update the SDK or report it with the request id.";
        return new IdCloudException(processed ? message + " " + MayHaveBeenProcessedAdvice(operation) : message, innerException)
        {
            Kind = IdCloudErrorKind.InvalidResponse,
            StatusCode = response.StatusCode,
            RequestUri = SafeUri(response.RequestMessage?.RequestUri),
            RequestMethod = response.RequestMessage?.Method.Method,
            RequestId = RequestIdOf(response),
            RetryCount = IdCloudRequestOptions.GetRetryCount(response.RequestMessage),
            RequestMayHaveBeenProcessed = processed,
            Operation = operation.Name,
            ClientReference = IdCloudRequestOptions.GetClientReference(response.RequestMessage),
        };
    }

    /// <summary>
    /// A success body that parsed but lacks what the documented shape promises (a process without an id, a list without
    /// its items), found after the transport handed it over: <see cref="IdCloudErrorKind.InvalidResponse"/>, like a body
    /// that did not parse at all.
    /// </summary>
    /// <param name="operation">The operation whose answer it is.</param>
    /// <param name="shape">What the body should have been, with what is missing, e.g. <c>a process ("id" is empty)</c>.</param>
    /// <param name="clientReference">The request's <c>clientReference</c>, if any.</param>
    public static IdCloudException FromUnusableModel(IdCloudOperation operation, string shape, string? clientReference = null)
    {
        var processed = !operation.IsIdempotent && !IsTokenRequest(operation);
        var message = $"{operation.Name} succeeded but the body could not be read as {shape}. IDCloud may have changed its response format; update the SDK or report it.";
        return new IdCloudException(processed ? message + " " + MayHaveBeenProcessedAdvice(operation) : message)
        {
            Kind = IdCloudErrorKind.InvalidResponse,
            RequestMayHaveBeenProcessed = processed,
            Operation = operation.Name,
            ClientReference = clientReference,
        };
    }

    /// <summary>
    /// The URL without query string, fragment or user info, and with a CPF in the path masked: safe to show in messages
    /// and logs. The by Client Data Verification endpoint carries the CPF as a path segment (<c>/lists/{cpf}</c>), so the
    /// path alone is personal data there.
    /// </summary>
    public static Uri? SafeUri(Uri? uri) =>
        uri is null ? null
        : uri.IsAbsoluteUri ? new Uri(MaskCpfSegments(uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)))
        : new Uri(MaskCpfSegments(uri.OriginalString.Split('?', '#')[0]), UriKind.Relative);

    /// <summary>
    /// Masks every path segment of exactly 11 digits as <see cref="IdCloudRedaction.MaskCpf"/> does (no other IDCloud id
    /// has that shape: process and document ids are UUIDs), keeping the check digits to recognise the call by.
    /// </summary>
    private static string MaskCpfSegments(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var start = schemeEnd < 0 ? 0 : url.IndexOf('/', schemeEnd + 3);
        if (start < 0)
        {
            return url;
        }

        var segments = url[start..].Split('/');
        var masked = false;
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i] is { Length: 11 } segment && segment.All(char.IsAsciiDigit))
            {
                segments[i] = IdCloudRedaction.MaskCpf(segment);
                masked = true;
            }
        }

        return masked ? url[..start] + string.Join('/', segments) : url;
    }

    /// <summary>The kind an HTTP status means when the body carries no better information.</summary>
    public static IdCloudErrorKind KindFromStatus(HttpStatusCode status) => (int)status switch
    {
        400 or 413 or 415 or 422 => IdCloudErrorKind.InvalidArgument,
        401 => IdCloudErrorKind.Unauthenticated,
        403 => IdCloudErrorKind.PermissionDenied,
        404 or 410 => IdCloudErrorKind.NotFound,
        408 => IdCloudErrorKind.Timeout,
        409 or 412 => IdCloudErrorKind.FailedPrecondition,
        429 => IdCloudErrorKind.RateLimited,
        502 or 503 or 504 => IdCloudErrorKind.ServiceUnavailable,
        >= 500 and <= 599 => IdCloudErrorKind.ServerError,
        _ => IdCloudErrorKind.Unknown,
    };

    /// <summary>The kind a gRPC status code in an error body means, or <see langword="null"/> when it is not one.</summary>
    public static IdCloudErrorKind? KindFromGrpcCode(string? code) => code?.Trim() switch
    {
        "3" or "11" => IdCloudErrorKind.InvalidArgument,
        "5" => IdCloudErrorKind.NotFound,
        "7" => IdCloudErrorKind.PermissionDenied,
        "6" or "9" => IdCloudErrorKind.FailedPrecondition,
        "8" => IdCloudErrorKind.RateLimited,
        "13" or "99999" => IdCloudErrorKind.ServerError,
        "14" => IdCloudErrorKind.ServiceUnavailable,
        "16" => IdCloudErrorKind.Unauthenticated,
        _ => null,
    };

    private static IdCloudException Build(
        HttpResponseMessage response,
        IdCloudErrorBody body,
        IdCloudOperation operation,
        IdCloudApi api,
        TimeProvider timeProvider)
    {
        var status = response.StatusCode;
        var request = response.RequestMessage;
        var kind = ClassifyKind(status, body, api);
        var description = IdCloudRedaction.SanitizeFreeText(body.Description, MaxDescriptionLength);
        var retryAfter = IdCloudTransientFailures.TryGetRetryAfter(response, timeProvider, out var wait) ? wait : (TimeSpan?)null;
        var requestId = RequestIdOf(response);
        var retryCount = IdCloudRequestOptions.GetRetryCount(request);
        var mayHaveBeenProcessed = !operation.IsIdempotent && (int)status >= 500 && !IsTokenRequest(operation);
        var isConfigurationError = kind == IdCloudErrorKind.Authentication && IsAuthenticationConfigurationCode(body.Code);
        var advice = Advice(kind, operation, retryAfter, mayHaveBeenProcessed, isConfigurationError);
        var method = request?.Method.Method;
        var uri = SafeUri(request?.RequestUri);
        if (api == IdCloudApi.ByClient && ByClient.ByClientErrorCatalog.Find(body.Code) is { } byClient)
        {
            // The by Client API's five-digit codes each have their own meaning and advice.
            return ByClient.ByClientErrorCatalog.Exception(byClient, operation, status, body.Code!.Trim(), description, requestId, retryCount, method, uri, retryAfter, mayHaveBeenProcessed);
        }

        string message;
        if (status == HttpStatusCode.Unauthorized && request is not null
            && request.Options.TryGetValue(IdCloudRequestOptions.ResentAfter401Key, out var resent) && resent)
        {
            // The authentication handler already refreshed the token and resent once: a token the API refuses right
            // after it was issued points at configuration, not at an expired token.
            retryCount++;
            isConfigurationError = true;
            advice = ResentUnauthorizedAdvice;
            message = string.Create(
                CultureInfo.InvariantCulture,
                $"The IDCloud API answered 401 Unauthorized to {method} {uri} twice: with the cached access token and again with a newly obtained one. {advice}");
            if (IdCloudRedaction.SanitizeFreeText(description, MaxDescriptionInMessage) is { } quoted)
            {
                message += " IDCloud said: \"" + quoted + "\".";
            }
        }
        else
        {
            message = ComposeMessage(operation, status, body, kind, description, advice, requestId, retryCount);
        }

        // One type for every error answer; a subtype only where the caller reacts differently (429: back off).
        var clientReference = IdCloudRequestOptions.GetClientReference(request);
        return kind == IdCloudErrorKind.RateLimited
            ? new IdCloudRateLimitedException(message)
            {
                Kind = kind, StatusCode = status, ErrorCode = body.Code, Description = description, RequestId = requestId,
                RequestMethod = method, RequestUri = uri, RetryAfter = retryAfter, RetryCount = retryCount,
                RequestMayHaveBeenProcessed = mayHaveBeenProcessed, Operation = operation.Name, ClientReference = clientReference,
                Advice = advice,
            }
            : new IdCloudApiException(message)
            {
                Kind = kind, StatusCode = status, ErrorCode = body.Code, Description = description, RequestId = requestId,
                RequestMethod = method, RequestUri = uri, RetryAfter = retryAfter, RetryCount = retryCount,
                RequestMayHaveBeenProcessed = mayHaveBeenProcessed, Operation = operation.Name, ClientReference = clientReference,
                Advice = advice, IsConfigurationError = isConfigurationError,
            };
    }

    private static IdCloudErrorKind ClassifyKind(HttpStatusCode status, IdCloudErrorBody body, IdCloudApi api)
    {
        var code3 = (int)status;
        var code = body.Code;
        if (api == IdCloudApi.Signature && code3 is 400 or 500 && SaysTheDocumentDoesNotExist(body.Description))
        {
            // The signature API documents {"sucess": false, "data": "Documento não existe."} without its status; the
            // signed-document endpoint lists only 200, 401 and 500 ("internal error or parameter problem"), so a
            // 500 is the likeliest carrier. A document of a just-finished process may not exist there yet, so this is
            // NotFound (waited for by the artifact downloader), whatever error status carries it.
            return IdCloudErrorKind.NotFound;
        }

        if (api == IdCloudApi.Identity && code3 is >= 400 and < 500 and not 429 and not 408)
        {
            // The token endpoint answers misconfiguration (wrong tenant, bad key, extra claims) with 4xx and a 1.x.y code.
            return IdCloudErrorKind.Authentication;
        }

        if (code3 == 429)
        {
            return IdCloudErrorKind.RateLimited;
        }

        if (code3 == 401)
        {
            return IdCloudErrorKind.Unauthenticated;
        }

        return KindFromGrpcCode(code) ?? KindFromStatus(status);
    }

    private static bool SaysTheDocumentDoesNotExist(string? description) =>
        description is not null
        && (description.Contains("não existe", StringComparison.OrdinalIgnoreCase)
            || description.Contains("nao existe", StringComparison.OrdinalIgnoreCase));

    private static string ComposeMessage(
        IdCloudOperation operation,
        HttpStatusCode status,
        IdCloudErrorBody body,
        IdCloudErrorKind kind,
        string? description,
        string advice,
        string? requestId,
        int retryCount)
    {
        var message = new StringBuilder(256);
        message.Append(operation.Name).Append(" failed: ").Append(Summary(kind));
        message.Append(CultureInfo.InvariantCulture, $" (HTTP {(int)status} {ReasonOf(status)}");
        if (body.Code is not null)
        {
            message.Append(", code ").Append(body.Code);
        }

        message.Append(')');
        AppendRetries(message, retryCount);
        message.Append(". ").Append(advice);

        var quoted = IdCloudRedaction.SanitizeFreeText(description, MaxDescriptionInMessage);
        if (quoted is not null)
        {
            message.Append(" IDCloud said: \"").Append(quoted).Append("\".");
        }
        else if (body.Format == IdCloudErrorBodyFormat.Html)
        {
            message.Append(" The answer was an HTML page, so it most likely came from a gateway or load balancer in front of IDCloud.");
        }
        else if (body.Format == IdCloudErrorBodyFormat.Empty)
        {
            message.Append(" No error details were sent.");
        }

        if (requestId is not null)
        {
            message.Append(" Request id: ").Append(requestId).Append('.');
        }

        return message.ToString();
    }

    private static string Summary(IdCloudErrorKind kind) => kind switch
    {
        IdCloudErrorKind.InvalidArgument => "IDCloud rejected the request as invalid",
        IdCloudErrorKind.Unauthenticated => "IDCloud rejected the access token",
        IdCloudErrorKind.Authentication => "the identity service refused to issue an access token",
        IdCloudErrorKind.PermissionDenied => "the service account is not allowed to do this",
        IdCloudErrorKind.NotFound => "the process or document was not found",
        IdCloudErrorKind.FailedPrecondition => "the account is not set up for this operation",
        IdCloudErrorKind.RateLimited => "the tenant's request rate limit was exceeded",
        IdCloudErrorKind.ServerError => "IDCloud reported an internal failure",
        IdCloudErrorKind.ServiceUnavailable => "IDCloud, or a gateway in front of it, is unavailable",
        IdCloudErrorKind.Timeout => "the server gave up waiting for the request",
        _ => "IDCloud answered with an unexpected status",
    };

    private static string Advice(
        IdCloudErrorKind kind,
        IdCloudOperation operation,
        TimeSpan? retryAfter,
        bool mayHaveBeenProcessed,
        bool isConfigurationError)
    {
        if (mayHaveBeenProcessed)
        {
            return MayHaveBeenProcessedAdvice(operation);
        }

        return kind switch
        {
            IdCloudErrorKind.InvalidArgument => "Correct the request before sending it again; repeating it unchanged fails the same way.",
            IdCloudErrorKind.Unauthenticated => "If this persists after a token refresh, check that the service account belongs to this environment (UAT credentials do not work in production, nor the reverse) and that the server clock is correct.",
            IdCloudErrorKind.Authentication when isConfigurationError => "This is a configuration problem that retrying cannot fix: check the service account name, tenant id and private key for this environment (repeated failures can lock the account).",
            IdCloudErrorKind.Authentication => "Check the service account name, tenant id and private key for this environment, and the server clock.",
            IdCloudErrorKind.PermissionDenied => "Ask Unico to grant this permission to the service account, or use an account that has it.",
            IdCloudErrorKind.NotFound => "Check the id, and that it was created in this environment with this service account.",
            IdCloudErrorKind.FailedPrecondition => "Ask your Unico project manager to finish setting up the account for this flow (for example its API keys).",
            IdCloudErrorKind.RateLimited when retryAfter is { } wait => string.Create(
                CultureInfo.InvariantCulture,
                $"Wait {Math.Ceiling(wait.TotalSeconds):0} s before calling again, and spread calls out (the default budget is 10 requests per second per tenant; prefer the webhook to tight polling)."),
            IdCloudErrorKind.RateLimited => "Wait a moment before calling again, and spread calls out (the default budget is 10 requests per second per tenant; prefer the webhook to tight polling).",
            IdCloudErrorKind.ServerError or IdCloudErrorKind.ServiceUnavailable or IdCloudErrorKind.Timeout => "This is usually temporary; try again later.",
            _ => "See StatusCode, ErrorCode and Description for details.",
        };
    }

    private static string MayHaveBeenProcessedAdvice(IdCloudOperation operation) =>
        operation.Name == IdCloudOperation.CreateProcess.Name
            ? "The request reached IDCloud, so the process may have been created anyway: look it up by your clientReference before trying again, or you may create a second, billable process."
            : operation.Name == ByClient.ByClientOperations.VerifyData.Name
            ? ByClient.ByClientOperations.VerifyDataMayHaveBeenProcessedAdvice
            : "The request may have reached IDCloud and been acted on: check its effect before repeating it.";

    private static void AppendRetries(StringBuilder message, int retryCount)
    {
        if (retryCount == 1)
        {
            message.Append(" after 1 retry");
        }
        else if (retryCount > 1)
        {
            message.Append(CultureInfo.InvariantCulture, $" after {retryCount} retries");
        }
    }

    private static string ReasonOf(HttpStatusCode status)
    {
        var name = status.ToString();
        return int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? "status" : name;
    }

    private static string ErrorDetail(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is HttpRequestException { HttpRequestError: not HttpRequestError.Unknown } http)
            {
                return " (" + http.HttpRequestError + ")";
            }

            if (current is System.Net.Sockets.SocketException socket)
            {
                return " (" + socket.SocketErrorCode + ")";
            }
        }

        return string.Empty;
    }

    private static bool IsTimeout(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is TimeoutRejectedException or TimeoutException or OperationCanceledException)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsTokenRequest(IdCloudOperation operation) => operation.Name == IdCloudOperation.RequestToken.Name;

    /// <summary>The service whose error shapes apply to <paramref name="operation"/> (the one place that decides it).</summary>
    public static IdCloudApi ApiOf(IdCloudOperation operation) =>
        IsTokenRequest(operation) ? IdCloudApi.Identity
        : operation.Name == IdCloudOperation.GetSignedDocument.Name || operation.Name == IdCloudOperation.GetSignatureEvidence.Name ? IdCloudApi.Signature
        : ByClient.ByClientOperations.IsByClient(operation) ? IdCloudApi.ByClient
        : IdCloudApi.Process;

    /// <summary>Token-endpoint codes that mean the account or assertion is misconfigured: retrying cannot help.</summary>
    /// <summary>One table decides, for the token endpoint and for an API host that answers with a token code alike.</summary>
    private static bool IsAuthenticationConfigurationCode(string? code) =>
        Authentication.IdCloudTokenErrorCatalog.IsConfigurationCode(code?.Trim());

    private static string? RequestIdOf(HttpResponseMessage response)
    {
        foreach (var name in RequestIdHeaders)
        {
            if (!response.Headers.TryGetValues(name, out var values))
            {
                continue;
            }

            foreach (var raw in values)
            {
                var value = name == "traceparent" ? TraceIdOf(raw) : raw?.Trim();
                if (IsPrintableId(value))
                {
                    return value;
                }
            }
        }

        return null;
    }

    /// <summary>The trace id of a W3C <c>traceparent</c> (<c>00-&lt;trace-id&gt;-&lt;span-id&gt;-01</c>).</summary>
    private static string? TraceIdOf(string? traceparent)
    {
        var parts = traceparent?.Trim().Split('-');
        return parts is { Length: >= 3 } && parts[1].Length == 32 ? parts[1] : null;
    }

    private static bool IsPrintableId(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxRequestIdLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is < '!' or > '~')
            {
                return false;
            }
        }

        return true;
    }
}
