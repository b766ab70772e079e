using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Unico.IdCloud.Client.DependencyInjection;
using Unico.IdCloud.Client.Tests.Authentication;

namespace Unico.IdCloud.Client.Tests.VendorDocs;

/// <summary>
/// A stand-in for Unico's hosts as the vendor documents them (not the emulator): one handler behind the identity,
/// process and signature clients of a real <c>AddIdCloud()</c> set-up with a real service account, so every probe goes
/// through the token exchange, the authentication handler, the resilience pipeline and the error mapper. The token
/// endpoint answers the documented <c>{"access_token","token_type","expires_in"}</c> unless a probe says otherwise;
/// every other request is answered by <see cref="Api"/>.
/// </summary>
internal sealed class VendorServer : HttpMessageHandler
{
    public const string ProcessId = "53060f52-f146-4c12-a234-5bb5031f6f5b";
    public const string DocumentId = "03307601-b518-49ca-b368-ae3919e24e54";
    public const string ProcessBase = "https://api.cadastro.uat.unico.app";
    public const string SignBase = "https://signhom.acesso.io";
    public const string TokenUrl = "https://identityhomolog.acesso.io/oauth2/token";

    private int _tokens;

    /// <summary>Every request received, in order, with its body read.</summary>
    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>Answers the token endpoint (request number n, 1-based).</summary>
    public Func<Received, int, HttpResponseMessage> Token { get; set; } =
        (_, n) => Json(HttpStatusCode.OK, $$"""{"access_token":"vendor-token-{{n}}","token_type":"Bearer","expires_in":3600}""");

    /// <summary>Answers every business request (request number n among them, 1-based).</summary>
    public Func<Received, int, HttpResponseMessage> Api { get; set; } = (_, _) => new HttpResponseMessage(HttpStatusCode.NotImplemented);

    public IReadOnlyList<Received> ApiRequests => [.. Requests.Where(r => !IsToken(r.Uri))];

    public IReadOnlyList<Received> TokenRequests => [.. Requests.Where(r => IsToken(r.Uri))];

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    /// <summary>The SDK as a user configures it, on this server.</summary>
    public ServiceProvider Services(Action<IdCloudOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddIdCloud(options =>
        {
            options.ServiceAccount.AccountName = "acme";
            options.ServiceAccount.TenantId = "tenant-1";
            options.ServiceAccount.PrivateKeyPem = TestKeys.Pkcs8Pem;
            options.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
            options.Resilience.MaxDelay = TimeSpan.FromMilliseconds(5);
            options.Resilience.CircuitBreakerEnabled = false;
            configure?.Invoke(options);
        });
        Serve(services);
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// Puts this server behind the default account's identity, process, signature and by Client clients of a set-up
    /// the caller wrote (for instance one bound from configuration, as the README shows).
    /// </summary>
    public void Serve(IServiceCollection services)
    {
        foreach (var name in new[] { IdCloudHttpClientNames.Identity, IdCloudHttpClientNames.ProcessApi, IdCloudHttpClientNames.SignatureApi, Client.ByClient.ByClientOperations.HttpClientName })
        {
            services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandler(() => this);
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Read before the body, as the socket handler does: the length the content announces, and which content it is.
        var contentLength = request.Content?.Headers.ContentLength;
        var contentClass = request.Content?.GetType().Name;
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var received = new Received(
            request.Method,
            request.RequestUri!,
            request.Content?.Headers.ContentType?.MediaType,
            body,
            request.Headers.Authorization?.ToString(),
            request.Headers.Accept.ToString())
        {
            ContentLength = contentLength,
            ContentClass = contentClass,
        };
        Requests.Enqueue(received);
        if (IsToken(received.Uri))
        {
            return Token(received, Interlocked.Increment(ref _tokens));
        }

        var response = Api(received, ApiRequests.Count);
        response.RequestMessage = request;
        return response;
    }

    private static bool IsToken(Uri uri) => uri.AbsolutePath == "/oauth2/token" && uri.Host.StartsWith("identity", StringComparison.Ordinal);

    internal sealed record Received(HttpMethod Method, Uri Uri, string? ContentType, string? Body, string? Authorization, string Accept)
    {
        /// <summary>The request's <c>Content-Length</c> as the transport would send it; <see langword="null"/> = chunked.</summary>
        public long? ContentLength { get; init; }

        /// <summary>The type of the request content as it reached the socket handler (a wrapper or a buffered copy shows here).</summary>
        public string? ContentClass { get; init; }

        /// <summary>The form fields of an urlencoded body, in order.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Form() =>
            [.. (Body ?? string.Empty).Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Select(pair => pair.Split('=', 2))
                .Select(kv => KeyValuePair.Create(Decode(kv[0]), kv.Length > 1 ? Decode(kv[1]) : string.Empty))];

        private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
    }
}
