namespace Unico.IdCloud.PublicApi.Tests.Listing;

/// <summary>What a baseline check found.</summary>
internal enum BaselineStatus
{
    /// <summary>The surface matches the committed file.</summary>
    Unchanged,

    /// <summary>The surface differed and the committed file was rewritten on request.</summary>
    Updated,

    /// <summary>The surface differs; the check fails.</summary>
    Differs,
}
