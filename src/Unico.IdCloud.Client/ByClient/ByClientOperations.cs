using Unico.IdCloud.Client.Http;

namespace Unico.IdCloud.Client.ByClient;

/// <summary>
/// The by Client operations as the pipeline sees them (retries, telemetry, error advice). CreateProcess and VerifyData
/// are not idempotent: the resilience pipeline retries them only when the failure happened before anything was sent.
/// </summary>
internal static class ByClientOperations
{
    /// <summary>The named HTTP client of the by Client host.</summary>
    public const string HttpClientName = "Unico.IdCloud.ByClientApi";

    public static readonly IdCloudOperation CreateProcess = new("ByClientCreateProcess", IsIdempotent: false, IsDownload: false);
    public static readonly IdCloudOperation GetProcess = new("ByClientGetProcess", IsIdempotent: true, IsDownload: false);
    public static readonly IdCloudOperation GetProcessDetails = new("ByClientGetProcessDetails", IsIdempotent: true, IsDownload: false);
    public static readonly IdCloudOperation GetReusableDocuments = new("ByClientGetReusableDocuments", IsIdempotent: true, IsDownload: false);

    /// <summary>
    /// <c>POST /lists/{cpf}</c> creates nothing, but the vendor may bill every call: like CreateProcess it is retried only
    /// when the failure happened before anything was sent, so a retry can never cost a second call.
    /// </summary>
    public static readonly IdCloudOperation VerifyData = new("ByClientVerifyData", IsIdempotent: false, IsDownload: false);

    /// <summary>What a caller should know about a VerifyData that may have reached the service (nothing was created).</summary>
    public const string VerifyDataMayHaveBeenProcessedAdvice =
        "The request may have reached IDCloud and been counted (and billed): nothing was created, but sending it again is a second call.";

    /// <summary>Whether the operation belongs to the by Client API (its errors carry five-digit codes).</summary>
    public static bool IsByClient(IdCloudOperation operation) => operation.Name.StartsWith("ByClient", StringComparison.Ordinal);
}
