namespace Unico.IdCloud.Testing;

/// <summary>One request the emulated by Client API received (see <see cref="ByClientEmulator.Requests"/>).</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path, without query string.</param>
/// <param name="Route">The endpoint, or <see langword="null"/> for an unknown path.</param>
/// <param name="StatusCode">The status answered; <see langword="null"/> when the connection was dropped.</param>
/// <param name="ErrorCode">The five-digit error code answered, if any.</param>
/// <param name="HasApiKey">Whether an <c>APIKEY</c> header was sent (its value is never recorded).</param>
/// <param name="Fault">The injected fault applied, if any.</param>
public sealed record EmulatedByClientRequest(
    string Method,
    string Path,
    ByClientRoute? Route,
    int? StatusCode,
    string? ErrorCode,
    bool HasApiKey,
    EmulatedFaultKind? Fault);
