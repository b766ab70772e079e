using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Unico.IdCloud.Testing;

/// <summary>The by Unico process API: CreateProcess, GetProcess, GetSelfie, GetEvidenceSet (the journey page is <see cref="JourneyEndpoint"/>).</summary>
internal sealed class ProcessEndpoints
{
    private const string InvalidId = "process id is invalid";
    private const string NotFound = "error getting process: rpc error: code = NotFound desc = process not found";

    private readonly ProcessStore _store;
    private readonly ProcessLifecycle _lifecycle;
    private readonly TimeProvider _time;
    private readonly string _baseAddress;
    private readonly byte[] _selfie;
    private readonly RequestJournal _journal;

    public ProcessEndpoints(ProcessStore store, ProcessLifecycle lifecycle, TimeProvider time, string baseAddress, byte[] selfie, RequestJournal journal)
    {
        _store = store;
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
            _journal.CountProcessCreation();
            return EmulatorResponse.Json(200, ProcessJson.Envelope(process, _baseAddress));
        }
    }

    public EmulatorResponse Get(string id, string tenantId)
    {
        var (process, failure) = Lookup(id, tenantId);
        return process is null ? failure! : EmulatorResponse.Json(200, ProcessJson.Envelope(process, _baseAddress));
    }

    public EmulatorResponse GetSelfie(string id, string tenantId)
    {
        var (process, failure) = Lookup(id, tenantId);
        if (process is null)
        {
            return failure!;
        }

        if (process.Finish is not { HasCapture: true })
        {
            return EmulatorResponse.Json(404, WireJson.ProcessApiError("5", "error getting selfie: rpc error: code = NotFound desc = selfie not found"));
        }

        return EmulatorResponse.Json(200, FileJson(_selfie, "image/jpeg"));
    }

    public EmulatorResponse GetEvidenceSet(string id, string tenantId)
    {
        var (process, failure) = Lookup(id, tenantId);
        if (process is null)
        {
            return failure!;
        }

        if (process.Finish is not { HasCapture: true } finish)
        {
            return EmulatorResponse.Json(404, WireJson.ProcessApiError("5", "error getting evidence set: rpc error: code = NotFound desc = evidence set not found"));
        }

        var pdf = EmulatorDocuments.EvidenceSet(process, finish, _selfie).ToArray();
        return EmulatorResponse.Json(200, FileJson(pdf, "x-pdf"));
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
            return (null, EmulatorResponse.Json(404, WireJson.ProcessApiError("5", NotFound)));
        }

        _lifecycle.ExpireIfDue(process);
        return (process, null);
    }
}
