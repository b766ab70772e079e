using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Unico.IdCloud.Testing;

namespace Unico.IdCloud.AspNetCore.Tests.Emulator;

/// <summary>
/// Creates processes on the emulator over plain HTTP, the way any caller would: mints one RS256 assertion, exchanges
/// it for a bearer token, POSTs CreateProcess. The webhook tests need processes to finish, not the SDK's pipeline.
/// </summary>
public sealed class RawEmulatorCaller(IdCloudEmulator emulator, EmulatedServiceAccount account) : IDisposable
{
    private readonly HttpClient _http = new();
    private string? _token;

    public async Task<string> CreateProcessAsync(string flow = "id")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(emulator.ProcessApiBaseAddress, "client/v1/process"))
        {
            Content = JsonContent.Create(new
            {
                callbackUri = "/",
                flow,
                purpose = "creditprocess",
                person = new { duiType = "DUI_TYPE_BR_CPF", duiValue = "73689290074", friendlyName = "Test Person" },
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync());
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("process").GetProperty("id").GetString()!;
    }

    public void Dispose() => _http.Dispose();

    private async Task<string> TokenAsync()
    {
        if (_token is not null)
        {
            return _token;
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Base64Url("""{"alg":"RS256","typ":"JWT"}"""u8.ToArray());
        var claims = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = account.Issuer,
            ["aud"] = emulator.Audience,
            ["scope"] = "*",
            ["iat"] = now,
            ["exp"] = now + 300,
        }));
        using var rsa = RSA.Create();
        rsa.ImportFromPem(account.PrivateKeyPem);
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(header + "." + claims), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:jwt-bearer",
            ["assertion"] = header + "." + claims + "." + Base64Url(signature),
        });
        using var response = await _http.PostAsync(new Uri(emulator.IdentityBaseAddress, "oauth2/token"), form);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return _token = json.RootElement.GetProperty("access_token").GetString()!;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
