using System.Globalization;
using System.Text.Json;

namespace Unico.IdCloud.Testing;

/// <summary>
/// The <c>{"process":{...}}</c> body of CreateProcess and GetProcess, shaped like the vendor's examples (field order,
/// zero-valued fields omitted the way a protobuf backend omits them, <c>token</c> emptied once finished).
/// </summary>
internal static class ProcessJson
{
    public static byte[] Envelope(EmulatedProcess process, string processBaseAddress) => WireJson.Write(w =>
    {
        w.WriteStartObject();
        w.WritePropertyName("process");
        WriteProcess(w, process, processBaseAddress);
        w.WriteEndObject();
    });

    /// <summary>Set Process Document's answer: <c>{"process":{"id":...,"person":{"duiType":...,"duiValue":...}}}</c>.</summary>
    public static byte[] DocumentSet(EmulatedProcess process) => WireJson.Write(w =>
    {
        var person = process.Person!;
        w.WriteStartObject();
        w.WriteStartObject("process");
        w.WriteString("id", process.IdText);
        w.WriteStartObject("person");
        w.WriteString("duiType", person.DuiType);
        w.WriteString("duiValue", person.DuiValue);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    });

    private static void WriteProcess(Utf8JsonWriter w, EmulatedProcess p, string processBaseAddress)
    {
        w.WriteStartObject();
        w.WriteString("id", p.IdText);
        if (p.CompanyBranchId is not null)
        {
            w.WriteString("companyBranchId", p.CompanyBranchId);
        }

        w.WriteString("flow", p.Flow.Name);
        w.WriteString("callbackUri", p.CallbackUri);
        w.WriteString("userRedirectUrl", p.UserRedirectUrl);
        var finish = p.Finish; // one snapshot for the whole body
        w.WriteString("state", finish is not null ? "PROCESS_STATE_FINISHED" : p.State);
        var results = finish is not null ? OutcomeResults.For(finish.Outcome, p.Flow) : null;
        if (results is not null)
        {
            w.WriteString("result", results.Result);
        }

        w.WriteString("createdAt", WireTime.Format(p.CreatedAt));
        if (finish is not null)
        {
            w.WriteString("finishedAt", WireTime.Format(finish.At));
        }

        if (p.Person is { } person)
        {
            WritePerson(w, person);
        }

        w.WriteString("purpose", p.Purpose);
        WriteAuthenticationInfo(w, finish, results);
        w.WriteStartArray("capacities");
        foreach (var capacity in p.Flow.Capacities)
        {
            w.WriteStringValue(capacity);
        }

        w.WriteEndArray();
        if (finish is not null)
        {
            WriteServices(w, p, finish, processBaseAddress);
        }

        w.WriteString("expiresAt", WireTime.Format(p.ExpiresAt));
        w.WriteString("token", finish is not null ? string.Empty : p.JourneyToken);
        w.WriteStartObject("companyData");
        w.WriteString("branchId", p.BranchId);
        w.WriteString("countryCode", "BRA");
        w.WriteEndObject();
        if (p.ClientReference is not null)
        {
            w.WriteString("clientReference", p.ClientReference);
        }

        w.WriteEndObject();
    }

    private static void WritePerson(Utf8JsonWriter w, PersonData person)
    {
        w.WriteStartObject("person");
        WriteIfPresent(w, "duiType", person.DuiType);
        WriteIfPresent(w, "duiValue", person.DuiValue);
        WriteIfPresent(w, "friendlyName", person.FriendlyName);
        WriteIfPresent(w, "phone", person.Phone);
        WriteIfPresent(w, "email", person.Email);
        if (person.NotificationChannels.Count > 0)
        {
            w.WriteStartArray("notifications");
            foreach (var channel in person.NotificationChannels)
            {
                w.WriteStartObject();
                w.WriteString("notificationChannel", channel);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void WriteAuthenticationInfo(Utf8JsonWriter w, ProcessFinish? finish, OutcomeResults? results)
    {
        w.WriteStartObject("authenticationInfo");
        if (finish is not null && results is { HasVerdict: true })
        {
            w.WriteString("authenticationResult", results.AuthenticationResult);
            w.WriteString("authenticationId", finish.AuthenticationId.ToString("D"));
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

    private static void WriteServices(Utf8JsonWriter w, EmulatedProcess p, ProcessFinish finish, string processBaseAddress)
    {
        var hasDocument = finish.HasCapturedDocument(p.Flow);
        var hasSignature = finish.SignedDocuments.Count > 0;
        if (!hasDocument && !hasSignature)
        {
            return;
        }

        w.WriteStartArray("services");
        w.WriteStartObject();
        if (hasDocument)
        {
            w.WriteStartArray("documents");
            WriteCapturedCnh(w, p, finish, processBaseAddress);
            w.WriteEndArray();
        }

        w.WriteBoolean("consent_granted", true);
        if (hasSignature)
        {
            w.WriteString("envelopeId", finish.EnvelopeId.ToString("D"));
            w.WriteStartArray("documentIds");
            foreach (var document in finish.SignedDocuments)
            {
                w.WriteStringValue(document.Id.ToString("D"));
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
        w.WriteEndArray();
    }

    /// <summary>
    /// A CNH as OCR returns it, mixing types the way the vendor's live example does: <c>cpfNumero</c> as a JSON
    /// number (so a CPF with leading zeros loses them, a real trap), the other identifiers as strings.
    /// </summary>
    private static void WriteCapturedCnh(Utf8JsonWriter w, EmulatedProcess p, ProcessFinish finish, string processBaseAddress)
    {
        var cpf = p.Person?.DuiType == "DUI_TYPE_BR_CPF" && p.Person.DuiValue is { } value ? value : "73689290074";
        var name = p.Person?.FriendlyName ?? "Maria da Silva";
        var documentId = finish.CapturedDocumentId.ToString("D");
        var birth = new DateTimeOffset(1990, 5, 12, 0, 0, 0, TimeSpan.Zero);
        var licensed = new DateTimeOffset(2012, 11, 18, 0, 0, 0, TimeSpan.Zero);
        var expires = new DateTimeOffset(p.CreatedAt.Year + 5, 12, 7, 0, 0, 0, TimeSpan.Zero);

        w.WriteStartObject();
        w.WriteStartObject("doc");
        w.WriteNumber("version", 2);
        w.WriteString("code", "CNH");
        w.WriteStartObject("data");
        w.WriteString("numero", "04458973156");
        w.WriteString("rgNumero", "123456789 SESP PR");
        w.WriteNumber("cpfNumero", long.Parse(cpf, CultureInfo.InvariantCulture));
        w.WriteString("nomeCivil", name);
        w.WriteStartArray("filiacao");
        w.WriteStringValue("Ana da Silva");
        w.WriteStringValue("Jose da Silva");
        w.WriteEndArray();
        w.WriteString("dataNascimento", WireTime.Format(birth));
        w.WriteString("dataHabilitacao", WireTime.Format(licensed));
        w.WriteString("dataExpiracao", WireTime.Format(expires));
        w.WriteString("localEmissao", "Curitiba PR");
        w.WriteString("categoria", "B");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteBoolean("typified", true);
        w.WriteBoolean("cpf_match", true);
        w.WriteBoolean("face_match", finish.Outcome != EmulatedOutcome.IdentityNegative);
        w.WriteString("doc_id", documentId);
        w.WriteBoolean("validate_doc", true);
        w.WriteBoolean("reused_doc", false);
        w.WriteString("signed_url", processBaseAddress + "/documents/" + documentId);
        w.WriteEndObject();
    }

    private static void WriteIfPresent(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
