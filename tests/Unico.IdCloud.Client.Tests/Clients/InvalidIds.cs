namespace Unico.IdCloud.Client.Tests.Clients;

/// <summary>Ids a client must refuse before sending anything: each could address another resource or smuggle a query.</summary>
internal static class InvalidIds
{
    public static TheoryData<string> All => new()
    {
        "a/b",
        ".",
        "..",
        "a..b",
        "a?b",
        "a#b",
        "a%2F",
        "a\\b",
        " a",
        "a ",
        "a\tb",
        "a\nb",
        "a\u0000b",
        "a\u007Fb",
        "\u00A0",
        "",
    };
}
