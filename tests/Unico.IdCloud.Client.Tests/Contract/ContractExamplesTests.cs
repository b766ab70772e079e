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

    public static TheoryData<string> Contracts() => ["idcloud-process.yaml", "idcloud-sign.yaml", "idcloud-byclient.yaml"];

    [Theory]
    [MemberData(nameof(Contracts))]
    public void EveryExamplesMemberIsAMapOfNamedExamplesWithAValue(string document)
    {
        // An example name written at the indentation of its "examples:" line is valid YAML, but it makes "examples" null
        // and the example a stray member of the media type: tools and these tests then see no example at all.
        var problems = new List<string>();
        FindExampleProblems(LoadYaml(File.ReadAllText(ContractPath(document))), problems);

        Assert.True(problems.Count == 0, $"{document}: {string.Join("; ", problems)}");
    }

    [Fact]
    public void TheExamplesShapeCheckSeesAMisIndentedExample()
    {
        const string misIndented = "content:\n  application/json:\n    examples:\n    an-example:\n      value: {\"a\": 1}\n";
        var problems = new List<string>();

        FindExampleProblems(LoadYaml(misIndented), problems);

        Assert.Single(problems);
    }

    /// <summary>The named examples of the given contracts (file names under openapi/), by example name.</summary>
    internal static Dictionary<string, JsonNode?> EmbeddedExamples(params string[] documents)
    {
        var examples = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            Collect(LoadYaml(File.ReadAllText(ContractPath(document))), examples);
        }

        return examples;
    }

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public void EveryFixtureIsEmbeddedUnchangedInTheContract(string name)
    {
        var examples = EmbeddedExamples(Documents);

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

    private static string ContractPath(string document) => Path.Combine(AppContext.BaseDirectory, "openapi", document);

    private static void FindExampleProblems(YamlNode node, List<string> problems)
    {
        switch (node)
        {
            case YamlSequenceNode sequence:
                foreach (var item in sequence)
                {
                    FindExampleProblems(item, problems);
                }

                break;
            case YamlMappingNode mapping:
                if (mapping.Children.TryGetValue(new YamlScalarNode("examples"), out var named))
                {
                    if (named is not YamlMappingNode namedExamples || namedExamples.Children.Count == 0)
                    {
                        problems.Add($"\"examples\" at line {named.Start.Line} is not a map of named examples");
                    }
                    else
                    {
                        problems.AddRange(namedExamples.Children
                            .Where(e => e.Value is not YamlMappingNode example || !example.Children.ContainsKey(new YamlScalarNode("value")))
                            .Select(e => $"example \"{e.Key}\" at line {e.Key.Start.Line} has no value"));
                    }
                }

                foreach (var child in mapping.Children.Values)
                {
                    FindExampleProblems(child, problems);
                }

                break;
        }
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
