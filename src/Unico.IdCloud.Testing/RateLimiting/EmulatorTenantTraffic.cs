namespace Unico.IdCloud.Testing;

/// <summary>
/// What one tenant sent to the process and signature APIs (since the last <see cref="IdCloudEmulator.ResetRequestLog"/>),
/// counted in fixed one-second windows of the emulator's clock, whether or not the rate limit is enforced.
/// </summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="Requests">Requests that carried a valid access token of the tenant (token requests do not count).</param>
/// <param name="BusiestSecondRequests">The most requests that arrived in one window (refused ones included).</param>
/// <param name="BusiestSecondStart">When that window began, or <see langword="null"/> when nothing arrived.</param>
/// <param name="RateLimitedResponses">How many of the tenant's requests were answered 429 (by the limit or an injected fault).</param>
public sealed record EmulatorTenantTraffic(
    string TenantId,
    int Requests,
    int BusiestSecondRequests,
    DateTimeOffset? BusiestSecondStart,
    int RateLimitedResponses);
