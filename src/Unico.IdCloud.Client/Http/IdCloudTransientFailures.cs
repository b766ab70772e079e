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
    /// Reads <c>Retry-After</c> in either form: delta-seconds (<c>Retry-After: 12</c>) or an HTTP-date. A date is
    /// measured from the response's own <c>Date</c> header when present (so a skewed local clock does not matter),
    /// else from <paramref name="timeProvider"/>. A date in the past gives zero.
    /// </summary>
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

        if (header is null)
        {
            return false;
        }

        if (header.Delta is { } delta)
        {
            retryAfter = delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
            return true;
        }

        if (header.Date is { } date)
        {
            var now = response.Headers.Date ?? timeProvider.GetUtcNow();
            var wait = date - now;
            retryAfter = wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            return true;
        }

        return false;
    }
}
