namespace Unico.IdCloud.Client;

/// <summary>
/// The circuit breaker for an IDCloud host is open after repeated failures, so the call was not attempted.
/// <see cref="IdCloudException.RetryAfter"/> says when the breaker will let a trial request through.
/// </summary>
public sealed class IdCloudCircuitOpenException : IdCloudException
{
    /// <summary>Creates a circuit-open exception.</summary>
    /// <param name="message">What happened.</param>
    public IdCloudCircuitOpenException(string message)
        : base(message)
    {
    }

    /// <summary>Creates a circuit-open exception with the underlying cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The underlying cause.</param>
    public IdCloudCircuitOpenException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates a circuit-open exception with a default message.</summary>
    public IdCloudCircuitOpenException()
    {
    }
}
