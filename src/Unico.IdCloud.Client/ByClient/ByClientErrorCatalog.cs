using System.Globalization;
using System.Net;
using System.Text;
using Unico.IdCloud.Client.Http;

namespace Unico.IdCloud.Client.ByClient;

/// <summary>Every documented by Client error code: its meaning, the SDK's kind, and what the caller should do.</summary>
internal static class ByClientErrorCatalog
{
    private const string FixRequest = "Correct the request; sending it unchanged fails the same way.";
    private const string RedoCapture = "Redo the capture in the app with Unico's capture SDK and send the new payload";

    public static Entry? Find(string? code) => code?.Trim() switch
    {
        "20001" => new(ByClientErrorReason.MissingAccessToken, IdCloudErrorKind.Unauthenticated, false, "no access token was sent", "Check that the request goes through the SDK's pipeline (it adds the Bearer token)."),
        "20002" => new(ByClientErrorReason.MissingApiKey, IdCloudErrorKind.InvalidArgument, false, "no APIKEY header was sent", "Configure the API key under IdCloud:ByClient:ApiKeys:<name>."),
        "20003" => new(ByClientErrorReason.InvalidBody, IdCloudErrorKind.InvalidArgument, false, "the body is missing or invalid", FixRequest),
        "20004" => new(ByClientErrorReason.MissingSubject, IdCloudErrorKind.InvalidArgument, false, "the subject is missing", "Send the person's data in subject. " + FixRequest),
        "20005" => new(ByClientErrorReason.MissingCpf, IdCloudErrorKind.InvalidArgument, false, "the subject's CPF (code) is missing", "Send the CPF in subject.code. " + FixRequest),
        "20006" => new(ByClientErrorReason.MissingName, IdCloudErrorKind.InvalidArgument, false, "the subject's name is missing", "Send the full name in subject.name. " + FixRequest),
        "20009" => new(ByClientErrorReason.MissingImage, IdCloudErrorKind.InvalidArgument, false, "imageBase64 is missing", "Send the capture SDK's payload in imageBase64."),
        "20019" => new(ByClientErrorReason.InvalidBirthDate, IdCloudErrorKind.InvalidArgument, false, "the birth date is not YYYY-MM-DD", "Send subject.birthDate as YYYY-MM-DD."),
        "20047" or "20048" => new(ByClientErrorReason.AgeOutOfLimits, IdCloudErrorKind.InvalidArgument, false, "the person's age is outside the use case's limits", "Check the birth date; this person cannot use this use case."),
        "20505" => new(ByClientErrorReason.InvalidImageFormat, IdCloudErrorKind.InvalidArgument, true, "the image format is not accepted", RedoCapture + " (JPEG, PNG or WebP)."),
        "20506" => new(ByClientErrorReason.ImageTooLarge, IdCloudErrorKind.InvalidArgument, true, "the image is larger than 800 KB", RedoCapture + ", or compress the image below 800 KB."),
        "20507" => new(ByClientErrorReason.InvalidCpf, IdCloudErrorKind.InvalidArgument, false, "the CPF is invalid", "Ask the person for a valid CPF (11 digits with valid check digits)."),
        "20508" => new(ByClientErrorReason.InvalidGender, IdCloudErrorKind.InvalidArgument, false, "the gender is not M or F", "Send subject.gender as M or F, or leave it out."),
        "20807" => new(ByClientErrorReason.ImageResolutionTooLow, IdCloudErrorKind.InvalidArgument, true, "the image resolution is below 640x480", RedoCapture + " (at least 640x480)."),
        "20900" => new(ByClientErrorReason.InvalidBase64, IdCloudErrorKind.InvalidArgument, true, "the image is not valid base64", RedoCapture + " unchanged (do not re-encode it)."),
        "10506" => new(ByClientErrorReason.CaptureNotTrusted, IdCloudErrorKind.InvalidArgument, true, "the capture does not meet the security requirements", RedoCapture + "; check the app's SDK bundle and version are the ones registered with Unico."),
        "10507" => new(ByClientErrorReason.CaptureExpired, IdCloudErrorKind.InvalidArgument, true, "the capture SDK's payload expired", RedoCapture + " within 10 minutes of the capture."),
        "10508" => new(ByClientErrorReason.CaptureReused, IdCloudErrorKind.InvalidArgument, true, "the capture SDK's payload was already used", RedoCapture + "; each payload is accepted once."),
        "30017" => new(ByClientErrorReason.NoPermission, IdCloudErrorKind.PermissionDenied, false, "the account or API key has no permission for this operation", "Use the API key of the use case that has this capability, or ask Unico to enable it."),
        "10201" => new(ByClientErrorReason.InvalidApiKey, IdCloudErrorKind.PermissionDenied, false, "the APIKEY is invalid", "Check IdCloud:ByClient:ApiKeys for this environment (UAT and production keys differ) and that the key was not revoked."),
        "10501" => new(ByClientErrorReason.InvalidAccessToken, IdCloudErrorKind.Unauthenticated, false, "the access token was refused even after a refresh", "Check that the identity host and the by Client host belong to the same environment and that Unico enabled the service account for this API."),
        "10502" => new(ByClientErrorReason.ExpiredAccessToken, IdCloudErrorKind.Unauthenticated, false, "the access token was expired even after a refresh", "Check the server clock (the token's lifetime is measured from it)."),
        // 10700 is a 500 ("Falha Interna!") that the vendor's table explains as a generic token validation error
        // (expired or invalid token): still an internal failure, but the token has been discarded, so trying again helps.
        "10700" => new(ByClientErrorReason.ServerError, IdCloudErrorKind.ServerError, false, "IDCloud could not validate the access token (an expired or invalid token, by Unico's table)", "The SDK discarded that token, so the next call carries a new one: try again. If it persists, check that the identity host and the by Client host belong to the same environment."),
        "510" or "20502" or "20503" => new(ByClientErrorReason.ServerError, IdCloudErrorKind.ServerError, false, "IDCloud reported an internal failure", "This is usually temporary; try again later."),
        _ => null,
    };

    /// <summary>
    /// The typed exception of a documented code, built inside the SDK's one error path (IdCloudErrorMapper) from what
    /// it already read: the sanitised description, request id, retries. The raw body is never quoted.
    /// </summary>
    public static IdCloudByClientException Exception(
        Entry entry,
        IdCloudOperation operation,
        HttpStatusCode status,
        string code,
        string? description,
        string? requestId,
        int retryCount,
        string? method,
        Uri? uri,
        TimeSpan? retryAfter,
        bool mayHaveBeenProcessed)
    {
        var message = new StringBuilder(256);
        message.Append(CultureInfo.InvariantCulture, $"{operation.Name} failed: {entry.Summary} (HTTP {(int)status}, code {code}). {entry.Advice}");
        if (mayHaveBeenProcessed)
        {
            // Only a CreateProcess leaves a process behind; a Data Verification leaves at most a billed call.
            message.Append(operation.Name == ByClientOperations.VerifyData.Name
                ? " " + ByClientOperations.VerifyDataMayHaveBeenProcessedAdvice
                : " The request reached IDCloud, so a process may exist and be billed: reconcile by your clientReference before sending again.");
        }

        var quoted = Diagnostics.IdCloudRedaction.SanitizeFreeText(description, IdCloudErrorMapper.MaxDescriptionInMessage);
        if (quoted is not null)
        {
            message.Append(" IDCloud said: \"").Append(quoted).Append("\".");
        }

        if (requestId is not null)
        {
            message.Append(" Request id: ").Append(requestId).Append('.');
        }

        return new IdCloudByClientException(message.ToString())
        {
            Kind = entry.Kind,
            Reason = entry.Reason,
            MustRedoCapture = entry.MustRedoCapture,
            StatusCode = status,
            ErrorCode = code,
            Description = description,
            RequestId = requestId,
            RequestMethod = method,
            RequestUri = uri,
            RetryAfter = retryAfter,
            RetryCount = retryCount,
            RequestMayHaveBeenProcessed = mayHaveBeenProcessed,
            Operation = operation.Name,
            Advice = entry.Advice,
        };
    }

    /// <summary>One code's meaning.</summary>
    /// <param name="Reason">The typed reason.</param>
    /// <param name="Kind">The SDK's kind.</param>
    /// <param name="MustRedoCapture">Whether only a new capture can succeed.</param>
    /// <param name="Summary">What happened, lower case, no final stop.</param>
    /// <param name="Advice">What to do, one or two sentences.</param>
    internal sealed record Entry(ByClientErrorReason Reason, IdCloudErrorKind Kind, bool MustRedoCapture, string Summary, string Advice);
}
