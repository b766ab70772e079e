using System.Net;

namespace Unico.IdCloud.Client.Tests.Http;

/// <summary>
/// The innermost handler of a hand-built chain: answers each call with the next scripted behaviour and records what
/// it received (including the body it read on every attempt, which proves a retry re-sent intact content).
/// </summary>
internal sealed class StubHttpHandler : HttpMessageHandler
{
    private readonly Func<int, HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> _respond;
    private readonly object _gate = new();
    private readonly List<TaskCompletionSource> _arrivals = [];
    private int _calls;

    public StubHttpHandler(Func<int, HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> respond) => _respond = respond;

    /// <summary>Answers the calls with these statuses in order (the last repeats).</summary>
    public static StubHttpHandler Statuses(params HttpStatusCode[] statuses) =>
        new((call, _, _) => Task.FromResult(new HttpResponseMessage(statuses[Math.Min(call, statuses.Length - 1)])));

    public int Calls => Volatile.Read(ref _calls);

    public List<string?> Bodies { get; } = [];

    public List<HttpRequestMessage> Requests { get; } = [];

    /// <summary>A call that never answers until its token is cancelled (a server that hangs after receiving the request).</summary>
    public static async Task<HttpResponseMessage> HangAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>Completes once the <paramref name="count"/>-th call has arrived.</summary>
    public Task WaitForCallAsync(int count)
    {
        lock (_gate)
        {
            while (_arrivals.Count < count)
            {
                _arrivals.Add(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            }

            return _arrivals[count - 1].Task.WaitAsync(TimeSpan.FromSeconds(20));
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        int call;
        TaskCompletionSource arrival;
        lock (_gate)
        {
            call = _calls;
            Bodies.Add(body);
            Requests.Add(request);
            while (_arrivals.Count <= call)
            {
                _arrivals.Add(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            }

            arrival = _arrivals[call];
            Interlocked.Increment(ref _calls);
        }

        arrival.TrySetResult();
        var response = await _respond(call, request, cancellationToken);
        response.RequestMessage ??= request;
        return response;
    }
}
