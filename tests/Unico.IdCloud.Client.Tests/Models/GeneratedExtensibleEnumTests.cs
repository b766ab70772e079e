using System.Reflection;
using Unico.IdCloud.Client.Models;
using YamlDotNet.RepresentationModel;

namespace Unico.IdCloud.Client.Tests.Models;

/// <summary>
/// The extensible enums are generated from the contract at build time (openapi/OpenApi.targets): every
/// <c>anyOf: [{type: string, enum: [...]}, {type: string}]</c> schema of idcloud-process.yaml is a public struct in
/// <c>Unico.IdCloud.Client.Models</c> whose known values, in order, and member names are the contract's. Read here with a
/// real YAML parser, independently of the generator's own reader.
/// </summary>
public sealed class GeneratedExtensibleEnumTests
{
    public static TheoryData<string> SchemaNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in EnumSchemas().Keys)
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void TheContractDeclaresTheThirteenExtensibleEnums()
    {
        Assert.Equal(
            ["AuthenticationResult", "BioTokenEngineResult", "DuiType", "Flow", "LivenessResult", "NotificationChannel", "OcrDocumentCode",
             "ProcessCapacity", "ProcessResult", "ProcessState", "Purpose", "ScoreEnabled", "TrustResult"],
            EnumSchemas().Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(SchemaNames))]
    public void EachEnumSchemaIsAStructWithTheContractsValuesAndNames(string schema)
    {
        var (values, names) = EnumSchemas()[schema];
        var type = typeof(Flow).Assembly.GetType("Unico.IdCloud.Client.Models." + schema, throwOnError: true)!;

        Assert.True(type.IsValueType, schema);
        Assert.Equal(schema != "ScoreEnabled", type.IsPublic); // x-idcloud-internal: AuthenticationInfo.ScoreEnabled is a bool?
        var known = (System.Collections.IEnumerable)type.GetProperty("KnownValues", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        Assert.Equal(values, known.Cast<object>().Select(v => v.ToString()));
        Assert.Equal(names.Count, values.Count);
        for (var i = 0; i < names.Count; i++)
        {
            var member = type.GetField(names[i], BindingFlags.Public | BindingFlags.Static);
            Assert.True(member is not null, $"{schema}.{names[i]} is missing");
            Assert.Equal(values[i], member.GetValue(null)!.ToString());
            Assert.True((bool)type.GetProperty("IsKnown")!.GetValue(member.GetValue(null))!);
        }
    }

    [Fact]
    public void HandWrittenPartsStillApply()
    {
        Assert.True(ProcessState.Finished.IsTerminal);
        Assert.True(ProcessState.Failed.IsTerminal);
        Assert.True(ProcessState.Canceled.IsTerminal);
        Assert.False(ProcessState.Created.IsTerminal);
        Assert.False(ProcessState.AwaitingForDocument.IsTerminal);
        Assert.False(ProcessState.From("PROCESS_STATE_PAUSED").IsTerminal);
        Assert.True(Flow.IdUnicoSign.Has(FlowCapabilities.ElectronicSignature));
    }

    private static Dictionary<string, (List<string> Values, List<string> Names)> EnumSchemas()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "openapi", "idcloud-process.yaml"))));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var schemas = (YamlMappingNode)((YamlMappingNode)root["components"])["schemas"];
        var result = new Dictionary<string, (List<string>, List<string>)>(StringComparer.Ordinal);
        foreach (var (key, node) in schemas.Children)
        {
            if (node is not YamlMappingNode schema || !schema.Children.TryGetValue("anyOf", out var anyOf))
            {
                continue;
            }

            var withEnum = ((YamlSequenceNode)anyOf).Children.OfType<YamlMappingNode>()
                .FirstOrDefault(item => item.Children.ContainsKey("enum"));
            if (withEnum is null)
            {
                continue;
            }

            var values = ((YamlSequenceNode)withEnum["enum"]).Children.Select(v => ((YamlScalarNode)v).Value!).ToList();
            var names = ((YamlSequenceNode)schema["x-enum-varnames"]).Children.Select(v => ((YamlScalarNode)v).Value!).ToList();
            result.Add(((YamlScalarNode)key).Value!, (values, names));
        }

        return result;
    }
}
