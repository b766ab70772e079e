using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.Models;

/// <summary>
/// A document read by OCR (<c>services[].documents[].doc</c>): <c>{"version":2,"code":"RG","data":{...}}</c>, with
/// <see cref="Code"/> saying which document <see cref="Data"/> holds the fields of.
/// </summary>
/// <remarks>
/// A document read from JSON is written back exactly as received (same names, values, JSON kinds and unknown
/// fields; see <see cref="OcrDocumentData"/> for why); one built in code is written from its properties. A
/// <c>version</c> that is not an integer or a <c>code</c> that is not a string reads as <see langword="null"/> but is
/// still kept in the original JSON. <see cref="ToString"/> shows the code and version only: the data is personal.
/// </remarks>
[JsonConverter(typeof(OcrDocumentJsonConverter))]
public sealed class OcrDocument
{
    /// <summary>Creates a document in code (for tests and emulators).</summary>
    /// <param name="version">The OCR output version (the API sends 2).</param>
    /// <param name="code">The document type.</param>
    /// <param name="data">The extracted fields.</param>
    public OcrDocument(int? version, OcrDocumentCode? code, OcrDocumentData? data)
    {
        Version = version;
        Code = code;
        Data = data;
    }

    private OcrDocument(int? version, OcrDocumentCode? code, OcrDocumentData? data, JsonElement json)
        : this(version, code, data)
    {
        Json = json;
    }

    /// <summary>The OCR output version (<c>version</c>); 2 in current documentation.</summary>
    public int? Version { get; }

    /// <summary>The document type (<c>code</c>).</summary>
    public OcrDocumentCode? Code { get; }

    /// <summary>The extracted fields (<c>data</c>); <see langword="null"/> when absent or not an object.</summary>
    public OcrDocumentData? Data { get; }

    /// <summary>The whole <c>doc</c> object exactly as received; <see langword="null"/> for a document built in code.</summary>
    public JsonElement? Json { get; }

    /// <summary>Describes the document without personal data, e.g. <c>OcrDocument RG v2 (11 fields)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        var fields = Data is null ? "no data" : $"{Data.Json.EnumerateObject().Count()} fields";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"OcrDocument {(Code is { } code ? code.Value : "(no code)")} v{(Version is { } v ? v.ToString(CultureInfo.InvariantCulture) : "?")} ({fields})");
    }

    internal static OcrDocument FromJson(JsonElement json)
    {
        int? version = null;
        if (json.TryGetProperty("version", out var versionElement))
        {
            if (versionElement.ValueKind == JsonValueKind.Number && versionElement.TryGetInt32(out var number))
            {
                version = number;
            }
            else if (versionElement.ValueKind == JsonValueKind.String
                && int.TryParse(versionElement.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out number))
            {
                version = number;
            }
        }

        OcrDocumentCode? code = json.TryGetProperty("code", out var codeElement) && codeElement.ValueKind == JsonValueKind.String
            ? OcrDocumentCode.From(codeElement.GetString()!)
            : null;

        OcrDocumentData? data = json.TryGetProperty("data", out var dataElement) && dataElement.ValueKind == JsonValueKind.Object
            ? new OcrDocumentData(dataElement)
            : null;

        return new OcrDocument(version, code, data, json);
    }

    internal void WriteTo(Utf8JsonWriter writer)
    {
        if (Json is { } json)
        {
            json.WriteTo(writer);
            return;
        }

        writer.WriteStartObject();
        if (Version is { } version)
        {
            writer.WriteNumber("version", version);
        }

        if (Code is { } code)
        {
            writer.WriteString("code", code.Value);
        }

        if (Data is { } data)
        {
            writer.WritePropertyName("data");
            data.Json.WriteTo(writer);
        }

        writer.WriteEndObject();
    }
}
