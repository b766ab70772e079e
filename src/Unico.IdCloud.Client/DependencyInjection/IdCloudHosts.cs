namespace Unico.IdCloud.Client;

/// <summary>The documented host presets of each IDCloud environment.</summary>
internal static class IdCloudHosts
{
    /// <summary>UAT identity host (also the assertion audience): <c>https://identityhomolog.acesso.io</c>.</summary>
    public static Uri UatIdentity { get; } = new("https://identityhomolog.acesso.io");

    /// <summary>Production identity host (also the assertion audience): <c>https://identity.acesso.io</c>.</summary>
    public static Uri ProductionIdentity { get; } = new("https://identity.acesso.io");

    /// <summary>UAT process API, DevCenter family: <c>https://api.cadastro.uat.unico.app</c>.</summary>
    public static Uri UatCadastroProcessApi { get; } = new("https://api.cadastro.uat.unico.app");

    /// <summary>Production process API, DevCenter family: <c>https://api.cadastro.unico.app</c>.</summary>
    public static Uri ProductionCadastroProcessApi { get; } = new("https://api.cadastro.unico.app");

    /// <summary>UAT process API, developer-portal family: <c>https://api.idcloud.uat.unico.app</c>.</summary>
    public static Uri UatIdCloudProcessApi { get; } = new("https://api.idcloud.uat.unico.app");

    /// <summary>Production process API, developer-portal family: <c>https://api.idcloud.unico.app</c>.</summary>
    public static Uri ProductionIdCloudProcessApi { get; } = new("https://api.idcloud.unico.app");

    /// <summary>UAT signature API: <c>https://signhom.acesso.io</c>.</summary>
    public static Uri UatSignatureApi { get; } = new("https://signhom.acesso.io");

    /// <summary>Production signature API: <c>https://sign.acesso.io</c>.</summary>
    public static Uri ProductionSignatureApi { get; } = new("https://sign.acesso.io");

    /// <summary>UAT by Client API: <c>https://api.id.uat.unico.app</c>.</summary>
    public static Uri UatByClientApi { get; } = new("https://api.id.uat.unico.app");

    /// <summary>Production by Client API: <c>https://api.id.unico.app</c>.</summary>
    public static Uri ProductionByClientApi { get; } = new("https://api.id.unico.app");

    /// <summary>The by Client API preset of an environment.</summary>
    /// <param name="environment">The environment.</param>
    public static Uri ByClientApi(IdCloudEnvironment environment) =>
        environment == IdCloudEnvironment.Production ? ProductionByClientApi : UatByClientApi;

    /// <summary>The identity host preset of an environment.</summary>
    /// <param name="environment">The environment.</param>
    public static Uri Identity(IdCloudEnvironment environment) =>
        environment == IdCloudEnvironment.Production ? ProductionIdentity : UatIdentity;

    /// <summary>The process API preset of an environment and host family.</summary>
    /// <param name="environment">The environment.</param>
    /// <param name="family">The documented host family.</param>
    public static Uri ProcessApi(IdCloudEnvironment environment, IdCloudProcessHostFamily family) =>
        (environment, family) switch
        {
            (IdCloudEnvironment.Production, IdCloudProcessHostFamily.IdCloud) => ProductionIdCloudProcessApi,
            (IdCloudEnvironment.Production, _) => ProductionCadastroProcessApi,
            (_, IdCloudProcessHostFamily.IdCloud) => UatIdCloudProcessApi,
            _ => UatCadastroProcessApi,
        };

    /// <summary>The signature API preset of an environment.</summary>
    /// <param name="environment">The environment.</param>
    public static Uri SignatureApi(IdCloudEnvironment environment) =>
        environment == IdCloudEnvironment.Production ? ProductionSignatureApi : UatSignatureApi;
}
