using System.Net;
using Unico.IdCloud.Client.Authentication;

namespace Unico.IdCloud.Client.Tests.Authentication;

/// <summary>
/// Drives every authentication path that logs or throws, then searches everything a user could see (logs, exception
/// messages and ToString, options and credentials ToString) for the key, the assertions and the access tokens.
/// </summary>
public sealed class SecretLeakTests
{
    [Fact]
    public async Task Logs_exceptions_and_ToString_never_contain_the_key_the_assertion_or_the_access_token()
    {
        using var harness = new TokenProviderHarness(o => o.MaxTransientAttempts = 2);
        var seen = new List<string>();
        var issued = new List<string>();
        harness.Endpoint.Responder = (_, n, _) =>
        {
            var token = TokenEndpointStub.TokenValue(n);
            issued.Add(token);
            return Task.FromResult(n switch
            {
                // 1: a token the API will refuse twice; 2: the refresh; 3: transient failure then 4: success;
                // 5: misconfiguration; later: paused.
                3 => new HttpResponseMessage(HttpStatusCode.BadGateway),
                5 => TokenEndpointStub.Refusal("1.2.22"),
                _ => TokenEndpointStub.Ok(token),
            });
        };
        var api = new ApiStub { Responder = _ => new HttpResponseMessage(HttpStatusCode.Unauthorized) };
        using var client = new HttpClient(new IdCloudAuthenticationHandler(harness.Provider) { InnerHandler = api })
        {
            BaseAddress = new Uri("https://api.cadastro.uat.unico.app/"),
        };

        // Two 401s → typed error (tokens 1 and 2 issued).
        seen.Add((await IdCloudAssert.ThrowsAnyAsync<IdCloudException>(IdCloudAssert.NoToken, () => client.GetAsync("client/v1/process/1"))).ToString());

        // Transient failure, back-off, success (tokens 3 failed, 4 issued).
        harness.Provider.Invalidate(await harness.Provider.GetTokenAsync());
        harness.Time.Advance(TimeSpan.FromSeconds(2));
        var retried = harness.Provider.GetTokenAsync().AsTask();
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        var fourth = await retried;
        seen.Add(fourth.ToString());

        // Misconfiguration, then a paused call.
        harness.Provider.Invalidate(fourth);
        harness.Time.Advance(TimeSpan.FromSeconds(2));
        seen.Add((await IdCloudAssert.ThrowsAnyAsync<IdCloudException>(IdCloudAssert.NoToken, () => harness.Provider.GetTokenAsync().AsTask())).ToString());
        seen.Add((await IdCloudAssert.ThrowsAnyAsync<IdCloudException>(IdCloudAssert.NoToken, () => harness.Provider.GetTokenAsync().AsTask())).ToString());

        // Background renewal failure path.
        harness.Time.Advance(TimeSpan.FromMinutes(2));
        harness.Endpoint.Responder = (_, n, _) =>
        {
            var token = TokenEndpointStub.TokenValue(n);
            issued.Add(token);
            return Task.FromResult(n == 6 ? TokenEndpointStub.Ok(token) : new HttpResponseMessage(HttpStatusCode.InternalServerError));
        };
        var sixth = await harness.Provider.GetTokenAsync();
        harness.Time.Advance(TimeSpan.FromMinutes(56));
        await harness.Provider.GetTokenAsync(); // starts the renewal: 500, back-off, 500
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await harness.WhenIdleAsync();
        seen.Add(sixth.ToString());

        seen.Add(harness.Logger.AllText);
        seen.Add(harness.Credentials.ToString());
        seen.Add(harness.Options.ToString());
        seen.Add(new IdCloudServiceAccountOptions { AccountName = "acme", TenantId = "tenant-1", PrivateKeyPem = TestKeys.Pkcs8Pem }.ToString());
        var everything = string.Join("\n", seen);

        // The scenario really exercised the paths it claims to.
        Assert.Contains("1.2.22", everything, StringComparison.Ordinal);
        Assert.Contains(harness.Logger.Entries, e => e.EventId.Name == "IdCloudTokenAttemptFailed");
        Assert.Contains(harness.Logger.Entries, e => e.EventId.Name == "IdCloudTokenRequestRefused");
        Assert.Contains(harness.Logger.Entries, e => e.EventId.Name == "IdCloudTokenBackgroundRefreshFailed");
        Assert.Contains(harness.Logger.Entries, e => e.EventId.Name == "IdCloudTokenObtained");
        Assert.True(harness.Endpoint.RequestCount >= 7);

        foreach (var line in TestKeys.PemBodyLines(TestKeys.Pkcs8Pem))
        {
            Assert.DoesNotContain(line, everything, StringComparison.Ordinal);
        }

        foreach (var assertion in harness.Endpoint.Requests.Select(r => r.Assertion))
        {
            Assert.DoesNotContain(assertion, everything, StringComparison.Ordinal);
            Assert.DoesNotContain(assertion.Split('.')[2], everything, StringComparison.Ordinal); // not even the signature
        }

        foreach (var token in issued)
        {
            Assert.DoesNotContain(token, everything, StringComparison.Ordinal);
        }
    }
}
