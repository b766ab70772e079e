namespace Unico.IdCloud.Testing;

/// <summary>
/// Counts each tenant's API requests in fixed one-second windows of the emulator's clock (aligned to whole Unix
/// seconds) and, when enforcing, refuses those above the budget, as Unico's per-tenant limit does. Measuring and
/// refusing use the same windows, so "0 × 429" and "busiest window ≤ budget" can never disagree.
/// </summary>
internal sealed class TenantTrafficMeter
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Tenant> _tenants = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly bool _enforce;
    private readonly int _budget;

    public TenantTrafficMeter(TimeProvider time, bool enforce, int budget)
    {
        _time = time;
        _enforce = enforce;
        _budget = budget;
    }

    /// <summary>Counts one request. Returns the <c>Retry-After</c> seconds when it is over budget, else null.</summary>
    public int? Admit(string tenantId)
    {
        var now = _time.GetUtcNow();
        var second = now.ToUnixTimeSeconds();
        lock (_gate)
        {
            if (!_tenants.TryGetValue(tenantId, out var tenant))
            {
                tenant = new Tenant();
                _tenants.Add(tenantId, tenant);
            }

            if (tenant.WindowSecond != second || tenant.WindowCount == 0)
            {
                tenant.WindowSecond = second;
                tenant.WindowCount = 0;
            }

            tenant.WindowCount++;
            tenant.Requests++;
            if (tenant.WindowCount > tenant.BusiestCount)
            {
                tenant.BusiestCount = tenant.WindowCount;
                tenant.BusiestSecond = second;
            }

            if (!_enforce || tenant.WindowCount <= _budget)
            {
                return null;
            }
        }

        // The window ends at the next whole second: a client that waits that long is admitted again. Retry-After is
        // whole seconds, so round up (at least 1).
        var untilNextWindow = DateTimeOffset.FromUnixTimeSeconds(second + 1) - now;
        return Math.Max(1, (int)Math.Ceiling(untilNextWindow.TotalSeconds));
    }

    /// <summary>Notes a 429 answered to one of the tenant's requests (by the limit or an injected fault).</summary>
    public void CountRateLimited(string tenantId)
    {
        lock (_gate)
        {
            if (_tenants.TryGetValue(tenantId, out var tenant))
            {
                tenant.RateLimited++;
            }
        }
    }

    public EmulatorTenantTraffic Snapshot(string tenantId)
    {
        lock (_gate)
        {
            return _tenants.TryGetValue(tenantId, out var t)
                ? new EmulatorTenantTraffic(tenantId, t.Requests, t.BusiestCount, t.BusiestCount == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(t.BusiestSecond), t.RateLimited)
                : new EmulatorTenantTraffic(tenantId, 0, 0, null, 0);
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _tenants.Clear();
        }
    }

    private sealed class Tenant
    {
        public long WindowSecond;
        public int WindowCount;
        public int Requests;
        public int BusiestCount;
        public long BusiestSecond;
        public int RateLimited;
    }
}
