namespace Unico.IdCloud.AspNetCore;

/// <summary>The answer of <see cref="IIdCloudWebhookDeduplicationStore.TryClaimAsync"/>.</summary>
public enum IdCloudWebhookClaim
{
    /// <summary>This delivery is the first: the caller now owns it and must later mark it handled or release it.</summary>
    Claimed = 0,

    /// <summary>The same process and state is being handled right now (claim not expired): do nothing.</summary>
    InProgress,

    /// <summary>The same process and state was handled already: do nothing.</summary>
    AlreadyHandled,
}
