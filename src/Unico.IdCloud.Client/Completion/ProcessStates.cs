using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Client;

/// <summary>Which process states end a wait.</summary>
internal static class ProcessStates
{
    /// <summary>
    /// FINISHED, and the deprecated FAILED and CANCELED, are final. CREATED, UNSPECIFIED, a missing state and any
    /// state this SDK version does not know are not: waiting on an unknown state until the deadline is safer than
    /// returning a process whose meaning is not known.
    /// </summary>
    public static bool IsDone(ProcessState? state) =>
        state is { } value && (value == ProcessState.Finished || value == ProcessState.Failed || value == ProcessState.Canceled);
}
