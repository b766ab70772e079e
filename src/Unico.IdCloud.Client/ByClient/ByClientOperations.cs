using Unico.IdCloud.Client.Http;

namespace Unico.IdCloud.Client.ByClient;

/// <summary>
/// The by Client operations as the pipeline sees them (retries, telemetry, error advice). CreateProcess is not
/// idempotent: the resilience pipeline retries it only when the failure happened before anything was sent.
/// </summary>
internal static class ByClientOperations
{
    /// <summary>The named HTTP client of the by Client host.</summary>
    public const string HttpClientName = "Unico.IdCloud.ByClientApi";

    public static readonly IdCloudOperation CreateProcess = new("ByClientCreateProcess", IsIdempotent: false, IsDownload: false);
    public static readonly IdCloudOperation GetProcess = new("ByClientGetProcess", IsIdempotent: true, IsDownload: false);
    public static readonly IdCloudOperation GetProcessDetails = new("ByClientGetProcessDetails", IsIdempotent: true, IsDownload: false);
    public static readonly IdCloudOperation GetReusableDocuments = new("ByClientGetReusableDocuments", IsIdempotent: true, IsDownload: false);

    /// <summary>Whether the operation belongs to the by Client API (its errors carry five-digit codes).</summary>
    public static bool IsByClient(IdCloudOperation operation) => operation.Name.StartsWith("ByClient", StringComparison.Ordinal);
}
