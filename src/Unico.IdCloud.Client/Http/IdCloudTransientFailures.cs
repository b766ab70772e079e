using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Unico.IdCloud.Client.Http;

/// <summary>
/// The rules that decide whether a failure is worth another attempt and whether a request can have reached the
/// server. Shared by the resilience pipeline and the error mapper so they never disagree.
/// </summary>
internal static class IdCloudTransientFailures
{
    /// <summary>
    /// 408, 429 and 5xx except 501 (Not Implemented) and 505 (HTTP Version Not Supported), which will not change
    /// on a second attempt.
    /// </summary>
    public static bool IsTransientStatus(HttpStatusCode status)
    {
        var code = (int)status;
        return code is 408 or 429 || (code >= 500 && code <= 599 && code is not 501 and not 505);
    }

    /// <summary>
    /// <see langword="true"/> only when the exception proves that not a single byte of the request reached the
    /// server: the name did not resolve or the TCP connection could not be established (refused, unreachable).
    /// Anything that happened on an open connection (reset, timeout, broken response) may have been processed.
    /// </summary>
    public static bool IsFailureBeforeSending(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError })
            {
                return true;
            }

            if (current is SocketException socket && socket.SocketErrorCode is SocketError.ConnectionRefused
                or SocketError.HostNotFound or SocketError.HostUnreachable or SocketError.NetworkUnreachable
                or SocketError.TryAgain or SocketError.NoData)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The one <c>Retry-After</c> parser of the SDK (retry delays, exceptions, the token endpoint): delta-seconds
    /// (<c>Retry-After: 12</c>) or an HTTP-date. A date is measured from the response's own <c>Date</c> header when
    /// present (so a skewed local clock does not matter), else from <paramref name="timeProvider"/>.
    /// </summary>
    /// <returns>
    /// <see langword="true"/> with a positive wait; <see langword="false"/> when there is no header, it cannot be
    /// parsed, or it asks for no wait at all (<c>0</c>, a date in the past). A tenant that is over its budget is never
    /// hammered with immediate retries: "no wait" means "use the normal backoff".
    /// </returns>
    public static bool TryGetRetryAfter(HttpResponseMessage response, TimeProvider timeProvider, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        RetryConditionHeaderValue? header;
        try
        {
            header = response.Headers.RetryAfter;
        }
        catch (FormatException)
        {
            return false;
        }

        TimeSpan wait;
        if (header?.Delta is { } delta)
        {
            wait = delta;
        }
        else if (header?.Date is { } date)
        {
            var now = response.Headers.Date ?? timeProvider.GetUtcNow();
            wait = date - now;
        }
        else
        {
            return false;
        }

        if (wait <= TimeSpan.Zero)
        {
            return false;
        }

        retryAfter = wait;
        return true;
    }
}
