using System.Net;
using System.Text.RegularExpressions;

namespace Unico.IdCloud.WebSample.Tests;

/// <summary>
/// A browser as far as the sample can tell: keeps cookies, does not follow redirects (the tests look at them), and
/// posts forms with the anti-forgery token of the page they came from.
/// </summary>
internal sealed partial class SampleBrowser : IDisposable
{
    private readonly HttpClient _http;

    /// <param name="baseAddress">The sample's http address.</param>
    /// <param name="certificate">The only certificate trusted over https (the sample's callback address), if any.</param>
    public SampleBrowser(Uri baseAddress, TestCertificate? certificate = null)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer(), UseProxy = false };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, errors) =>
            errors == System.Net.Security.SslPolicyErrors.None || (certificate?.IsThis(presented) ?? false);
        _http = new HttpClient(handler)
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(20),
        };
    }

    public async Task<(HttpStatusCode Status, string Html)> GetPageAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    /// <summary>Posts the form at <paramref name="action"/> found on <paramref name="page"/>, with its anti-forgery token.</summary>
    public Task<HttpResponseMessage> SubmitAsync(string page, string action, IReadOnlyDictionary<string, string> fields)
    {
        Assert.Contains($"action=\"{action}\"", page, StringComparison.Ordinal);
        var token = AntiforgeryField().Match(page);
        Assert.True(token.Success, "The page has no anti-forgery token.");
        var form = new Dictionary<string, string>(fields) { [token.Groups["name"].Value] = WebUtility.HtmlDecode(token.Groups["value"].Value) };
        return PostAsync(action, form);
    }

    public async Task<HttpResponseMessage> PostAsync(string path, IReadOnlyDictionary<string, string> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        return await _http.PostAsync(path, content);
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]+)\">")]
    private static partial Regex AntiforgeryField();
}
