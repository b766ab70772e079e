using System.Buffers;
using System.Text.Json;

namespace Unico.IdCloud.Testing;

/// <summary>
/// Writes the emulator's wire JSON by hand with <see cref="Utf8JsonWriter"/>. The emulator plays the server, so it
/// deliberately shares no DTOs or serializer settings with the client: a client bug cannot be hidden by a matching bug here.
/// </summary>
internal static class WireJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Unico's bodies carry Portuguese text ("Falha na autenticação"); keep it readable on the wire like a real server.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The by Unico process API error shape: <c>{"error":{"code":"3","description":"..."}}</c>.</summary>
    public static byte[] ProcessApiError(string code, string description) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("error");
        w.WriteString("code", code);
        w.WriteString("description", description);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    /// <summary>The token endpoint error shape: <c>{"error":"server_error","error_description":"Falha na autenticação 1.2.x"}</c>.</summary>
    public static byte[] TokenError(string error, string description) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("error", error);
        w.WriteString("error_description", description);
        w.WriteEndObject();
    });

    /// <summary>A string property of a JSON object, or null when absent, null or not a string.</summary>
    public static string? GetString(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>Whether the property exists and is neither null nor (for strings) empty.</summary>
    public static bool HasValue(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value)
        && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
        && !(value.ValueKind == JsonValueKind.String && value.GetString()!.Length == 0);
}
