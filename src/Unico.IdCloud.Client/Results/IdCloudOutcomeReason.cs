namespace Unico.IdCloud.Client;

/// <summary>
/// One finding behind an <see cref="IdCloudProcessOutcome"/> (<see cref="IdCloudProcessSummary.Reasons"/>), for by Unico
/// and by Client processes alike: where both APIs report the same thing (liveness failed, identity confirmed, a risk
/// score) they share a value; the rest name the API whose value they read.
/// </summary>
public enum IdCloudOutcomeReason
{
    /// <summary>
    /// The process is not finished (by Unico: <c>CREATED</c>, <c>AWAITING_FOR_DOCUMENT</c>, <c>UNSPECIFIED</c> or no
    /// state; by Client: status 1).
    /// </summary>
    NotFinished = 0,

    /// <summary>The process failed (<c>PROCESS_STATE_FAILED</c>, deprecated).</summary>
    ProcessFailed,

    /// <summary>The process was cancelled (by Unico: <c>PROCESS_STATE_CANCELED</c>, deprecated; by Client: status 4).</summary>
    ProcessCanceled,

    /// <summary>
    /// The service reported an error processing the result (by Unico: <c>PROCESS_RESULT_ERROR</c>, or a finished process
    /// without a result; by Client: status 5, HTTP 200 with a biometric processing error).
    /// </summary>
    ProcessingError,

    /// <summary>The process expired before the journey was completed (<c>PROCESS_RESULT_EXPIRED</c>).</summary>
    ProcessExpired,

    /// <summary>The result is <c>PROCESS_RESULT_REFUSED</c> (older contract).</summary>
    ResultRefused,

    /// <summary>The result is <c>PROCESS_RESULT_WARNING</c> (older contract).</summary>
    ResultWarning,

    /// <summary>The result is <c>PROCESS_RESULT_INVALID_IDENTITY</c>.</summary>
    ResultInvalidIdentity,

    /// <summary>The person was live (<c>LIVENESS_RESULT_LIVE</c>).</summary>
    LivenessConfirmed,

    /// <summary>The person was not live (by Unico: <c>LIVENESS_RESULT_NOT_LIVE</c>; by Client: liveness 2).</summary>
    LivenessFailed,

    /// <summary>The flow runs liveness but no liveness result was given (<c>UNSPECIFIED</c>): a processing error.</summary>
    LivenessNotEvaluated,

    /// <summary>The face belongs to the CPF holder (by Unico: <c>AUTHENTICATION_RESULT_POSITIVE</c>; by Client: <c>unicoId</c> yes).</summary>
    IdentityConfirmed,

    /// <summary>The face does not belong to the CPF holder (by Unico: <c>AUTHENTICATION_RESULT_NEGATIVE</c>; by Client: <c>unicoId</c> no).</summary>
    IdentityRejected,

    /// <summary>
    /// Not enough evidence that the face belongs to the CPF holder (by Unico: <c>AUTHENTICATION_RESULT_INCONCLUSIVE</c>;
    /// by Client: <c>unicoId</c> inconclusive without a risk score).
    /// </summary>
    IdentityInconclusive,

    /// <summary>The flow verifies identity but no result was given (<c>UNSPECIFIED</c>): a processing error.</summary>
    IdentityNotEvaluated,

    /// <summary>The 1:1 validation matched (<c>BIO_TOKEN_ENGINE_RESULT_POSITIVE</c>).</summary>
    OneToOneConfirmed,

    /// <summary>The 1:1 validation did not match (<c>BIO_TOKEN_ENGINE_RESULT_NEGATIVE</c>).</summary>
    OneToOneRejected,

    /// <summary>
    /// Signs of fraud: the face is in Unico's base of known fraudsters or matched other CPFs (by Unico: the behaviour
    /// alert, <c>TRUST_RESULT_YES</c>; by Client: <c>identityFraudsters</c> yes).
    /// </summary>
    FraudSignals,

    /// <summary>The behaviour alert found no sign of fraud (<c>TRUST_RESULT_INCONCLUSIVE</c>; there is no "NO" value by design).</summary>
    NoFraudSignals,

    /// <summary>The risk score is positive: the person is more likely the CPF holder.</summary>
    PositiveRiskScore,

    /// <summary>The risk score is negative: higher risk.</summary>
    NegativeRiskScore,

    /// <summary>The risk score is zero: not enough evidence for a probabilistic answer (possibly a wrong CPF).</summary>
    ZeroRiskScore,

    /// <summary>A state, status, result or capability value this SDK version does not know.</summary>
    UnrecognizedValue,

    /// <summary>The flow is unknown to this SDK version, so which capabilities it runs cannot be told.</summary>
    UnknownFlow,

    /// <summary>By Client status 2: the capabilities diverged and no verdict was given.</summary>
    Divergence,

    /// <summary>By Client: the orchestrated <c>riskLevel</c> result decided.</summary>
    RiskLevel,

    /// <summary>By Client: a document process finished with its document.</summary>
    DocumentCaptured,

    /// <summary>By Client: the document's CPF is not the subject's.</summary>
    DocumentCpfMismatch,
}
