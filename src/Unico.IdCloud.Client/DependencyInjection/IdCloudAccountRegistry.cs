namespace Unico.IdCloud.Client.DependencyInjection;

/// <summary>The accounts registered in one service collection (a singleton instance filled while registering).</summary>
internal sealed class IdCloudAccountRegistry
{
    private readonly List<IdCloudAccount> _accounts = [];

    public IReadOnlyList<IdCloudAccount> Accounts => _accounts;

    public IdCloudAccount? Find(string name) => _accounts.Find(a => string.Equals(a.Name, name, StringComparison.Ordinal));

    public void Add(IdCloudAccount account) => _accounts.Add(account);

    /// <summary>The account of <paramref name="name"/>, or a configuration error that lists the known names.</summary>
    public IdCloudAccount Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Find(name) is { } account)
        {
            return account;
        }

        var known = _accounts.Count == 0
            ? "none is registered"
            : "registered: " + string.Join(", ", _accounts.Select(a => a.IsDefault ? "\"\" (the default account)" : "\"" + a.Name + "\""));
        var setting = name.Length == 0 ? IdCloudOptions.DefaultSectionName : IdCloudAccount.DefaultPathOf(name);
        throw IdCloudErrors.Configuration(
            setting,
            name.Length == 0
                ? $"No default IDCloud account is registered ({known}). Call services.AddIdCloud(...) without a name, or ask for one of the named accounts."
                : $"No IDCloud account is named '{name}' ({known}). Register it with services.AddIdCloud(\"{name}\", configuration.GetSection(\"{setting}\")).");
    }
}
