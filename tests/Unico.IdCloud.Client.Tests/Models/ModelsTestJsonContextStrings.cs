using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.Tests.Models;

// Encodes arbitrary test strings as JSON without reflection.
[JsonSerializable(typeof(string))]
internal sealed partial class ModelsTestJsonContextStrings : JsonSerializerContext
{
}
