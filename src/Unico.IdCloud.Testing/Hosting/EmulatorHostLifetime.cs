using Microsoft.Extensions.Hosting;

namespace Unico.IdCloud.Testing;

/// <summary>
/// A host lifetime that does nothing. The default console lifetime would hook Ctrl+C and SIGTERM of the test
/// process that embeds the emulator and swallow them to stop only the emulator.
/// </summary>
internal sealed class EmulatorHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
