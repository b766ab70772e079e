using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Client.Tests.Completion;

public sealed class IdCloudCompletionSignalsTests
{
    [Fact]
    public async Task A_notification_wakes_every_waiter_of_that_process_and_no_other()
    {
        var signals = new IdCloudCompletionSignals();
        using var first = signals.Register("8263a268-5388-492a-bca2-28e1ff4a69f0");
        using var second = signals.Register("8263A268-5388-492A-BCA2-28E1FF4A69F0");
        using var other = signals.Register("00000000-0000-0000-0000-000000000000");

        signals.NotifyFinished(new IdCloudWebhookNotification("8263a268-5388-492a-bca2-28e1ff4a69f0") { State = ProcessState.Finished });

        Assert.Equal("PROCESS_STATE_FINISHED", (await first.Notified.WaitAsync(TimeSpan.FromSeconds(10))).State?.Value);
        Assert.True(second.Notified.IsCompletedSuccessfully);
        Assert.False(other.Notified.IsCompleted);
        Assert.Equal(1, signals.WatchedProcessCount);
    }

    [Fact]
    public void A_notification_nobody_waits_for_leaves_nothing_behind()
    {
        var signals = new IdCloudCompletionSignals();

        signals.NotifyFinished(new IdCloudWebhookNotification("p"));
        using var late = signals.Register("p");

        Assert.False(late.Notified.IsCompleted);
    }

    [Fact]
    public void Disposing_a_registration_forgets_it()
    {
        var signals = new IdCloudCompletionSignals();
        var registration = signals.Register("p");
        using var kept = signals.Register("q");

        registration.Dispose();

        Assert.Equal(1, signals.WatchedProcessCount);
        signals.NotifyFinished(new IdCloudWebhookNotification("p"));
        Assert.False(registration.Notified.IsCompleted);
    }
}
