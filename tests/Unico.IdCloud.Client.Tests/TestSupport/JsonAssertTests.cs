using Xunit.Sdk;

namespace Unico.IdCloud.Client.Tests.TestSupport;

public class JsonAssertTests
{
    [Theory]
    [InlineData("""{"a":1,"b":[true,null,"x"]}""", """{ "b": [true, null, "x"], "a": 1 }""")]
    [InlineData("""{"n":1.0}""", """{"n":1}""")]
    [InlineData("""{"n":73689290074}""", """{"n":73689290074}""")]
    [InlineData("""{"s":"a\/b"}""", """{"s":"a/b"}""")]
    public void Equivalent_documents_pass(string expected, string actual) => JsonAssert.Equivalent(expected, actual);

    [Theory]
    [InlineData("""{"n":1}""", """{"n":"1"}""", "$.n")]
    [InlineData("""{"a":1}""", """{"a":1,"b":2}""", "$.b")]
    [InlineData("""{"a":1,"b":2}""", """{"a":1}""", "$.b")]
    [InlineData("""[1,2]""", """[2,1]""", "$[0]")]
    [InlineData("""[[1]]""", """[1]""", "$[0]")]
    [InlineData("""{"s":"A"}""", """{"s":"a"}""", "$.s")]
    [InlineData("""{"x":{"y":true}}""", """{"x":{"y":false}}""", "$.x.y")]
    [InlineData("""{"n":73689290074}""", """{"n":73689290075}""", "$.n")]
    public void Different_documents_fail_naming_the_path(string expected, string actual, string path)
    {
        var ex = Assert.Throws<XunitException>(() => JsonAssert.Equivalent(expected, actual));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }
}
