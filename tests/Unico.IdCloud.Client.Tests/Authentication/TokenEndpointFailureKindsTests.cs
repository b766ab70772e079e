using System.Net;
using System.Text;

namespace Unico.IdCloud.Client.Tests.Authentication;

/// <summary>
/// Issue 10, item 4, for the token endpoint: an empty 200, a gateway's HTML 502 and a dropped connection each surface
/// as the SDK's exception of kind <see cref="IdCloudErrorKind.Authentication"/>, naming the token endpoint, with the
/// exact type saying whether the identity service answered with an error (<see cref="IdCloudApiException"/>) or not.
/// </summary>
public sealed class TokenEndpointFailureKindsTests
{
    private static readonly Uri TokenUri = new("https://identityhomolog.acesso.io/oauth2/token");

    [Fact]
    public async Task An_empty_200_is_an_authentication_error_not_a_crash_nor_an_api_error()
    {
        using var harness = new TokenProviderHarness(o => o.MaxTransientAttempts = 1);
        harness.Endpoint.Responder = (_, _, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]) });

        var error = await Assert.ThrowsAsync<IdCloudException>(() => harness.Provider.GetTokenAsync().AsTask());

        Assert.Equal(IdCloudErrorKind.Authentication, error.Kind);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Equal(TokenUri, error.RequestUri);
        Assert.Equal("RequestToken", error.Operation);
        Assert.False(error.RequestMayHaveBeenProcessed);
    }

    [Fact]
    public async Task A_gateways_html_502_is_an_api_error_of_kind_authentication_without_the_page()
    {
        using var harness = new TokenProviderHarness(o => o.MaxTransientAttempts = 1);
        harness.Endpoint.Responder = (_, _, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadGateway)
        {
            Content = new StringContent("<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>", Encoding.UTF8, "text/html"),
        });

        var error = await Assert.ThrowsAsync<IdCloudApiException>(() => harness.Provider.GetTokenAsync().AsTask());

        Assert.Equal(IdCloudErrorKind.Authentication, error.Kind);
        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.False(error.IsConfigurationError);
        Assert.Equal(TokenUri, error.RequestUri);
        Assert.Equal("RequestToken", error.Operation);
        Assert.DoesNotContain("<html>", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("nginx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dropped_connection_is_an_authentication_error_carrying_the_cause()
    {
        using var harness = new TokenProviderHarness(o => o.MaxTransientAttempts = 1);
        harness.Endpoint.Responder = (_, _, _) => throw new HttpRequestException(
            HttpRequestError.ResponseEnded, "The response ended prematurely.", new IOException("connection reset"));

        var error = await Assert.ThrowsAsync<IdCloudException>(() => harness.Provider.GetTokenAsync().AsTask());

        Assert.Equal(IdCloudErrorKind.Authentication, error.Kind);
        Assert.Null(error.StatusCode);
        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Equal(TokenUri, error.RequestUri);
        Assert.Equal("RequestToken", error.Operation);
        Assert.False(error.IsConfigurationError);
    }
}
