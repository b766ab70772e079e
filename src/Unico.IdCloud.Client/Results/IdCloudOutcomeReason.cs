namespace Unico.IdCloud.Client;

/// <summary>One finding behind an <see cref="IdCloudProcessOutcome"/>; a summary lists every finding, in evaluation order.</summary>
public enum IdCloudOutcomeReason
{
    /// <summary>The process is not finished (<c>CREATED</c>, <c>UNSPECIFIED</c> or no state).</summary>
    NotFinished = 0,

    /// <summary>The process failed (<c>PROCESS_STATE_FAILED</c>, deprecated).</summary>
    ProcessFailed,

    /// <summary>The process was cancelled (<c>PROCESS_STATE_CANCELED</c>, deprecated).</summary>
    ProcessCanceled,

    /// <summary>The service reported an error processing the result (<c>PROCESS_RESULT_ERROR</c>, or a finished process without a result).</summary>
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

    /// <summary>The person was not live (<c>LIVENESS_RESULT_NOT_LIVE</c>).</summary>
    LivenessFailed,

    /// <summary>The flow runs liveness but no liveness result was given (<c>UNSPECIFIED</c>): a processing error.</summary>
    LivenessNotEvaluated,

    /// <summary>The face belongs to the CPF holder (<c>AUTHENTICATION_RESULT_POSITIVE</c>).</summary>
    IdentityConfirmed,

    /// <summary>The face does not belong to the CPF holder (<c>AUTHENTICATION_RESULT_NEGATIVE</c>).</summary>
    IdentityRejected,

    /// <summary>Not enough evidence that the face belongs to the CPF holder (<c>AUTHENTICATION_RESULT_INCONCLUSIVE</c>).</summary>
    IdentityInconclusive,

    /// <summary>The flow verifies identity but no result was given (<c>UNSPECIFIED</c>): a processing error.</summary>
    IdentityNotEvaluated,

    /// <summary>The 1:1 validation matched (<c>BIO_TOKEN_ENGINE_RESULT_POSITIVE</c>).</summary>
    OneToOneConfirmed,

    /// <summary>The 1:1 validation did not match (<c>BIO_TOKEN_ENGINE_RESULT_NEGATIVE</c>).</summary>
    OneToOneRejected,

    /// <summary>The behaviour alert found signs of fraud: the face matched other CPFs (<c>TRUST_RESULT_YES</c>).</summary>
    FraudSignals,

    /// <summary>The behaviour alert found no sign of fraud (<c>TRUST_RESULT_INCONCLUSIVE</c>; there is no "NO" value by design).</summary>
    NoFraudSignals,

    /// <summary>The risk score is positive: the person is more likely the CPF holder.</summary>
    PositiveRiskScore,

    /// <summary>The risk score is negative: higher risk.</summary>
    NegativeRiskScore,

    /// <summary>The risk score is zero: not enough evidence for a probabilistic answer (possibly a wrong CPF).</summary>
    ZeroRiskScore,

    /// <summary>A state, result or capability value this SDK version does not know.</summary>
    UnrecognizedValue,

    /// <summary>The flow is unknown to this SDK version, so which capabilities it runs cannot be told.</summary>
    UnknownFlow,
}
