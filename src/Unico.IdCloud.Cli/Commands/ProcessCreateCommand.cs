using System.CommandLine;
using Unico.IdCloud.Cli.Output;
using Unico.IdCloud.Cli.Settings;
using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Cli.Commands;

/// <summary>
/// <c>idcloud process create --flow idunicosign --cpf ... --name ... --email ... --pdf contract.pdf</c>: CreateProcess
/// through the SDK (validated before it is sent; never retried once sent, as the SDK guarantees).
/// </summary>
internal static class ProcessCreateCommand
{
    public static Command Create()
    {
        var flow = new Option<string>("--flow") { Description = "The flow: idlive, id, idunicosign, idcheck, ... (see Unico's list).", Required = true };
        var purpose = new Option<string>("--purpose") { Description = "creditprocess, biometryonboarding, carpurchase or ageverification.", DefaultValueFactory = _ => "creditprocess" };
        var callback = new Option<string>("--callback-uri") { Description = "Where the journey sends the person at the end: an https URL, an app scheme, or / for none.", DefaultValueFactory = _ => "/" };
        var cpf = new Option<string?>("--cpf") { Description = "The person's CPF (digits; check digits are validated)." };
        var name = new Option<string?>("--name") { Description = "The person's name as shown in the journey (at most 50 characters)." };
        var email = new Option<string?>("--email") { Description = "The person's e-mail (required by e-signature flows)." };
        var phone = new Option<string?>("--phone") { Description = "The person's phone, 13 digits with country and area code (5511999999999)." };
        var pdf = new Option<FileInfo[]>("--pdf") { Description = "A PDF to sign (e-signature flows); repeat for several.", AllowMultipleArgumentsPerToken = false };
        var reference = new Option<string?>("--client-reference") { Description = "Your own id for the process: look it up before re-creating after a timeout." };
        var expiresIn = new Option<int?>("--expires-in") { Description = "Seconds until the process expires (default: Unico's 7 days)." };
        var command = new Command("create", "Create a process and print its id and the URL to send the person to.")
        {
            flow, purpose, callback, cpf, name, email, phone, pdf, reference, expiresIn,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, cancellationToken, async console =>
        {
            var documents = new List<EnvelopeDocument>();
            foreach (var file in parse.GetValue(pdf) ?? [])
            {
                if (!file.Exists)
                {
                    console.Problem($"--pdf: the file '{file.FullName}' does not exist.");
                    return ExitCodes.InvalidInput;
                }

                var bytes = await File.ReadAllBytesAsync(file.FullName, cancellationToken).ConfigureAwait(false);
                documents.Add(new EnvelopeDocument { DocumentName = Path.GetFileNameWithoutExtension(file.Name), FileContents = bytes });
            }

            var request = new CreateProcessRequest
            {
                CallbackUri = parse.GetValue(callback)!,
                Flow = Flow.From(parse.GetValue(flow)!),
                Purpose = Purpose.From(parse.GetValue(purpose)!),
                ClientReference = parse.GetValue(reference),
                ExpiresIn = parse.GetValue(expiresIn) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
                Person = new ProcessPerson
                {
                    // Without --cpf the process is created without the person's document (custom flows): it then
                    // waits for `idcloud process set-document`.
                    DuiType = parse.GetValue(cpf) is null ? null : DuiType.BrCpf,
                    DuiValue = parse.GetValue(cpf),
                    FriendlyName = parse.GetValue(name),
                    Email = parse.GetValue(email),
                    Phone = parse.GetValue(phone),
                },
                Payload = documents.Count == 0
                    ? null
                    : [new EnvelopePayload { Documents = documents }],
            };

            var settings = SettingsSource.Load(parse);
            await using var services = IdCloudServices.Create(settings);
            var process = await services.Processes.CreateProcessAsync(request, cancellationToken).ConfigureAwait(false);
            ProcessPrinter.Print(console, process);
            return ExitCodes.Success;
        }));
        return command;
    }
}
