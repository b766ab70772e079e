using BenchmarkDotNet.Configs;

namespace Unico.IdCloud.Benchmarks.Infrastructure;

/// <summary>Adds the allocated ÷ payload column to the benchmarks that move a PDF.</summary>
internal sealed class PayloadConfig : ManualConfig
{
    public PayloadConfig() => AddColumn(new AllocationPerPayloadColumn());
}
