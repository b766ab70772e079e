namespace Unico.IdCloud.Client;

/// <summary>
/// The service answered with a success status but the body could not be read as the documented shape
/// (empty, truncated, not JSON, wrong type, invalid base64). The server is sometimes wrong; this is how it shows.
/// </summary>
public sealed class IdCloudInvalidResponseException : IdCloudException
{
    /// <summary>Creates an invalid-response exception.</summary>
    /// <param name="message">What could not be read.</param>
    public IdCloudInvalidResponseException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an invalid-response exception with the underlying cause.</summary>
    /// <param name="message">What could not be read.</param>
    /// <param name="innerException">The underlying cause (for example a <see cref="System.Text.Json.JsonException"/>).</param>
    public IdCloudInvalidResponseException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an invalid-response exception with a default message.</summary>
    public IdCloudInvalidResponseException()
    {
    }
}
