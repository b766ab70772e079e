using System.Text.Json;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.Client.Serialization;
using Unico.IdCloud.Client.Tests.TestSupport;

namespace Unico.IdCloud.Client.Tests.Contract;

/// <summary>
/// Every JSON example of the vendor documentation deserializes into the typed models and serializes back to
/// equivalent JSON: same member names, same enum wire strings, same values and JSON kinds.
/// </summary>
public sealed class VendorExampleRoundTripTests
{
    private static readonly IdCloudJsonContext Json = IdCloudJsonContext.Default;

    private static readonly Func<string, bool> IsRequest = name => name.StartsWith("create-process-request", StringComparison.Ordinal);
    private static readonly Func<string, bool> IsProcessResponse = name => name is "create-process-response" or "get-process-response";
    private static readonly Func<string, bool> IsFileResponse = name => name is "get-selfie-response" or "get-evidence-set-response";

    public static TheoryData<string> RequestExamples => VendorFixtures.Named(IsRequest);

    public static TheoryData<string> ProcessResponseExamples => VendorFixtures.Named(IsProcessResponse);

    public static TheoryData<string> FileResponseExamples => VendorFixtures.Named(IsFileResponse);

    [Fact]
    public void EveryVendorFixtureIsCoveredByARoundTripTheory()
    {
        // The error template belongs to the error mapper (errors are not generated DTOs); every other example must be
        // exercised here, so adding a fixture without a test fails.
        var all = VendorFixtures.AllNames();
        var uncovered = all.Where(name => !IsRequest(name) && !IsProcessResponse(name) && !IsFileResponse(name));

        Assert.Equal(["error-response-template"], uncovered);
        Assert.Equal(9, all.Count(IsRequest));
        Assert.Equal(2, all.Count(IsProcessResponse));
        Assert.Equal(2, all.Count(IsFileResponse));
    }

    [Theory]
    [MemberData(nameof(RequestExamples))]
    public void CreateProcessRequestExampleRoundTrips(string name)
    {
        var json = VendorFixtures.Read(name);

        var request = JsonSerializer.Deserialize(json, Json.CreateProcessRequest);

        Assert.NotNull(request);
        JsonAssert.Equivalent(json, JsonSerializer.Serialize(request, Json.CreateProcessRequest));
    }

    [Theory]
    [MemberData(nameof(ProcessResponseExamples))]
    public void ProcessResponseExampleRoundTrips(string name)
    {
        var json = VendorFixtures.Read(name);

        var response = JsonSerializer.Deserialize(json, Json.ProcessResponse);

        Assert.NotNull(response?.Process);
        JsonAssert.Equivalent(json, JsonSerializer.Serialize(response, Json.ProcessResponse));
    }

    [Theory]
    [MemberData(nameof(FileResponseExamples))]
    public void FileResponseExampleRoundTrips(string name)
    {
        var json = VendorFixtures.Read(name);

        var response = JsonSerializer.Deserialize(json, Json.FileContentsResponse);

        Assert.NotNull(response?.FileContents);
        JsonAssert.Equivalent(json, JsonSerializer.Serialize(response, Json.FileContentsResponse));
    }
}
