namespace Unico.IdCloud.Client;

/// <summary>
/// Authentication failed: the identity service refused to issue an access token (Unico codes <c>1.x.y</c>), or
/// the API kept answering 401 after one token refresh.
/// </summary>
public sealed class IdCloudAuthenticationException : IdCloudException
{
    /// <summary>Creates an authentication exception.</summary>
    /// <param name="message">What happened and what to fix.</param>
    public IdCloudAuthenticationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an authentication exception with the underlying cause.</summary>
    /// <param name="message">What happened and what to fix.</param>
    /// <param name="innerException">The underlying cause.</param>
    public IdCloudAuthenticationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an authentication exception with a default message.</summary>
    public IdCloudAuthenticationException()
    {
    }

    /// <summary>An English explanation of what to fix, when the code is known.</summary>
    public string? Advice { get; init; }

    /// <summary>
    /// <see langword="true"/> when the failure means the application is misconfigured (wrong tenant, inactive
    /// account, revoked key, malformed assertion, locked account): retrying cannot help and repeated attempts can
    /// lock the account (code 1.2.18), so the SDK does not retry and throttles further token requests.
    /// </summary>
    public bool IsConfigurationError { get; init; }
}
