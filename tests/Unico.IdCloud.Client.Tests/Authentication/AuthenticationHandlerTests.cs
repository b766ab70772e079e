using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Unico.IdCloud.Client.Authentication;
using Unico.IdCloud.Client.Serialization;
using Unico.IdCloud.Client.Tests.Contract;

namespace Unico.IdCloud.Client.Tests.Authentication;

/// <summary>The bearer header, the single 401 resend, and concurrency through the handler.</summary>
public sealed class AuthenticationHandlerTests
{
    private static readonly Uri ApiBase = new("https://api.cadastro.uat.unico.app/");

    [Fact]
    public async Task Every_request_carries_the_cached_token_as_a_bearer()
    {
        using var harness = new TokenProviderHarness();
        var api = new ApiStub();
        using var client = Client(harness.Provider, api);

        await client.GetAsync("client/v1/process/1");
        await client.GetAsync("client/v1/process/2");

        var token = await harness.Provider.GetTokenAsync();
        Assert.All(api.Requests, r => Assert.Equal("Bearer", r.Scheme));
        Assert.All(api.Requests, r => Assert.Equal(token.Value, r.BearerToken));
        Assert.Equal(1, harness.Endpoint.RequestCount);
    }

    [Fact]
    public async Task A_request_that_already_carries_an_Authorization_header_goes_out_with_exactly_one_the_current_bearer()
    {
        // The handler writes the header as ready-made text (one string per token, not a parsed value per request);
        // it must still replace whatever was there, on the first send and on the resend after a 401.
        using var harness = new TokenProviderHarness();
        var sent = new List<string[]>();
        var api = new ApiStub
        {
            Responder = RejectFirstToken,
            OnRequest = request => sent.Add(request.Headers.GetValues("Authorization").ToArray()),
        };
        using var client = Client(harness.Provider, api);
        using var request = new HttpRequestMessage(HttpMethod.Get, "client/v1/process/abc");
        request.Headers.TryAddWithoutValidation("Authorization", "Basic c3RhbGU6c3RhbGU=");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, sent.Count);
        Assert.StartsWith("Bearer access-token-1-", Assert.Single(sent[0]), StringComparison.Ordinal);
        Assert.StartsWith("Bearer access-token-2-", Assert.Single(sent[1]), StringComparison.Ordinal);
        Assert.Equal(["Bearer", "Bearer"], api.Requests.Select(r => r.Scheme));
    }

    [Fact]
    public async Task A_thousand_concurrent_first_calls_cause_exactly_one_token_request()
    {
        using var harness = new TokenProviderHarness();
        var gate = harness.GateResponses();
        var provider = new ArrivalCountingProvider(harness.Provider, expected: 1000);
        var api = new ApiStub();
        using var client = Client(provider, api);

        var calls = Enumerable.Range(0, 1000).Select(i => Task.Run(() => client.GetAsync($"client/v1/process/{i}"))).ToList();
        await provider.AllArrived.WaitAsync(TimeSpan.FromSeconds(60));
        await harness.Endpoint.WaitForRequestsAsync(1);
        Assert.Empty(api.Requests); // every caller is waiting for the one token
        gate.SetResult();
        var responses = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, harness.Endpoint.RequestCount);
        Assert.Equal(1000, api.Requests.Count);
        Assert.Single(api.Requests.Select(r => r.BearerToken).Distinct());
    }

    [Fact]
    public async Task When_the_token_expires_under_concurrent_load_exactly_one_refresh_happens()
    {
        using var harness = new TokenProviderHarness();
        var api = new ApiStub();
        var first = await harness.Provider.GetTokenAsync();
        harness.Time.Advance(TimeSpan.FromHours(1)); // expired, and nobody called during the renewal window
        var gate = harness.GateResponses();
        var provider = new ArrivalCountingProvider(harness.Provider, expected: 1000);
        using var client = Client(provider, api);

        var calls = Enumerable.Range(0, 1000).Select(i => Task.Run(() => client.GetAsync($"client/v1/process/{i}"))).ToList();
        await provider.AllArrived.WaitAsync(TimeSpan.FromSeconds(60));
        await harness.Endpoint.WaitForRequestsAsync(2);
        gate.SetResult();
        var responses = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(2, harness.Endpoint.RequestCount);
        Assert.DoesNotContain(api.Requests, r => r.BearerToken == first.Value);
        Assert.Single(api.Requests.Select(r => r.BearerToken).Distinct());
    }

    [Fact]
    public async Task A_failed_refresh_under_load_releases_every_caller_and_the_next_call_tries_again()
    {
        using var harness = new TokenProviderHarness(o => o.MaxTransientAttempts = 1);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Endpoint.Responder = async (_, n, ct) =>
        {
            if (n > 1)
            {
                return TokenEndpointStub.Ok("second-try");
            }

            await gate.Task.WaitAsync(ct);
            return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        };
        var provider = new ArrivalCountingProvider(harness.Provider, expected: 1000);
        var api = new ApiStub();
        using var client = Client(provider, api);

        var calls = Enumerable.Range(0, 1000).Select(i => Task.Run(() => client.GetAsync($"client/v1/process/{i}"))).ToList();
        await provider.AllArrived.WaitAsync(TimeSpan.FromSeconds(60));
        gate.SetResult();

        foreach (var call in calls)
        {
            var error = await IdCloudAssert.ThrowsAnyAsync<IdCloudException>(IdCloudAssert.NoToken, () => call);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        }

        Assert.Equal(1, harness.Endpoint.RequestCount);
        Assert.Empty(api.Requests);

        var next = await client.GetAsync("client/v1/process/after");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal("second-try", Assert.Single(api.Requests).BearerToken);
        Assert.Equal(2, harness.Endpoint.RequestCount);
    }

    [Fact]
    public async Task A_401_on_get_is_resent_once_with_a_new_token()
    {
        using var harness = new TokenProviderHarness();
        var api = new ApiStub { Responder = RejectFirstToken };
        using var client = Client(harness.Provider, api);

        var response = await client.GetAsync("client/v1/process/abc");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, api.Requests.Count);
        Assert.StartsWith("access-token-1-", api.Requests[0].BearerToken, StringComparison.Ordinal);
        Assert.StartsWith("access-token-2-", api.Requests[1].BearerToken, StringComparison.Ordinal);
        Assert.All(api.Requests, r => Assert.Equal(HttpMethod.Get, r.Method));
        Assert.Equal(2, harness.Endpoint.RequestCount);
    }

    public static TheoryData<string> PostBodies => new() { "string", "json", "stream", "one-shot", "create-process" };

    [Theory]
    [MemberData(nameof(PostBodies))]
    public async Task A_401_on_post_is_resent_once_with_a_new_token_and_the_same_body(string kind)
    {
        using var harness = new TokenProviderHarness();
        var api = new ApiStub { Responder = RejectFirstToken };
        using var client = Client(harness.Provider, api);
        const string json = """{"callbackUri":"/done","flow":"id","person":{"duiType":"DUI_TYPE_BR_CPF","duiValue":"00000000000"}}""";
        HttpContent content = kind switch
        {
            "string" => new StringContent(json, Encoding.UTF8, "application/json"),
            "json" => JsonContent.Create(new Dictionary<string, string> { ["flow"] = "id" }),
            "stream" => new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json))),
            // The SDK's streamed CreateProcess body is not buffered before the first send (a 20 MB PDF would be held
            // whole as ~27 MB of base64): it serialises again from the request, so the resend carries the same JSON.
            "create-process" => new IdCloudCreateProcessContent(JsonSerializer.Deserialize(
                VendorFixtures.Read("create-process-request"), IdCloudJsonContext.Default.CreateProcessRequest)!),
            _ => new OneShotContent(json),
        };

        var response = await client.PostAsync("client/v1/process", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, api.Requests.Count);
        Assert.All(api.Requests, r => Assert.Equal(HttpMethod.Post, r.Method));
        Assert.NotEqual(api.Requests[0].BearerToken, api.Requests[1].BearerToken);
        Assert.False(string.IsNullOrEmpty(api.Requests[0].Body));
        Assert.Equal(api.Requests[0].Body, api.Requests[1].Body);
    }

    [Fact]
    public async Task A_401_on_CreateProcess_through_the_Refit_interface_resends_the_streamed_body_without_buffering_it()
    {
        using var harness = new TokenProviderHarness();
        var api = new BodyRecordingApi();
        using var client = new HttpClient(new IdCloudAuthenticationHandler(harness.Provider) { InnerHandler = api }) { BaseAddress = ApiBase };
        var refit = Refit.RestService.For<Unico.IdCloud.Client.Models.IIdCloudProcessApi>(client, IdCloudRefitSettings.Create(TimeProvider.System));
        var request = JsonSerializer.Deserialize(VendorFixtures.Read("create-process-request"), IdCloudJsonContext.Default.CreateProcessRequest)!;

        var created = await refit.CreateProcessAsync(request);

        Assert.False(string.IsNullOrEmpty(created.Id));
        Assert.Equal(2, api.Sends.Count);
        // The streamed content (never buffered: the handler lets it write itself again) announces its exact length, both
        // times, with the same JSON.
        Assert.All(api.Sends, send => Assert.Equal(typeof(IdCloudCreateProcessContent), send.ContentType));
        Assert.All(api.Sends, send => Assert.Equal(Encoding.UTF8.GetByteCount(send.Body), send.ContentLength));
        Assert.Contains("fileContents", api.Sends[0].Body, StringComparison.Ordinal);
        Assert.Equal(api.Sends[0].Body, api.Sends[1].Body);
    }

    [Fact]
    public async Task The_one_shot_content_used_above_really_cannot_be_sent_twice_on_its_own()
    {
        // Guards the test above: without the handler's buffering, this content fails on the second send.
        using var content = new OneShotContent("x");
        await content.CopyToAsync(Stream.Null);

        await Assert.ThrowsAsync<InvalidOperationException>(() => content.CopyToAsync(Stream.Null));
    }

    [Fact]
    public async Task A_second_401_becomes_an_unauthenticated_error_after_exactly_one_resend()
    {
        using var harness = new TokenProviderHarness();
        var api = new ApiStub
        {
            Responder = _ => new HttpResponseMessage(HttpStatusCode.Unauthorized)
            {
                Content = new StringContent("""{"error":{"code":16,"description":"Jwt is expired"}}"""),
            },
        };
        using var client = Client(harness.Provider, api);

        var error = await IdCloudAssert.ThrowsAnyAsync<IdCloudException>(IdCloudAssert.NoToken, () =>
            client.PostAsync("client/v1/process?secret=1", new StringContent("{}")));

        Assert.Equal(IdCloudErrorKind.Unauthenticated, error.Kind);
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal(1, error.RetryCount);
        Assert.Equal("16", error.ErrorCode);
        Assert.Equal("Jwt is expired", error.Description);
        Assert.Equal("POST", error.RequestMethod);
        Assert.Equal(new Uri("https://api.cadastro.uat.unico.app/client/v1/process"), error.RequestUri);
        Assert.Contains("UAT and production", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, api.Requests.Count);
        Assert.Equal(2, harness.Endpoint.RequestCount);
        Assert.All(api.Requests, r => Assert.DoesNotContain(r.BearerToken!, error.ToString(), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task Other_failures_are_passed_on_untouched_and_not_resent(HttpStatusCode status)
    {
        using var harness = new TokenProviderHarness();
        var api = new ApiStub { Responder = _ => new HttpResponseMessage(status) };
        using var client = Client(harness.Provider, api);

        var response = await client.GetAsync("client/v1/process/1");

        Assert.Equal(status, response.StatusCode);
        Assert.Single(api.Requests);
        Assert.Equal(1, harness.Endpoint.RequestCount);
    }

    [Fact]
    public async Task Concurrent_401s_for_the_same_token_cause_one_refresh_not_a_stampede()
    {
        using var harness = new TokenProviderHarness();
        var api = new ApiStub { Responder = RejectFirstToken };
        using var client = Client(harness.Provider, api);
        await harness.Provider.GetTokenAsync(); // token 1 is cached; the API will refuse it

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => client.GetAsync($"client/v1/process/{i}")))).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(2, harness.Endpoint.RequestCount);
        var rejected = api.Requests.Count(r => r.BearerToken!.StartsWith("access-token-1-", StringComparison.Ordinal));
        Assert.Equal(50 + rejected, api.Requests.Count); // each refused request was resent exactly once
    }

    [Fact]
    public async Task A_token_failure_reaches_the_caller_as_the_typed_error_without_calling_the_api()
    {
        using var harness = new TokenProviderHarness();
        harness.Endpoint.Responder = (_, _, _) => Task.FromResult(TokenEndpointStub.Refusal("1.0.1"));
        var api = new ApiStub();
        using var client = Client(harness.Provider, api);

        var error = await IdCloudAssert.ThrowsAnyAsync<IdCloudException>(IdCloudAssert.NoToken, () => client.GetAsync("client/v1/process/1"));

        Assert.Equal("1.0.1", error.ErrorCode);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task The_callers_cancellation_stops_its_call_but_not_the_shared_token_request()
    {
        using var harness = new TokenProviderHarness();
        var gate = harness.GateResponses();
        var api = new ApiStub();
        using var client = Client(harness.Provider, api);
        using var cts = new CancellationTokenSource();

        var cancelled = client.GetAsync("client/v1/process/1", cts.Token);
        var other = client.GetAsync("client/v1/process/2");
        await harness.Endpoint.WaitForRequestsAsync(1);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        gate.SetResult();

        Assert.Equal(HttpStatusCode.OK, (await other).StatusCode);
        Assert.Equal(1, harness.Endpoint.RequestCount);
    }

    private static HttpResponseMessage RejectFirstToken(ReceivedApiRequest request) =>
        new(request.BearerToken!.StartsWith("access-token-1-", StringComparison.Ordinal) ? HttpStatusCode.Unauthorized : HttpStatusCode.OK)
        {
            Content = new StringContent("{}"),
        };

    private static HttpClient Client(IIdCloudTokenProvider provider, ApiStub api) =>
        new(new IdCloudAuthenticationHandler(provider) { InnerHandler = api })
        {
            BaseAddress = ApiBase,
            Timeout = Timeout.InfiniteTimeSpan,
        };

    /// <summary>Counts callers asking for a token so a test knows when all of them are waiting.</summary>
    private sealed class ArrivalCountingProvider(IIdCloudTokenProvider inner, int expected) : IIdCloudTokenProvider
    {
        private readonly TaskCompletionSource _allArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;

        public Task AllArrived => _allArrived.Task;

        public ValueTask<IdCloudAccessToken> GetTokenAsync(CancellationToken cancellationToken = default)
        {
            var result = inner.GetTokenAsync(cancellationToken);
            if (Interlocked.Increment(ref _arrived) == expected)
            {
                _allArrived.TrySetResult();
            }

            return result;
        }

        public void Invalidate(IdCloudAccessToken token) => inner.Invalidate(token);
    }

    /// <summary>Answers 401 to the first token and the vendor's CreateProcess answer after; records each body and its declared length.</summary>
    private sealed class BodyRecordingApi : HttpMessageHandler
    {
        public List<(Type ContentType, long? ContentLength, string Body)> Sends { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var length = request.Content!.Headers.ContentLength;
            // Copied, not read: ReadAsStringAsync would buffer the content itself.
            using var copy = new MemoryStream();
            await request.Content.CopyToAsync(copy, cancellationToken);
            Sends.Add((request.Content.GetType(), length, Encoding.UTF8.GetString(copy.ToArray())));
            var first = request.Headers.Authorization!.Parameter!.StartsWith("access-token-1-", StringComparison.Ordinal);
            return first
                ? new HttpResponseMessage(HttpStatusCode.Unauthorized) { RequestMessage = request }
                : new HttpResponseMessage(HttpStatusCode.OK)
                {
                    RequestMessage = request,
                    Content = new StringContent(VendorFixtures.Read("create-process-response"), Encoding.UTF8, "application/json"),
                };
        }
    }

    /// <summary>Content that can be serialised only once, like a forward-only stream of unknown type.</summary>
    private sealed class OneShotContent(string text) : HttpContent
    {
        private int _serialized;

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            if (Interlocked.Increment(ref _serialized) > 1)
            {
                throw new InvalidOperationException("This content was already sent.");
            }

            await stream.WriteAsync(Encoding.UTF8.GetBytes(text));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
