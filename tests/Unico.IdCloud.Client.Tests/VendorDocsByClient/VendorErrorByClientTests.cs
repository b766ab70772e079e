using Unico.IdCloud.TestSupport;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using Unico.IdCloud.Client.ByClient;

namespace Unico.IdCloud.Client.Tests.VendorDocsByClient;

/// <summary>
/// The by Client error answers the vendor documents (§4 and §7 of the research notes), through the public client and
/// the real pipeline against a fake handler: a read answering a documented 500, 404, and an error body in the older
/// PascalCase spelling. (Every code's mapping on CreateProcess is covered against the emulator in the integration tests.)
/// </summary>
public sealed class VendorErrorByClientTests : IDisposable
{
    private const string ProcessId = "80371b2a-3ac7-432e-866d-57fe37896ac6";
    private const string Capture = "eyJhbGciOiJSUzI1NiJ9.ZXhhbXBsZQ.c2lnbmF0dXJl";
    private readonly MockHttpMessageHandler _mock = new();
    private readonly ServiceProvider _services;

    public VendorErrorByClientTests()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddIdCloud(options =>
        {
            options.ByClient.ApiKeys["onboarding"] = "key";
            options.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
        }).UseTokenProvider(_ => new FixedTokenProvider());
        services.AddHttpClient(ByClientOperations.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => _mock);
        _services = services.BuildServiceProvider();
    }

    private IIdCloudByClient Client => _services.GetRequiredService<IIdCloudByClient>();

    /// <summary>A read that keeps answering a documented 500 ends as the typed internal failure (reads may be retried).</summary>
    [Fact]
    public async Task A_documented_500_on_GetProcess_ends_as_the_typed_internal_failure()
    {
        var failing = _mock.When(HttpMethod.Get, $"*/processes/v1/{ProcessId}");
        failing.Respond(HttpStatusCode.InternalServerError, "application/json", """{"error":{"code":10700,"description":"internal"}}""");

        var failure = await Assert.ThrowsAsync<IdCloudByClientException>(() => Client.GetProcessAsync(ProcessId));

        Assert.Equal(ByClientErrorReason.ServerError, failure.Reason);
        Assert.Equal(IdCloudErrorKind.ServerError, failure.Kind);
        Assert.False(failure.RequestMayHaveBeenProcessed);
        Assert.True(_mock.GetMatchCount(failing) >= 1);
    }

    /// <summary>§4: GetProcess documents 404 for an unknown process: the NotFound kind, not retried.</summary>
    [Fact]
    public async Task A_404_on_GetProcess_is_not_found_and_not_retried()
    {
        var missing = _mock.When(HttpMethod.Get, $"*/processes/v1/{ProcessId}");
        missing.Respond(HttpStatusCode.NotFound, "application/json", """{"error":{"code":"404","description":"process not found"}}""");

        var failure = await Assert.ThrowsAnyAsync<IdCloudException>(() => Client.GetProcessAsync(ProcessId));

        Assert.Equal(IdCloudErrorKind.NotFound, failure.Kind);
        Assert.Equal(HttpStatusCode.NotFound, failure.StatusCode);
        Assert.Equal(1, _mock.GetMatchCount(missing));
    }

    /// <summary>§7: older answers are PascalCase; an error body spelled that way is still the typed error.</summary>
    [Fact]
    public async Task A_PascalCase_error_body_is_the_typed_error()
    {
        _mock.When(HttpMethod.Post, "*/processes/v1")
            .Respond(HttpStatusCode.BadRequest, "application/json", """{"Error":{"Code":"10508","Description":"JWT já utilizado"}}""");

        var failure = await Assert.ThrowsAsync<IdCloudByClientException>(() => Client.CreateProcessAsync(ByClientProcessRequest.ForIdentity(
            new ByClientSubject { Code = "12345678909", Name = "Luke Skywalker" }, Capture)));

        Assert.Equal(ByClientErrorReason.CaptureReused, failure.Reason);
        Assert.True(failure.MustRedoCapture);
        Assert.False(failure.RequestMayHaveBeenProcessed);
    }

    public void Dispose()
    {
        _services.Dispose();
        _mock.Dispose();
    }
}
