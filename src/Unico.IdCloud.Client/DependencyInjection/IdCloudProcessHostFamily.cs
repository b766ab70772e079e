namespace Unico.IdCloud.Client;

/// <summary>
/// Unico documents two host families for the same "by Unico" process API (<c>/client/v1/process</c>). The older
/// DevCenter pages name <c>api.cadastro[.uat].unico.app</c>; the newer developer portal names
/// <c>api.idcloud[.uat].unico.app</c>. Use the one your Unico project manager confirmed.
/// </summary>
public enum IdCloudProcessHostFamily
{
    /// <summary><c>https://api.cadastro.uat.unico.app</c> / <c>https://api.cadastro.unico.app</c> (default).</summary>
    Cadastro = 0,

    /// <summary><c>https://api.idcloud.uat.unico.app</c> / <c>https://api.idcloud.unico.app</c>.</summary>
    IdCloud = 1,
}
