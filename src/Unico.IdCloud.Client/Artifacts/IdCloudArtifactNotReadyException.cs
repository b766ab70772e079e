namespace Unico.IdCloud.Client;

/// <summary>
/// An artifact was still not available after the configured attempts (<see cref="IdCloudErrorKind.NotReady"/>): the
/// signed document or its evidence lags behind the process longer than <see cref="IdCloudSignedDocumentWaitOptions"/>
/// allows, or the process is not finished yet. Try again later; <see cref="Exception.InnerException"/> is the last
/// failure seen.
/// </summary>
public sealed class IdCloudArtifactNotReadyException : IdCloudException
{
    /// <summary>Creates a not-ready exception.</summary>
    /// <param name="artifact">Which artifact.</param>
    /// <param name="id">The document id (signed document, signature evidence) or process id (other artifacts).</param>
    /// <param name="attempts">How many attempts were made.</param>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The last failure, if any.</param>
    public IdCloudArtifactNotReadyException(IdCloudArtifactKind artifact, string id, int attempts, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = IdCloudErrorKind.NotReady;
        Artifact = artifact;
        Id = id;
        Attempts = attempts;
        if (innerException is IdCloudException cause)
        {
            StatusCode = cause.StatusCode;
            ErrorCode = cause.ErrorCode;
            RequestUri = cause.RequestUri;
            RequestMethod = cause.RequestMethod;
        }
    }

    /// <summary>Creates a not-ready exception with a message (prefer the other constructor).</summary>
    /// <param name="message">What happened.</param>
    public IdCloudArtifactNotReadyException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates a not-ready exception with a message and cause (prefer the other constructor).</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The underlying cause.</param>
    public IdCloudArtifactNotReadyException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Kind = IdCloudErrorKind.NotReady;
        Id = string.Empty;
    }

    /// <summary>Creates a not-ready exception with a default message (prefer the other constructor).</summary>
    public IdCloudArtifactNotReadyException()
        : this("An IDCloud artifact is not available yet.")
    {
    }

    /// <summary>Which artifact was not available.</summary>
    public IdCloudArtifactKind Artifact { get; }

    /// <summary>The document id (signed document, signature evidence) or process id.</summary>
    public string Id { get; }

    /// <summary>How many attempts were made.</summary>
    public int Attempts { get; }
}
