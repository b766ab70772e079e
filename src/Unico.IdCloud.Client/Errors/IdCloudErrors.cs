namespace Unico.IdCloud.Client;

/// <summary>
/// Builds the <see cref="IdCloudException"/>s that no HTTP answer produces (configuration found wrong, a wait that
/// ran out), so that each kind is built one way wherever it is thrown. HTTP answers, transport failures and unreadable
/// bodies go through <see cref="Http.IdCloudErrorMapper"/> instead.
/// </summary>
internal static class IdCloudErrors
{
    /// <summary>A wrong setting: <see cref="IdCloudErrorKind.Configuration"/>, naming the key to fix.</summary>
    /// <param name="settingName">The configuration key that holds the wrong value, or <see langword="null"/> when the problem is not one setting.</param>
    /// <param name="message">What is wrong and what to put there instead; starts with the key. Never key material.</param>
    /// <param name="innerException">The underlying cause (never one whose message carries key material).</param>
    public static IdCloudException Configuration(string? settingName, string message, Exception? innerException = null) =>
        new(message, innerException)
        {
            Kind = IdCloudErrorKind.Configuration,
            SettingName = settingName,
            IsConfigurationError = true,
        };

    /// <summary>A configuration problem that is not one setting.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The underlying cause.</param>
    public static IdCloudException Configuration(string message, Exception? innerException = null) =>
        Configuration(settingName: null, message, innerException);

    /// <summary>
    /// An artifact still not available after <paramref name="attempts"/> attempts: <see cref="IdCloudErrorKind.NotReady"/>,
    /// naming the operation and id, with the last failure's status and request (if any) as its own.
    /// </summary>
    /// <param name="artifact">Which artifact.</param>
    /// <param name="id">The document id (signed document, signature evidence) or process id (other artifacts).</param>
    /// <param name="attempts">How many attempts were made (0 when none was worth making).</param>
    /// <param name="message">What happened and what to do.</param>
    /// <param name="innerException">The last failure, if any.</param>
    public static IdCloudException NotReady(IdCloudArtifactKind artifact, string id, int attempts, string message, Exception? innerException = null)
    {
        var cause = innerException as IdCloudException;
        return new IdCloudException(message, innerException)
        {
            Kind = IdCloudErrorKind.NotReady,
            Operation = artifact switch
            {
                IdCloudArtifactKind.SignedDocument => Http.IdCloudOperation.GetSignedDocument.Name,
                IdCloudArtifactKind.SignatureEvidence => Http.IdCloudOperation.GetSignatureEvidence.Name,
                IdCloudArtifactKind.Selfie => Http.IdCloudOperation.GetSelfie.Name,
                _ => Http.IdCloudOperation.GetEvidenceSet.Name,
            },
            ResourceId = id,
            RetryCount = Math.Max(0, attempts - 1),
            StatusCode = cause?.StatusCode,
            ErrorCode = cause?.ErrorCode,
            RequestId = cause?.RequestId,
            RequestUri = cause?.RequestUri,
            RequestMethod = cause?.RequestMethod,
            RetryAfter = cause?.RetryAfter,
        };
    }

    /// <summary>The name <see cref="IdCloudException.Operation"/> carries for a wait that reached its deadline.</summary>
    public const string WaitForCompletionOperation = "WaitForCompletion";

    /// <summary>
    /// A wait that cannot end by waiting: the process waits for the person's document, which only the caller can send
    /// (<see cref="IdCloudErrorKind.FailedPrecondition"/>, the process id as <see cref="IdCloudException.ResourceId"/>).
    /// </summary>
    /// <param name="processId">The process waited for.</param>
    /// <param name="reads">How many times the process was read.</param>
    public static IdCloudException AwaitingDocument(string processId, int reads) =>
        new(string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"IDCloud process {processId} waits for the person's document (PROCESS_STATE_AWAITING_FOR_DOCUMENT) and no wait can finish it: send the document with SetProcessDocumentAsync, then wait again."))
        {
            Kind = IdCloudErrorKind.FailedPrecondition,
            Operation = WaitForCompletionOperation,
            ResourceId = processId,
            RetryCount = Math.Max(0, reads - 1),
        };

    /// <summary>
    /// A wait that reached its deadline before the process finished: <see cref="IdCloudErrorKind.WaitTimeout"/>, the
    /// process id as <see cref="IdCloudException.ResourceId"/>, the last known process, deadline and reads as data and the
    /// last known state in the message.
    /// </summary>
    /// <param name="processId">The process waited for.</param>
    /// <param name="deadline">The deadline that was reached.</param>
    /// <param name="lastKnownProcess">The last successful read, if any.</param>
    /// <param name="reads">How many times the process was read.</param>
    /// <param name="innerException">The last failed read, when the last read failed.</param>
    public static IdCloudWaitTimeoutException WaitTimeout(string processId, TimeSpan deadline, Models.IdCloudProcess? lastKnownProcess, int reads, Exception? innerException = null)
    {
        var state = lastKnownProcess?.State is { } known ? known.Value : "unknown (no successful read)";
        var message = string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"IDCloud process {processId} did not finish within {deadline} ({reads} reads); last known state: {state}. The process is not affected and may still finish: wait again, rely on the webhook, or read it with GetProcessAsync.");
        return new IdCloudWaitTimeoutException(message, innerException)
        {
            Kind = IdCloudErrorKind.WaitTimeout,
            Operation = WaitForCompletionOperation,
            ResourceId = processId,
            RetryCount = Math.Max(0, reads - 1),
            LastKnownProcess = lastKnownProcess,
            Deadline = deadline,
            Reads = reads,
        };
    }
}
