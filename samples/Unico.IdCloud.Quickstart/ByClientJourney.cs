using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.ByClient;
using Unico.IdCloud.Testing;

namespace Unico.IdCloud.Quickstart;

/// <summary>
/// <c>--by-client</c>: the by Client API (<c>POST /processes/v1</c>) on the embedded emulator. The app's capture SDK is
/// played by the emulator (<see cref="ByClientEmulator.CreateCapture"/>); the backend part is exactly what a real app
/// writes: onboarding, reading the process again, a 1:1 authentication, document capture and reuse, and what a reused
/// capture answers. Each step prints the SDK's interpretation.
/// </summary>
internal static class ByClientJourney
{
    private const string Cpf = "73689290074";

    public static async Task<int> RunAsync(IConfiguration configuration, TextWriter output, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(configuration["IdCloud:ServiceAccount:AccountName"]))
        {
            output.WriteLine("--by-client runs on the embedded emulator only: against UAT the capture must come from Unico's capture SDK in your app.");
        }

        await using var emulator = await IdCloudEmulator.StartAsync(cancellationToken: cancellationToken);
        var account = emulator.CreateServiceAccount("quickstart");
        var onboardingKey = emulator.ByClient.CreateApiKey(new ByClientKeySettings { IdentityFraudsters = true, Serpro = true, RiskScore = true, Documents = true });
        var transactionalKey = emulator.ByClient.CreateApiKey(new ByClientKeySettings { UseCase = "Transactional" });

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddIdCloud(options =>
        {
            account.ApplyTo(options);
            emulator.ByClient.ApplyTo(options, ("onboarding", onboardingKey), ("transactional", transactionalKey));
        });
        await using var provider = services.BuildServiceProvider();
        var clients = provider.GetRequiredService<IIdCloudClientFactory>();
        var onboarding = clients.GetByClient("onboarding");
        var transactional = clients.GetByClient("transactional");
        output.WriteLine($"by Client on the embedded emulator ({emulator.ByClient.BaseAddress}), API keys: onboarding, transactional.");

        // 1. Onboarding: the app captured a selfie; the backend sends the capture with the person's data.
        var subject = new ByClientSubject
        {
            Code = Cpf,
            Name = "Luke Skywalker",
            Gender = "M",
            BirthDate = "1990-01-31",
            Email = "luke@example.com",
            Phone = "+5511999999999",
            ClientReference = "quickstart-onboarding-1",
        };
        var identity = await onboarding.CreateProcessAsync(ByClientProcessRequest.ForIdentity(subject, emulator.ByClient.CreateCapture()), cancellationToken);
        Print(output, "onboarding", identity);

        // 2. Capabilities that answer later (fraudsters base) arrive on a later GetProcess.
        var later = await onboarding.GetProcessAsync(identity.Id, cancellationToken);
        output.WriteLine($"by Client onboarding, read again: identityFraudsters {later.IdentityFraudsters}, serpro {later.Serpro}");

        // 3. A later transaction: 1:1 against the onboarding process.
        var authentication = await transactional.CreateProcessAsync(
            ByClientProcessRequest.ForAuthentication(ByClientReference.Process(identity.Id), emulator.ByClient.CreateCapture()), cancellationToken);
        Print(output, "1:1", authentication);

        // 4. A score-decided onboarding (the vendor's "inconclusive, liveness 1, score 28" example).
        emulator.ByClient.ScriptNextOutcome(EmulatedByClientOutcome.InconclusiveWithScore(28));
        var scored = await onboarding.CreateProcessAsync(ByClientProcessRequest.ForIdentity(subject, emulator.ByClient.CreateCapture()), cancellationToken);
        Print(output, "inconclusive with score", scored);

        // 5. Document capture (asynchronous), then reuse of the captured document.
        var capture = await onboarding.CreateProcessAsync(ByClientProcessRequest.ForDocument(
            new ByClientSubject { Code = Cpf, DuiType = "DUI_TYPE_BR_CPF" },
            new ByClientDocumentRequest { Purpose = "creditprocess", AuthProcessId = identity.Id, Files = ["ZG9jdW1lbnQ="] }), cancellationToken);
        Print(output, "document capture", capture);
        Print(output, "document capture, read again", await onboarding.GetProcessAsync(capture.Id, cancellationToken));
        var reusable = await onboarding.GetReusableDocumentsAsync(Cpf, ByClientDocumentType.Cnh, cancellationToken);
        output.WriteLine($"by Client reusable documents: {reusable.Count} ({string.Join(", ", reusable.Select(d => d.DocumentType))})");
        var reuse = await onboarding.CreateProcessAsync(ByClientProcessRequest.ForDocument(
            new ByClientSubject { Code = Cpf },
            new ByClientDocumentRequest { AuthProcessId = identity.Id, DocumentId = reusable[0].DocumentId }), cancellationToken);
        Print(output, "document reuse, read again", await onboarding.GetProcessAsync(reuse.Id, cancellationToken));

        // 6. Status 5 at HTTP 200 is an error outcome, not an exception; a reused capture is a typed error.
        emulator.ByClient.ScriptNextOutcome(EmulatedByClientOutcome.ProcessingError);
        Print(output, "processing error", await onboarding.CreateProcessAsync(ByClientProcessRequest.ForIdentity(subject, emulator.ByClient.CreateCapture()), cancellationToken));
        var used = emulator.ByClient.CreateCapture();
        await onboarding.CreateProcessAsync(ByClientProcessRequest.ForIdentity(subject, used), cancellationToken);
        try
        {
            await onboarding.CreateProcessAsync(ByClientProcessRequest.ForIdentity(subject, used), cancellationToken);
            output.WriteLine("by Client reused capture: unexpectedly accepted");
            return 1;
        }
        catch (IdCloudByClientException ex) when (ex.MustRedoCapture)
        {
            output.WriteLine($"by Client reused capture: {ex.Reason} (code {ex.ErrorCode}) -> {ex.Message}");
        }

        output.WriteLine("by Client journey complete.");
        return 0;
    }

    private static void Print(TextWriter output, string step, ByClientProcess process)
    {
        var reading = process.Interpret();
        output.WriteLine($"by Client {step}: {reading} status {process.Status}, unicoId {process.UnicoId?.ToString() ?? "-"}, liveness {process.Liveness?.ToString() ?? "-"}, score {process.Score?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} -> {reading.Explanation}");
    }
}
