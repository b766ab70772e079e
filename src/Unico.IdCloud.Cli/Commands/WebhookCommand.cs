using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Unico.IdCloud.Cli.Output;
using Unico.IdCloud.Cli.Webhooks;
using Unico.IdCloud.Testing;

namespace Unico.IdCloud.Cli.Commands;

/// <summary>
/// <c>idcloud webhook send &lt;url&gt; [--basic u:p | --api-key h:v | --authorization raw | --bearer t | --oauth2 token-url
/// --client-id id --client-secret s]</c>: delivers one
/// notification shaped like Unico's (<c>{"processId","state","flow"}</c>, plus <c>lastEvent</c> when expired) to test
/// a receiver. A secret option may be given as <c>env:NAME</c> to keep it out of the shell history.
/// </summary>
internal static class WebhookCommand
{
    public static Command Create()
    {
        var url = new Argument<string>("url") { Description = "The receiver's URL, e.g. http://localhost:5000/webhooks/idcloud." };
        var basic = new Option<string?>("--basic") { Description = "Basic authentication: user:password (or env:NAME)." };
        var apiKey = new Option<string?>("--api-key") { Description = "Unico's API-key mode: header:value sends that header; a value without ':' is sent raw as Authorization (or env:NAME)." };
        var raw = new Option<string?>("--authorization") { Description = "A raw Authorization header value (or env:NAME)." };
        var bearer = new Option<string?>("--bearer") { Description = "Authorization: Bearer <token> (or env:NAME)." };
        var oauth2 = new Option<string?>("--oauth2") { Description = "Unico's OAuth2 mode: the token URL of your authorization server; a token is obtained with --client-id and --client-secret (client credentials) and sent as Authorization: Bearer." };
        var clientId = new Option<string?>("--client-id") { Description = "With --oauth2: the client id registered with your authorization server." };
        var clientSecret = new Option<string?>("--client-secret") { Description = "With --oauth2: the client secret (or env:NAME)." };
        var processId = new Option<string?>("--process-id") { Description = "The processId to notify (default: a new GUID)." };
        var flow = new Option<string>("--flow") { Description = "The flow in the notification.", DefaultValueFactory = _ => "idunicosign" };
        var expired = new Option<bool>("--expired") { Description = "Notify an expired process (adds lastEvent and lastEventDescription, as Unico does)." };
        var send = new Command("send", "Deliver one Unico-shaped notification to a webhook receiver, with one of Unico's authentication modes.")
        {
            url, basic, apiKey, raw, bearer, oauth2, clientId, clientSecret, processId, flow, expired,
        };
        send.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, cancellationToken, async console =>
        {
            WebhookCredential credential;
            OAuth2ClientCredentials? oauth2Client;
            try
            {
                credential = Credential(parse.GetValue(basic), parse.GetValue(apiKey), parse.GetValue(raw), parse.GetValue(bearer), parse.GetValue(oauth2));
                oauth2Client = OAuth2Client(parse.GetValue(oauth2), parse.GetValue(clientId), parse.GetValue(clientSecret));
            }
            catch (ArgumentException ex)
            {
                console.Problem(ex.Message);
                return ExitCodes.InvalidInput;
            }

            var text = parse.GetValue(url)!;
            if (!Uri.TryCreate(text, UriKind.Absolute, out var target) || (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps))
            {
                console.Problem($"'{text}' is not an absolute http(s) URL.");
                return ExitCodes.InvalidInput;
            }

            var id = parse.GetValue(processId) ?? Guid.NewGuid().ToString("D");
            var body = Notification(id, parse.GetValue(flow)!, parse.GetValue(expired));
            using var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false };
            using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(15) };
            using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            var clock = Stopwatch.StartNew();
            int? status = null;
            try
            {
                if (oauth2Client is not null)
                {
                    credential = await WebhookCredential.OAuth2Async(oauth2Client, http, http.Timeout, cancellationToken).ConfigureAwait(false);
                }

                credential.ApplyTo(request);
                using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                status = (int)response.StatusCode;
            }
            catch (OAuth2TokenException ex)
            {
                // As for Unico, no token means no delivery: the receiver is not called without its credential.
                console.Problem($"no OAuth2 access token, so nothing was sent: {ex.Message}.");
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                console.Problem($"the receiver at {target} could not be reached ({ex.GetType().Name}: {ex.Message}).");
            }

            var ok = status is >= 200 and < 300;
            var elapsed = clock.ElapsedMilliseconds;
            if (console.Json)
            {
                // Also when nothing answered: an unreachable receiver is an answer too (not delivered, exit 1), and
                // --json promises a script one document to read on standard output.
                console.WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("url", target.ToString());
                    w.WriteString("authentication", oauth2Client is not null ? "oauth2" : credential.Mode);
                    w.WriteString("processId", id);
                    if (status is { } answered)
                    {
                        w.WriteNumber("status", answered);
                    }
                    else
                    {
                        w.WriteNull("status");
                    }

                    w.WriteBoolean("delivered", ok);
                    w.WriteNumber("elapsedMilliseconds", elapsed);
                    w.WriteEndObject();
                });
            }
            else if (status is not null)
            {
                // An unreachable receiver was reported on standard error already: there is no answer to print.
                console.Line($"POST {target}");
                console.Line($"  auth:    {credential.Describe}");
                console.Line($"  body:    {Encoding.UTF8.GetString(body)}");
                console.Line(string.Create(CultureInfo.InvariantCulture, $"  answer:  HTTP {status} in {elapsed} ms — {(ok ? "delivered (Unico counts any 2xx as delivered)" : "NOT delivered: Unico would retry with back-off")}"));
            }

            return ok ? ExitCodes.Success : ExitCodes.Failure;
        }));

        var command = new Command("webhook", "Test a webhook receiver.");
        command.Subcommands.Add(send);
        return command;
    }

    private static WebhookCredential Credential(string? basic, string? apiKey, string? raw, string? bearer, string? oauth2)
    {
        var given = new[] { basic, apiKey, raw, bearer, oauth2 }.Count(v => v is not null);
        if (given > 1)
        {
            throw new ArgumentException("Give at most one of --basic, --api-key, --authorization, --bearer and --oauth2.");
        }

        // --oauth2's Bearer token is obtained just before sending (OAuth2Client); until then there is no credential.
        return basic is not null ? WebhookCredential.Basic(Resolve(basic, "--basic"))
            : apiKey is not null ? WebhookCredential.ApiKey(Resolve(apiKey, "--api-key"))
            : raw is not null ? WebhookCredential.Raw(Resolve(raw, "--authorization"))
            : bearer is not null ? WebhookCredential.Bearer(Resolve(bearer, "--bearer"))
            : WebhookCredential.None;
    }

    /// <summary>The client of <c>--oauth2</c>, checked as the emulator checks it; null without <c>--oauth2</c>.</summary>
    private static OAuth2ClientCredentials? OAuth2Client(string? tokenUrl, string? clientId, string? clientSecret)
    {
        if (tokenUrl is null)
        {
            return clientId is null && clientSecret is null
                ? null
                : throw new ArgumentException("--client-id and --client-secret go with --oauth2 <token-url>.");
        }

        if (clientId is null || clientSecret is null)
        {
            throw new ArgumentException("--oauth2 needs --client-id and --client-secret (as registered with your authorization server).");
        }

        if (!Uri.TryCreate(tokenUrl, UriKind.Absolute, out var url))
        {
            throw new ArgumentException($"--oauth2 takes the absolute http(s) URL of your token endpoint (got '{tokenUrl}').");
        }

        return EmulatedWebhookAuthentication.OAuth2(url, clientId, Resolve(clientSecret, "--client-secret")).OAuth2Client;
    }

    /// <summary><c>env:NAME</c> reads the secret from an environment variable.</summary>
    private static string Resolve(string value, string option)
    {
        if (!value.StartsWith("env:", StringComparison.Ordinal))
        {
            return value;
        }

        var name = value[4..];
        return Environment.GetEnvironmentVariable(name) is { Length: > 0 } secret
            ? secret
            : throw new ArgumentException($"{option} env:{name}: the environment variable {name} is not set.");
    }

    private static byte[] Notification(string processId, string flow, bool expired)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("processId", processId);
            w.WriteString("state", "PROCESS_STATE_FINISHED");
            w.WriteString("flow", flow);
            if (expired)
            {
                w.WriteString("lastEvent", "EVENT_TYPE_PROCESS_CREATED");
                w.WriteString("lastEventDescription", "The process expired before the person finished the journey.");
            }

            w.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
