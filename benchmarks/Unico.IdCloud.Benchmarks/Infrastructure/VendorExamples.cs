using System.Text.Json.Nodes;

namespace Unico.IdCloud.Benchmarks.Infrastructure;

/// <summary>
/// Response bodies from the vendor's API reference (shared/seeds/unico-by-unico-api-pt-br.txt), read from the
/// contract tests' fixtures (tests/Unico.IdCloud.Client.Tests/Fixtures/vendor, copied beside the benchmarks), so the
/// benchmarks parse what the real service sends, quirks included (an OCR date of 2025-10-35, numbers where strings are
/// usual).
/// </summary>
internal static class VendorExamples
{
    /// <summary>The process id in both examples.</summary>
    public const string ProcessId = "53060f52-f146-4c12-a234-5bb5031f6f5b";

    /// <summary>The GetProcess example (<c>GET /client/v1/process/{processId}</c>), verbatim, as UTF-8.</summary>
    public static readonly byte[] GetProcessJson = Read("get-process-response.json");

    /// <summary>
    /// The CreateProcess example answer, verbatim except <c>capacities</c>: the reference nests that array in another
    /// array (a documentation slip the SDK tolerates). It is flattened here so the hand-written baseline, typed the way
    /// a careful writer types it (a list of strings), reads the same body; the benchmark is about the request payload.
    /// </summary>
    public static readonly byte[] CreateProcessJson = FlattenCapacities(Read("create-process-response.json"));

    private static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "VendorExamples", name));

    private static byte[] FlattenCapacities(byte[] json)
    {
        var root = JsonNode.Parse(json)!;
        var process = root["process"]!.AsObject();
        if (process["capacities"] is JsonArray { Count: 1 } outer && outer[0] is JsonArray inner)
        {
            process["capacities"] = inner.DeepClone();
        }

        return System.Text.Encoding.UTF8.GetBytes(root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }
}
