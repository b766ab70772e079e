using Microsoft.Extensions.Logging;

namespace Unico.IdCloud.Testing;

/// <summary>The emulator's own log messages. None carries a credential or personal data.</summary>
internal static partial class EmulatorLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "IDCloud emulator listening: identity {Identity}, process {Process}, signature {Signature}")]
    public static partial void Started(ILogger logger, Uri identity, Uri process, Uri signature);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "{Method} {Path} on {Listener} answered {StatusCode} (fault {Fault})")]
    public static partial void Handled(ILogger logger, string method, string path, EmulatorListener listener, int? statusCode, EmulatedFaultKind? fault);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "The emulator failed while handling {Method} {Path}")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Webhook for process {ProcessId} copy {Copy} attempt {Attempt}: status {StatusCode}, error {Error}")]
    public static partial void WebhookAttempt(ILogger logger, string processId, int copy, int attempt, int? statusCode, string? error);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Webhook for process {ProcessId} copy {Copy} given up after {Attempts} attempts")]
    public static partial void WebhookGaveUp(ILogger logger, string processId, int copy, int attempts);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "Webhook OAuth2 token obtained for client {ClientId} from {TokenEndpoint} (expires in {Lifetime})")]
    public static partial void WebhookTokenObtained(ILogger logger, string clientId, string tokenEndpoint, TimeSpan? lifetime);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Webhook OAuth2 token for client {ClientId} not obtained: {Reason}")]
    public static partial void WebhookTokenFailed(ILogger logger, string clientId, string reason);

    [LoggerMessage(EventId = 8, Level = LogLevel.Debug, Message = "Webhook for process {ProcessId} copy {Copy} attempt {Attempt}: the receiver answered 401 to the cached OAuth2 token; resending once with a new one")]
    public static partial void WebhookTokenRejected(ILogger logger, string processId, int copy, int attempt);
}
