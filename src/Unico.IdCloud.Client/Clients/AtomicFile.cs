namespace Unico.IdCloud.Client;

/// <summary>
/// Writes a file through a temporary sibling that replaces the target only when complete, so a download that fails
/// or is cancelled half-way never leaves a truncated PDF behind under the expected name.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through a temporary sibling.</summary>
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var target = Path.GetFullPath(path);
        await WriteAsync(
            Path.GetDirectoryName(target)!,
            Path.GetFileName(target),
            async (stream, ct) =>
            {
                await write(stream, ct).ConfigureAwait(false);
                return Path.GetFileName(target);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes a file into <paramref name="folder"/> whose name is known only once it is written (its extension
    /// follows the media type the answer declares at its end): <paramref name="write"/> returns the name.
    /// </summary>
    /// <param name="folder">The folder of the file.</param>
    /// <param name="provisionalName">The start of the temporary file's name.</param>
    /// <param name="write">Writes the content and returns the file's final name (no directory part).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public static async Task WriteAsync(string folder, string provisionalName, Func<Stream, CancellationToken, Task<string>> write, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var directory = Path.GetFullPath(folder);
        var temporary = Path.Combine(directory, $"{provisionalName}.{Guid.NewGuid():N}.tmp");
        try
        {
            string name;
            // Unbuffered: every writer here already writes in large blocks (decoded windows, copy buffers, the JSON
            // writer's), so a FileStream buffer would only add 80 KB per file.
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                name = await write(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, Path.Combine(directory, name), overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the original failure is the one to report.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
