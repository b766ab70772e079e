using Microsoft.Extensions.Time.Testing;
using System.Text.Json;

namespace Unico.IdCloud.Testing.Tests.Infrastructure;

/// <summary>
/// Base of the emulator tests: the class's shared emulator, reset before each test, a clock moved one minute on
/// (so no two tests build byte-identical assertions), and a plain HttpClient.
/// </summary>
public abstract class EmulatorTest(EmulatorFixture fixture) : EmulatorTest<EmulatorFixture>(fixture)
{
}

/// <summary>The same, for a fixture that starts its emulator with other options.</summary>
/// <typeparam name="TFixture">The fixture.</typeparam>
public abstract class EmulatorTest<TFixture> : IClassFixture<TFixture>, IAsyncLifetime
    where TFixture : EmulatorFixture
{
    private readonly TFixture _fixture;

    protected EmulatorTest(TFixture fixture)
    {
        _fixture = fixture;
        Http = fixture.InMemory ? new HttpClient(fixture.Emulator.CreateHandler()) : EmulatorHttp.NewClient();
    }

    protected FakeTimeProvider Clock => _fixture.Clock;

    protected IdCloudEmulator Emulator => _fixture.Emulator;

    protected EmulatedServiceAccount Account => _fixture.Account;

    protected HttpClient Http { get; }

    public Task InitializeAsync()
    {
        Clock.Advance(TimeSpan.FromMinutes(1));
        Emulator.Reset();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Http.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>
    /// A fresh access token. The clock moves one second first: assertions are single-use and two built in the same
    /// second are byte-identical, so the second would be refused as a replay (1.2.7), as on the real service.
    /// </summary>
    protected Task<string> TokenAsync()
    {
        Clock.Advance(TimeSpan.FromSeconds(1));
        return EmulatorHttp.GetAccessTokenAsync(Http, Emulator, Account, Clock.GetUtcNow());
    }

    protected async Task<JsonElement> CreateProcessAsync(string token, string body)
    {
        using var response = await Http.SendAsync(EmulatorHttp.PostJson(Emulator.ProcessApiBaseAddress, "/client/v1/process", token, body));
        return await EmulatorHttp.ReadProcessAsync(response);
    }

    protected async Task<JsonElement> GetProcessAsync(string token, string id)
    {
        using var response = await Http.SendAsync(EmulatorHttp.Get(Emulator.ProcessApiBaseAddress, "/client/v1/process/" + id, token));
        return await EmulatorHttp.ReadProcessAsync(response);
    }
}
