namespace Unico.IdCloud.AspNetCore;

/// <summary>
/// Settings of the webhook reconciler (<c>AddIdCloudWebhookReconciliation</c>). The defaults spend at most one
/// <c>GetProcess</c> per second — a tenth of the default tenant budget of 10 requests per second shared by every call.
/// </summary>
public sealed class IdCloudWebhookReconciliationOptions
{
    /// <summary>Time between the end of one pass and the start of the next. Default 15 minutes.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Only processes older than this are read: the webhook had its chance. Default 30 minutes.</summary>
    public TimeSpan MinimumAge { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Pause between two <c>GetProcess</c> calls; reads are sequential, never concurrent. Default 1 second. A 429
    /// ends the pass at once (the tenant is over its budget; the next pass tries again).
    /// </summary>
    public TimeSpan RequestSpacing { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>At most this many processes are read per pass. Default 500 (at the default spacing, about 8 minutes).</summary>
    public int MaxProcessesPerPass { get; set; } = 500;
}
