using System.Net.Http.Json;
using System.Text.Json;

namespace Unico.IdCloud.Cli.Tests.Infrastructure;

/// <summary>One <c>idcloud emulator</c> process shared by a test class, plus an HTTP client for its control API.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public EmulatorProcess Emulator { get; private set; } = null!;

    public HttpClient Control { get; } = new();

    public async Task InitializeAsync() => Emulator = await EmulatorProcess.StartAsync();

    public async Task DisposeAsync()
    {
        Control.Dispose();
        await Emulator.DisposeAsync();
    }

    public async Task<JsonElement> ControlAsync(HttpMethod method, string path, object? body = null, int expectedStatus = 200)
    {
        using var request = new HttpRequestMessage(method, Emulator.ControlBaseAddress + path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await Control.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expectedStatus, $"{method} {path}: expected {expectedStatus}, got {(int)response.StatusCode}: {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
