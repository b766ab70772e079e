namespace Unico.IdCloud.Client;

/// <summary>How a request competes for the tenant's request budget (see <see cref="IIdCloudRateLimiter"/>).</summary>
internal enum IdCloudRequestPriority
{
    /// <summary>Reads: polling a process, downloading evidence or documents. May use the budget minus the reserved share.</summary>
    Normal = 0,

    /// <summary>
    /// Creations (<c>POST</c>, e.g. CreateProcess): may use the whole budget, including the share reserved for them,
    /// so a burst of polls never starves new processes.
    /// </summary>
    High = 1,
}
