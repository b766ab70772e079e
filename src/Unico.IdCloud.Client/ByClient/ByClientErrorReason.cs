namespace Unico.IdCloud.Client.ByClient;

/// <summary>What a by Client error code means (<see cref="IdCloudByClientException.Reason"/>).</summary>
public enum ByClientErrorReason
{
    /// <summary>A code this SDK version does not know; see <see cref="IdCloudException.ErrorCode"/>.</summary>
    Unknown = 0,

    /// <summary>20001: no access token was sent.</summary>
    MissingAccessToken,

    /// <summary>20002: no APIKEY header was sent.</summary>
    MissingApiKey,

    /// <summary>20003: the body is missing or invalid.</summary>
    InvalidBody,

    /// <summary>20004: <c>subject</c> is missing.</summary>
    MissingSubject,

    /// <summary>20005: <c>subject.code</c> (the CPF) is missing.</summary>
    MissingCpf,

    /// <summary>20006: <c>subject.name</c> is missing.</summary>
    MissingName,

    /// <summary>20009: <c>imageBase64</c> is missing.</summary>
    MissingImage,

    /// <summary>20019: the birth date is not <c>YYYY-MM-DD</c>.</summary>
    InvalidBirthDate,

    /// <summary>20047 or 20048: the person's age is outside the use case's limits.</summary>
    AgeOutOfLimits,

    /// <summary>20505: the image is not JPEG, PNG or WebP.</summary>
    InvalidImageFormat,

    /// <summary>20506: the image is larger than 800 KB.</summary>
    ImageTooLarge,

    /// <summary>20507: the CPF is invalid.</summary>
    InvalidCpf,

    /// <summary>20508: the gender is not M or F.</summary>
    InvalidGender,

    /// <summary>20807: the image resolution is below 640×480.</summary>
    ImageResolutionTooLow,

    /// <summary>20900: the image is not valid base64.</summary>
    InvalidBase64,

    /// <summary>10506: the capture does not meet the security requirements (capture SDK bundle).</summary>
    CaptureNotTrusted,

    /// <summary>10507: the capture SDK's payload expired (10 minutes).</summary>
    CaptureExpired,

    /// <summary>10508: the capture SDK's payload was already used.</summary>
    CaptureReused,

    /// <summary>30017: the account or key has no permission for this operation.</summary>
    NoPermission,

    /// <summary>10201: the APIKEY is invalid.</summary>
    InvalidApiKey,

    /// <summary>10501: the access token is invalid (after one refresh and resend).</summary>
    InvalidAccessToken,

    /// <summary>10502: the access token expired (after one refresh and resend).</summary>
    ExpiredAccessToken,

    /// <summary>510, 10700, 20502, 20503: an internal failure of the service.</summary>
    ServerError,

    /// <summary>
    /// CreateProcess may have reached the service although no answer was seen (timeout, broken connection, 5xx):
    /// a process may exist and be billed. See <see cref="IdCloudException.ClientReference"/>.
    /// </summary>
    OutcomeUnknown,
}
