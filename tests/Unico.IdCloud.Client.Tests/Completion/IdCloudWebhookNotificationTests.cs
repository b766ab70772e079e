using System.Text;

namespace Unico.IdCloud.Client.Tests.Completion;

public sealed class IdCloudWebhookNotificationTests
{
    [Fact]
    public void Reads_the_documented_example()
    {
        var body = """{"processId":"8263a268-5388-492a-bca2-28e1ff4a69f0","state":"PROCESS_STATE_FINISHED","flow":"id"}"""u8;

        Assert.True(IdCloudWebhookNotification.TryParse(body, out var notification));

        Assert.Equal("8263a268-5388-492a-bca2-28e1ff4a69f0", notification.ProcessId);
        Assert.Equal("PROCESS_STATE_FINISHED", notification.State?.Value);
        Assert.Equal("id", notification.Flow?.Value);
        Assert.Null(notification.LastEvent);
        Assert.Null(notification.LastEventDescription);
    }

    [Fact]
    public void Reads_the_expired_variant_with_last_event()
    {
        var body = """
            {"processId":"p-1","state":"PROCESS_STATE_FINISHED","flow":"idunicosign",
             "lastEvent":"EVENT_TYPE_DOCUMENT_STEP_STARTED","lastEventDescription":"O usuário iniciou a etapa de documentos"}
            """;

        Assert.True(IdCloudWebhookNotification.TryParse(Encoding.UTF8.GetBytes(body), out var notification));

        Assert.Equal("EVENT_TYPE_DOCUMENT_STEP_STARTED", notification.LastEvent);
        Assert.Equal("O usuário iniciou a etapa de documentos", notification.LastEventDescription);
    }

    [Theory]
    [InlineData("""{"ProcessId":"p"}""")]
    [InlineData("""{"PROCESSID":"p"}""")]
    [InlineData("""{"process_id":"p"}""")]
    [InlineData("""{"process-id":"p"}""")]
    [InlineData("""{ "processId" : " p " }""")]
    public void Member_names_are_matched_loosely_and_the_id_trimmed(string body)
    {
        Assert.True(IdCloudWebhookNotification.TryParse(Encoding.UTF8.GetBytes(body), out var notification));
        Assert.Equal("p", notification.ProcessId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("""{"processId":true}""")]
    [InlineData("""{"processId":"p",}garbage""")]
    [InlineData("""{"processId":"p" "state":"x"}""")]
    [InlineData("""{"processId":"p\""")]
    public void Rejects_bodies_without_a_usable_process_id(string body)
    {
        Assert.False(IdCloudWebhookNotification.TryParse(Encoding.UTF8.GetBytes(body), out var notification));
        Assert.Null(notification);
    }

    [Fact]
    public void Blank_optional_members_are_absent()
    {
        Assert.True(IdCloudWebhookNotification.TryParse("""{"processId":"p","state":"","flow":"  ","lastEvent":null}"""u8, out var notification));

        Assert.Null(notification.State?.Value);
        Assert.Null(notification.Flow?.Value);
        Assert.Null(notification.LastEvent);
    }

    [Fact]
    public void A_deeply_nested_unknown_member_is_skipped_but_absurd_depth_is_refused()
    {
        var nested = new string('[', 20) + new string(']', 20);
        Assert.True(IdCloudWebhookNotification.TryParse(Encoding.UTF8.GetBytes($$"""{"x":{{nested}},"processId":"p"}"""), out _));

        var tooDeep = new string('[', 500) + new string(']', 500);
        Assert.False(IdCloudWebhookNotification.TryParse(Encoding.UTF8.GetBytes($$"""{"x":{{tooDeep}},"processId":"p"}"""), out _));
    }

    [Fact]
    public void Constructor_refuses_an_empty_process_id()
    {
        Assert.Throws<ArgumentException>(() => new IdCloudWebhookNotification(" "));
    }
}
