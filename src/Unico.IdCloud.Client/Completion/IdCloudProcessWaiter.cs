using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Client;

/// <summary>
/// The default <see cref="IIdCloudProcessWaiter"/>. Thread-safe; register it as a singleton (the DI extensions do) so
/// that it shares <see cref="IdCloudCompletionSignals"/> with the webhook receiver.
/// </summary>
internal sealed class IdCloudProcessWaiter : IIdCloudProcessWaiter
{
    private readonly IIdCloudProcessClient _processClient;
    private readonly IdCloudCompletionSignals? _signals;
    private readonly IdCloudWaitOptions _defaults;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Func<double> _random;

    /// <summary>Creates a waiter.</summary>
    /// <param name="processClient">Reads the process.</param>
    /// <param name="signals">Wakes the wait when the webhook arrives; <see langword="null"/> to poll only.</param>
    /// <param name="options">Default polling settings; <see cref="IdCloudWaitOptions"/>' defaults when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock for delays and the deadline; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="logger">Logs the wait; nothing when <see langword="null"/>.</param>
    public IdCloudProcessWaiter(
        IIdCloudProcessClient processClient,
        IdCloudCompletionSignals? signals = null,
        IOptions<IdCloudWaitOptions>? options = null,
        TimeProvider? timeProvider = null,
        ILogger<IdCloudProcessWaiter>? logger = null)
        : this(processClient, signals, options?.Value, timeProvider, logger, random: null)
    {
    }

    /// <summary>Test seam: <paramref name="random"/> replaces the jitter source (values in [0, 1]).</summary>
    internal IdCloudProcessWaiter(
        IIdCloudProcessClient processClient,
        IdCloudCompletionSignals? signals,
        IdCloudWaitOptions? options,
        TimeProvider? timeProvider,
        ILogger? logger,
        Func<double>? random)
    {
        ArgumentNullException.ThrowIfNull(processClient);
        _processClient = processClient;
        _signals = signals;
        _defaults = options ?? new IdCloudWaitOptions();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _random = random ?? Random.Shared.NextDouble;
    }

    /// <inheritdoc />
    public async Task<IdCloudProcess> WaitForCompletionAsync(string processId, IdCloudWaitOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(processId);
        var settings = options ?? _defaults;
        settings.Validate();
        cancellationToken.ThrowIfCancellationRequested();

        using var deadline = new CancellationTokenSource(settings.Deadline, _timeProvider);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);

        // Register before the first read: a notification arriving from now on is seen, and a process that finished
        // earlier is seen by the read itself.
        var registration = _signals?.Register(processId);
        var state = new WaitState(processId, settings, deadline, cancellationToken);
        var backoffStep = 0;
        try
        {
            while (true)
            {
                TimeSpan delay;
                try
                {
                    state.Reads++;
                    var process = await _processClient.GetProcessAsync(processId, wait.Token).ConfigureAwait(false);
                    state.Last = process;
                    if (ProcessStates.IsDone(process.State))
                    {
                        CompletionLog.Done(_logger, processId, process.State.Value, state.Reads);
                        return process;
                    }

                    if (process.State == ProcessState.AwaitingForDocument)
                    {
                        // Only the caller can move it on (SetProcessDocument); polling until the deadline would
                        // hide that behind a timeout minutes later.
                        CompletionLog.AwaitingDocument(_logger, processId, state.Reads);
                        throw IdCloudErrors.AwaitingDocument(processId, state.Reads);
                    }

                    delay = NextDelay(settings, backoffStep++);
                    CompletionLog.StillWaiting(_logger, processId, process.State.Value, state.Reads, delay);
                }
                catch (Exception ex) when (Stopped(ex, state) is { } stop)
                {
                    throw stop;
                }
                catch (IdCloudException ex) when (IsTransient(ex))
                {
                    delay = NextDelay(settings, backoffStep++);
                    if (ex.RetryAfter is { } retryAfter && retryAfter > delay)
                    {
                        delay = retryAfter;
                    }

                    CompletionLog.TransientReadFailure(_logger, ex, processId, ex.Kind, delay);
                }

                try
                {
                    if (await DelayOrNotifiedAsync(registration, delay, wait.Token).ConfigureAwait(false))
                    {
                        CompletionLog.Notified(_logger, processId);

                        // Re-arm: if this read still shows the process open (eventual consistency), a later
                        // notification must wake the wait again.
                        registration!.Dispose();
                        registration = _signals!.Register(processId);
                    }
                }
                catch (Exception ex) when (Stopped(ex, state) is { } stop)
                {
                    throw stop;
                }
            }
        }
        finally
        {
            registration?.Dispose();
        }
    }

    /// <summary>
    /// The n-th delay (n from 0): uniform between <see cref="IdCloudWaitOptions.InitialDelay"/> and a ceiling of
    /// InitialDelay·2ⁿ capped at <see cref="IdCloudWaitOptions.MaxDelay"/>. The first delay is exactly InitialDelay.
    /// </summary>
    internal TimeSpan NextDelay(IdCloudWaitOptions settings, int step)
    {
        var initial = settings.InitialDelay.Ticks;
        var ceiling = Math.Min(settings.MaxDelay.Ticks, initial * Math.Pow(2, Math.Min(step, 40)));
        var sample = Math.Clamp(_random(), 0d, 1d);
        return TimeSpan.FromTicks((long)(initial + (sample * (ceiling - initial))));
    }

    /// <summary>Waits for the delay; returns <see langword="true"/> early when a notification for the process arrives.</summary>
    private async Task<bool> DelayOrNotifiedAsync(IdCloudCompletionSignals.Registration? registration, TimeSpan delay, CancellationToken cancellationToken)
    {
        if (registration is null)
        {
            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
            return false;
        }

        using var delayCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delayTask = Task.Delay(delay, _timeProvider, delayCancellation.Token);
        var first = await Task.WhenAny(delayTask, registration.Notified).ConfigureAwait(false);
        if (first == registration.Notified)
        {
            // Stop the timer now instead of letting it fire later for nobody.
            await delayCancellation.CancelAsync().ConfigureAwait(false);
            return true;
        }

        await delayTask.ConfigureAwait(false);
        return false;
    }

    /// <summary>
    /// Decides whether a failure ends the wait: the caller's cancellation as <see cref="OperationCanceledException"/>,
    /// the deadline as <see cref="IdCloudErrorKind.WaitTimeout"/> (whatever the failure looked like when the deadline's
    /// cancellation reached it). <see langword="null"/> when the wait goes on or the exception should propagate as is.
    /// </summary>
    private Exception? Stopped(Exception exception, WaitState state)
    {
        if (state.CallerToken.IsCancellationRequested)
        {
            return exception is OperationCanceledException canceled && canceled.CancellationToken == state.CallerToken
                ? null
                : new OperationCanceledException("The wait was cancelled.", exception, state.CallerToken);
        }

        if (state.Deadline.IsCancellationRequested)
        {
            CompletionLog.DeadlineReached(_logger, state.ProcessId, state.Settings.Deadline, state.Reads);
            return IdCloudErrors.WaitTimeout(
                state.ProcessId,
                state.Settings.Deadline,
                state.Last,
                state.Reads,
                exception is OperationCanceledException ? null : exception);
        }

        return null;
    }

    /// <summary>Failures that waiting longer can fix: rate limiting, server and gateway errors, timeouts, broken connections.</summary>
    private static bool IsTransient(IdCloudException exception) =>
        exception.Kind is IdCloudErrorKind.RateLimited
            or IdCloudErrorKind.ServerError
            or IdCloudErrorKind.ServiceUnavailable
            or IdCloudErrorKind.Timeout
            or IdCloudErrorKind.Transport
            or IdCloudErrorKind.CircuitOpen
        || exception.StatusCode is { } status && ((int)status is 408 or 429 || (int)status >= 500);

    /// <summary>What one wait knows so far.</summary>
    private sealed class WaitState(string processId, IdCloudWaitOptions settings, CancellationTokenSource deadline, CancellationToken callerToken)
    {
        public string ProcessId { get; } = processId;

        public IdCloudWaitOptions Settings { get; } = settings;

        public CancellationToken CallerToken { get; } = callerToken;

        public CancellationTokenSource Deadline { get; } = deadline;

        public IdCloudProcess? Last { get; set; }

        public int Reads { get; set; }
    }
}
