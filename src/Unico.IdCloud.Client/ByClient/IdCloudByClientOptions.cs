namespace Unico.IdCloud.Client.ByClient;

/// <summary>
/// Settings of the by Client API (<c>POST /processes/v1</c>), bound from <c>IdCloud:ByClient</c>. It shares the service
/// account and token of <see cref="IdCloudOptions"/>; each call also sends an API key, which selects the use case
/// and capabilities, so keys are named: <c>IdCloud:ByClient:ApiKeys:onboarding</c>, <c>...:transactional</c>.
/// </summary>
/// <remarks>API keys are secrets: <see cref="ToString"/> shows only their names, and the SDK never logs them.</remarks>
public sealed class IdCloudByClientOptions
{
    /// <summary>
    /// Overrides the host (e.g. an emulator); the preset of <see cref="IdCloudOptions.Environment"/> otherwise
    /// (<c>https://api.id.uat.unico.app</c>, <c>https://api.id.unico.app</c>; see <see cref="IdCloudOptions.GetByClientBaseAddress"/>).
    /// <c>http://</c> is accepted only for loopback.
    /// </summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>The API keys by name (case-insensitive names). A secret each: keep them in a secret store.</summary>
    public IDictionary<string, string> ApiKeys { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override string ToString() =>
        $"IdCloudByClientOptions {{ BaseAddress = {BaseAddress?.OriginalString ?? "(preset)"}, ApiKeys = [{string.Join(", ", ApiKeys.Keys.Order(StringComparer.Ordinal))}] (values redacted) }}";
}
