namespace Unico.IdCloud.Client;

/// <summary>
/// The clients of the service accounts registered with <c>AddIdCloud(...)</c> and <c>AddIdCloud("name", ...)</c>, for
/// names known only at run time (a platform serving many tenants, a by Client API key per use case). When the name is
/// known at compile time, inject the keyed service instead: <c>[FromKeyedServices("acme")] IIdCloudProcessClient processes</c>.
/// </summary>
/// <remarks>
/// The account added with <c>AddIdCloud(...)</c> without a name is reachable under the empty string. An unknown name
/// throws an <see cref="IdCloudException"/> of kind <see cref="IdCloudErrorKind.Configuration"/> listing the registered names. Each account has its own token,
/// request budget, resilience pipeline and HTTP clients; nothing is shared between accounts.
/// </remarks>
public interface IIdCloudClientFactory
{
    /// <summary>The names of the registered accounts (the empty string stands for the default account), in order.</summary>
    IReadOnlyList<string> AccountNames { get; }

    /// <summary>The process client of an account.</summary>
    /// <param name="accountName">The name given to <c>AddIdCloud</c>; the empty string for the default account.</param>
    /// <returns>The account's process client.</returns>
    /// <exception cref="IdCloudException">No account has that name (<see cref="IdCloudErrorKind.Configuration"/>).</exception>
    IIdCloudProcessClient GetProcessClient(string accountName);

    /// <summary>The signature client of an account.</summary>
    /// <param name="accountName">The name given to <c>AddIdCloud</c>; the empty string for the default account.</param>
    /// <returns>The account's signature client.</returns>
    /// <exception cref="IdCloudException">No account has that name (<see cref="IdCloudErrorKind.Configuration"/>).</exception>
    IIdCloudSignatureClient GetSignatureClient(string accountName);

    /// <summary>The process waiter of an account.</summary>
    /// <param name="accountName">The name given to <c>AddIdCloud</c>; the empty string for the default account.</param>
    /// <returns>The account's waiter.</returns>
    /// <exception cref="IdCloudException">No account has that name (<see cref="IdCloudErrorKind.Configuration"/>).</exception>
    IIdCloudProcessWaiter GetProcessWaiter(string accountName);

    /// <summary>The artifact downloader of an account.</summary>
    /// <param name="accountName">The name given to <c>AddIdCloud</c>; the empty string for the default account.</param>
    /// <returns>The account's downloader.</returns>
    /// <exception cref="IdCloudException">No account has that name (<see cref="IdCloudErrorKind.Configuration"/>).</exception>
    IIdCloudArtifactDownloader GetArtifactDownloader(string accountName);

    /// <summary>
    /// A by Client client (<c>/processes/v1</c>) that sends the API key configured under
    /// <c>ByClient:ApiKeys:&lt;apiKeyName&gt;</c> of an account. Each key selects a use case and its capabilities, so
    /// an application with several (<c>onboarding</c>, <c>transactional</c>) picks one per call site.
    /// </summary>
    /// <param name="apiKeyName">The key's name, e.g. <c>onboarding</c> (case-insensitive).</param>
    /// <param name="accountName">The name given to <c>AddIdCloud</c>; the empty string (the default) for the default account.</param>
    /// <returns>The client; cheap to create, safe to keep.</returns>
    /// <exception cref="ArgumentException"><paramref name="apiKeyName"/> is null, empty or white space.</exception>
    /// <exception cref="IdCloudException">
    /// No account has that name, or the account has no key of that name (<see cref="IdCloudErrorKind.Configuration"/>;
    /// <see cref="IdCloudException.SettingName"/> is the key to set, and the message lists the configured names).
    /// </exception>
    ByClient.IIdCloudByClient GetByClient(string apiKeyName, string accountName = "");
}
