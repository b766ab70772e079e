using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Unico.IdCloud.Client.Tests.Authentication;

/// <summary>
/// Stands in for <c>POST {identity}/oauth2/token</c>: records every request (URL, content type, form fields, the
/// assertion) and answers with <see cref="Responder"/>, which by default issues a new token each time.
/// </summary>
internal sealed class TokenEndpointStub : HttpMessageHandler
{
    private readonly ConcurrentQueue<ReceivedTokenRequest> _requests = new();
    private readonly object _waitersGate = new();
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];
    private int _count;

    /// <summary>Answers request number n (1-based). Default: <see cref="Ok"/> with a distinct token per request.</summary>
    public Func<ReceivedTokenRequest, int, CancellationToken, Task<HttpResponseMessage>> Responder { get; set; } =
        (_, n, _) => Task.FromResult(Ok(TokenValue(n)));

    /// <summary>How many token requests arrived.</summary>
    public int RequestCount => Volatile.Read(ref _count);

    /// <summary>The requests in arrival order.</summary>
    public IReadOnlyList<ReceivedTokenRequest> Requests => _requests.ToArray();

    /// <summary>The access token the default responder issues for request n.</summary>
    public static string TokenValue(int n) => $"access-token-{n}-{Guid.NewGuid():N}";

    /// <summary>A 200 token answer.</summary>
    public static HttpResponseMessage Ok(string accessToken, long expiresIn = 3600, string tokenType = "Bearer") =>
        Json(HttpStatusCode.OK, $$"""{"access_token":"{{accessToken}}","token_type":"{{tokenType}}","expires_in":{{expiresIn}}}""");

    /// <summary>A refusal in the identity service's shape, with the code inside <c>error_description</c>.</summary>
    public static HttpResponseMessage Refusal(string code, HttpStatusCode status = HttpStatusCode.Unauthorized) =>
        Json(status, $$"""{"error":"server_error","error_description":"Falha na autenticação {{code}}"}""");

    /// <summary>A JSON answer.</summary>
    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    /// <summary>
    /// Completes when at least <paramref name="count"/> requests have arrived; fails after 30 real seconds so a broken
    /// expectation fails the test instead of hanging the run.
    /// </summary>
    public Task WaitForRequestsAsync(int count)
    {
        lock (_waitersGate)
        {
            if (RequestCount >= count)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, signal));
            return signal.Task.WaitAsync(TimeSpan.FromSeconds(30), TimeProvider.System);
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var fields = body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(kv => (Key: Decode(kv[0]), Value: kv.Length > 1 ? Decode(kv[1]) : string.Empty))
            .ToList();
        var received = new ReceivedTokenRequest(
            request.Method,
            request.RequestUri!,
            request.Content?.Headers.ContentType?.MediaType,
            fields.Select(f => f.Key).ToList(),
            fields.ToDictionary(f => f.Key, f => f.Value),
            request.Headers.Authorization?.ToString());
        _requests.Enqueue(received);

        int number;
        List<TaskCompletionSource> released = [];
        lock (_waitersGate)
        {
            number = Interlocked.Increment(ref _count);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Count <= number)
                {
                    released.Add(_waiters[i].Signal);
                    _waiters.RemoveAt(i);
                }
            }
        }

        released.ForEach(s => s.TrySetResult());
        return await Responder(received, number, cancellationToken);
    }

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}

/// <summary>One request the token endpoint received.</summary>
internal sealed record ReceivedTokenRequest(
    HttpMethod Method,
    Uri Uri,
    string? ContentType,
    IReadOnlyList<string> FormKeys,
    IReadOnlyDictionary<string, string> Form,
    string? Authorization)
{
    /// <summary>The assertion field.</summary>
    public string Assertion => Form["assertion"];
}
