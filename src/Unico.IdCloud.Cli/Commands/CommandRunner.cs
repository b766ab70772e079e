using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Options;
using Unico.IdCloud.Cli.Output;
using Unico.IdCloud.Cli.Settings;
using Unico.IdCloud.Client;

namespace Unico.IdCloud.Cli.Commands;

/// <summary>
/// Runs a command's body and turns every failure into a message that names the setting or the API's answer and
/// an exit code (see <see cref="ExitCodes"/>). Exception messages of the SDK never carry secrets; the CLI adds none.
/// </summary>
internal static class CommandRunner
{
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1068", Justification = "The command body, a multi-line lambda, reads best last at every call site.")]
    public static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken, Func<CliConsole, Task<int>> body)
    {
        var console = CliConsole.ForProcess(parse.GetValue(GlobalOptions.Json));
        try
        {
            return await body(console).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.Problem("cancelled.");
            return ExitCodes.Cancelled;
        }
        catch (SettingsException ex)
        {
            console.Problem(ex.Message);
            return ExitCodes.InvalidInput;
        }
        catch (OptionsValidationException ex)
        {
            console.Problem("the IdCloud settings are not valid:");
            foreach (var failure in ex.Failures)
            {
                console.Error.WriteLine("  - " + failure);
            }

            return ExitCodes.InvalidInput;
        }
        catch (IdCloudException ex) when (ex.Kind == IdCloudErrorKind.Configuration)
        {
            console.Problem(ex.Message);
            return ExitCodes.InvalidInput;
        }
        catch (IdCloudValidationException ex)
        {
            // Caught before sending: the input is wrong, nothing reached the API.
            Report(console, ex);
            return ExitCodes.InvalidInput;
        }
        catch (IdCloudException ex)
        {
            Report(console, ex);
            return ExitCodes.Failure;
        }
    }

    /// <summary>One SDK failure: kind, HTTP status, the API's code and words, and what to do.</summary>
    public static void Report(CliConsole console, IdCloudException ex)
    {
        console.Problem(ex.Message);
        var facts = new List<string> { "kind " + ex.Kind };
        if (ex.StatusCode is { } status)
        {
            facts.Add("HTTP " + ((int)status).ToString(CultureInfo.InvariantCulture));
        }

        if (!string.IsNullOrEmpty(ex.ErrorCode))
        {
            facts.Add("code " + ex.ErrorCode);
        }

        if (!string.IsNullOrEmpty(ex.RequestId))
        {
            facts.Add("request id " + ex.RequestId);
        }

        console.Error.WriteLine("  " + string.Join(", ", facts));
        if (ex is IdCloudException { Kind: IdCloudErrorKind.Authentication or IdCloudErrorKind.Unauthenticated, Advice: { Length: > 0 } advice })
        {
            console.Error.WriteLine("  fix: " + advice);
        }

        if (ex is IdCloudValidationException validation)
        {
            foreach (var error in validation.Errors)
            {
                console.Error.WriteLine($"  - {error.Field}: {error.Message}");
            }
        }

        if (!string.IsNullOrEmpty(ex.ErrorCode))
        {
            console.Error.WriteLine($"  run `idcloud explain {ex.ErrorCode}` for what it means and what to do.");
        }
    }
}
