namespace Unico.IdCloud.Client;

/// <summary>The process or document does not exist (HTTP 404 / gRPC code 5), or is not visible to this account.</summary>
public sealed class IdCloudNotFoundException : IdCloudApiException
{
    /// <summary>Creates a not-found exception.</summary>
    /// <param name="message">What was not found.</param>
    public IdCloudNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates a not-found exception with the underlying cause.</summary>
    /// <param name="message">What was not found.</param>
    /// <param name="innerException">The underlying cause.</param>
    public IdCloudNotFoundException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates a not-found exception with a default message.</summary>
    public IdCloudNotFoundException()
    {
    }
}
