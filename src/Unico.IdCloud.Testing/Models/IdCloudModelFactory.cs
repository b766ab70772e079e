using System.Text.Json;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.Client.Serialization;

namespace Unico.IdCloud.Testing;

/// <summary>
/// Builds the by Unico results the SDK returns, for unit tests of your own code that reads them (no emulator, no
/// sockets): approved, denied (identity negative, liveness failed), inconclusive, behaviour alert, expired,
/// processing error, still pending, with any OCR'd document type (CNH, RG, CIN, PASSAPORTE, UNKNOWN).
/// </summary>
/// <remarks>
/// Each model is written as the JSON GetProcess answers (the values the emulator answers for the same
/// <see cref="EmulatedOutcome"/>, see <c>docs/emulator.md</c>) and read with the SDK's own deserializer, so it is what
/// <see cref="Client.IIdCloudProcessClient.GetProcessAsync"/> would return: same types, raw values and unknown-field
/// handling, and <c>Interpret()</c> gives the outcome the emulator's process would.
/// </remarks>
/// <example>
/// <code>
/// var process = IdCloudModelFactory.Process(EmulatedOutcome.IdentityNegative);
/// Assert.Equal(IdCloudProcessOutcome.Denied, process.Interpret().Outcome);
/// var withRg = IdCloudModelFactory.Process(EmulatedOutcome.Approved, Flow.IdUnicoDocs, OcrDocumentCode.Rg);
/// </code>
/// </example>
public static class IdCloudModelFactory
{
    private const string Cpf = "73689290074"; // the vendor's example CPF (valid check digits)
    private const string Name = "Maria da Silva";
    private const string Email = "maria@example.com";
    private static readonly DateTimeOffset DefaultCreatedAt = new(2026, 1, 5, 13, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan JourneyDuration = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan ExpiresIn = TimeSpan.FromDays(7);

    /// <summary>A finished process (<c>PROCESS_STATE_FINISHED</c>) that ended with <paramref name="outcome"/>.</summary>
    /// <param name="outcome">How the journey ended: its <c>result</c> and <c>authenticationInfo</c> values.</param>
    /// <param name="flow">The flow (default <see cref="Flow.Id"/>, or <see cref="Flow.IdUnicoDocs"/> with a document); it
    /// sets <c>capacities</c>, the risk and behaviour scores, and for signing flows that pass, the envelope and
    /// signed document ids.</param>
    /// <param name="document">An OCR'd document to put in <c>services[0].documents[0]</c> (any code, whatever the
    /// flow). When null, flows with documents get a CNH for the outcomes that reach the document step (Approved,
    /// IdentityNegative, Inconclusive, BehaviourAlert), as from the emulator; other flows get none.</param>
    /// <param name="processId">The process id; a new GUID when null.</param>
    /// <param name="createdAt">When the process was created (default 2026-01-05 13:00 UTC); it finished 4 minutes later,
    /// or 7 days later when it expired.</param>
    /// <returns>The process, as GetProcess returns it.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="outcome"/> is not a defined value.</exception>
    public static IdCloudProcess Process(
        EmulatedOutcome outcome,
        Flow? flow = null,
        OcrDocumentCode? document = null,
        string? processId = null,
        DateTimeOffset? createdAt = null)
    {
        if (!Enum.IsDefined(outcome))
        {
            throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown outcome.");
        }

        return Build(outcome, flow ?? (document is null ? Flow.Id : Flow.IdUnicoDocs), document, processId, createdAt);
    }

    /// <summary>A process the person has not finished yet (<c>PROCESS_STATE_CREATED</c>, no result).</summary>
    /// <param name="flow">The flow (default <see cref="Flow.Id"/>).</param>
    /// <param name="processId">The process id; a new GUID when null.</param>
    /// <param name="createdAt">When the process was created (default 2026-01-05 13:00 UTC).</param>
    /// <returns>The process, as CreateProcess and GetProcess return it.</returns>
    public static IdCloudProcess PendingProcess(Flow? flow = null, string? processId = null, DateTimeOffset? createdAt = null) =>
        Build(null, flow ?? Flow.Id, null, processId, createdAt);

    /// <summary>An OCR'd document of the given type, with the fields the vendor documents for it (none for UNKNOWN).</summary>
    /// <param name="code">The document type, e.g. <see cref="OcrDocumentCode.Cnh"/>.</param>
    /// <returns>The document, as found in <c>services[].documents[].doc</c>; its <c>Data</c> holds the type's fields
    /// (<see cref="OcrDocumentData.Categoria"/> for a CNH, <see cref="OcrDocumentData.OrgaoEmissor"/> for an RG, ...).</returns>
    public static OcrDocument OcrDocument(OcrDocumentCode code)
    {
        var process = Build(EmulatedOutcome.Approved, Flow.IdUnicoDocs, code, null, null);
        return process.Services!.First().Documents!.First().Doc!;
    }

    /// <summary>
    /// Reads a process from JSON with the SDK's deserializer: a GetProcess body (<c>{"process":{...}}</c>) or the bare
    /// process object, e.g. a response captured from UAT with its personal data replaced.
    /// </summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The process.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="JsonException">The text is not JSON or not a process.</exception>
    public static IdCloudProcess ProcessFromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("A process is a JSON object.");
        }

        var process = root.TryGetProperty("process", out var inner) && inner.ValueKind == JsonValueKind.Object ? inner : root;
        return process.Deserialize(IdCloudJsonContext.Default.IdCloudProcess)
            ?? throw new JsonException("The JSON holds no process.");
    }

    private static IdCloudProcess Build(EmulatedOutcome? outcome, Flow flow, OcrDocumentCode? document, string? processId, DateTimeOffset? createdAt)
    {
        if (processId is not null && string.IsNullOrWhiteSpace(processId))
        {
            throw new ArgumentException("A process id cannot be blank.", nameof(processId));
        }

        // Flows the emulator does not know are treated as identity checks (liveness and identity).
        var profile = FlowCatalog.Find(flow.Value) ?? new FlowProfile(flow.Value, FlowFeatures.Liveness | FlowFeatures.Identity);
        var id = processId ?? Guid.NewGuid().ToString("D");
        var created = createdAt ?? DefaultCreatedAt;
        var json = WireJson.Write(w => WriteProcess(w, id, profile, outcome, document, created));
        return JsonSerializer.Deserialize(json, IdCloudJsonContext.Default.IdCloudProcess)
            ?? throw new InvalidOperationException("The SDK read no process from the factory's JSON.");
    }

    private static void WriteProcess(Utf8JsonWriter w, string id, FlowProfile flow, EmulatedOutcome? outcome, OcrDocumentCode? document, DateTimeOffset created)
    {
        var results = outcome is { } o ? OutcomeResults.For(o, flow) : null;
        var expiresAt = created + ExpiresIn;
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("flow", flow.Name);
        w.WriteString("callbackUri", "/");
        w.WriteString("userRedirectUrl", "https://cadastro.uat.unico.app/process/" + id);
        w.WriteString("state", outcome is null ? "PROCESS_STATE_CREATED" : "PROCESS_STATE_FINISHED");
        if (results is not null)
        {
            w.WriteString("result", results.Result);
        }

        w.WriteString("createdAt", WireTime.Format(created));
        if (outcome is not null)
        {
            w.WriteString("finishedAt", WireTime.Format(outcome == EmulatedOutcome.Expired ? expiresAt : created + JourneyDuration));
        }

        w.WriteStartObject("person");
        w.WriteString("duiType", "DUI_TYPE_BR_CPF");
        w.WriteString("duiValue", Cpf);
        w.WriteString("friendlyName", Name);
        w.WriteString("email", Email);
        w.WriteEndObject();
        w.WriteString("purpose", "creditprocess");
        WriteAuthenticationInfo(w, id, results);
        w.WriteStartArray("capacities");
        foreach (var capacity in flow.Capacities)
        {
            w.WriteStringValue(capacity);
        }

        w.WriteEndArray();
        WriteServices(w, id, flow, outcome, document);
        w.WriteString("expiresAt", WireTime.Format(expiresAt));
        w.WriteString("token", outcome is null ? "eyJhbGciOiJIUzI1NiJ9.e30.model-factory" : string.Empty);
        w.WriteEndObject();
    }

    private static void WriteAuthenticationInfo(Utf8JsonWriter w, string id, OutcomeResults? results)
    {
        w.WriteStartObject("authenticationInfo");
        if (results is { HasVerdict: true })
        {
            w.WriteString("authenticationResult", results.AuthenticationResult);
            w.WriteString("authenticationId", DerivedId(id, "authentication"));
            w.WriteString("livenessResult", results.LivenessResult);
            w.WriteString("bioTokenEngineResult", "BIO_TOKEN_ENGINE_RESULT_UNSPECIFIED");
            w.WriteString("identityFraudstersResult", results.TrustResult);
            w.WriteStartObject("scoreEngineResult");
            w.WriteString("scoreEnabled", results.Score is null ? "SCORE_ENABLED_FALSE" : "SCORE_ENABLED_TRUE");
            w.WriteNumber("score", results.Score ?? 0);
            w.WriteEndObject();
            if (results.SerproScore is { } serpro)
            {
                w.WriteStartObject("serproResult");
                w.WriteNumber("score", serpro);
                w.WriteEndObject();
            }
        }

        w.WriteEndObject();
    }

    private static void WriteServices(Utf8JsonWriter w, string id, FlowProfile flow, EmulatedOutcome? outcome, OcrDocumentCode? document)
    {
        var signs = outcome is { } o && ProcessFinish.Signs(flow, o);
        document ??= flow.Has(FlowFeatures.Documents) && ReachesDocumentStep(outcome) ? OcrDocumentCode.Cnh : null;
        if (document is null && !signs)
        {
            return;
        }

        w.WriteStartArray("services");
        w.WriteStartObject();
        if (document is { } code)
        {
            var documentId = DerivedId(id, "document");
            w.WriteStartArray("documents");
            w.WriteStartObject();
            OcrDocumentJson.Write(w, code.Value, Cpf, Name);
            w.WriteBoolean("typified", code != OcrDocumentCode.Unknown);
            w.WriteBoolean("cpf_match", code != OcrDocumentCode.Unknown);
            w.WriteBoolean("face_match", outcome is not null && outcome != EmulatedOutcome.IdentityNegative);
            w.WriteString("doc_id", documentId);
            w.WriteBoolean("validate_doc", true);
            w.WriteBoolean("reused_doc", false);
            w.WriteString("signed_url", "https://documents.example/" + documentId);
            w.WriteEndObject();
            w.WriteEndArray();
        }

        w.WriteBoolean("consent_granted", true);
        if (signs)
        {
            w.WriteString("envelopeId", DerivedId(id, "envelope"));
            w.WriteStartArray("documentIds");
            w.WriteStringValue(DerivedId(id, "signed-document"));
            w.WriteEndArray();
        }

        w.WriteEndObject();
        w.WriteEndArray();
    }

    /// <summary>The outcomes whose journey got as far as the document capture (the emulator's rule, ProcessFinish).</summary>
    private static bool ReachesDocumentStep(EmulatedOutcome? outcome) =>
        outcome is EmulatedOutcome.Approved or EmulatedOutcome.IdentityNegative or EmulatedOutcome.Inconclusive or EmulatedOutcome.BehaviourAlert;

    /// <summary>A GUID fixed by the process id and its role, so the same arguments always build the same model.</summary>
    private static string DerivedId(string processId, string role)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(role + ":" + processId));
        return new Guid(hash.AsSpan(0, 16)).ToString("D");
    }
}
