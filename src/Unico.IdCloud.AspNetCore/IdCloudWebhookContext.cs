using Unico.IdCloud.Client;

namespace Unico.IdCloud.AspNetCore;

/// <summary>What an <see cref="IIdCloudWebhookHandler"/> receives for one notification.</summary>
public sealed class IdCloudWebhookContext
{
    /// <summary>Creates a context (the receiver does this; public so handlers can be unit-tested).</summary>
    /// <param name="notification">The notification as received.</param>
    /// <param name="receivedAt">When the notification was received.</param>
    /// <param name="attempt">Which run of the handler this is, starting at 1.</param>
    /// <param name="services">The dependency-injection scope of this run.</param>
    public IdCloudWebhookContext(
        IdCloudWebhookNotification notification,
        DateTimeOffset receivedAt,
        int attempt,
        IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        Notification = notification;
        ReceivedAt = receivedAt;
        Attempt = attempt;
        Services = services;
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
}
