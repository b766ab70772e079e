namespace Unico.IdCloud.Client;

/// <summary>
/// An IDCloud service (an API host or the identity service) answered with a non-success HTTP status:
/// <see cref="IdCloudException.StatusCode"/> is always set, and <see cref="IdCloudException.ErrorCode"/>,
/// <see cref="IdCloudException.Description"/> and <see cref="IdCloudException.RequestId"/> carry what the answer said.
/// <see cref="IdCloudException.Kind"/> classifies it (<see cref="IdCloudErrorKind.NotFound"/> for an unknown id,
/// <see cref="IdCloudErrorKind.InvalidArgument"/>, <see cref="IdCloudErrorKind.PermissionDenied"/>, ...).
/// </summary>
/// <remarks>
/// Unlike a transport failure, the service saw the request: a 4xx answer means it was not acted on and repeating it
/// unchanged fails the same way. A 5xx answer to an operation that is not idempotent sets
/// <see cref="IdCloudException.RequestMayHaveBeenProcessed"/>.
/// </remarks>
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
