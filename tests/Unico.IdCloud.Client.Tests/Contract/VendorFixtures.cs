namespace Unico.IdCloud.Client.Tests.Contract;

/// <summary>The vendor's JSON examples (Fixtures/vendor, copied next to the test assembly).</summary>
internal static class VendorFixtures
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "Fixtures", "vendor");

    public static string Read(string name) => File.ReadAllText(Path.Combine(Directory, name + ".json"));

    public static IReadOnlyList<string> AllNames() =>
        [.. System.IO.Directory.GetFiles(Directory, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!];

    public static TheoryData<string> Named(Func<string, bool> predicate)
    {
        var data = new TheoryData<string>();
        foreach (var name in AllNames().Where(predicate))
        {
            data.Add(name);
        }

        return data;
    }
}
