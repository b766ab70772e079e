namespace Unico.IdCloud.Quickstart;

/// <summary>The Quickstart's command line: where to write the artifacts and who the person is (real UAT runs).</summary>
internal sealed record QuickstartArguments(string OutputFolder, string Cpf, string Name, string? Email, string? PdfPath)
{
    private const string Usage =
        "usage: dotnet run --project samples/Unico.IdCloud.Quickstart [-- --output <folder>] [--cpf <digits>] [--name <name>] [--email <address>] [--pdf <file>] [--by-client]";

    public static QuickstartArguments Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Count; i++)
        {
            var key = args[i];
            if (!key.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"Unexpected argument '{key}'. {Usage}");
            }

            values[key[2..]] = args[++i];
        }

        foreach (var key in values.Keys)
        {
            if (key is not ("output" or "cpf" or "name" or "email" or "pdf"))
            {
                throw new ArgumentException($"Unknown option '--{key}'. {Usage}");
            }
        }

        return new QuickstartArguments(
            OutputFolder: Path.GetFullPath(values.GetValueOrDefault("output", "quickstart-output")),
            Cpf: values.GetValueOrDefault("cpf", "73689290074"),
            Name: values.GetValueOrDefault("name", "Luke Skywalker"),
            Email: values.GetValueOrDefault("email", "luke@example.com"),
            PdfPath: values.GetValueOrDefault("pdf"));
    }
}
