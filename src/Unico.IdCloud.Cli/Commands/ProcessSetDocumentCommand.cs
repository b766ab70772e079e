using System.CommandLine;
using Unico.IdCloud.Cli.Output;
using Unico.IdCloud.Cli.Settings;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Cli.Commands;

/// <summary>
/// <c>idcloud process set-document &lt;id&gt; --cpf ...</c> (or <c>--dui-type ... --dui-value ...</c>): SetProcessDocument,
/// for a process created without the person's document, which waits in <c>PROCESS_STATE_AWAITING_FOR_DOCUMENT</c>
/// until it gets one (once; it cannot change afterwards).
/// </summary>
internal static class ProcessSetDocumentCommand
{
    public static Command Create()
    {
        var id = ProcessCommand.IdArgument();
        var cpf = new Option<string?>("--cpf") { Description = "The person's CPF (digits or formatted; check digits are validated). Short for --dui-type DUI_TYPE_BR_CPF." };
        var duiType = new Option<string?>("--dui-type") { Description = "The document type: DUI_TYPE_BR_CPF, DUI_TYPE_MX_CURP or DUI_TYPE_US_SSN." };
        var duiValue = new Option<string?>("--dui-value") { Description = "The document number (at most 320 characters)." };
        var command = new Command("set-document", "Send the person's document for a process created without one (SetProcessDocument); it can be set once.")
        {
            id, cpf, duiType, duiValue,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, cancellationToken, async console =>
        {
            var processId = parse.GetValue(id)!;
            var givenCpf = parse.GetValue(cpf);
            var givenType = parse.GetValue(duiType);
            var givenValue = parse.GetValue(duiValue);
            if ((givenCpf is null) == (givenType is null && givenValue is null))
            {
                console.Problem("give either --cpf, or --dui-type with --dui-value.");
                return ExitCodes.InvalidInput;
            }

            if (givenCpf is null && (givenType is null || givenValue is null))
            {
                console.Problem("--dui-type and --dui-value go together.");
                return ExitCodes.InvalidInput;
            }

            Cpf? parsedCpf = null;
            if (givenCpf is not null)
            {
                if (!Cpf.TryParse(givenCpf, out var value))
                {
                    console.Problem("--cpf: not a valid CPF (11 digits whose check digits match). Check the number with the person.");
                    return ExitCodes.InvalidInput;
                }

                parsedCpf = value;
            }

            await using var services = IdCloudServices.Create(SettingsSource.Load(parse));
            var document = parsedCpf is { } person
                ? await services.Processes.SetProcessDocumentAsync(processId, person, cancellationToken).ConfigureAwait(false)
                : await services.Processes.SetProcessDocumentAsync(processId, DuiType.From(givenType!), givenValue!, cancellationToken).ConfigureAwait(false);

            // The document number is personal data: masked like every other one the CLI prints.
            var type = document.Person?.DuiType?.Value;
            var masked = Redact.Cpf(document.Person?.DuiValue);
            if (console.Json)
            {
                console.WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("id", document.Id ?? processId);
                    w.WriteString("duiType", type);
                    w.WriteString("duiValue", masked);
                    w.WriteEndObject();
                });
            }
            else
            {
                console.Line($"id:          {document.Id ?? processId}");
                console.Line($"document:    {type} {masked}");
                console.Note("the document is set; the process moves on (`idcloud process wait` it now).");
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
