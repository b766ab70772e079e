namespace Unico.IdCloud.Benchmarks;

/// <summary>
/// <see cref="GetProcessPipelineInMemoryBenchmarks"/> with every answer completing asynchronously, as a socket's does
/// (no network, no Kestrel). It separates what the resilience handler's layers cost when they really suspend from
/// what a socket costs: over loopback the handler's step is 15-20 µs, in memory with synchronous answers ~2.5 µs
/// (docs/benchmarks.md, "The time gap").
/// </summary>
public class GetProcessPipelineInMemoryAsyncAnswerBenchmarks : GetProcessPipelineInMemoryBenchmarks
{
    /// <summary>Every answer completes after a yield.</summary>
    public GetProcessPipelineInMemoryAsyncAnswerBenchmarks()
        : base(answerAsynchronously: true)
    {
    }
}
