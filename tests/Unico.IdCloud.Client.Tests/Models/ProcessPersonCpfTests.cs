using System.Text.Json;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.Client.Serialization;

namespace Unico.IdCloud.Client.Tests.Models;

/// <summary>ProcessPerson.Cpf is a typed view of duiType/duiValue: the wire keeps the documented members only.</summary>
public sealed class ProcessPersonCpfTests
{
    [Fact]
    public void SettingACpfSetsTheDocumentedTypeAndTheDigits()
    {
        var person = new ProcessPerson { Cpf = Cpf.Parse("736.892.900-74") };

        Assert.Equal(DuiType.BrCpf, person.DuiType);
        Assert.Equal("73689290074", person.DuiValue);
        Assert.Equal(Cpf.Parse("73689290074"), person.Cpf);
        Assert.Equal(
            """{"duiType":"DUI_TYPE_BR_CPF","duiValue":"73689290074"}""",
            JsonSerializer.Serialize(person, IdCloudJsonContext.Default.ProcessPerson));
    }

    [Theory]
    [InlineData("DUI_TYPE_BR_CPF", "73689290075")]
    [InlineData("DUI_TYPE_MX_CURP", "73689290074")]
    [InlineData("DUI_TYPE_BR_CPF", null)]
    public void ReadingGivesNullWhenTheDocumentIsNotAValidCpf(string duiType, string? duiValue)
    {
        var person = JsonSerializer.Deserialize(
            JsonSerializer.Serialize(new ProcessPerson { DuiType = DuiType.From(duiType), DuiValue = duiValue }, IdCloudJsonContext.Default.ProcessPerson),
            IdCloudJsonContext.Default.ProcessPerson)!;

        Assert.Null(person.Cpf);
        Assert.Equal(duiValue, person.DuiValue);
    }

    [Fact]
    public void SettingNullClearsTheDocument()
    {
        var person = new ProcessPerson { Cpf = Cpf.Parse("73689290074") };

        person.Cpf = null;

        Assert.Null(person.DuiType);
        Assert.Null(person.DuiValue);
    }
}
