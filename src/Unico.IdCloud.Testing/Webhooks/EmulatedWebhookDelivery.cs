namespace Unico.IdCloud.Testing;

/// <summary>One webhook attempt the emulator made.</summary>
/// <param name="ProcessId">The finished process the notification is about.</param>
/// <param name="Copy">1, or 2 for the duplicate sent when <c>deliverTwice</c> is on.</param>
/// <param name="Attempt">The attempt number of this copy, from 1.</param>
/// <param name="StatusCode">The receiver's status, or <see langword="null"/> when no response came.</param>
/// <param name="Succeeded">Whether the receiver answered 2xx.</param>
/// <param name="Error">
/// Why no response came (connection refused, timeout), or, with <see cref="EmulatedWebhookAuthentication.OAuth2"/>, why
/// no access token was obtained (the provider unreachable, its HTTP status and error code, an unreadable answer). It
/// names the cause and never carries the client secret or a token.
/// </param>
/// <param name="Timestamp">When the attempt ended, by the emulator's clock.</param>
/// <param name="Body">The JSON body sent.</param>
public sealed record EmulatedWebhookDelivery(
    string ProcessId,
    int Copy,
    int Attempt,
    int? StatusCode,
    bool Succeeded,
    string? Error,
    DateTimeOffset Timestamp,
    string Body);
