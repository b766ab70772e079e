namespace Unico.IdCloud.Testing;

/// <summary>
/// How an emulated process ends when a test calls <see cref="IdCloudEmulator.FinishProcessAsync"/>. Each outcome sets
/// <c>state</c>, <c>result</c> and <c>authenticationInfo</c> the way Unico documents the scenario; see
/// <c>docs/emulator.md</c> for the full table.
/// </summary>
public enum EmulatedOutcome
{
    /// <summary>
    /// <c>PROCESS_STATE_FINISHED</c> + <c>PROCESS_RESULT_OK</c>, <c>AUTHENTICATION_RESULT_POSITIVE</c>,
    /// <c>LIVENESS_RESULT_LIVE</c>. Documents are captured and e-signature documents signed.
    /// </summary>
    Approved = 0,

    /// <summary>
    /// <c>PROCESS_RESULT_INVALID_IDENTITY</c> with <c>AUTHENTICATION_RESULT_NEGATIVE</c> and <c>LIVENESS_RESULT_LIVE</c>:
    /// the face is live but does not belong to the CPF holder ("Process completed and refused in IDUnico"). Nothing is signed.
    /// </summary>
    IdentityNegative = 1,

    /// <summary><c>PROCESS_RESULT_OK</c> with <c>AUTHENTICATION_RESULT_INCONCLUSIVE</c> and <c>LIVENESS_RESULT_LIVE</c>.</summary>
    Inconclusive = 2,

    /// <summary>
    /// <c>PROCESS_RESULT_INVALID_IDENTITY</c> with <c>LIVENESS_RESULT_NOT_LIVE</c> and <c>AUTHENTICATION_RESULT_UNSPECIFIED</c>
    /// (identity is not checked for a face that is not live), as the vendor's response scenarios document
    /// ("Process completed and failed the Liveness").
    /// </summary>
    LivenessFailed = 3,

    /// <summary>
    /// <c>PROCESS_RESULT_OK</c>, <c>AUTHENTICATION_RESULT_POSITIVE</c>, <c>LIVENESS_RESULT_LIVE</c> and
    /// <c>identityFraudstersResult</c> = <c>TRUST_RESULT_YES</c> (signs of fraud behaviour).
    /// </summary>
    BehaviourAlert = 4,

    /// <summary>
    /// <c>PROCESS_STATE_FINISHED</c> + <c>PROCESS_RESULT_EXPIRED</c>: the person never completed the journey. The
    /// webhook carries <c>lastEvent</c>/<c>lastEventDescription</c>; there is no selfie or evidence set.
    /// </summary>
    Expired = 5,

    /// <summary><c>PROCESS_STATE_FINISHED</c> + <c>PROCESS_RESULT_ERROR</c>: biometric processing failed; try again.</summary>
    ProcessingError = 6,
}
