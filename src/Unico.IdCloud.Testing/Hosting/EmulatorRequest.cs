namespace Unico.IdCloud.Testing;

/// <summary>
/// One request the emulator received, for assertions in tests. It records whether an <c>Authorization</c> header
/// was present, never its value.
/// </summary>
/// <param name="Listener">The host (listener) the request arrived on.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The request path, without query string.</param>
/// <param name="Route">The endpoint it matched, or <see langword="null"/> when it matched none (answered 404/405).</param>
/// <param name="StatusCode">The status answered, or <see langword="null"/> when the connection was aborted.</param>
/// <param name="Timestamp">When it arrived, by the emulator's <see cref="IdCloudEmulatorOptions.TimeProvider"/>.</param>
/// <param name="HasAuthorization">Whether the request carried an <c>Authorization</c> header.</param>
/// <param name="Fault">The injected fault applied to it, if any.</param>
public sealed record EmulatorRequest(
    EmulatorListener Listener,
    string Method,
    string Path,
    EmulatorRoute? Route,
    int? StatusCode,
    DateTimeOffset Timestamp,
    bool HasAuthorization,
    EmulatedFaultKind? Fault);
