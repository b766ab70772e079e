using System.Text.Json;

namespace Unico.IdCloud.Testing;

/// <summary>Writes the by Client process body by hand (the emulator shares no DTOs with the client).</summary>
internal static class ByClientJson
{
    /// <param name="process">The stored process.</param>
    /// <param name="laterRead">A GET (asynchronous capabilities and documents are there) rather than the POST answer.</param>
    /// <param name="details">The v2 GET: adds <c>processAdditionalInfo</c>.</param>
    /// <param name="pascalCase">Write member names as the older (Unico Check era) responses did: <c>Id</c>, <c>Status</c>.</param>
    public static byte[] Process(ByClientProcessRecord process, bool laterRead, bool details, bool pascalCase) => WireJson.Write(w =>
    {
        string N(string name) => pascalCase ? char.ToUpperInvariant(name[0]) + name[1..] : name;
        var outcome = process.Outcome;
        var key = process.Key;
        w.WriteStartObject();
        w.WriteString(N("id"), process.Id.ToString("D"));
        if (process.Document is { } document)
        {
            // Document capture and reuse are always asynchronous: processing at the POST, the document on a GET.
            w.WriteNumber(N("status"), laterRead ? 3 : 1);
            if (laterRead)
            {
                w.WriteStartObject(N("document"));
                w.WriteString(N("id"), document.Id);
                w.WriteString(N("type"), document.Type);
                w.WriteBoolean(N("cpfMatch"), true);
                w.WriteStartObject(N("content"));
                w.WriteString("cpf", process.Cpf);
                w.WriteEndObject();
                w.WriteStartArray(N("fileUrls"));
                w.WriteStringValue("https://files.emulator.invalid/documents/" + document.Id + "/front.jpg");
                w.WriteEndArray();
                w.WriteEndObject();
            }
        }
        else
        {
            w.WriteNumber(N("status"), outcome.Status);
            // Finished answers carry the verdict; so does a divergence in the vendor's Postman example (unicoId
            // inconclusive, liveness 1), although only status 3 decides.
            if (outcome.Status is 2 or 3)
            {
                WriteVerdict(w, N, outcome, key, laterRead, process.IsOneToOne);
            }
        }

        if (details)
        {
            w.WriteStartObject(N("processAdditionalInfo"));
            w.WriteString("useCase", key.UseCase);
            w.WriteString("createdAt", WireTime.Format(process.CreatedAt));
            if (process.ClientReference is { } reference)
            {
                w.WriteString("clientReference", reference);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    });

    private static void WriteVerdict(Utf8JsonWriter w, Func<string, string> n, EmulatedByClientOutcome outcome, ByClientKeySettings key, bool laterRead, bool oneToOne)
    {
        if (outcome.UnicoId is { } unicoId)
        {
            w.WriteStartObject(n("unicoId"));
            w.WriteString(n("result"), unicoId);
            w.WriteEndObject();
        }

        // The vendor omits liveness when unicoId is yes; without liveness contracted it reports 1 for an identity
        // verification and leaves it out of a 1:1 validation ("we will not return the liveness parameter").
        if (outcome.UnicoId != "yes" && (key.Liveness || !oneToOne))
        {
            w.WriteNumber(n("liveness"), key.Liveness ? outcome.Liveness : 1);
        }

        if (key.IdentityFraudsters && laterRead)
        {
            w.WriteStartObject(n("identityFraudsters"));
            w.WriteString(n("result"), outcome.IdentityFraudsters);
            w.WriteEndObject();
        }

        if (key.Serpro)
        {
            w.WriteStartObject(n("government"));
            w.WriteNumber(n("serpro"), outcome.SerproScore);
            w.WriteEndObject();
        }

        if (key.RiskScore && outcome.UnicoId == "inconclusive" && outcome.Score is { } score)
        {
            w.WriteNumber(n("score"), score);
        }

        if (key.RiskScore && outcome.RiskLevel is { } risk)
        {
            w.WriteStartObject(n("riskLevel"));
            w.WriteString(n("result"), risk);
            w.WriteEndObject();
        }
    }

    /// <summary>The Data Verification answer: <c>lists</c> only once finished (status 3), as processes carry verdicts.</summary>
    /// <param name="cpf">The valid CPF the canned data is derived from.</param>
    /// <param name="status">The processing status.</param>
    /// <param name="lists">A scripted <c>lists</c> object (JSON text), or <see langword="null"/> for the canned one.</param>
    public static byte[] DataVerification(string cpf, int status, string? lists) => WireJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("id", Guid.NewGuid().ToString("D"));
        w.WriteNumber("status", status);
        if (status == 3)
        {
            if (lists is null)
            {
                ByClientBasicDataSample.WriteLists(w, cpf);
            }
            else
            {
                w.WritePropertyName("lists");
                w.WriteRawValue(lists);
            }
        }

        w.WriteEndObject();
    });

    public static byte[] Documents(IEnumerable<ReusableDocument> documents) => WireJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("items");
        foreach (var document in documents)
        {
            w.WriteStartObject();
            w.WriteString("documentType", document.Type);
            w.WriteString("documentId", document.Id);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });
}
