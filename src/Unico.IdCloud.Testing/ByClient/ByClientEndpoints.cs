using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Unico.IdCloud.Testing;

/// <summary>
/// The by Client endpoints once the caller is authenticated: <c>POST /processes/v1</c> (validation with the vendor's
/// five-digit codes, capture payload checks, scripted verdicts), the two GETs, the document reuse check and the Data
/// Verification (<c>POST /lists/{cpf}</c>).
/// </summary>
/// <remarks>
/// Choices where the vendor's reference is silent: a process id that is not a UUID answers 400 with 20003, an unknown
/// one 404 without a code; a name with double spaces is accepted (the SDK rejects it before sending); the image
/// resolution (20807) is not measured, script it with <see cref="EmulatedByClientOutcome.Error"/>.
/// </remarks>
internal sealed class ByClientEndpoints
{
    private const int MaxImageBytes = 800 * 1024;
    private static readonly string[] DocumentTypes = ["BR_RG", "BR_CNH", "BR_CIN", "BR_PASSPORT"];

    private readonly ConcurrentDictionary<Guid, ByClientProcessRecord> _processes = new();
    private readonly ConcurrentDictionary<string, EmulatedByClientOutcome> _perCpf = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<EmulatedByClientOutcome> _nextCalls = new();
    private readonly ConcurrentBag<ReusableDocument> _documents = [];
    private readonly TimeProvider _time;
    private int _creations;

    public ByClientEndpoints(TimeProvider time)
    {
        _time = time;
        Captures = new ByClientCaptures(time);
    }

    public ByClientCaptures Captures { get; }

    public int CreationCount => Volatile.Read(ref _creations);

    public bool PascalCase { get; set; }

    public void ScriptPerCpf(string cpf, EmulatedByClientOutcome outcome) => _perCpf[cpf] = outcome;

    public void ScriptNext(EmulatedByClientOutcome outcome) => _nextCalls.Enqueue(outcome);

    public string AddReusableDocument(string tenantId, string cpf, string type)
    {
        var id = Guid.NewGuid().ToString("D");
        _documents.Add(new ReusableDocument(tenantId, cpf, type, id));
        return id;
    }

    public void ResetScripts()
    {
        _perCpf.Clear();
        _nextCalls.Clear();
        PascalCase = false;
        Interlocked.Exchange(ref _creations, 0);
    }

    public async Task<EmulatorResponse> CreateAsync(HttpContext context, string tenantId, EmulatedByClientApiKey key, CancellationToken cancellationToken)
    {
        // An error scripted for the next call replaces whatever the call would have done (before the body is read, so
        // the capture it carries is not spent); a scripted verdict applies only once the request is valid.
        if (_nextCalls.TryPeek(out var scriptedError) && scriptedError.ErrorStatus is { } errorStatus && _nextCalls.TryDequeue(out _))
        {
            return ByClientErrors.Response(errorStatus, scriptedError.ErrorCode!);
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, default, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return ByClientErrors.Response(400, "20003");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return ByClientErrors.Response(400, "20003");
            }

            var isDocument = WireJson.HasValue(root, "document");
            var isAuthentication = !isDocument && (WireJson.HasValue(root, "references") || WireJson.HasValue(root, "referenceProcessId"));
            string? cpf;
            string? error;
            ReusableDocument? captured = null;
            if (isDocument)
            {
                if (!key.Settings.Documents)
                {
                    return ByClientErrors.Response(403, "30017");
                }

                (cpf, error) = CheckDocumentRequest(root, tenantId, out captured);
            }
            else if (isAuthentication)
            {
                (cpf, error) = CheckReferences(root, tenantId);
                error ??= CheckImage(root, key.Settings);
            }
            else
            {
                (cpf, error) = CheckSubject(root);
                error ??= CheckImage(root, key.Settings);
            }

            if (error is not null)
            {
                return ByClientErrors.Response(400, error);
            }

            var outcome = NextOutcome(cpf);
            if (outcome.ErrorStatus is { } status)
            {
                return ByClientErrors.Response(status, outcome.ErrorCode!);
            }

            var subject = root.TryGetProperty("subject", out var s) ? s : default;
            var process = new ByClientProcessRecord
            {
                Id = Guid.NewGuid(),
                TenantId = tenantId,
                Key = key.Settings,
                Outcome = outcome,
                CreatedAt = _time.GetUtcNow(),
                Cpf = cpf,
                ClientReference = WireJson.GetString(subject, "clientReference"),
                IsOneToOne = isAuthentication,
                Document = captured,
            };
            _processes[process.Id] = process;
            if (captured is not null && !_documents.Contains(captured))
            {
                _documents.Add(captured);
            }

            Interlocked.Increment(ref _creations);
            return EmulatorResponse.Json(200, ByClientJson.Process(process, laterRead: false, details: false, PascalCase));
        }
    }

    public EmulatorResponse Get(string id, string tenantId, bool details)
    {
        if (!Guid.TryParseExact(id, "D", out var guid))
        {
            return ByClientErrors.Response(400, "20003");
        }

        if (!_processes.TryGetValue(guid, out var process) || process.TenantId != tenantId)
        {
            return EmulatorResponse.Json(404, WireJson.Write(w =>
            {
                w.WriteStartObject();
                w.WriteStartObject("error");
                w.WriteString("description", "process not found");
                w.WriteEndObject();
                w.WriteEndObject();
            }));
        }

        return EmulatorResponse.Json(200, ByClientJson.Process(process, laterRead: true, details, PascalCase));
    }

    public EmulatorResponse GetDocuments(HttpRequest request, string tenantId, EmulatedByClientApiKey key)
    {
        if (!key.Settings.Documents)
        {
            return ByClientErrors.Response(403, "30017");
        }

        var code = request.Query["code"].ToString();
        var type = request.Query["type"].ToString();
        if (code.Length == 0)
        {
            return ByClientErrors.Response(400, "20005");
        }

        if (!CpfCheckDigits.IsValid(code))
        {
            return ByClientErrors.Response(400, "20507");
        }

        if (!DocumentTypes.Contains(type, StringComparer.Ordinal))
        {
            return ByClientErrors.Response(400, "20003");
        }

        var found = _documents.Where(d => d.TenantId == tenantId && d.Cpf == code && d.Type == type).OrderBy(d => d.Id, StringComparer.Ordinal);
        return EmulatorResponse.Json(200, ByClientJson.Documents(found));
    }

    /// <summary>
    /// <c>POST /lists/{cpf}</c>: the outcome scripted for the CPF decides the status, an error or the <c>lists</c>;
    /// unscripted, status 3 with the canned <c>basicData</c>. Per-call scripts belong to <c>POST /processes/v1</c> and are
    /// left for it.
    /// </summary>
    public EmulatorResponse VerifyData(string cpf)
    {
        if (!CpfCheckDigits.IsValid(cpf))
        {
            return ByClientErrors.Response(400, "20507");
        }

        var outcome = _perCpf.TryGetValue(cpf, out var scripted) ? scripted : EmulatedByClientOutcome.Yes;
        if (outcome.ErrorStatus is { } status)
        {
            return ByClientErrors.Response(status, outcome.ErrorCode!);
        }

        return EmulatorResponse.Json(200, ByClientJson.DataVerification(cpf, outcome.Status, outcome.Lists));
    }

    private EmulatedByClientOutcome NextOutcome(string? cpf)
    {
        if (_nextCalls.TryDequeue(out var next))
        {
            return next;
        }

        return cpf is not null && _perCpf.TryGetValue(cpf, out var scripted) ? scripted : EmulatedByClientOutcome.Yes;
    }

    private static (string? Cpf, string? Error) CheckSubject(JsonElement root)
    {
        if (!root.TryGetProperty("subject", out var subject) || subject.ValueKind != JsonValueKind.Object)
        {
            return (null, "20004");
        }

        var code = WireJson.GetString(subject, "code");
        if (string.IsNullOrEmpty(code))
        {
            return (null, "20005");
        }

        if (string.IsNullOrWhiteSpace(WireJson.GetString(subject, "name")))
        {
            return (code, "20006");
        }

        if (!CpfCheckDigits.IsValid(code))
        {
            return (code, "20507");
        }

        if (WireJson.GetString(subject, "gender") is { } gender && gender is not ("M" or "F"))
        {
            return (code, "20508");
        }

        if (WireJson.GetString(subject, "birthDate") is { } birth
            && !DateOnly.TryParseExact(birth, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return (code, "20019");
        }

        return (code, null);
    }

    private (string? Cpf, string? Error) CheckReferences(JsonElement root, string tenantId)
    {
        string? cpf = null;
        if (root.TryGetProperty("references", out var references))
        {
            if (references.ValueKind != JsonValueKind.Array || references.GetArrayLength() == 0)
            {
                return (null, "20003");
            }

            foreach (var reference in references.EnumerateArray())
            {
                var type = WireJson.GetString(reference, "referenceType");
                var content = WireJson.GetString(reference, "referenceContent");
                if (type is not ("REFERENCE_TYPE_IMAGE_BASE64" or "REFERENCE_TYPE_PROCESS_ID") || string.IsNullOrEmpty(content))
                {
                    return (null, "20003");
                }

                cpf ??= type == "REFERENCE_TYPE_PROCESS_ID" ? CpfOfProcess(content, tenantId) : null;
            }
        }
        else
        {
            cpf = CpfOfProcess(WireJson.GetString(root, "referenceProcessId"), tenantId);
        }

        return (cpf, null);
    }

    private (string? Cpf, string? Error) CheckDocumentRequest(JsonElement root, string tenantId, out ReusableDocument? document)
    {
        document = null;
        if (!root.TryGetProperty("subject", out var subject) || subject.ValueKind != JsonValueKind.Object)
        {
            return (null, "20004");
        }

        var code = WireJson.GetString(subject, "code");
        if (string.IsNullOrEmpty(code))
        {
            return (null, "20005");
        }

        if (!CpfCheckDigits.IsValid(code))
        {
            return (code, "20507");
        }

        var request = root.GetProperty("document");
        var authProcessId = WireJson.GetString(request, "authProcessId");
        if (authProcessId is null || CpfOfProcess(authProcessId, tenantId) is null)
        {
            return (code, "20003");
        }

        if (WireJson.GetString(request, "documentId") is { } documentId)
        {
            document = _documents.FirstOrDefault(d => d.Id == documentId && d.TenantId == tenantId && d.Cpf == code);
            return document is null ? (code, "20003") : (code, null);
        }

        if (!request.TryGetProperty("files", out var files) || files.ValueKind != JsonValueKind.Array || files.GetArrayLength() == 0
            || files.EnumerateArray().Any(f => string.IsNullOrEmpty(WireJson.GetString(f, "data"))))
        {
            return (code, "20003");
        }

        document = new ReusableDocument(tenantId, code, "BR_CNH", Guid.NewGuid().ToString("D"));
        return (code, null);
    }

    private string? CheckImage(JsonElement root, ByClientKeySettings key)
    {
        var image = WireJson.GetString(root, "imageBase64");
        if (string.IsNullOrEmpty(image))
        {
            return "20009";
        }

        if (ByClientCaptures.LooksLikePayload(image))
        {
            return Captures.Redeem(image);
        }

        if (key.Liveness)
        {
            // With liveness contracted only the capture SDK's payload proves the capture was live.
            return "10506";
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(image);
        }
        catch (FormatException)
        {
            return "20900";
        }

        if (bytes.Length > MaxImageBytes)
        {
            return "20506";
        }

        var isJpeg = bytes is [0xFF, 0xD8, 0xFF, ..];
        var isPng = bytes is [0x89, 0x50, 0x4E, 0x47, ..];
        var isWebp = bytes.Length >= 12 && bytes.AsSpan(0, 4).SequenceEqual("RIFF"u8) && bytes.AsSpan(8, 4).SequenceEqual("WEBP"u8);
        return isJpeg || isPng || isWebp ? null : "20505";
    }

    private string? CpfOfProcess(string? id, string tenantId) =>
        Guid.TryParse(id, out var guid) && _processes.TryGetValue(guid, out var process) && process.TenantId == tenantId
            ? process.Cpf ?? string.Empty
            : null;
}
