using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Unico.IdCloud.AspNetCore.Tests.EmulatorOAuth2;

/// <summary>
/// The customer's own authorization server, as small as RFC 6749 allows: a real Kestrel socket serving the client
/// credentials grant at <see cref="TokenUrl"/>. It checks what a real one checks (POST, form body with
/// <c>grant_type=client_credentials</c>, the client authenticated by <c>client_secret_basic</c> decoded as §2.3.1 says),
/// counts requests, and remembers the tokens it issued so a receiver's validator can accept only those. A test can make
/// it misbehave, hold its answers, or revoke what it issued.
/// </summary>
public sealed class OAuth2TokenServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _clientId;
    private readonly string _clientSecret;
    private readonly object _gate = new();
    private readonly List<string> _issued = [];
    private readonly List<string> _refusals = [];
    private readonly HashSet<string> _valid = new(StringComparer.Ordinal);
    private readonly List<(int Count, TaskCompletionSource Signal)> _requestWaiters = [];
    private TaskCompletionSource? _hold;
    private int _requests;
    private int _failuresLeft = int.MaxValue;

    private OAuth2TokenServer(WebApplication app, string clientId, string clientSecret)
    {
        _app = app;
        _clientId = clientId;
        _clientSecret = clientSecret;
    }

    /// <summary>The token endpoint's URL.</summary>
    public Uri TokenUrl { get; private set; } = null!;

    /// <summary>What the server answers to a well-formed, authenticated request.</summary>
    public TokenAnswer Answer { get; set; } = TokenAnswer.Token;

    /// <summary>The <c>expires_in</c> of issued tokens; null leaves it out.</summary>
    public long? ExpiresInSeconds { get; set; } = 3600;

    /// <summary>The <c>token_type</c> of issued tokens.</summary>
    public string TokenType { get; set; } = "Bearer";

    /// <summary>Every request that reached the endpoint, whatever its outcome.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Every access_token value the server handed out (usable or not), oldest first.</summary>
    public IReadOnlyList<string> Issued
    {
        get
        {
            lock (_gate)
            {
                return [.. _issued];
            }
        }
    }

    /// <summary>Why requests were refused as a client error (wrong grant, wrong client credentials), oldest first.</summary>
    public IReadOnlyList<string> Refusals
    {
        get
        {
            lock (_gate)
            {
                return [.. _refusals];
            }
        }
    }

    public static async Task<OAuth2TokenServer> StartAsync(string clientId, string clientSecret)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new OAuth2TokenServer(app, clientId, clientSecret);
        app.MapPost("/oauth/token", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.TokenUrl = new Uri(new Uri(address), "/oauth/token");
        return server;
    }

    /// <summary>Whether <paramref name="token"/> was issued here and not revoked: the receiver's validator.</summary>
    public bool IsValid(string token)
    {
        lock (_gate)
        {
            return _valid.Contains(token);
        }
    }

    /// <summary>Revokes every token issued so far (a key rotation): receivers now answer 401 to them.</summary>
    public void RevokeIssued()
    {
        lock (_gate)
        {
            _valid.Clear();
        }
    }

    /// <summary>Answers <see cref="Answer"/> to the next <paramref name="requests"/> requests, then issues tokens.</summary>
    public void MisbehaveFor(int requests) => Volatile.Write(ref _failuresLeft, requests);

    /// <summary>From now on, requests wait (after being counted) until <see cref="Release"/>.</summary>
    public void Hold()
    {
        lock (_gate)
        {
            _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void Release()
    {
        lock (_gate)
        {
            _hold?.TrySetResult();
            _hold = null;
        }
    }

    /// <summary>Whether at least <paramref name="count"/> requests arrive within <paramref name="within"/> (real time).</summary>
    public async Task<bool> SawRequestsAsync(int count, TimeSpan within)
    {
        TaskCompletionSource signal;
        lock (_gate)
        {
            if (_requests >= count)
            {
                return true;
            }

            signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _requestWaiters.Add((count, signal));
        }

        try
        {
            await signal.Task.WaitAsync(within);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        Task? hold;
        lock (_gate)
        {
            _requests++;
            foreach (var (count, signal) in _requestWaiters)
            {
                if (_requests >= count)
                {
                    signal.TrySetResult();
                }
            }

            hold = _hold?.Task;
        }

        if (hold is not null)
        {
            await hold;
        }

        if (await ClientErrorAsync(context.Request) is { } refusal)
        {
            lock (_gate)
            {
                _refusals.Add(refusal.Reason);
            }

            await WriteAsync(context, refusal.Status, "application/json", $$"""{"error":"{{refusal.Error}}"}""");
            return;
        }

        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            switch (Answer)
            {
                case TokenAnswer.BadRequest:
                    // A provider that echoes what it received: the emulator must not copy error_description anywhere.
                    await WriteAsync(context, 400, "application/json", $$"""{"error":"invalid_scope","error_description":"client {{_clientId}} with secret {{_clientSecret}} may not"}""");
                    return;
                case TokenAnswer.NotJson:
                    await WriteAsync(context, 200, "text/html", $"<html><body>Login page. secret={_clientSecret}</body></html>");
                    return;
                case TokenAnswer.MacTokenType:
                    await WriteAsync(context, 200, "application/json", $$"""{"access_token":"{{NewToken(remember: false)}}","token_type":"mac","expires_in":3600}""");
                    return;
                case TokenAnswer.NotUtf8Token:
                    // Latin-1 bytes where JSON must be UTF-8: the parser accepts the document, decoding the string fails.
                    context.Response.StatusCode = 200;
                    context.Response.ContentType = "application/json";
                    await context.Response.Body.WriteAsync(
                        (byte[])[.. "{\"access_token\":\"at-"u8, 0xE9, 0xFF, .. "\",\"token_type\":\"Bearer\",\"expires_in\":3600}"u8]);
                    return;
                case TokenAnswer.LoneSurrogateToken:
                    await WriteAsync(context, 200, "application/json", """{"access_token":"at-\uD800","token_type":"Bearer","expires_in":3600}""");
                    return;
                case TokenAnswer.HeaderBreakingToken:
                    // Valid JSON whose token would split the receiver's request headers if it were sent as is.
                    await WriteAsync(context, 200, "application/json", """{"access_token":"at-1\r\nX-Injected: yes","token_type":"Bearer","expires_in":3600}""");
                    return;
                case TokenAnswer.NotUtf8Error:
                    context.Response.StatusCode = 400;
                    context.Response.ContentType = "application/json";
                    await context.Response.Body.WriteAsync((byte[])[.. "{\"error\":\"inv"u8, 0xFF, .. "\"}"u8]);
                    return;
            }
        }

        var token = NewToken(remember: true);
        var expires = ExpiresInSeconds is { } seconds ? $",\"expires_in\":{seconds}" : string.Empty;
        await WriteAsync(context, 200, "application/json", $$"""{"access_token":"{{token}}","token_type":"{{TokenType}}"{{expires}}}""");
    }

    private async Task<(int Status, string Error, string Reason)?> ClientErrorAsync(HttpRequest request)
    {
        if (!request.HasFormContentType)
        {
            return (400, "invalid_request", "not a form body: " + request.ContentType);
        }

        var form = await request.ReadFormAsync();
        if (form["grant_type"] != "client_credentials")
        {
            return (400, "unsupported_grant_type", "grant_type " + form["grant_type"]);
        }

        var authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return (401, "invalid_client", "no Basic client authentication");
        }

        // RFC 6749 §2.3.1: base64 of form-urlencoded id ':' form-urlencoded secret.
        var pair = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..]));
        var colon = pair.IndexOf(':', StringComparison.Ordinal);
        var id = colon < 0 ? pair : WebUtility.UrlDecode(pair[..colon]);
        var secret = colon < 0 ? string.Empty : WebUtility.UrlDecode(pair[(colon + 1)..]);
        if (id != _clientId || secret != _clientSecret)
        {
            return (401, "invalid_client", "wrong client credentials");
        }

        return null;
    }

    private string NewToken(bool remember)
    {
        var token = "at-" + Guid.NewGuid().ToString("N");
        lock (_gate)
        {
            _issued.Add(token);
            if (remember)
            {
                _valid.Add(token);
            }
        }

        return token;
    }

    private static async Task WriteAsync(HttpContext context, int status, string contentType, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body);
    }

    public enum TokenAnswer
    {
        Token,
        BadRequest,
        NotJson,
        MacTokenType,
        NotUtf8Token,
        LoneSurrogateToken,
        HeaderBreakingToken,
        NotUtf8Error,
    }
}
