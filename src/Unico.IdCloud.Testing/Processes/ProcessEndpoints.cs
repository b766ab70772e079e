using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Unico.IdCloud.Testing;

/// <summary>
/// The by Unico process API: CreateProcess, GetProcess, GetSelfie, GetEvidenceSet, Set Process Document (the journey
/// page is <see cref="JourneyEndpoint"/>).
/// </summary>
internal sealed class ProcessEndpoints
{
    private const string InvalidId = "process id is invalid";
    private const string NotFound = "error getting process: rpc error: code = NotFound desc = process not found";
    private const int MaxDuiValueLength = 320;

    private static readonly HashSet<string> SettableDuiTypes = new(StringComparer.Ordinal) { "DUI_TYPE_BR_CPF", "DUI_TYPE_MX_CURP", "DUI_TYPE_US_SSN" };

    private readonly ProcessStore _store;
    private readonly ProcessLifecycle _lifecycle;
    private readonly TimeProvider _time;
    private readonly string _baseAddress;
    private readonly byte[] _selfie;
    private readonly RequestJournal _journal;
    private readonly ResponseForms _forms;

    public ProcessEndpoints(ProcessStore store, ProcessLifecycle lifecycle, TimeProvider time, string baseAddress, byte[] selfie, RequestJournal journal, ResponseForms forms)
    {
        _store = store;
        _forms = forms;
        _journal = journal;
        _lifecycle = lifecycle;
        _time = time;
        _baseAddress = baseAddress;
        _selfie = selfie;
    }

    public async Task<EmulatorResponse> CreateAsync(HttpContext context, string tenantId, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, default, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return InvalidArgument("proto: syntax error: the request body is not valid JSON");
        }

        using (document)
        {
            var request = CreateProcessRequest.Parse(document.RootElement, out var error);
            if (request is null)
            {
                return InvalidArgument(error!);
            }

            if (request.BioTokenId is { } bioTokenId && !IsCompletedProcess(bioTokenId, tenantId))
            {
                // The field table: "deve-se utilizar um id de um processo concluído de qualquer outro flow de verificação
                // de identidade". The vendor documents no message for this case; the wording is the emulator's.
                return InvalidArgument($"invalid bioTokenId: {bioTokenId} is not the id of a completed identity verification process");
            }

            var now = _time.GetUtcNow();
            var id = Guid.NewGuid();
            var process = new EmulatedProcess
            {
                Id = id,
                TenantId = tenantId,
                Flow = request.Flow,
                Purpose = request.Purpose,
                CallbackUri = request.CallbackUri,
                Person = request.Person,
                ClientReference = request.ClientReference,
                CompanyBranchId = request.CompanyBranchId,
                PayloadDocumentNames = request.DocumentNames,
                CreatedAt = now,
                ExpiresAt = now + request.ExpiresIn,
                UserRedirectUrl = _baseAddress + "/process/" + id.ToString("D"),
                BranchId = request.CompanyBranchId ?? BranchOf(tenantId),
                JourneyToken = JourneyToken(id, now + request.ExpiresIn),
            };
            _store.Add(process);
            _lifecycle.ScheduleExpiry(process);
            _journal.CountProcessCreation();
            return EmulatorResponse.Json(200, ProcessJson.Envelope(process, _baseAddress));
        }
    }

    public EmulatorResponse Get(string id, string tenantId)
    {
        var (process, failure) = Lookup(id, tenantId);
        return process is null ? failure! : EmulatorResponse.Json(200, ProcessJson.Envelope(process, _baseAddress));
    }

    public EmulatorResponse GetSelfie(string id, EmulatedServiceAccount account)
    {
        if (!Guid.TryParseExact(id, "D", out _))
        {
            return InvalidArgument(InvalidId);
        }

        if (!account.Permissions.HasFlag(EmulatedPermissions.Selfie))
        {
            return NoPermission();
        }

        var (process, failure) = Lookup(id, account.TenantId);
        if (process is null)
        {
            return failure!;
        }

        if (process.Finish is not { HasCapture: true })
        {
            return _forms.ProcessNotFound("5", "error getting selfie: rpc error: code = NotFound desc = selfie not found");
        }

        return EmulatorResponse.Json(200, FileJson(_selfie, "image/jpeg"));
    }

    public EmulatorResponse GetEvidenceSet(string id, EmulatedServiceAccount account)
    {
        if (!Guid.TryParseExact(id, "D", out _))
        {
            return InvalidArgument(InvalidId);
        }

        if (!account.Permissions.HasFlag(EmulatedPermissions.EvidenceSet))
        {
            return NoPermission();
        }

        var (process, failure) = Lookup(id, account.TenantId);
        if (process is null)
        {
            return failure!;
        }

        if (process.Finish is not { HasCapture: true } finish)
        {
            return _forms.ProcessNotFound("5", "error getting evidence set: rpc error: code = NotFound desc = evidence set not found");
        }

        var pdf = EmulatorDocuments.EvidenceSet(process, finish, _selfie).ToArray();
        return EmulatorResponse.Json(200, FileJson(pdf, "x-pdf"));
    }

    /// <summary>
    /// <c>POST /client/v1/process/{id}/document</c> (Set Process Document): <c>{"duiType","duiValue"}</c> for a process
    /// created without the person's document, allowed only while it awaits one; once set it cannot change.
    /// </summary>
    public async Task<EmulatorResponse> SetDocumentAsync(HttpContext context, string id, string tenantId, CancellationToken cancellationToken)
    {
        var (process, failure) = Lookup(id, tenantId);
        if (process is null)
        {
            return failure!;
        }

        string? duiType, duiValue;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, default, cancellationToken).ConfigureAwait(false);
            duiType = WireJson.GetString(document.RootElement, "duiType");
            duiValue = WireJson.GetString(document.RootElement, "duiValue");
        }
        catch (JsonException)
        {
            return InvalidArgument("proto: syntax error: the request body is not valid JSON");
        }

        if (duiType is null || !SettableDuiTypes.Contains(duiType))
        {
            return InvalidArgument("invalid duiType: use DUI_TYPE_BR_CPF, DUI_TYPE_MX_CURP or DUI_TYPE_US_SSN");
        }

        if (string.IsNullOrWhiteSpace(duiValue) || duiValue.Length > MaxDuiValueLength
            || (duiType == "DUI_TYPE_BR_CPF" && !CpfCheckDigits.IsValid(duiValue)))
        {
            return InvalidArgument("idnsv2/GetPublicID request error: rpc error: code = InvalidArgument desc = invalid dui value");
        }

        if (!_store.TrySetDocument(process, duiType, duiValue))
        {
            // A state that forbids it (already has a document, finished, expired): 400, code 9 as gRPC's FailedPrecondition.
            return EmulatorResponse.Json(400, WireJson.ProcessApiError("9", $"process is not awaiting a document (state {process.State})"));
        }

        return EmulatorResponse.Json(200, ProcessJson.DocumentSet(process));
    }

    /// <summary>The documented 403: "7 / no permission / Quando a conta de serviço não possui a permissão para obter a selfie".</summary>
    private static EmulatorResponse NoPermission() => EmulatorResponse.Json(403, WireJson.ProcessApiError("7", "no permission"));

    private bool IsCompletedProcess(string id, string tenantId)
    {
        var process = Guid.TryParseExact(id, "D", out var guid) ? _store.Find(guid) : null;
        if (process is null || !string.Equals(process.TenantId, tenantId, StringComparison.Ordinal))
        {
            return false;
        }

        _lifecycle.ExpireIfDue(process);
        return process.Finish is { Outcome: not (EmulatedOutcome.Expired or EmulatedOutcome.ProcessingError) };
    }

    private static EmulatorResponse InvalidArgument(string description) =>
        EmulatorResponse.Json(400, WireJson.ProcessApiError("3", description));

    private static byte[] FileJson(byte[] contents, string contentType) => WireJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("fileContents", Convert.ToBase64String(contents));
        w.WriteString("contentType", contentType);
        w.WriteEndObject();
    });

    private static string BranchOf(string tenantId)
    {
        // A stable branch id per tenant, shaped like Unico's (a UUID).
        var hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("branch:" + tenantId));
        return new Guid(hash.AsSpan(0, 16)).ToString("D");
    }

    /// <summary>The token the front-end SDK would be initialised with: JWT-shaped, opaque, not an access token.</summary>
    private static string JourneyToken(Guid processId, DateTimeOffset expiresAt)
    {
        var header = Base64Url.Encode("""{"alg":"HS256","typ":"JWT"}"""u8);
        var payload = Base64Url.Encode(WireJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("processId", processId.ToString("D"));
            w.WriteNumber("exp", expiresAt.ToUnixTimeSeconds());
            w.WriteEndObject();
        }));
        return header + "." + payload + "." + Base64Url.Encode(RandomNumberGenerator.GetBytes(32));
    }

    private (EmulatedProcess? Process, EmulatorResponse? Failure) Lookup(string id, string tenantId)
    {
        if (!Guid.TryParseExact(id, "D", out var guid))
        {
            return (null, InvalidArgument(InvalidId));
        }

        var process = _store.Find(guid);
        if (process is null || !string.Equals(process.TenantId, tenantId, StringComparison.Ordinal))
        {
            return (null, _forms.ProcessNotFound("5", NotFound));
        }

        _lifecycle.ExpireIfDue(process);
        return (process, null);
    }
}
