using System.Text;
using System.Text.Json;

namespace Unico.IdCloud.Cli.Output;

/// <summary>
/// Where a command writes: human text to standard output, problems to standard error, or, with <c>--json</c>, one
/// JSON document on standard output (and nothing else there) for scripts.
/// </summary>
/// <remarks>Nothing secret is ever handed to this type: callers pass masked or non-secret values only.</remarks>
internal sealed class CliConsole
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true };

    public CliConsole(TextWriter output, TextWriter error, bool json, bool interactive)
    {
        Out = output;
        Error = error;
        Json = json;
        Interactive = interactive;
    }

    /// <summary>Standard output.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error.</summary>
    public TextWriter Error { get; }

    /// <summary>Whether <c>--json</c> was given: standard output carries exactly one JSON document.</summary>
    public bool Json { get; }

    /// <summary>Whether standard output is a terminal (live progress lines are redrawn in place only then).</summary>
    public bool Interactive { get; }

    /// <summary>The console of this process.</summary>
    public static CliConsole ForProcess(bool json) =>
        new(Console.Out, Console.Error, json, !Console.IsOutputRedirected);

    /// <summary>A line of human text; suppressed with <c>--json</c> (it goes to standard error instead, for logs).</summary>
    public void Line(string text = "")
    {
        if (Json)
        {
            return;
        }

        Out.WriteLine(text);
    }

    /// <summary>A progress or status note: on standard error, so it never mixes with JSON or piped output.</summary>
    public void Note(string text) => Error.WriteLine(text);

    /// <summary>A problem, on standard error, in both modes.</summary>
    public void Problem(string text) => Error.WriteLine("error: " + text);

    /// <summary>Writes one JSON document to standard output (only with <c>--json</c>).</summary>
    public void WriteJson(Action<Utf8JsonWriter> write)
    {
        if (!Json)
        {
            return;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Indented))
        {
            write(writer);
        }

        Out.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
        Out.Flush();
    }
}
