namespace Unico.IdCloud.Client;

/// <summary>
/// Tells waiting code in this application that IDCloud reported a process as done. The webhook receiver
/// (<c>Unico.IdCloud.AspNetCore</c>) calls it for every authenticated notification; call it yourself if you receive
/// notifications another way (a queue, a function app). A waiting <see cref="IIdCloudProcessWaiter"/> then reads the
/// process at once instead of waiting for its next poll.
/// </summary>
/// <remarks>Thread-safe, cheap and non-blocking. Notifications for processes nobody waits for are ignored.</remarks>
public interface IIdCloudCompletionNotifier
{
    /// <summary>Wakes every waiter for <see cref="IdCloudWebhookNotification.ProcessId"/>.</summary>
    /// <param name="notification">The notification as received.</param>
    void NotifyFinished(IdCloudWebhookNotification notification);
}
