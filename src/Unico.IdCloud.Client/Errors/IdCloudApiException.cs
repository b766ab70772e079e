namespace Unico.IdCloud.Client;

/// <summary>The IDCloud API answered with a non-success HTTP status.</summary>
public class IdCloudApiException : IdCloudException
{
    /// <summary>Creates an API exception.</summary>
    /// <param name="message">What happened and, where possible, what to do.</param>
    public IdCloudApiException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an API exception with the underlying cause.</summary>
    /// <param name="message">What happened and, where possible, what to do.</param>
    /// <param name="innerException">The underlying cause.</param>
    public IdCloudApiException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an API exception with a default message.</summary>
    public IdCloudApiException()
    {
    }
}
