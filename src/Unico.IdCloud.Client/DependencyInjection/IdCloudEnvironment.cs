namespace Unico.IdCloud.Client;

/// <summary>
/// Which IDCloud environment to talk to. Credentials are environment-specific: a UAT service account cannot
/// authenticate against production (mixing them is the most common cause of 401s).
/// </summary>
public enum IdCloudEnvironment
{
    /// <summary>
    /// The homologation (UAT) environment: <c>identityhomolog.acesso.io</c>, <c>api.cadastro.uat.unico.app</c>
    /// (or <c>api.idcloud.uat.unico.app</c>) and <c>signhom.acesso.io</c>.
    /// </summary>
    Uat = 0,

    /// <summary>
    /// Production: <c>identity.acesso.io</c>, <c>api.cadastro.unico.app</c> (or <c>api.idcloud.unico.app</c>)
    /// and <c>sign.acesso.io</c>.
    /// </summary>
    Production = 1,
}
