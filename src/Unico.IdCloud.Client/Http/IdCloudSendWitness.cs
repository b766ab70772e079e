namespace Unico.IdCloud.Client.Http;

/// <summary>
/// Tells a typed client, after its Refit call ended in a plain cancellation, whether the call's request may have left.
/// </summary>
/// <remarks>
/// <para>
/// The pipeline turns a cancellation it sees after sending into <see cref="IdCloudOperationCanceledException"/>, but
/// Refit itself throws a plain <see cref="OperationCanceledException"/> when the caller cancels while it reads a success
/// body (it checks the caller's token after buffering, before the serializer and the exception factories run). By then
/// the server has answered, so a creation has happened; the typed clients must signal it, and only they can, because
/// the request message never reaches them.
/// </para>
/// <para>
/// The witness is per call: a typed client calls <see cref="Begin"/> in its own async method, which scopes the ambient
/// value to that call and what it awaits (the handler chain included); <see cref="IdCloudRequestOptions.MarkMayHaveBeenSent"/>
/// records on it. Concurrent calls each see their own. Nothing is recorded when no typed client began one (a raw Refit
/// interface call), so the ambient value costs those calls nothing.
/// </para>
/// </remarks>
internal sealed class IdCloudSendWitness
{
    private static readonly AsyncLocal<IdCloudSendWitness?> Current = new();

    private volatile bool _mayHaveBeenSent;

    private IdCloudSendWitness()
    {
    }

    /// <summary>Whether a request of this call was handed to the connection (so it may have reached the server).</summary>
    public bool MayHaveBeenSent => _mayHaveBeenSent;

    /// <summary>
    /// Starts witnessing the calling async method's call. Call it from an <see langword="async"/> method: the ambient value
    /// then ends with that method and never leaks to its caller.
    /// </summary>
    public static IdCloudSendWitness Begin()
    {
        var witness = new IdCloudSendWitness();
        Current.Value = witness;
        return witness;
    }

    /// <summary>Records that the current call's request may have left; nothing when no typed client is witnessing.</summary>
    public static void RecordMayHaveBeenSent()
    {
        if (Current.Value is { } witness)
        {
            witness._mayHaveBeenSent = true;
        }
    }
}
