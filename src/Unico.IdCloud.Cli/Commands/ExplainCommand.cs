using System.CommandLine;
using System.Globalization;
using Unico.IdCloud.Cli.Explain;
using Unico.IdCloud.Cli.Output;

namespace Unico.IdCloud.Cli.Commands;

/// <summary><c>idcloud explain [code]</c>: what a documented error code means and what to do; without a code, all of them.</summary>
internal static class ExplainCommand
{
    public static Command Create()
    {
        var code = new Argument<string?>("code")
        {
            Description = "A token code (1.2.18), a by Unico code (3, 5, 99999) or a by Client code (20507). Omit it to list every code.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("explain", "Explain an IDCloud error code: what it means and what to do.") { code };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, cancellationToken, console =>
        {
            var wanted = parse.GetValue(code);
            if (string.IsNullOrWhiteSpace(wanted))
            {
                Print(console, ErrorCodeCatalog.All);
                return Task.FromResult(ExitCodes.Success);
            }

            var entry = ErrorCodeCatalog.Find(wanted);
            if (entry is null)
            {
                console.Problem($"'{wanted}' is not a code Unico documents for IDCloud. Run `idcloud explain` for the full list; token codes look like 1.2.18, by Unico codes like 3, by Client codes like 20507.");
                console.WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("code", wanted);
                    w.WriteBoolean("known", false);
                    w.WriteEndObject();
                });
                return Task.FromResult(ExitCodes.InvalidInput);
            }

            Print(console, [entry]);
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }

    private static void Print(CliConsole console, IReadOnlyList<ErrorCodeEntry> entries)
    {
        if (console.Json)
        {
            console.WriteJson(w =>
            {
                if (entries.Count == 1)
                {
                    Write(w, entries[0]);
                    return;
                }

                w.WriteStartArray();
                foreach (var entry in entries)
                {
                    Write(w, entry);
                }

                w.WriteEndArray();
            });
            return;
        }

        foreach (var entry in entries)
        {
            var status = entry.HttpStatus is { } s ? "HTTP " + s.ToString(CultureInfo.InvariantCulture) : "HTTP status not documented";
            console.Line($"{entry.Code}  ({Describe(entry.Family)}, {status}{(entry.Retry ? ", retrying can help" : ", retrying unchanged will not help")})");
            console.Line("  means: " + entry.Meaning);
            console.Line("  do:    " + entry.Action);
            if (entries.Count > 1)
            {
                console.Line();
            }
        }
    }

    private static void Write(System.Text.Json.Utf8JsonWriter w, ErrorCodeEntry entry)
    {
        w.WriteStartObject();
        w.WriteString("code", entry.Code);
        w.WriteBoolean("known", true);
        w.WriteString("api", Describe(entry.Family));
        if (entry.HttpStatus is { } status)
        {
            w.WriteNumber("httpStatus", status);
        }

        w.WriteString("meaning", entry.Meaning);
        w.WriteString("action", entry.Action);
        w.WriteBoolean("retryable", entry.Retry);
        w.WriteEndObject();
    }

    private static string Describe(ErrorCodeFamily family) => family switch
    {
        ErrorCodeFamily.Token => "token endpoint",
        ErrorCodeFamily.ByUnico => "by Unico process API",
        _ => "by Client API",
    };
}
