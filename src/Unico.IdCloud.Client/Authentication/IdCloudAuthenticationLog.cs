using Microsoft.Extensions.Logging;

namespace Unico.IdCloud.Client.Authentication;

/// <summary>
/// The authentication log events. Only the issuer (account and tenant, not secret), codes, counts and times are
/// logged: never the key, the assertion or the access token.
/// </summary>
internal static partial class IdCloudAuthenticationLog
{
    [LoggerMessage(EventId = 3001, EventName = "IdCloudTokenObtained", Level = LogLevel.Information,
        Message = "Obtained an IDCloud access token for {Issuer}; it expires in {ExpiresInSeconds} s, renewal starts at {RefreshAt:O}.")]
    public static partial void TokenObtained(this ILogger logger, string issuer, long expiresInSeconds, DateTimeOffset refreshAt);

    [LoggerMessage(EventId = 3002, EventName = "IdCloudTokenAttemptFailed", Level = LogLevel.Warning,
        Message = "Token request attempt {Attempt} of {MaxAttempts} for {Issuer} failed: {Reason}; retrying with a fresh assertion in {Delay}.")]
    public static partial void TokenAttemptFailed(this ILogger logger, string issuer, int attempt, int maxAttempts, string reason, TimeSpan delay, Exception? cause);

    [LoggerMessage(EventId = 3003, EventName = "IdCloudTokenRequestRefused", Level = LogLevel.Error,
        Message = "Could not obtain an IDCloud access token for {Issuer}: {Reason}. {Advice} Not retried; token requests for this account are paused until {PausedUntil:O}.")]
    public static partial void TokenRequestRefused(this ILogger logger, string issuer, string reason, string advice, DateTimeOffset pausedUntil);

    [LoggerMessage(EventId = 3004, EventName = "IdCloudTokenRequestFailed", Level = LogLevel.Error,
        Message = "Could not obtain an IDCloud access token for {Issuer} after {Attempts} attempt(s): {Reason}. {Advice}")]
    public static partial void TokenRequestFailed(this ILogger logger, string issuer, int attempts, string reason, string advice, Exception? cause);

    [LoggerMessage(EventId = 3005, EventName = "IdCloudTokenBackgroundRefreshFailed", Level = LogLevel.Warning,
        Message = "Background renewal of the IDCloud access token for {Issuer} failed; the current token stays in use until {ExpiresOn:O} and renewal is tried again from {NextAttempt:O}.")]
    public static partial void BackgroundRefreshFailed(this ILogger logger, string issuer, DateTimeOffset expiresOn, DateTimeOffset nextAttempt);

    [LoggerMessage(EventId = 3006, EventName = "IdCloudTokenInvalidated", Level = LogLevel.Debug,
        Message = "The cached IDCloud access token for {Issuer} was rejected by the API and dropped.")]
    public static partial void TokenInvalidated(this ILogger logger, string issuer);

    [LoggerMessage(EventId = 3007, EventName = "IdCloudTokenRequestPaused", Level = LogLevel.Debug,
        Message = "Token request for {Issuer} not sent: requests are paused until {PausedUntil:O} after error {ErrorCode}.")]
    public static partial void TokenRequestPaused(this ILogger logger, string issuer, DateTimeOffset pausedUntil, string? errorCode);

    [LoggerMessage(EventId = 3008, EventName = "IdCloudSharedTokenUsed", Level = LogLevel.Information,
        Message = "Using the IDCloud access token for {Issuer} that another instance shared; it expires at {ExpiresOn:O}.")]
    public static partial void SharedTokenUsed(this ILogger logger, string issuer, DateTimeOffset expiresOn);

    [LoggerMessage(EventId = 3009, EventName = "IdCloudSharedTokenWaitExceeded", Level = LogLevel.Warning,
        Message = "Waited {Waited} for another instance to share an IDCloud access token for {Issuer}; requesting one here instead.")]
    public static partial void SharedTokenWaitExceeded(this ILogger logger, string issuer, TimeSpan waited);
}
