using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Unico.IdCloud.Testing;

/// <summary>
/// The emulator's one request handler: finds the listener and endpoint, applies injected faults, checks the bearer
/// token, runs the endpoint, logs the request. An emulator bug answers 500 with a message saying so; nothing hangs.
/// </summary>
internal sealed class EmulatorDispatcher
{
    private const string GatewayPage =
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>emulated gateway</center>\r\n</body>\r\n</html>\r\n";

    private static readonly byte[] TruncatedPdf = [.. "%PDF-1.4\n%"u8, 0xE2, 0xE3, 0xCF, 0xD3, .. "\n1 0 obj\n<< /Type /Catalog /Pa"u8];

    private readonly CancellationToken _stopping;
    private readonly bool _identifyByHostPort;

    // Set once Kestrel has bound its ports: the components need the real base addresses.
    private volatile Attachment? _attachment;

    /// <param name="identifyByHostPort">
    /// In memory there are no listeners: the port of the request's Host header names the host instead of the local port.
    /// </param>
    /// <param name="stopping">Signalled when the emulator stops.</param>
    public EmulatorDispatcher(bool identifyByHostPort, CancellationToken stopping)
    {
        _stopping = stopping;
        _identifyByHostPort = identifyByHostPort;
    }

    private EmulatorComponents Parts => _attachment!.Components;

    /// <summary>Starts serving, once the bound ports of the identity, process and signature listeners are known.</summary>
    public void Attach(EmulatorComponents components, int identityPort, int processPort, int signaturePort) =>
        _attachment = new Attachment(components, [identityPort, processPort, signaturePort]);

    public async Task HandleAsync(HttpContext context)
    {
        if (_attachment is null)
        {
            await EmulatorResponse.Text(503, "IDCloud emulator: still starting.").WriteAsync(context, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var request = context.Request;
        var path = request.Path.Value ?? "/";
        var timestamp = Parts.Time.GetUtcNow();
        var hasAuthorization = request.Headers.ContainsKey("Authorization");
        var listener = Identify(_identifyByHostPort ? request.Host.Port ?? 0 : context.Connection.LocalPort);
        if (listener is null)
        {
            await EmulatorResponse.Text(500, "IDCloud emulator: the request arrived on a port the emulator did not open.").WriteAsync(context, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var match = EmulatorRouteMatch.Find(listener.Value, path);
        EmulatedFault? fault = null;
        string? tenant = null;
        int? status = null;
        var recorded = 0;
        void Record(int? answered)
        {
            if (Interlocked.Exchange(ref recorded, 1) == 0)
            {
                Parts.Journal.Add(new EmulatorRequest(listener.Value, request.Method, path, match?.Route, answered, timestamp, hasAuthorization, fault?.Kind));
                if (answered == 429 && tenant is not null)
                {
                    Parts.Traffic.CountRateLimited(tenant);
                }
            }
        }

        // Journal the request as its answer starts (or before a scripted abort drops the connection), not after it is
        // written: a client that has its answer (a test reading Requests right after a call) must find the call there.
        context.Items[JournalBeforeAbortKey] = (Action)(() => Record(null));
        context.Response.OnStarting(() =>
        {
            Record(context.Response.StatusCode);
            return Task.CompletedTask;
        });
        try
        {
            status = await HandleMatchAsync(context, match, f => fault = f, t => tenant = t).ConfigureAwait(false);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested || _stopping.IsCancellationRequested)
        {
            // The client went away or the emulator is stopping: nobody is waiting for an answer.
            context.Abort();
        }
        catch (BadHttpRequestException exception) when (!context.Response.HasStarted)
        {
            // Kestrel refused the request itself (e.g. a body over the size limit): the client's fault, not ours.
            status = await WriteAsync(context, EmulatorResponse.Text(exception.StatusCode, exception.Message)).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            EmulatorLog.HandlerFailed(Parts.Logger, exception, request.Method, path);
            status = await AnswerInternalFailureAsync(context, exception).ConfigureAwait(false);
        }
        finally
        {
            Record(status);
            EmulatorLog.Handled(Parts.Logger, request.Method, path, listener.Value, status, fault?.Kind);
        }
    }

    private async Task<int?> HandleMatchAsync(HttpContext context, EmulatorRouteMatch? match, Action<EmulatedFault> applied, Action<string> attributed)
    {
        var cancellationToken = context.RequestAborted;
        if (match is not { } m)
        {
            // What a Go HTTP mux answers for an unknown path.
            return await WriteAsync(context, EmulatorResponse.Text(404, "404 page not found")).ConfigureAwait(false);
        }

        if (!HttpMethods.Equals(context.Request.Method, m.AllowedMethod))
        {
            return await WriteAsync(context, EmulatorResponse.Text(405, "Method Not Allowed").WithHeader("Allow", m.AllowedMethod)).ConfigureAwait(false);
        }

        if (m.Route == EmulatorRoute.Token)
        {
            Parts.Journal.CountTokenRequest();
        }

        // The bearer is read first so the request counts against its tenant's budget. The limit sits in front of
        // everything else, as a gateway's does: a refused request consumes no injected fault and reaches no endpoint.
        var bearer = m.RequiresBearer
            ? Parts.AccessTokens.Check(context.Request.Headers.Authorization.ToString() is { Length: > 0 } value ? value : null)
            : BearerCheck.Invalid;
        if (bearer is { Status: BearerStatus.Valid, TenantId: { } tenant })
        {
            attributed(tenant);
            if (Parts.Traffic.Admit(tenant) is { } retryAfter)
            {
                return await WriteAsync(context, RateLimited(retryAfter)).ConfigureAwait(false);
            }
        }

        var fault = m.Route is { } route ? Parts.Faults.TakeNext(route) : null;
        if (fault is not null)
        {
            applied(fault);
            var early = await ApplyBeforeProcessingAsync(context, fault).ConfigureAwait(false);
            if (early.Handled)
            {
                return early.Status;
            }
        }

        var response = await RunEndpointAsync(context, m, bearer, cancellationToken).ConfigureAwait(false);
        if (fault is not null)
        {
            switch (fault.Kind)
            {
                case EmulatedFaultKind.AbortAfterProcessing:
                    AbortScripted(context);
                    return null;
                case EmulatedFaultKind.StatusAfterProcessing:
                    response = FaultResponse(fault);
                    break;
                case EmulatedFaultKind.MalformedBody:
                    response = Malformed(response, m.Route);
                    break;
            }
        }

        return await WriteAsync(context, response).ConfigureAwait(false);
    }

    private const string JournalBeforeAbortKey = "Unico.IdCloud.Testing.JournalBeforeAbort";

    /// <summary>Drops the connection for an injected abort fault, journalling the request first (see HandleAsync).</summary>
    private static void AbortScripted(HttpContext context)
    {
        if (context.Items.TryGetValue(JournalBeforeAbortKey, out var journal) && journal is Action record)
        {
            record();
        }

        context.Abort();
    }

    private async Task<(bool Handled, int? Status)> ApplyBeforeProcessingAsync(HttpContext context, EmulatedFault fault)
    {
        switch (fault.Kind)
        {
            case EmulatedFaultKind.StatusBeforeProcessing:
                return (true, await WriteAsync(context, FaultResponse(fault)).ConfigureAwait(false));
            case EmulatedFaultKind.Abort:
                AbortScripted(context);
                return (true, null);
            case EmulatedFaultKind.RateLimited:
                return (true, await WriteAsync(context, RateLimited((long)fault.RetryAfter.TotalSeconds)).ConfigureAwait(false));
            case EmulatedFaultKind.GatewayError:
                return (true, await WriteAsync(context, EmulatorResponse.Text(502, GatewayPage, "text/html")).ConfigureAwait(false));
            case EmulatedFaultKind.Delay:
                using (var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping))
                {
                    await Task.Delay(fault.Delay, linked.Token).ConfigureAwait(false);
                }

                return (false, null);
            default:
                return (false, null);
        }
    }

    /// <summary>429 with <c>Retry-After</c> in whole seconds and code 8 (gRPC ResourceExhausted).</summary>
    private static EmulatorResponse RateLimited(long retryAfterSeconds)
    {
        var seconds = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return EmulatorResponse.Json(429, WireJson.ProcessApiError("8", "Too many requests: slow down and retry after " + seconds + " s"))
            .WithHeader("Retry-After", seconds);
    }

    private async Task<EmulatorResponse> RunEndpointAsync(HttpContext context, EmulatorRouteMatch match, BearerCheck bearer, CancellationToken cancellationToken)
    {
        if (match.IsJourneyPage)
        {
            return Parts.Processes.JourneyPage(match.Id);
        }

        if (match.Route == EmulatorRoute.Token)
        {
            return await Parts.Token.HandleAsync(context, cancellationToken).ConfigureAwait(false);
        }

        if (bearer is not { Status: BearerStatus.Valid, Account: { } account })
        {
            // The two messages the vendor documents, as JSON (documented) or plain text (a gateway's), as configured.
            return Parts.Forms.Unauthorized(expired: bearer.Status == BearerStatus.Expired);
        }

        var tenant = account.TenantId;
        return match.Route switch
        {
            EmulatorRoute.CreateProcess => await Parts.Processes.CreateAsync(context, tenant, cancellationToken).ConfigureAwait(false),
            EmulatorRoute.GetProcess => Parts.Processes.Get(match.Id, tenant),
            EmulatorRoute.GetSelfie => Parts.Processes.GetSelfie(match.Id, account),
            EmulatorRoute.GetEvidenceSet => Parts.Processes.GetEvidenceSet(match.Id, account),
            EmulatorRoute.SetProcessDocument => await Parts.Processes.SetDocumentAsync(context, match.Id, tenant, cancellationToken).ConfigureAwait(false),
            EmulatorRoute.GetSignedDocument => Parts.Signature.GetFile(match.Id, tenant),
            EmulatorRoute.GetSignatureEvidence => Parts.Signature.GetEvidence(match.Id, tenant),
            _ => throw new InvalidOperationException($"No endpoint is wired for route {match.Route}."),
        };
    }

    private static EmulatorResponse FaultResponse(EmulatedFault fault) =>
        fault.Body is null
            ? EmulatorResponse.Empty(fault.StatusCode!.Value)
            : EmulatorResponse.Bytes(fault.StatusCode!.Value, fault.ContentType, Encoding.UTF8.GetBytes(fault.Body));

    /// <summary>200 with the real body cut in half (JSON), or the start of a PDF that never ends.</summary>
    private static EmulatorResponse Malformed(EmulatorResponse real, EmulatorRoute? route)
    {
        if (route is EmulatorRoute.GetSignedDocument or EmulatorRoute.GetSignatureEvidence)
        {
            return EmulatorResponse.Bytes(200, "application/pdf", TruncatedPdf);
        }

        var body = real.Body is { Length: > 2 } bytes ? bytes[..(bytes.Length / 2)] : "{\"error\":"u8.ToArray();
        return EmulatorResponse.Bytes(200, "application/json", body);
    }

    private static async Task<int?> WriteAsync(HttpContext context, EmulatorResponse response)
    {
        await response.WriteAsync(context, context.RequestAborted).ConfigureAwait(false);
        return response.StatusCode;
    }

    private static async Task<int?> AnswerInternalFailureAsync(HttpContext context, Exception exception)
    {
        if (context.Response.HasStarted)
        {
            context.Abort();
            return null;
        }

        context.Response.Clear();
        var description = $"Internal failure! Try again later (IDCloud emulator bug: {exception.GetType().Name}: {exception.Message})";
        var response = EmulatorResponse.Json(500, WireJson.ProcessApiError("99999", description));
        try
        {
            await response.WriteAsync(context, context.RequestAborted).ConfigureAwait(false);
            return 500;
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            return null;
        }
    }

    private EmulatorListener? Identify(int localPort)
    {
        var ports = _attachment!.Ports;
        for (var i = 0; i < ports.Length; i++)
        {
            if (ports[i] == localPort)
            {
                return (EmulatorListener)i;
            }
        }

        return null;
    }

    private sealed record Attachment(EmulatorComponents Components, int[] Ports);
}
