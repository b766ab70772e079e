namespace Unico.IdCloud.Redis.Tests.MultiProcess;

/// <summary>
/// The multi-process tests run alone, not beside the other test classes of this assembly: they measure what several OS
/// processes do within one server second (the tenant budget), and on a two-core machine the other classes' Kestrel
/// servers and Redis round trips slow every request down. The budget's guarantee does not depend on that (a permit stays
/// counted until its answer arrives), but the throughput the tests expect to see used does, and their timings stay
/// readable.
/// </summary>
[CollectionDefinition(nameof(MultiProcessGroup), DisableParallelization = true)]
public sealed class MultiProcessGroup;
