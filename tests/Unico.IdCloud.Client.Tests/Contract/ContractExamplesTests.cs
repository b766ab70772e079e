using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Unico.IdCloud.Client.Tests.Contract;

/// <summary>
/// The vendor examples exist twice: as test fixtures (Fixtures/vendor) and embedded, as named examples, in the OpenAPI
/// contracts. They must stay identical, or the contract tests would test something else than the contract documents.
/// </summary>
public sealed partial class ContractExamplesTests
{
    private static readonly string[] Documents = ["idcloud-process.yaml", "idcloud-sign.yaml"];

    public static TheoryData<string> FixtureNames() => VendorFixtures.Named(_ => true);

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public void EveryFixtureIsEmbeddedUnchangedInTheContract(string name)
    {
        var examples = EmbeddedExamples();

        Assert.True(examples.TryGetValue(name, out var example), $"no example named \"{name}\" in {string.Join(" or ", Documents)}");
        var fixture = JsonNode.Parse(VendorFixtures.Read(name));
        Assert.True(JsonNode.DeepEquals(fixture, example), $"{name}.json differs from the example \"{name}\" in the contract");
    }

    [Fact]
    public void TheComparisonSeesAChangedValue()
    {
        // Guards the check itself: a changed number, a number written as a string and a missing member all differ.
        var example = ToJson(LoadYaml("value: {\"a\": 1, \"b\": \"x\", \"c\": [true, null]}")["value"]);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("{\"b\":\"x\",\"a\":1,\"c\":[true,null]}"), example));
        Assert.False(JsonNode.DeepEquals(JsonNode.Parse("{\"a\":2,\"b\":\"x\",\"c\":[true,null]}"), example));
        Assert.False(JsonNode.DeepEquals(JsonNode.Parse("{\"a\":\"1\",\"b\":\"x\",\"c\":[true,null]}"), example));
        Assert.False(JsonNode.DeepEquals(JsonNode.Parse("{\"a\":1,\"c\":[true,null]}"), example));
    }

    private static Dictionary<string, JsonNode?> EmbeddedExamples()
    {
        var examples = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var document in Documents)
        {
            var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "openapi", document));
            Collect(LoadYaml(text), examples);
        }

        return examples;
    }

    private static YamlMappingNode LoadYaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static void Collect(YamlNode node, Dictionary<string, JsonNode?> examples)
    {
        switch (node)
        {
            case YamlSequenceNode sequence:
                foreach (var item in sequence)
                {
                    Collect(item, examples);
                }

                break;
            case YamlMappingNode mapping:
                if (mapping.Children.TryGetValue(new YamlScalarNode("examples"), out var named) && named is YamlMappingNode namedExamples)
                {
                    foreach (var (key, example) in namedExamples.Children)
                    {
                        if (example is YamlMappingNode exampleNode && exampleNode.Children.TryGetValue(new YamlScalarNode("value"), out var value))
                        {
                            examples[((YamlScalarNode)key).Value!] = ToJson(value);
                        }
                    }
                }

                foreach (var child in mapping.Children.Values)
                {
                    Collect(child, examples);
                }

                break;
        }
    }

    /// <summary>YAML (the JSON subset the examples use) to JSON: unquoted scalars keep their JSON type, quoted ones are strings.</summary>
    private static JsonNode? ToJson(YamlNode node)
    {
        var json = new StringBuilder();
        Write(node, json);
        return JsonNode.Parse(json.ToString());
    }

    private static void Write(YamlNode node, StringBuilder json)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                json.Append('{');
                var first = true;
                foreach (var (key, value) in mapping.Children)
                {
                    json.Append(first ? string.Empty : ",").Append(JsonSerializer.Serialize(((YamlScalarNode)key).Value)).Append(':');
                    Write(value, json);
                    first = false;
                }

                json.Append('}');
                break;
            case YamlSequenceNode sequence:
                json.Append('[');
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    json.Append(i == 0 ? string.Empty : ",");
                    Write(sequence.Children[i], json);
                }

                json.Append(']');
                break;
            case YamlScalarNode scalar:
                var text = scalar.Value ?? string.Empty;
                var plain = scalar.Style is ScalarStyle.Plain or ScalarStyle.Any;
                json.Append(plain && (text is "true" or "false" or "null" || JsonNumber().IsMatch(text))
                    ? text
                    : JsonSerializer.Serialize(text));
                break;
        }
    }

    [GeneratedRegex(@"^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$")]
    private static partial Regex JsonNumber();
}
