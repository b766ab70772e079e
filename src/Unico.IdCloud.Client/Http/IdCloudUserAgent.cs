using System.Net.Http.Headers;
using System.Reflection;

namespace Unico.IdCloud.Client.Http;

/// <summary>
/// The <c>User-Agent</c> every request of the SDK carries: <c>Unico.IdCloud.Client/&lt;version&gt; (.NET &lt;runtime&gt;)</c>.
/// </summary>
/// <remarks>
/// HttpClient sends none by default, and firewalls in front of APIs commonly refuse requests without one (Unico's FAQ
/// warns that its proxy refuses non-compliant requests). It also lets Unico's support tell the SDK's traffic and
/// version apart. An app adds its own product through the named clients
/// (<c>builder.ProcessApiHttpClient.ConfigureHttpClient(c =&gt; c.DefaultRequestHeaders.UserAgent.Add(...))</c>).
/// </remarks>
internal static class IdCloudUserAgent
{
    /// <summary>The SDK's product token and the runtime comment, in the order they are sent.</summary>
    public static IReadOnlyList<ProductInfoHeaderValue> Values { get; } =
    [
        new("Unico.IdCloud.Client", Version()),
        new($"(.NET {Environment.Version})"),
    ];

    /// <summary>Adds the SDK's values to a client's default headers.</summary>
    public static void AddTo(HttpClient client)
    {
        foreach (var value in Values)
        {
            client.DefaultRequestHeaders.UserAgent.Add(value);
        }
    }

    /// <summary>The package version without its build metadata (<c>0.1.0+3f2a…</c> → <c>0.1.0</c>): a commit id tells a server nothing.</summary>
    private static string Version()
    {
        var version = typeof(IdCloudUserAgent).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(IdCloudUserAgent).Assembly.GetName().Version?.ToString(3)
            ?? "0.0.0";
        var metadata = version.IndexOf('+', StringComparison.Ordinal);
        return metadata >= 0 ? version[..metadata] : version;
    }
}
