namespace Unico.IdCloud.Client;

/// <summary>
/// The request did not get a usable HTTP answer: the connection failed or broke, or a timeout expired
/// (<see cref="IdCloudErrorKind.Transport"/> or <see cref="IdCloudErrorKind.Timeout"/>). Check
/// <see cref="IdCloudException.RequestMayHaveBeenProcessed"/> before repeating a non-idempotent call.
/// </summary>
public sealed class IdCloudTransportException : IdCloudException
{
    /// <summary>Creates a transport exception.</summary>
    /// <param name="message">What happened.</param>
    public IdCloudTransportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates a transport exception with the underlying cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The underlying cause.</param>
    public IdCloudTransportException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates a transport exception with a default message.</summary>
    public IdCloudTransportException()
    {
    }
}
