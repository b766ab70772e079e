namespace Unico.IdCloud.Testing;

/// <summary>An endpoint of the emulated by Client API, for <see cref="ByClientEmulator.InjectFault"/>.</summary>
public enum ByClientRoute
{
    /// <summary><c>POST /processes/v1</c>.</summary>
    CreateProcess = 0,

    /// <summary><c>GET /processes/v1/{id}</c>.</summary>
    GetProcess = 1,

    /// <summary><c>GET /processes/v2/{id}</c>.</summary>
    GetProcessDetails = 2,

    /// <summary><c>GET /documents/v1?code=&amp;type=</c>.</summary>
    GetReusableDocuments = 3,

    /// <summary><c>POST /lists/{cpf}</c> (Data Verification).</summary>
    VerifyData = 4,
}
