using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Unico.IdCloud.Testing;

/// <summary>
/// The emulator's HTTP control API, under <c>/_emulator/</c> on every listener, so a test in any language can script
/// the emulator the way <see cref="IdCloudEmulator"/>'s methods do in .NET: create service accounts, finish processes
/// with an outcome, inject faults, point webhooks at a receiver, skew the <c>Date</c> header, reset. It calls the
/// emulator's public methods only. It is unauthenticated: the emulator listens on loopback only.
/// See docs/cli.md for the reference.
/// </summary>
internal sealed class EmulatorControlApi
{
    /// <summary>The path prefix of every control call. No Unico path starts with it.</summary>
    public const string Prefix = "/_emulator";

    private readonly IdCloudEmulator _emulator;
    private readonly ConcurrentDictionary<(string Tenant, string Account), EmulatedServiceAccount> _accounts = new();
    private long _dateSkewSeconds;

    public EmulatorControlApi(IdCloudEmulator emulator)
    {
        _emulator = emulator;
    }

    /// <summary>How far the <c>Date</c> header of every emulator answer is moved from the real clock.</summary>
    public TimeSpan DateSkew => TimeSpan.FromSeconds(Interlocked.Read(ref _dateSkewSeconds));

    /// <summary>
    /// Answers a control call and returns true; for any other request, applies the <c>Date</c> skew (if one is set)
    /// and returns false so the emulator serves it.
    /// </summary>
    public async Task<bool> TryHandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (!path.StartsWith(Prefix, StringComparison.Ordinal) || (path.Length > Prefix.Length && path[Prefix.Length] != '/'))
        {
            ApplyDateSkew(context);
            return false;
        }

        var segments = path[Prefix.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries);
        int status;
        byte[] body;
        try
        {
            (status, body) = await DispatchAsync(context, context.Request.Method, segments, context.RequestAborted).ConfigureAwait(false);
        }
        catch (ControlException ex)
        {
            (status, body) = (ex.StatusCode, ControlJson.Error(ex.Message));
        }
        catch (ArgumentException ex)
        {
            (status, body) = (400, ControlJson.Error(ex.Message));
        }
        catch (InvalidOperationException ex)
        {
            (status, body) = (409, ControlJson.Error(ex.Message));
        }

        ApplyDateSkew(context);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        return true;
    }

    private async Task<(int Status, byte[] Body)> DispatchAsync(HttpContext context, string method, string[] segments, CancellationToken cancellationToken)
    {
        using var request = HttpMethods.IsPost(method) || HttpMethods.IsPut(method)
            ? await ControlRequest.ReadAsync(context, cancellationToken).ConfigureAwait(false)
            : null;
        return (method, segments) switch
        {
            ("GET", []) => (200, Info()),
            ("POST", ["accounts"]) => (201, CreateAccount(request!)),
            ("POST", ["accounts", var tenant, var account, "lock"]) => (200, SetLock(tenant, account, locked: true)),
            ("POST", ["accounts", var tenant, var account, "unlock"]) => (200, SetLock(tenant, account, locked: false)),
            ("GET", ["processes"]) => (200, Processes()),
            ("POST", ["processes", var id, "finish"]) => (200, await FinishAsync(id, request!, cancellationToken).ConfigureAwait(false)),
            ("POST", ["faults"]) => (201, InjectFault(request!)),
            ("DELETE", ["faults"]) => (200, Do(_emulator.ResetFaults)),
            ("PUT", ["webhook"]) => (200, ConfigureWebhook(request!)),
            ("DELETE", ["webhook"]) => (200, Do(_emulator.DisableWebhook)),
            ("GET", ["webhook", "deliveries"]) => (200, Deliveries()),
            ("PUT", ["clock"]) => (200, SetClock(request!)),
            ("POST", ["tokens", "revoke"]) => (200, Do(_emulator.RevokeAccessTokens)),
            ("POST", ["reset"]) => (200, Reset()),
            _ => throw new ControlException(404, $"No control call {method} {Prefix}/{string.Join('/', segments)}. See docs/cli.md for the list."),
        };
    }

    private byte[] Info() => ControlJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("identityBaseAddress", _emulator.IdentityBaseAddress.OriginalString);
        w.WriteString("processApiBaseAddress", _emulator.ProcessApiBaseAddress.OriginalString);
        w.WriteString("signatureApiBaseAddress", _emulator.SignatureApiBaseAddress.OriginalString);
        w.WriteString("audience", _emulator.Audience);
        w.WriteString("tenantId", _emulator.TenantId);
        w.WriteNumber("processCount", _emulator.ProcessCreationCount);
        w.WriteNumber("tokenRequestCount", _emulator.TokenRequestCount);
        w.WriteNumber("dateSkewSeconds", (long)DateSkew.TotalSeconds);
        w.WriteStartArray("outcomes");
        foreach (var outcome in Enum.GetNames<EmulatedOutcome>())
        {
            w.WriteStringValue(outcome);
        }

        w.WriteEndArray();
        w.WriteStartArray("routes");
        foreach (var route in Enum.GetNames<EmulatorRoute>())
        {
            w.WriteStringValue(route);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    private byte[] CreateAccount(ControlRequest request)
    {
        var account = _emulator.CreateServiceAccount(request.String("accountName"), request.String("tenantId"));
        _accounts[(account.TenantId, account.AccountName)] = account;
        return ControlJson.Write(w => ControlJson.Account(w, _emulator, account));
    }

    private byte[] SetLock(string tenant, string accountName, bool locked)
    {
        if (!_accounts.TryGetValue((tenant, accountName), out var account))
        {
            throw new ControlException(404, $"No account {accountName} in tenant {tenant} was created through the control API.");
        }

        if (locked)
        {
            account.Lock();
        }
        else
        {
            account.Unlock();
        }

        return ControlJson.Ok();
    }

    private byte[] Processes() => ControlJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("processIds");
        foreach (var id in _emulator.ProcessIds)
        {
            w.WriteStringValue(id);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    private async Task<byte[]> FinishAsync(string id, ControlRequest request, CancellationToken cancellationToken)
    {
        var text = request.String("outcome") ?? nameof(EmulatedOutcome.Approved);
        if (!Enum.TryParse<EmulatedOutcome>(text, ignoreCase: true, out var outcome) || !Enum.IsDefined(outcome) || int.TryParse(text, out _))
        {
            throw new ControlException(400, $"Unknown outcome '{text}'. Use one of: {string.Join(", ", Enum.GetNames<EmulatedOutcome>())}.");
        }

        try
        {
            await _emulator.FinishProcessAsync(id, outcome, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            throw new ControlException(404, ex.Message);
        }

        return ControlJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("processId", id);
            w.WriteString("outcome", outcome.ToString());
            w.WriteEndObject();
        });
    }

    private byte[] InjectFault(ControlRequest request)
    {
        var routeText = request.RequiredString("route");
        if (!Enum.TryParse<EmulatorRoute>(routeText, ignoreCase: true, out var route) || !Enum.IsDefined(route) || int.TryParse(routeText, out _))
        {
            throw new ControlException(400, $"Unknown route '{routeText}'. Use one of: {string.Join(", ", Enum.GetNames<EmulatorRoute>())}.");
        }

        var kind = request.RequiredString("fault");
        var status = request.Int("status");
        var body = request.String("body");
        var contentType = request.String("contentType") ?? "application/json";
        var fault = kind.ToUpperInvariant() switch
        {
            "STATUS" => EmulatedFault.Status(status ?? throw new ControlException(400, "\"status\" is required for the Status fault."), body, contentType),
            "STATUSAFTERPROCESSING" => EmulatedFault.StatusAfterProcessing(status ?? throw new ControlException(400, "\"status\" is required for the StatusAfterProcessing fault."), body, contentType),
            "LATENCY" => EmulatedFault.Latency(TimeSpan.FromMilliseconds(request.Int("delayMilliseconds") ?? throw new ControlException(400, "\"delayMilliseconds\" is required for the Latency fault."))),
            "ABORT" => EmulatedFault.Abort(),
            "ABORTAFTERPROCESSING" => EmulatedFault.AbortAfterProcessing(),
            "MALFORMEDBODY" => EmulatedFault.MalformedBody(),
            "RATELIMITED" => EmulatedFault.RateLimited(request.Int("retryAfterSeconds") ?? 1),
            "GATEWAYERROR" => EmulatedFault.GatewayError(),
            _ => throw new ControlException(400, $"Unknown fault '{kind}'. Use Status, StatusAfterProcessing, Latency, Abort, AbortAfterProcessing, MalformedBody, RateLimited or GatewayError."),
        };
        var times = request.Int("times") ?? 1;
        _emulator.InjectFault(route, fault, times);
        return ControlJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("route", route.ToString());
            w.WriteString("fault", fault.ToString());
            w.WriteNumber("times", times);
            w.WriteEndObject();
        });
    }

    private byte[] ConfigureWebhook(ControlRequest request)
    {
        var urlText = request.RequiredString("url");
        if (!Uri.TryCreate(urlText, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ControlException(400, $"\"url\" must be an absolute http(s) URL (got '{urlText}').");
        }

        using var auth = request.Object("authentication");
        var mode = auth?.String("mode") ?? "none";
        var authentication = mode.ToUpperInvariant() switch
        {
            "NONE" => EmulatedWebhookAuthentication.None,
            "BASIC" => EmulatedWebhookAuthentication.Basic(auth!.RequiredString("user"), auth.RequiredString("password")),
            "APIKEY" or "API-KEY" => EmulatedWebhookAuthentication.ApiKey(auth!.RequiredString("value")),
            "BEARER" => EmulatedWebhookAuthentication.ApiKey("Authorization:Bearer " + auth!.RequiredString("token")),
            "AUTHORIZATION" => EmulatedWebhookAuthentication.ApiKey(NoColon(auth!.RequiredString("value"))),
            "OAUTH2" => EmulatedWebhookAuthentication.OAuth2(TokenUrl(auth!), auth!.RequiredString("clientId"), auth.RequiredString("clientSecret")),
            _ => throw new ControlException(400, $"Unknown authentication mode '{mode}'. Use none, basic, apiKey, bearer, authorization or oauth2."),
        };
        _emulator.ConfigureWebhook(url, authentication, request.Bool("deliverTwice"));
        return ControlJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("url", url.ToString());
            w.WriteString("authentication", mode.ToLowerInvariant());
            w.WriteBoolean("deliverTwice", request.Bool("deliverTwice"));
            w.WriteEndObject();
        });
    }

    /// <summary>The OAuth2 mode's <c>tokenUrl</c>: the customer's authorization server, where the emulator gets its tokens.</summary>
    private static Uri TokenUrl(ControlRequest auth)
    {
        var text = auth.RequiredString("tokenUrl");
        return Uri.TryCreate(text, UriKind.Absolute, out var tokenUrl) && (tokenUrl.Scheme == Uri.UriSchemeHttp || tokenUrl.Scheme == Uri.UriSchemeHttps)
            ? tokenUrl
            : throw new ControlException(400, $"\"tokenUrl\" must be an absolute http(s) URL (got '{text}').");
    }

    private static string NoColon(string value) =>
        value.Contains(':', StringComparison.Ordinal)
            ? throw new ControlException(400, "A raw Authorization value cannot contain ':' (Unico would read it as header:value); use mode apiKey with \"Authorization:<value>\".")
            : value;

    private byte[] Deliveries() => ControlJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("deliveries");
        foreach (var d in _emulator.WebhookDeliveries)
        {
            w.WriteStartObject();
            w.WriteString("processId", d.ProcessId);
            w.WriteNumber("copy", d.Copy);
            w.WriteNumber("attempt", d.Attempt);
            if (d.StatusCode is { } status)
            {
                w.WriteNumber("status", status);
            }
            else
            {
                w.WriteNull("status");
            }

            w.WriteBoolean("succeeded", d.Succeeded);
            w.WriteString("error", d.Error);
            w.WriteString("timestamp", d.Timestamp);
            w.WriteString("body", d.Body);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    private byte[] SetClock(ControlRequest request)
    {
        var seconds = request.Int("dateSkewSeconds") ?? 0;
        Interlocked.Exchange(ref _dateSkewSeconds, seconds);
        return ControlJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("dateSkewSeconds", seconds);
            w.WriteEndObject();
        });
    }

    private byte[] Reset()
    {
        _emulator.Reset();
        Interlocked.Exchange(ref _dateSkewSeconds, 0);
        return ControlJson.Ok();
    }

    private static byte[] Do(Action action)
    {
        action();
        return ControlJson.Ok();
    }

    /// <summary>
    /// Moves the <c>Date</c> header by the configured skew, so a client's clock check (idcloud doctor) can be tested.
    /// Only the header moves: the emulator still judges assertions and tokens by its own clock.
    /// </summary>
    private void ApplyDateSkew(HttpContext context)
    {
        var skew = Interlocked.Read(ref _dateSkewSeconds);
        if (skew == 0)
        {
            return;
        }

        context.Response.OnStarting(() =>
        {
            context.Response.Headers.Date = DateTimeOffset.UtcNow.AddSeconds(skew).ToString("r", CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
    }
}
