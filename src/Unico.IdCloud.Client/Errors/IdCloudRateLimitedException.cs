namespace Unico.IdCloud.Client;

/// <summary>
/// The tenant's request budget (10 requests per second by default, shared by every call) was exceeded and the
/// SDK's retries did not get through. <see cref="IdCloudException.RetryAfter"/> says how long the service asked to wait.
/// </summary>
public sealed class IdCloudRateLimitedException : IdCloudApiException
{
    /// <summary>Creates a rate-limit exception.</summary>
    /// <param name="message">What happened.</param>
    public IdCloudRateLimitedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates a rate-limit exception with the underlying cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The underlying cause.</param>
    public IdCloudRateLimitedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates a rate-limit exception with a default message.</summary>
    public IdCloudRateLimitedException()
    {
    }
}
