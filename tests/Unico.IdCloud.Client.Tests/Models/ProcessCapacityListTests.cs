using System.Text.Json;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.Client.Tests.TestSupport;

namespace Unico.IdCloud.Client.Tests.Models;

public class ProcessCapacityListTests
{
    private static readonly ModelsTestJsonContext Context = ModelsTestJsonContext.Default;

    // IdCloudProcess.Capacities is an IReadOnlyList<ProcessCapacity> read by ProcessCapacityListJsonConverter (named by
    // the contract); the list it reads is the internal ProcessCapacityList, which remembers the shape.
    private static ProcessCapacityList Read(string capacitiesJson) =>
        Assert.IsType<ProcessCapacityList>(JsonSerializer.Deserialize($$"""{"capacities":{{capacitiesJson}}}""", Context.CapacitiesHolder)!.Capacities);

    private static string Write(IReadOnlyList<ProcessCapacity> list)
    {
        using var written = JsonDocument.Parse(JsonSerializer.Serialize(new CapacitiesHolder { Capacities = list }, Context.CapacitiesHolder));
        return written.RootElement.GetProperty("capacities").GetRawText();
    }

    [Fact]
    public void Flat_array_from_GetProcess_round_trips()
    {
        var json = """{"capacities":["PROCESS_CAPACITY_IDUNICO","PROCESS_CAPACITY_IDSIGN","PROCESS_CAPACITY_IDLIVE"]}""";
        var list = Assert.IsType<ProcessCapacityList>(JsonSerializer.Deserialize(json, Context.CapacitiesHolder)!.Capacities);

        Assert.False(list.IsNested);
        Assert.Equal([ProcessCapacity.IdUnico, ProcessCapacity.IdSign, ProcessCapacity.IdLive], list);
        Assert.Equal(3, list.Count);
        Assert.Equal(ProcessCapacity.IdSign, list[1]);
        Assert.True(list.Contains(ProcessCapacity.IdLive));
        Assert.False(list.Contains(ProcessCapacity.IdDocs));
        Assert.Equal(json, JsonSerializer.Serialize(new CapacitiesHolder { Capacities = list }, Context.CapacitiesHolder));
    }

    [Fact]
    public void Nested_array_from_the_CreateProcess_example_is_flattened_and_written_back_nested()
    {
        var json = """
            {
              "capacities": [
                [
                  "PROCESS_CAPACITY_IDUNICO",
                  "PROCESS_CAPACITY_IDCHECK",
                  "PROCESS_CAPACITY_IDLIVE"
                ]
              ]
            }
            """;
        var list = Assert.IsType<ProcessCapacityList>(JsonSerializer.Deserialize(json, Context.CapacitiesHolder)!.Capacities);

        Assert.True(list.IsNested);
        Assert.Equal([ProcessCapacity.IdUnico, ProcessCapacity.IdCheck, ProcessCapacity.IdLive], list);
        var written = JsonSerializer.Serialize(new CapacitiesHolder { Capacities = list }, Context.CapacitiesHolder);
        JsonAssert.Equivalent(json, written);
    }

    [Theory]
    [InlineData("""["PROCESS_CAPACITY_IDLIVE",["PROCESS_CAPACITY_IDSIGN","PROCESS_CAPACITY_IDDOCS"],[]]""", 3)]
    [InlineData("""[[],["PROCESS_CAPACITY_IDLIVE"]]""", 1)]
    [InlineData("""[[]]""", 0)]
    [InlineData("""[]""", 0)]
    public void Mixed_and_empty_shapes_round_trip_exactly(string json, int count)
    {
        var list = Read(json);
        Assert.Equal(count, list.Count);
        Assert.Equal(json, Write(list));
    }

    [Fact]
    public void Unknown_capacities_are_kept()
    {
        var json = """["liveness","face_match"]""";
        var list = Read(json);
        Assert.All(list, c => Assert.False(c.IsKnown));
        Assert.Equal(["liveness", "face_match"], list.Select(c => c.Value));
        Assert.Equal(json, Write(list));
    }

    [Fact]
    public void List_built_in_code_is_flat()
    {
        var list = new ProcessCapacityList([ProcessCapacity.IdLive, ProcessCapacity.From("PROCESS_CAPACITY_NEW")]);
        Assert.False(list.IsNested);
        Assert.Equal(
            """["PROCESS_CAPACITY_IDLIVE","PROCESS_CAPACITY_NEW"]""",
            Write(list));
        Assert.Equal("[PROCESS_CAPACITY_IDLIVE, PROCESS_CAPACITY_NEW]", list.ToString());
    }

    [Fact]
    public void Built_list_does_not_follow_later_changes_to_its_source()
    {
        var source = new List<ProcessCapacity> { ProcessCapacity.IdLive };
        var list = new ProcessCapacityList(source);
        source.Add(ProcessCapacity.IdSign);
        Assert.Single(list);
    }

    [Fact]
    public void Any_other_list_is_written_flat()
    {
        Assert.Equal("""["PROCESS_CAPACITY_IDLIVE","x"]""", Write([ProcessCapacity.IdLive, ProcessCapacity.From("x")]));
    }

    [Fact]
    public void Null_list_reads_as_null()
    {
        Assert.Null(JsonSerializer.Deserialize("""{"capacities":null}""", Context.CapacitiesHolder)!.Capacities);
    }

    [Theory]
    [InlineData("""{"capacities":"PROCESS_CAPACITY_IDLIVE"}""")]
    [InlineData("""{"capacities":[1]}""")]
    [InlineData("""{"capacities":[null]}""")]
    [InlineData("""{"capacities":[["PROCESS_CAPACITY_IDLIVE",["PROCESS_CAPACITY_IDSIGN"]]]}""")]
    [InlineData("""{"capacities":[{"a":1}]}""")]
    public void Malformed_lists_fail_with_a_json_exception(string json)
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, Context.CapacitiesHolder));
        Assert.Contains("capacit", ex.Message, StringComparison.Ordinal);
    }
}
