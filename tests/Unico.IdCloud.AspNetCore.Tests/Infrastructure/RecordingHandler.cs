using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Unico.IdCloud.AspNetCore.Tests.Infrastructure;

/// <summary>
/// A webhook handler for tests: records every run, can be told to fail the first N runs or to block until released,
/// and lets a test await the next run instead of sleeping.
/// </summary>
public sealed class RecordingHandler
{
    private readonly Channel<IdCloudWebhookContext> _runs = Channel.CreateUnbounded<IdCloudWebhookContext>();
    private int _failuresLeft;

    public ConcurrentQueue<IdCloudWebhookContext> Runs { get; } = new();

    public ConcurrentQueue<IdCloudWebhookContext> Successes { get; } = new();

    /// <summary>When set, every run waits for this task before finishing.</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>Completed when a run has started (before the gate).</summary>
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void FailFirst(int runs) => _failuresLeft = runs;

    public async Task HandleAsync(IdCloudWebhookContext context, CancellationToken cancellationToken)
    {
        Runs.Enqueue(context);
        Started.TrySetResult();
        try
        {
            if (Gate is { } gate)
            {
                await gate.Task.WaitAsync(cancellationToken);
            }

            if (Interlocked.Decrement(ref _failuresLeft) >= 0)
            {
                throw new InvalidOperationException($"handler failure on attempt {context.Attempt}");
            }

            Successes.Enqueue(context);
        }
        finally
        {
            _runs.Writer.TryWrite(context);
        }
    }

    /// <summary>Waits for the next finished run (successful or not); hang guard of 10 s real time.</summary>
    public async Task<IdCloudWebhookContext> NextRunAsync() =>
        await _runs.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
}
