namespace Unico.IdCloud.AspNetCore.Dispatch;

/// <summary>How one run of the handler (process read included) ended.</summary>
internal enum WebhookRunOutcome
{
    /// <summary>The handler returned.</summary>
    Handled,

    /// <summary>The process read or the handler threw, or the run exceeded its time: worth retrying.</summary>
    Failed,

    /// <summary>IDCloud answered 404 or 400 to the process read: the id cannot be read, retrying cannot help.</summary>
    Unreadable,

    /// <summary>The run was cancelled from outside: the shutdown budget ran out, or the webhook request was aborted.</summary>
    Cancelled,
}
