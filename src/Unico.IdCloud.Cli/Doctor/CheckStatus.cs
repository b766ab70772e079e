namespace Unico.IdCloud.Cli.Doctor;

/// <summary>The verdict of one doctor check.</summary>
internal enum CheckStatus
{
    /// <summary>Fine.</summary>
    Pass,

    /// <summary>Works, but worth a look; does not fail the run.</summary>
    Warn,

    /// <summary>Broken: the run exits non-zero.</summary>
    Fail,

    /// <summary>Not run because an earlier check failed.</summary>
    Skip,
}
