namespace Unico.IdCloud.Client;

/// <summary>
/// The SDK's reading of a process, following Unico's decision rules (<see cref="Models.IdCloudProcess.Interpret"/>, <see cref="ByClient.ByClientProcess.Interpret"/>).
/// It is <b>advice</b>: your own risk policy decides, and every raw value stays available on the process.
/// </summary>
public enum IdCloudProcessOutcome
{
    /// <summary>The person has not finished the journey (<c>CREATED</c>): wait. Unico's suggestion: "Wait".</summary>
    Pending = 0,

    /// <summary>
    /// Every capability the flow ran is positive: the person was live and, where checked, the face belongs to the CPF
    /// holder (or the 1:1 validation matched) with no fraud signal. Unico's suggestion: "Approve".
    /// </summary>
    Approved,

    /// <summary>
    /// A capability is negative: not live, the face does not belong to the CPF holder, the 1:1 validation did not
    /// match, or an inconclusive identity with a negative risk score. Unico's suggestion: "Reprove".
    /// </summary>
    Denied,

    /// <summary>
    /// Not enough evidence either way (identity inconclusive without a deciding risk score), or a positive reading
    /// with a fraud signal. Unico suggests trying again in a new process; a manual review is the alternative.
    /// </summary>
    Inconclusive,

    /// <summary>The process expired before the person finished (<c>FINISHED</c> + <c>EXPIRED</c>): create a new one.</summary>
    Expired,

    /// <summary>
    /// The service failed to process the journey or a capability's result (<c>FAILED</c>, <c>ERROR</c>, a capability
    /// the flow runs left <c>UNSPECIFIED</c>): create a new process. Unico's suggestion: "Retry".
    /// </summary>
    Error,

    /// <summary>
    /// A value this SDK version does not know (a new state, result or capability value, or an unknown flow whose
    /// capabilities cannot be told) decides the outcome: read the raw values yourself. Never treated as approval.
    /// </summary>
    Unrecognized,
}
