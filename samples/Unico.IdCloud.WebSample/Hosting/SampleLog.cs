using Microsoft.Extensions.Logging;
using Unico.IdCloud.Client;

namespace Unico.IdCloud.WebSample.Hosting;

/// <summary>
/// The sample's log messages. IDCloud failures are logged here in full and shown to people only by kind: the SDK's
/// messages carry no personal data or secrets, but they do name the service account and hosts.
/// </summary>
internal static partial class SampleLog
{
    public const string Category = "Unico.IdCloud.WebSample";

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Could not create the IDCloud process ({Kind})")]
    public static partial void CreateProcessFailed(ILogger logger, IdCloudErrorKind kind, Exception exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Could not read IDCloud process {ProcessId} ({Kind})")]
    public static partial void ReadProcessFailed(ILogger logger, string processId, IdCloudErrorKind kind, Exception exception);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Could not download the {Artifact} of IDCloud process {ProcessId} ({Kind})")]
    public static partial void DownloadFailed(ILogger logger, string artifact, string processId, IdCloudErrorKind kind, Exception exception);
}
