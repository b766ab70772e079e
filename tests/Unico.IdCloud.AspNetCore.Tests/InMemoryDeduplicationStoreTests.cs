using Unico.IdCloud.TestSupport;
using Unico.IdCloud.Client.Tests.Completion;

namespace Unico.IdCloud.AspNetCore.Tests;

public sealed class InMemoryDeduplicationStoreTests
{
    private static readonly IdCloudWebhookDeliveryKey Key = new("8263a268-5388-492a-bca2-28e1ff4a69f0", "PROCESS_STATE_FINISHED");
    private readonly ObservedTimeProvider _time = new();

    [Fact]
    public async Task A_claim_is_exclusive_until_marked_handled_or_released()
    {
        var store = new InMemoryIdCloudWebhookDeduplicationStore(_time, TimeSpan.FromDays(1), 100);

        Assert.Equal(IdCloudWebhookClaim.Claimed, await store.TryClaimAsync(Key, TimeSpan.FromMinutes(10)));
        Assert.Equal(IdCloudWebhookClaim.InProgress, await store.TryClaimAsync(Key, TimeSpan.FromMinutes(10)));

        await store.ReleaseAsync(Key);
        Assert.Equal(IdCloudWebhookClaim.Claimed, await store.TryClaimAsync(Key, TimeSpan.FromMinutes(10)));

        await store.MarkHandledAsync(Key);
        Assert.Equal(IdCloudWebhookClaim.AlreadyHandled, await store.TryClaimAsync(Key, TimeSpan.FromMinutes(10)));

        await store.ReleaseAsync(Key);
        Assert.Equal(IdCloudWebhookClaim.AlreadyHandled, await store.TryClaimAsync(Key, TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public async Task An_abandoned_claim_expires_after_its_lease()
    {
        var store = new InMemoryIdCloudWebhookDeduplicationStore(_time, TimeSpan.FromDays(1), 100);
        await store.TryClaimAsync(Key, TimeSpan.FromMinutes(10));

        _time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromTicks(1));
        Assert.Equal(IdCloudWebhookClaim.InProgress, await store.TryClaimAsync(Key, TimeSpan.FromMinutes(10)));
        _time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(IdCloudWebhookClaim.Claimed, await store.TryClaimAsync(Key, TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public async Task A_handled_key_is_forgotten_after_the_retention()
    {
        var store = new InMemoryIdCloudWebhookDeduplicationStore(_time, TimeSpan.FromHours(24), 100);
        await store.TryClaimAsync(Key, TimeSpan.FromMinutes(10));
        await store.MarkHandledAsync(Key);

        _time.Advance(TimeSpan.FromHours(23));
        Assert.Equal(IdCloudWebhookClaim.AlreadyHandled, await store.TryClaimAsync(Key, TimeSpan.FromMinutes(10)));
        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(IdCloudWebhookClaim.Claimed, await store.TryClaimAsync(Key, TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public async Task The_table_never_exceeds_its_capacity_and_forgets_the_oldest_first()
    {
        var store = new InMemoryIdCloudWebhookDeduplicationStore(_time, TimeSpan.FromDays(7), capacity: 3);
        var keys = Enumerable.Range(1, 5).Select(i => new IdCloudWebhookDeliveryKey($"p{i}", "S")).ToList();

        foreach (var key in keys)
        {
            await store.TryClaimAsync(key, TimeSpan.FromHours(1));
            await store.MarkHandledAsync(key);
            Assert.True(store.Count <= 3);
        }

        Assert.Equal(IdCloudWebhookClaim.Claimed, await store.TryClaimAsync(keys[0], TimeSpan.FromHours(1)));
        Assert.Equal(IdCloudWebhookClaim.AlreadyHandled, await store.TryClaimAsync(keys[4], TimeSpan.FromHours(1)));
        Assert.Equal(IdCloudWebhookClaim.AlreadyHandled, await store.TryClaimAsync(keys[3], TimeSpan.FromHours(1)));
    }

    [Fact]
    public async Task Concurrent_claims_of_one_key_have_exactly_one_winner()
    {
        var store = new InMemoryIdCloudWebhookDeduplicationStore(_time, TimeSpan.FromDays(1), 100);

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => store.TryClaimAsync(Key, TimeSpan.FromMinutes(1)).AsTask())));

        Assert.Single(results, r => r == IdCloudWebhookClaim.Claimed);
    }

    [Fact]
    public void Key_text_form_is_stable_for_shared_stores()
    {
        Assert.Equal("8263a268-5388-492a-bca2-28e1ff4a69f0|PROCESS_STATE_FINISHED", Key.ToString());
    }
}
