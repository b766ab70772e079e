using Unico.IdCloud.TestSupport;
using System.Net;
using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Client.Tests.Completion;

/// <summary>
/// The wait, driven by a manual clock: polling with backoff and jitter, the deadline, cancellation, rate limiting and
/// the webhook shortcut. Hang guards are real-time but nothing asserts on real time.
/// </summary>
public sealed class IdCloudProcessWaiterTests
{
    private const string Id = "8263a268-5388-492a-bca2-28e1ff4a69f0";
    private static readonly IdCloudWaitOptions Options = new()
    {
        InitialDelay = TimeSpan.FromSeconds(2),
        MaxDelay = TimeSpan.FromSeconds(30),
        Deadline = TimeSpan.FromMinutes(30),
    };

    private readonly ObservedTimeProvider _time = new();
    private readonly FakeProcessClient _client = new();
    private readonly IdCloudCompletionSignals _signals = new();

    [Fact]
    public async Task A_process_already_finished_is_returned_after_one_read_without_waiting()
    {
        _client.Returns(FakeProcessClient.Finished(Id));

        var process = await Waiter().WaitForCompletionAsync(Id, Options);

        Assert.Equal(ProcessState.Finished, process.State);
        Assert.Single(_client.GetProcessCalls);
        Assert.Equal(0, _signals.WatchedProcessCount);
    }

    [Fact]
    public async Task Polls_with_doubling_delays_capped_at_the_maximum_until_finished()
    {
        for (var i = 0; i < 6; i++)
        {
            _client.Returns(FakeProcessClient.Process(Id, ProcessState.Created));
        }

        _client.Returns(FakeProcessClient.Finished(Id));
        var wait = Waiter(random: () => 1.0).WaitForCompletionAsync(Id, Options);

        var delays = new List<TimeSpan>();
        for (var i = 0; i < 6; i++)
        {
            await _time.WaitForTimerDueWithinAsync(Options.MaxDelay);
            var delay = _time.PendingDelays.Min();
            delays.Add(delay);
            _time.Advance(delay);
        }

        var process = await wait.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(ProcessState.Finished, process.State);
        Assert.Equal([2, 4, 8, 16, 30, 30], delays.Select(d => d.TotalSeconds));
        Assert.Equal(7, _client.GetProcessCalls.Count);
    }

    [Fact]
    public async Task Jitter_spreads_each_delay_between_the_initial_delay_and_the_ceiling()
    {
        var samples = new Queue<double>([0.0, 0.5, 0.25, 0.999]);
        for (var i = 0; i < 4; i++)
        {
            _client.Returns(FakeProcessClient.Process(Id, ProcessState.Created));
        }

        _client.Returns(FakeProcessClient.Finished(Id));
        var wait = Waiter(random: () => samples.Dequeue()).WaitForCompletionAsync(Id, Options);

        var delays = new List<double>();
        for (var i = 0; i < 4; i++)
        {
            await _time.WaitForTimerDueWithinAsync(Options.MaxDelay);
            var delay = _time.PendingDelays.Min();
            delays.Add(delay.TotalSeconds);
            _time.Advance(delay);
        }

        await wait.WaitAsync(TimeSpan.FromSeconds(10));

        // Step n: uniform in [2 s, min(30 s, 2 s · 2ⁿ)].
        Assert.Equal(2.0, delays[0], precision: 6);                 // ceiling 2: always exactly the initial delay
        Assert.Equal(2.0 + (0.5 * (4 - 2)), delays[1], precision: 6);
        Assert.Equal(2.0 + (0.25 * (8 - 2)), delays[2], precision: 6);
        Assert.Equal(2.0 + (0.999 * (16 - 2)), delays[3], precision: 6);
    }

    [Fact]
    public async Task Stops_at_the_deadline_with_a_typed_timeout_error()
    {
        var options = new IdCloudWaitOptions { InitialDelay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromSeconds(30), Deadline = TimeSpan.FromMinutes(2) };
        var wait = Waiter(random: () => 1.0).WaitForCompletionAsync(Id, options);

        while (!wait.IsCompleted)
        {
            // Either the wait ended (the deadline fired) or it scheduled its next read: then move to the next due timer.
            if (!await _time.CompletedOrTimerAsync(wait, options.MaxDelay) && _time.PendingDelays is { Count: > 0 } pending)
            {
                _time.Advance(pending.Min());
            }
        }

        var error = await IdCloudAssert.ThrowsAsync<IdCloudWaitTimeoutException>(IdCloudErrorKind.WaitTimeout, () => wait);
        Assert.Equal(IdCloudErrorKind.WaitTimeout, error.Kind);
        Assert.Equal(Id, error.ResourceId);
        Assert.Equal(TimeSpan.FromMinutes(2), error.Deadline);
        Assert.Equal(ProcessState.Created, error.LastKnownProcess?.State);
        Assert.Equal(_client.GetProcessCalls.Count, error.Reads);
        Assert.Equal("WaitForCompletion", error.Operation);
        Assert.Contains("within 00:02:00", error.Message, StringComparison.Ordinal);
        Assert.Contains("last known state: PROCESS_STATE_CREATED", error.Message, StringComparison.Ordinal);
        Assert.Contains($"({_client.GetProcessCalls.Count} reads)", error.Message, StringComparison.Ordinal);
        Assert.Equal(_client.GetProcessCalls.Count - 1, error.RetryCount);
        Assert.Equal(new ObservedTimeProvider().GetUtcNow() + TimeSpan.FromMinutes(2), _time.GetUtcNow());
        Assert.Contains("PROCESS_STATE_CREATED", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _signals.WatchedProcessCount);
    }

    [Fact]
    public async Task The_deadline_also_ends_a_read_that_hangs()
    {
        var options = new IdCloudWaitOptions { Deadline = TimeSpan.FromSeconds(10) };
        _client.Answers(async (_, ct) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            throw new InvalidOperationException("unreachable");
        });
        var wait = Waiter().WaitForCompletionAsync(Id, options);

        await _client.NextCallAsync();
        await _time.WaitForTimerDueWithinAsync(TimeSpan.FromSeconds(10));
        _time.Advance(TimeSpan.FromSeconds(10));

        var error = await IdCloudAssert.ThrowsAsync<IdCloudWaitTimeoutException>(IdCloudErrorKind.WaitTimeout, () => wait.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Null(error.LastKnownProcess);
        Assert.Equal(1, error.Reads);
        Assert.Contains("last known state: unknown (no successful read)", error.Message, StringComparison.Ordinal);
        Assert.Contains("(1 reads)", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, error.RetryCount);
    }

    [Fact]
    public async Task Caller_cancellation_during_a_delay_ends_the_wait_with_OperationCanceledException()
    {
        using var cancellation = new CancellationTokenSource();
        var wait = Waiter().WaitForCompletionAsync(Id, Options, cancellation.Token);
        await _time.WaitForTimerDueWithinAsync(Options.MaxDelay);

        await cancellation.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(cancellation.Token, error.CancellationToken);
        Assert.False(error.InnerException is IdCloudException { Kind: IdCloudErrorKind.WaitTimeout });
        Assert.Equal(0, _signals.WatchedProcessCount);
    }

    [Fact]
    public async Task Caller_cancellation_during_a_read_ends_the_wait_with_OperationCanceledException()
    {
        using var cancellation = new CancellationTokenSource();
        _client.Answers(async (_, ct) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            throw new InvalidOperationException("unreachable");
        });
        var wait = Waiter().WaitForCompletionAsync(Id, Options, cancellation.Token);
        await _client.NextCallAsync();

        await cancellation.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(cancellation.Token, error.CancellationToken);
    }

    [Fact]
    public async Task An_already_cancelled_token_reads_nothing()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Waiter().WaitForCompletionAsync(Id, Options, cancellation.Token));

        Assert.Empty(_client.GetProcessCalls);
    }

    [Fact]
    public async Task A_notification_reads_the_process_at_once_without_waiting_for_the_delay()
    {
        _client.Returns(FakeProcessClient.Process(Id, ProcessState.Created));
        _client.Returns(FakeProcessClient.Finished(Id));
        var wait = Waiter().WaitForCompletionAsync(Id, Options);
        await _time.WaitForTimerDueWithinAsync(Options.MaxDelay);
        var before = _time.GetUtcNow();

        _signals.NotifyFinished(new IdCloudWebhookNotification(Id.ToUpperInvariant()) { State = ProcessState.Finished });

        var process = await wait.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(ProcessState.Finished, process.State);
        Assert.Equal(before, _time.GetUtcNow());
        Assert.Equal(2, _client.GetProcessCalls.Count);
        Assert.Equal(0, _time.PendingDelays.Count(d => d <= Options.MaxDelay));
    }

    [Fact]
    public async Task A_notification_for_another_process_changes_nothing()
    {
        var wait = Waiter().WaitForCompletionAsync(Id, Options);
        await _time.WaitForTimerDueWithinAsync(Options.MaxDelay);

        _signals.NotifyFinished(new IdCloudWebhookNotification("00000000-0000-0000-0000-000000000000"));

        Assert.False(wait.IsCompleted);
        Assert.Single(_client.GetProcessCalls);
        _client.Returns(FakeProcessClient.Finished(Id));
        _time.Advance(Options.InitialDelay);
        await wait.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task When_the_read_after_a_notification_still_shows_the_process_open_the_wait_goes_on_and_listens_again()
    {
        _client.Returns(FakeProcessClient.Process(Id, ProcessState.Created));
        _client.Returns(FakeProcessClient.Process(Id, ProcessState.Created));
        _client.Returns(FakeProcessClient.Finished(Id));
        var wait = Waiter().WaitForCompletionAsync(Id, Options);
        await _time.WaitForTimerDueWithinAsync(Options.MaxDelay);

        _signals.NotifyFinished(new IdCloudWebhookNotification(Id));
        await _client.NextCallAsync();
        await _client.NextCallAsync();
        await _time.WaitForTimerDueWithinAsync(Options.MaxDelay);
        Assert.False(wait.IsCompleted);
        Assert.Equal(1, _signals.WatchedProcessCount);

        _signals.NotifyFinished(new IdCloudWebhookNotification(Id));

        Assert.Equal(ProcessState.Finished, (await wait.WaitAsync(TimeSpan.FromSeconds(10))).State);
        Assert.Equal(3, _client.GetProcessCalls.Count);
    }

    [Fact]
    public async Task Without_signals_the_wait_is_polling_only()
    {
        _client.Returns(FakeProcessClient.Process(Id, ProcessState.Created));
        _client.Returns(FakeProcessClient.Finished(Id));
        var wait = new IdCloudProcessWaiter(_client, signals: null, Options, _time, logger: null, random: () => 0).WaitForCompletionAsync(Id);
        await _time.WaitForTimerDueWithinAsync(Options.MaxDelay);

        _signals.NotifyFinished(new IdCloudWebhookNotification(Id));
        Assert.False(wait.IsCompleted);
        _time.Advance(Options.InitialDelay);

        Assert.Equal(ProcessState.Finished, (await wait.WaitAsync(TimeSpan.FromSeconds(10))).State);
    }

    [Fact]
    public async Task Rate_limiting_does_not_end_the_wait_and_the_next_read_honours_Retry_After()
    {
        _client.Throws(new IdCloudRateLimitedException("429") { Kind = IdCloudErrorKind.RateLimited, StatusCode = HttpStatusCode.TooManyRequests, RetryAfter = TimeSpan.FromSeconds(20) });
        _client.Returns(FakeProcessClient.Finished(Id));
        var wait = Waiter(random: () => 1.0).WaitForCompletionAsync(Id, Options);

        await _time.WaitForTimerDueWithinAsync(Options.MaxDelay);
        Assert.Equal(TimeSpan.FromSeconds(20), _time.PendingDelays.Min());
        _time.Advance(TimeSpan.FromSeconds(19));
        Assert.Single(_client.GetProcessCalls);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(ProcessState.Finished, (await wait.WaitAsync(TimeSpan.FromSeconds(10))).State);
    }

    [Theory]
    [InlineData(IdCloudErrorKind.ServiceUnavailable, HttpStatusCode.ServiceUnavailable)]
    [InlineData(IdCloudErrorKind.ServerError, HttpStatusCode.InternalServerError)]
    [InlineData(IdCloudErrorKind.Unknown, HttpStatusCode.BadGateway)]
    [InlineData(IdCloudErrorKind.Transport, null)]
    [InlineData(IdCloudErrorKind.Timeout, null)]
    [InlineData(IdCloudErrorKind.CircuitOpen, null)]
    public async Task Transient_failures_do_not_end_the_wait(IdCloudErrorKind kind, HttpStatusCode? status)
    {
        _client.Throws(new IdCloudException("transient") { Kind = kind, StatusCode = status });
        _client.Returns(FakeProcessClient.Finished(Id));
        var wait = Waiter().WaitForCompletionAsync(Id, Options);

        await _time.WaitForTimerDueWithinAsync(Options.MaxDelay);
        _time.Advance(Options.InitialDelay);

        Assert.Equal(ProcessState.Finished, (await wait.WaitAsync(TimeSpan.FromSeconds(10))).State);
    }

    [Fact]
    public async Task A_failure_waiting_cannot_fix_ends_the_wait_with_that_exception()
    {
        var notFound = new IdCloudApiException("GetProcess failed with HTTP 404") { Kind = IdCloudErrorKind.NotFound, StatusCode = HttpStatusCode.NotFound };
        _client.Throws(notFound);

        var error = await IdCloudAssert.ThrowsAsync<IdCloudApiException>(IdCloudErrorKind.NotFound, () => Waiter().WaitForCompletionAsync(Id, Options));

        Assert.Same(notFound, error);
        Assert.Equal(0, _signals.WatchedProcessCount);
    }

    [Theory]
    [InlineData("PROCESS_STATE_FAILED")]
    [InlineData("PROCESS_STATE_CANCELED")]
    public async Task Deprecated_terminal_states_end_the_wait(string state)
    {
        _client.Returns(FakeProcessClient.Process(Id, new ProcessState(state), ProcessResult.Error));

        var process = await Waiter().WaitForCompletionAsync(Id, Options);

        Assert.Equal(state, process.State.Value);
    }

    [Fact]
    public async Task A_process_waiting_for_its_document_ends_the_wait_at_once_because_only_the_caller_can_send_it()
    {
        _client.Returns(FakeProcessClient.Process(Id, ProcessState.Created));
        _client.Returns(FakeProcessClient.Process(Id, ProcessState.AwaitingForDocument));
        _client.Returns(FakeProcessClient.Finished(Id));
        var wait = Waiter().WaitForCompletionAsync(Id, Options);
        await _time.WaitForTimerDueWithinAsync(Options.MaxDelay);
        _time.Advance(Options.InitialDelay);

        // Typed, not a timeout half an hour later: the message says what to do, and the third answer is never read.
        var error = await IdCloudAssert.ThrowsAsync<IdCloudException>(IdCloudErrorKind.FailedPrecondition, () => wait.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.IsNotType<IdCloudWaitTimeoutException>(error);
        Assert.Equal(Id, error.ResourceId);
        Assert.Equal("WaitForCompletion", error.Operation);
        Assert.Equal(1, error.RetryCount);
        Assert.Contains("PROCESS_STATE_AWAITING_FOR_DOCUMENT", error.Message, StringComparison.Ordinal);
        Assert.Contains("SetProcessDocumentAsync", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, _client.GetProcessCalls.Count);
        Assert.Empty(_time.PendingDelays);
        Assert.Equal(0, _signals.WatchedProcessCount);
    }

    [Fact]
    public async Task An_unknown_state_is_not_taken_for_done()
    {
        _client.Returns(FakeProcessClient.Process(Id, new ProcessState("PROCESS_STATE_SOMETHING_NEW")));
        _client.Returns(FakeProcessClient.Finished(Id));
        var wait = Waiter().WaitForCompletionAsync(Id, Options);

        await _time.WaitForTimerDueWithinAsync(Options.MaxDelay);
        Assert.False(wait.IsCompleted);
        _time.Advance(Options.InitialDelay);

        Assert.Equal(ProcessState.Finished, (await wait.WaitAsync(TimeSpan.FromSeconds(10))).State);
    }

    [Fact]
    public async Task Unusable_options_are_refused_before_any_read()
    {
        var waiter = Waiter();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => waiter.WaitForCompletionAsync(Id, new IdCloudWaitOptions { InitialDelay = TimeSpan.Zero }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => waiter.WaitForCompletionAsync(Id, new IdCloudWaitOptions { InitialDelay = TimeSpan.FromSeconds(5), MaxDelay = TimeSpan.FromSeconds(1) }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => waiter.WaitForCompletionAsync(Id, new IdCloudWaitOptions { Deadline = TimeSpan.Zero }));
        await Assert.ThrowsAsync<ArgumentException>(() => waiter.WaitForCompletionAsync(" ", Options));
        Assert.Empty(_client.GetProcessCalls);
    }

    [Fact]
    public void Defaults_are_the_documented_ones()
    {
        var defaults = new IdCloudWaitOptions();

        Assert.Equal(TimeSpan.FromSeconds(2), defaults.InitialDelay);
        Assert.Equal(TimeSpan.FromSeconds(30), defaults.MaxDelay);
        Assert.Equal(TimeSpan.FromMinutes(30), defaults.Deadline);
    }

    private IdCloudProcessWaiter Waiter(Func<double>? random = null) =>
        new(_client, _signals, Options, _time, logger: null, random ?? (() => 0.0));
}
