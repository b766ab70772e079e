namespace Unico.IdCloud.Redis.Tests.MultiProcess;

/// <summary>
/// The multi-process tests run alone, not beside the other test classes of this assembly: they measure what several OS
/// processes do within one server second (the tenant budget), and on a two-core machine the other classes' Kestrel
/// servers and Redis round trips delay requests by more than the limiter's safety margin, which bunches admissions that
/// were spaced correctly into one second at the server.
/// </summary>
[CollectionDefinition(nameof(MultiProcessGroup), DisableParallelization = true)]
public sealed class MultiProcessGroup;
