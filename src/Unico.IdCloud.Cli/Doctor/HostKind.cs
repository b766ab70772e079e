namespace Unico.IdCloud.Cli.Doctor;

/// <summary>Which environment a host belongs to.</summary>
internal enum HostKind
{
    /// <summary>One of Unico's UAT (homologation) hosts.</summary>
    Uat,

    /// <summary>One of Unico's production hosts.</summary>
    Production,

    /// <summary>A loopback host: the emulator or a local proxy.</summary>
    Local,

    /// <summary>Any other host (a proxy or gateway of your own).</summary>
    Other,
}
