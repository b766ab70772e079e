namespace Unico.IdCloud.Client.Tests.Authentication;

/// <summary>
/// What an access token may hold: only what can follow <c>Bearer </c> in a header. A custom token provider that
/// returns anything else learns it here, not from a transport error on every later API call.
/// </summary>
public sealed class AccessTokenTests
{
    [Theory]
    [InlineData("two words")]
    [InlineData("line\nbreak")]
    [InlineData("t\u00f8ken")]
    [InlineData("tok\u0001en")]
    [InlineData("tok\u007fen")]
    public void A_value_that_cannot_be_sent_in_a_header_is_refused_without_echoing_it(string value)
    {
        var error = Assert.Throws<ArgumentException>(() => new IdCloudAccessToken(value, "Bearer", DateTimeOffset.UnixEpoch));

        Assert.Equal("value", error.ParamName);
        Assert.DoesNotContain(value, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0In0.c2ln-_")]
    [InlineData("opaque+token/with=padding==")]
    [InlineData("a,b;c~!")]
    public void A_visible_ascii_value_is_kept(string value)
    {
        Assert.Equal(value, new IdCloudAccessToken(value, "Bearer", DateTimeOffset.UnixEpoch).Value);
    }
}
