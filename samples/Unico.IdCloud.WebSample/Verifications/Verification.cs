using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.WebSample.Verifications;

/// <summary>
/// One verification started by this application. <see cref="Reference"/> is this application's own random id: it is
/// what appears in URLs (the process id stays on the server side). Holds no full CPF or e-mail.
/// </summary>
/// <param name="Reference">The random reference used in this application's URLs and sent as <c>clientReference</c>.</param>
/// <param name="ProcessId">The IDCloud process id.</param>
/// <param name="Flow">The journey.</param>
/// <param name="MaskedCpf">The CPF as shown to people (<c>***.***.***-74</c>).</param>
/// <param name="StartedAt">When the process was created.</param>
public sealed record Verification(string Reference, string ProcessId, Flow Flow, string MaskedCpf, DateTimeOffset StartedAt)
{
    /// <summary>The latest process read (from the webhook handler or by a page), or null before the first read.</summary>
    public IdCloudProcess? Process { get; init; }

    /// <summary>When the process was last read.</summary>
    public DateTimeOffset? ProcessReadAt { get; init; }

    /// <summary>When Unico's webhook said the process finished, or null while no notification arrived.</summary>
    public DateTimeOffset? NotifiedAt { get; init; }
}
