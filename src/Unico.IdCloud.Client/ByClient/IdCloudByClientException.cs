namespace Unico.IdCloud.Client.ByClient;

/// <summary>
/// A by Client call failed with one of the API's five-digit codes (or, for CreateProcess, in a way that leaves its
/// outcome unknown). <see cref="Reason"/> says what it means; the message says what to do. For a CreateProcess whose
/// outcome is unknown, <see cref="IdCloudException.ClientReference"/> is the <c>subject.clientReference</c> to reconcile by.
/// </summary>
/// <remarks>
/// A subtype of its own because it carries data no other failure has (<see cref="Reason"/>, <see cref="MustRedoCapture"/>);
/// it is not an <see cref="IdCloudApiException"/> because an unknown outcome can also follow a broken connection.
/// </remarks>
public sealed class IdCloudByClientException : IdCloudException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened and what to do.</param>
    public IdCloudByClientException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What happened and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public IdCloudByClientException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public IdCloudByClientException()
        : base("A by Client call failed.")
    {
    }

    /// <summary>What the error code means.</summary>
    public ByClientErrorReason Reason { get; init; }

    /// <summary>
    /// The capture must be redone in the app before trying again (10506, 10507, 10508, image problems): the same
    /// payload or image will fail the same way.
    /// </summary>
    public bool MustRedoCapture { get; init; }
}
