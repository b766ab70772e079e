using System.Collections.Concurrent;
using System.Net;

namespace Unico.IdCloud.Client.Tests.Authentication;

/// <summary>Stands in for an IDCloud API behind the authentication handler; records the bearer token and body of each request.</summary>
internal sealed class ApiStub : HttpMessageHandler
{
    private readonly ConcurrentQueue<ReceivedApiRequest> _requests = new();

    /// <summary>Answers a request. Default: 200 with an empty JSON object.</summary>
    public Func<ReceivedApiRequest, HttpResponseMessage> Responder { get; set; } =
        _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") };

    /// <summary>Sees each request as it arrives, before it is recorded (for header checks the record does not keep).</summary>
    public Action<HttpRequestMessage>? OnRequest { get; set; }

    public IReadOnlyList<ReceivedApiRequest> Requests => _requests.ToArray();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // CopyToAsync, like the real transport, serialises the content without buffering it: content that cannot be
        // sent twice fails here the second time.
        OnRequest?.Invoke(request);
        string? body = null;
        if (request.Content is not null)
        {
            using var copy = new MemoryStream();
            await request.Content.CopyToAsync(copy, cancellationToken);
            body = System.Text.Encoding.UTF8.GetString(copy.ToArray());
        }

        var received = new ReceivedApiRequest(
            request.Method,
            request.RequestUri!,
            request.Headers.Authorization?.Scheme,
            request.Headers.Authorization?.Parameter,
            body);
        _requests.Enqueue(received);
        return Responder(received);
    }
}

/// <summary>One request the API stub received.</summary>
internal sealed record ReceivedApiRequest(HttpMethod Method, Uri Uri, string? Scheme, string? BearerToken, string? Body);
