using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Unico.IdCloud.Testing.Tests.Infrastructure;

/// <summary>Plain HttpClient calls against the emulator, the way any client would make them.</summary>
public static class EmulatorHttp
{
    public const string JwtBearer = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    public static HttpClient NewClient() => new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };

    public static Task<HttpResponseMessage> PostTokenAsync(HttpClient http, IdCloudEmulator emulator, string assertion) =>
        http.PostAsync(
            new Uri(emulator.IdentityBaseAddress, "/oauth2/token"),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = JwtBearer, ["assertion"] = assertion }));

    public static async Task<string> GetAccessTokenAsync(HttpClient http, IdCloudEmulator emulator, EmulatedServiceAccount account, DateTimeOffset now)
    {
        using var response = await PostTokenAsync(http, emulator, Assertion.For(account, emulator.Audience, now).Sign(account.PrivateKeyPem));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    public static async Task<string> TokenErrorDescriptionAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("server_error", json.RootElement.GetProperty("error").GetString());
        return json.RootElement.GetProperty("error_description").GetString()!;
    }

    public static HttpRequestMessage Get(Uri baseAddress, string path, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseAddress, path));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    public static HttpRequestMessage PostJson(Uri baseAddress, string path, string? token, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, path)) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    /// <summary>A minimal valid body for a flow (with a one-document e-signature payload for signing flows).</summary>
    public static string CreateBody(string flow = "idunicodocssign", string cpf = "73689290074", string? extra = null)
    {
        var pdf = Convert.ToBase64String(Encoding.ASCII.GetBytes("%PDF-1.3\n% test contract\n%%EOF\n"));
        return $$"""
        {
          "callbackUri": "/",
          "flow": "{{flow}}",
          "person": { "duiType": "DUI_TYPE_BR_CPF", "duiValue": "{{cpf}}", "friendlyName": "Luke Skywalker", "email": "luke@example.com" },
          "purpose": "creditprocess",
          "payload": [ { "envelopePayload": { "documents": [ { "documentName": "contrato", "fileContents": "{{pdf}}" } ] } } ]{{extra}}
        }
        """;
    }

    public static async Task<JsonElement> ReadProcessAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("process").Clone();
    }

    /// <summary>Reads the documented 401 body, <c>{"message":"..."}</c>.</summary>
    public static async Task<string> ReadUnauthorizedMessageAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("message").GetString()!;
    }

    /// <summary>Asserts a 404 that carries nothing but its status: no body, no content type.</summary>
    public static async Task AssertBareNotFoundAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentType);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>Reads <c>{"error":{"code","description"}}</c>.</summary>
    public static async Task<(string Code, string Description)> ReadApiErrorAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = json.RootElement.GetProperty("error");
        return (error.GetProperty("code").GetString()!, error.GetProperty("description").GetString()!);
    }
}
