namespace Unico.IdCloud.AspNetCore.Dispatch;

/// <summary>What the dispatcher said to a notification the endpoint wants to acknowledge.</summary>
internal enum WebhookAcceptResult
{
    /// <summary>Recorded in the inbox (AfterRecording) or handled (AfterHandling): answer 2xx.</summary>
    Accepted,

    /// <summary>The inbox is full, or every handler slot stayed busy for the whole handler time: answer 503.</summary>
    Full,

    /// <summary>The application is stopping: answer 503 so IDCloud delivers again (to this instance later, or another).</summary>
    Stopping,

    /// <summary>AfterHandling: the handler failed or ran out of time; answer 503 so IDCloud delivers again.</summary>
    Failed,

    /// <summary>AfterHandling: IDCloud answered 404/400 for the process; acknowledge (logged) since a redelivery cannot help.</summary>
    Unreadable,
}
