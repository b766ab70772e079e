namespace Unico.IdCloud.Client;

/// <summary>
/// You cancelled an operation that is not idempotent (<c>CreateProcess</c>) after its request may already have
/// reached IDCloud: the process may exist although you never saw its id. Look it up by <see cref="ClientReference"/>
/// before creating it again, or you may create a second, billable process.
/// </summary>
/// <remarks>
/// It is an <see cref="OperationCanceledException"/> carrying your token, so code that already handles cancellation
/// keeps working; catch this type where the difference matters. A cancellation before anything was sent stays a plain
/// <see cref="OperationCanceledException"/>.
/// </remarks>
public sealed class IdCloudOperationCanceledException : OperationCanceledException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened and what to check.</param>
    /// <param name="innerException">The cancellation that interrupted the call.</param>
    /// <param name="token">The caller's token that was cancelled.</param>
    public IdCloudOperationCanceledException(string message, Exception? innerException, CancellationToken token)
        : base(message, innerException, token)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public IdCloudOperationCanceledException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cancellation that interrupted the call.</param>
    public IdCloudOperationCanceledException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public IdCloudOperationCanceledException()
        : base("An IDCloud operation was cancelled after its request may have been processed.")
    {
    }

    /// <summary>Always <see langword="true"/> for this type: the request may have been acted on.</summary>
    public bool RequestMayHaveBeenProcessed { get; init; } = true;

    /// <summary>The <c>clientReference</c> the request carried, to look the process up by; <see langword="null"/> when it had none.</summary>
    public string? ClientReference { get; init; }

    /// <summary>The operation that was cancelled, e.g. <c>CreateProcess</c>.</summary>
    public string? Operation { get; init; }
}
