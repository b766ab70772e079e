using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Unico.IdCloud.Client;

namespace Unico.IdCloud.Testing;

/// <summary>
/// The emulated by Client API (<c>api.id[.uat].unico.app</c>: <c>/processes/v1</c>, <c>/processes/v2/{id}</c>,
/// <c>/documents/v1</c>, <c>/lists/{cpf}</c>) on its own loopback port, reached through <see cref="IdCloudEmulator.ByClient"/>. It accepts
/// the access tokens the emulator's identity endpoint issues, plus an <c>APIKEY</c> from <see cref="CreateApiKey"/>.
/// </summary>
/// <remarks>
/// Authentication answers as the vendor documents for this API: no <c>Authorization</c> 400/20001, an unknown token
/// 403/10501, an expired one 403/10502 (403, not 401), no <c>APIKEY</c> 400/20002, an unknown key 403/10201.
/// </remarks>
public sealed class ByClientEmulator : IAsyncDisposable
{
    private const string GatewayPage = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>";

    private readonly WebApplication _app;
    private readonly AccessTokenIssuer _tokens;
    private readonly ByClientEndpoints _endpoints;
    private readonly ConcurrentDictionary<string, EmulatedByClientApiKey> _keys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ByClientRoute, ConcurrentQueue<EmulatedFault>> _faults = new();
    private readonly List<EmulatedByClientRequest> _requests = [];
    private readonly object _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;

    private ByClientEmulator(WebApplication app, AccessTokenIssuer tokens, TimeProvider time)
    {
        _app = app;
        _tokens = tokens;
        _endpoints = new ByClientEndpoints(time);
    }

    /// <summary>The by Client host, e.g. <c>http://127.0.0.1:40125</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Every request received since the last <see cref="Reset"/>, oldest first. A snapshot.</summary>
    public IReadOnlyList<EmulatedByClientRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>
    /// How many processes <c>POST /processes/v1</c> created since the last <see cref="Reset"/> (including ones whose
    /// answer a fault replaced): proves that a POST was not retried into a second, billable process.
    /// </summary>
    public int ProcessCreationCount => _endpoints.CreationCount;

    /// <summary>
    /// Answer processes with PascalCase member names (<c>Id</c>, <c>Status</c>), as older responses did. Default off. The
    /// Data Verification answer is not affected: that endpoint has no such older form.
    /// </summary>
    public bool PascalCaseResponses
    {
        get => _endpoints.PascalCase;
        set => _endpoints.PascalCase = value;
    }

    internal static async Task<ByClientEmulator> StartAsync(AccessTokenIssuer tokens, IdCloudEmulatorOptions options, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(ByClientEmulator).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore();
        ListenOptions? listen = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 16L * 1024 * 1024;
            kestrel.Listen(IPAddress.Loopback, 0, l => listen = l);
        });
        builder.Services.AddSingleton<IHostLifetime, EmulatorHostLifetime>();
        if (options.LoggerFactory is { } loggerFactory)
        {
            builder.Services.AddSingleton(loggerFactory);
        }

        var app = builder.Build();
        var emulator = new ByClientEmulator(app, tokens, options.TimeProvider);
        app.Run(emulator.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        emulator.BaseAddress = new Uri("http://127.0.0.1:" + listen!.IPEndPoint!.Port.ToString(CultureInfo.InvariantCulture));
        return emulator;
    }

    /// <summary>Issues an API key for a use case and its capabilities.</summary>
    /// <param name="settings">Use case and capabilities; onboarding with liveness when null.</param>
    public EmulatedByClientApiKey CreateApiKey(ByClientKeySettings? settings = null)
    {
        var key = new EmulatedByClientApiKey("emu_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant(), settings ?? new ByClientKeySettings());
        _keys[key.Value] = key;
        return key;
    }

    /// <summary>Revokes a key: calls with it answer 403 with code 10201.</summary>
    /// <param name="key">The key.</param>
    public void RevokeApiKey(EmulatedByClientApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _keys.TryRemove(key.Value, out _);
    }

    /// <summary>
    /// A payload as the capture SDK hands it to the app after a selfie: send it as <c>imageBase64</c> within 10 minutes
    /// (emulator clock; 10507 after), once (10508 the second time).
    /// </summary>
    public string CreateCapture() => _endpoints.Captures.Issue();

    /// <summary>
    /// Every identity or 1:1 request for this CPF gets <paramref name="outcome"/> (unless a per-call script applies), and
    /// so does every Data Verification (<c>POST /lists/{cpf}</c>): its status, its error, or its
    /// <see cref="EmulatedByClientOutcome.Lists"/>.
    /// </summary>
    /// <param name="cpf">The 11 digits.</param>
    /// <param name="outcome">The verdict or error.</param>
    /// <exception cref="ArgumentException"><see cref="EmulatedByClientOutcome.Lists"/> is not a JSON object.</exception>
    public void ScriptOutcome(string cpf, EmulatedByClientOutcome outcome)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cpf);
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Lists is { } lists && !IsJsonObject(lists))
        {
            // Found when scripting, not as a broken answer in the middle of the test that relies on it.
            throw new ArgumentException("Lists must be the JSON text of an object, e.g. {\"basicData\":{...}}.", nameof(outcome));
        }

        _endpoints.ScriptPerCpf(cpf, outcome);
    }

    /// <summary>
    /// The next <c>POST /processes/v1</c> gets <paramref name="outcome"/>; calls queue up in order. A verdict applies once
    /// the request is valid; an error (<see cref="EmulatedByClientOutcome.Error"/>) replaces the call before its body is read.
    /// </summary>
    /// <param name="outcome">The verdict or error.</param>
    public void ScriptNextOutcome(EmulatedByClientOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        _endpoints.ScriptNext(outcome);
    }

    /// <summary>Registers a document the reuse check will return for the CPF.</summary>
    /// <param name="tenantId">The tenant that may see it (<see cref="IdCloudEmulator.TenantId"/> for the default accounts).</param>
    /// <param name="cpf">The 11 digits.</param>
    /// <param name="type">BR_RG, BR_CNH, BR_CIN or BR_PASSPORT.</param>
    /// <returns>The document id.</returns>
    public string AddReusableDocument(string tenantId, string cpf, string type)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(cpf);
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        return _endpoints.AddReusableDocument(tenantId, cpf, type);
    }

    /// <summary>Makes the next <paramref name="times"/> requests to <paramref name="route"/> fail as <paramref name="fault"/> says.</summary>
    /// <param name="route">The endpoint.</param>
    /// <param name="fault">What goes wrong.</param>
    /// <param name="times">How many requests it applies to.</param>
    public void InjectFault(ByClientRoute route, EmulatedFault fault, int times = 1)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        var queue = _faults.GetOrAdd(route, _ => new ConcurrentQueue<EmulatedFault>());
        for (var i = 0; i < times; i++)
        {
            queue.Enqueue(fault);
        }
    }

    /// <summary>Points <paramref name="options"/>' by Client host at this emulator and registers API keys under names.</summary>
    /// <param name="options">The SDK options.</param>
    /// <param name="apiKeys">Name and key pairs, e.g. <c>("onboarding", key)</c>.</param>
    public void ApplyTo(IdCloudOptions options, params (string Name, EmulatedByClientApiKey Key)[] apiKeys)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(apiKeys);
        options.ByClient.BaseAddress = BaseAddress;
        foreach (var (name, key) in apiKeys)
        {
            options.ByClient.ApiKeys[name] = key.Value;
        }
    }

    /// <summary>Drops pending faults and scripts, clears the request log and the creation counter, turns PascalCase off.</summary>
    public void Reset()
    {
        _faults.Clear();
        _endpoints.ResetScripts();
        lock (_gate)
        {
            _requests.Clear();
        }
    }

    /// <summary>Stops the listener.</summary>
    /// <returns>A task that completes when Kestrel has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        using (var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            try
            {
                await _app.StopAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Connections still open after the grace period were aborted.
            }
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => $"ByClientEmulator {{ BaseAddress = {BaseAddress?.OriginalString} }}";

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        var route = Match(request.Method, path, out var id, out var allowed);
        EmulatedFault? fault = null;
        EmulatorResponse? response = null;
        var recorded = 0;
        void Record(int? status)
        {
            if (Interlocked.Exchange(ref recorded, 1) == 0)
            {
                var code = response?.Body is { } body && status >= 400 ? CodeOf(body) : null;
                lock (_gate)
                {
                    _requests.Add(new EmulatedByClientRequest(request.Method, path, route, status, code, request.Headers.ContainsKey("APIKEY"), fault?.Kind));
                }
            }
        }

        // Journal as the answer starts, so a client holding its answer finds the call in Requests.
        context.Response.OnStarting(() =>
        {
            Record(context.Response.StatusCode);
            return Task.CompletedTask;
        });
        try
        {
            if (route is null)
            {
                response = allowed is null ? EmulatorResponse.Text(404, "404 page not found") : EmulatorResponse.Text(405, "Method Not Allowed").WithHeader("Allow", allowed);
            }
            else
            {
                fault = _faults.TryGetValue(route.Value, out var queue) && queue.TryDequeue(out var next) ? next : null;
                response = await HandleRouteAsync(context, route.Value, id, fault).ConfigureAwait(false);
            }

            if (response is null)
            {
                Record(null);
                context.Abort();
                return;
            }

            await response.WriteAsync(context, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested || _stopping.IsCancellationRequested)
        {
            context.Abort();
        }
        finally
        {
            Record(response?.StatusCode);
        }
    }

    /// <returns>The answer, or <see langword="null"/> to drop the connection.</returns>
    private async Task<EmulatorResponse?> HandleRouteAsync(HttpContext context, ByClientRoute route, string id, EmulatedFault? fault)
    {
        switch (fault?.Kind)
        {
            case EmulatedFaultKind.StatusBeforeProcessing:
                return FaultResponse(fault);
            case EmulatedFaultKind.Abort:
                return null;
            case EmulatedFaultKind.RateLimited:
                var seconds = ((long)fault.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                return EmulatorResponse.Json(429, WireJson.Write(w =>
                {
                    w.WriteStartObject();
                    w.WriteStartObject("error");
                    w.WriteString("description", "Too many requests");
                    w.WriteEndObject();
                    w.WriteEndObject();
                })).WithHeader("Retry-After", seconds);
            case EmulatedFaultKind.GatewayError:
                return EmulatorResponse.Text(502, GatewayPage, "text/html");
            case EmulatedFaultKind.Delay:
                using (var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token))
                {
                    await Task.Delay(fault.Delay, linked.Token).ConfigureAwait(false);
                }

                break;
        }

        var answer = await AuthenticateAndRunAsync(context, route, id).ConfigureAwait(false);
        return fault?.Kind switch
        {
            EmulatedFaultKind.AbortAfterProcessing => null,
            EmulatedFaultKind.StatusAfterProcessing => FaultResponse(fault),
            EmulatedFaultKind.MalformedBody => EmulatorResponse.Bytes(200, "application/json", answer.Body is { Length: > 2 } b ? b[..(b.Length / 2)] : "{\"id\":"u8.ToArray()),
            _ => answer,
        };
    }

    private async Task<EmulatorResponse> AuthenticateAndRunAsync(HttpContext context, ByClientRoute route, string id)
    {
        var headers = context.Request.Headers;
        if (!headers.TryGetValue("Authorization", out var authorization) || authorization.ToString().Length == 0)
        {
            return ByClientErrors.Response(400, "20001");
        }

        var bearer = _tokens.Check(authorization.ToString());
        if (bearer.Status != BearerStatus.Valid)
        {
            return ByClientErrors.Response(403, bearer.Status == BearerStatus.Expired ? "10502" : "10501");
        }

        if (!headers.TryGetValue("APIKEY", out var apiKey) || apiKey.ToString().Length == 0)
        {
            return ByClientErrors.Response(400, "20002");
        }

        if (!_keys.TryGetValue(apiKey.ToString(), out var key))
        {
            return ByClientErrors.Response(403, "10201");
        }

        var tenant = bearer.TenantId!;
        return route switch
        {
            ByClientRoute.CreateProcess => await _endpoints.CreateAsync(context, tenant, key, context.RequestAborted).ConfigureAwait(false),
            ByClientRoute.GetProcess => _endpoints.Get(id, tenant, details: false),
            ByClientRoute.GetProcessDetails => _endpoints.Get(id, tenant, details: true),
            ByClientRoute.VerifyData => _endpoints.VerifyData(id),
            _ => _endpoints.GetDocuments(context.Request, tenant, key),
        };
    }

    private static ByClientRoute? Match(string method, string path, out string id, out string? allowed)
    {
        id = string.Empty;
        var segments = path.Split('/');
        (ByClientRoute? route, allowed) = segments switch
        {
            ["", "processes", "v1"] or ["", "processes", "v1", ""] => ((ByClientRoute?)ByClientRoute.CreateProcess, "POST"),
            ["", "processes", "v1", { Length: > 0 }] => (ByClientRoute.GetProcess, "GET"),
            ["", "processes", "v2", { Length: > 0 }] => (ByClientRoute.GetProcessDetails, "GET"),
            ["", "documents", "v1"] => (ByClientRoute.GetReusableDocuments, "GET"),
            ["", "lists", { Length: > 0 }] => (ByClientRoute.VerifyData, "POST"),
            _ => (null, null),
        };
        if (route is ByClientRoute.GetProcess or ByClientRoute.GetProcessDetails)
        {
            id = segments[3];
        }
        else if (route is ByClientRoute.VerifyData)
        {
            id = segments[2];
        }

        return route is not null && HttpMethods.Equals(method, allowed!) ? route : null;
    }

    private static bool IsJsonObject(string json)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static EmulatorResponse FaultResponse(EmulatedFault fault) =>
        fault.Body is null
            ? EmulatorResponse.Empty(fault.StatusCode!.Value)
            : EmulatorResponse.Bytes(fault.StatusCode!.Value, fault.ContentType, Encoding.UTF8.GetBytes(fault.Body));

    private static string? CodeOf(byte[] body)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("error", out var error) ? WireJson.GetString(error, "code") : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
