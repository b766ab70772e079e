using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.AspNetCore;

/// <summary>What an <see cref="IIdCloudWebhookHandler"/> receives for one notification.</summary>
public sealed class IdCloudWebhookContext
{
    /// <summary>Creates a context (the receiver does this; public so handlers can be unit-tested).</summary>
    /// <param name="notification">The notification as received.</param>
    /// <param name="receivedAt">When the notification was received.</param>
    /// <param name="attempt">Which run of the handler this is, starting at 1.</param>
    /// <param name="services">The dependency-injection scope of this run.</param>
    /// <param name="process">The process read with <c>GetProcess</c> for this run, when fetching is enabled.</param>
    public IdCloudWebhookContext(
        IdCloudWebhookNotification notification,
        DateTimeOffset receivedAt,
        int attempt,
        IServiceProvider services,
        IdCloudProcess? process = null)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        Notification = notification;
        ReceivedAt = receivedAt;
        Attempt = attempt;
        Services = services;
        Process = process;
    }

    /// <summary>The notification as received. It carries no verdict.</summary>
    public IdCloudWebhookNotification Notification { get; }

    /// <summary>The process id the notification is about.</summary>
    public string ProcessId => Notification.ProcessId;

    /// <summary>When the webhook call was received (from the application's <see cref="TimeProvider"/>).</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>Which run of the handler this is: 1 for the first, 2 for the first retry, and so on.</summary>
    public int Attempt { get; }

    /// <summary>The dependency-injection scope of this run; disposed when the run ends.</summary>
    public IServiceProvider Services { get; }

    /// <summary>
    /// The process read with <c>GetProcess</c> at the start of this run (the notification has no verdict), when
    /// <see cref="IdCloudWebhookOptions.FetchProcess"/> is on; otherwise <see langword="null"/>. Read the verdict with
    /// <c>Process.Interpret()</c>.
    /// </summary>
    public IdCloudProcess? Process { get; }
}
