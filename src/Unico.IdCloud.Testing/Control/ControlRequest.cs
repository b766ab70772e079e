using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Unico.IdCloud.Testing;

/// <summary>The JSON body of a control call, read tolerantly: a missing or empty body is an empty object.</summary>
internal sealed class ControlRequest : IDisposable
{
    private const int MaxBodyBytes = 1024 * 1024;

    private readonly JsonDocument? _document;

    private ControlRequest(JsonDocument? document)
    {
        _document = document;
    }

    public static async Task<ControlRequest> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        // Refused before reading when announced, and read no further than one byte past the cap otherwise: copying the
        // whole body first let a chunked body fill memory up to the server's own limit (64 MB; none in memory) before
        // the 413, and one that never ended kept the call open until the server's rate limit broke the connection.
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            throw new ControlException(413, "The control body is larger than 1 MB.");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                throw new ControlException(413, "The control body is larger than 1 MB.");
            }
        }

        if (buffer.Length == 0)
        {
            return new ControlRequest(null);
        }

        try
        {
            var document = JsonDocument.Parse(buffer.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw new ControlException(400, "The control body must be a JSON object.");
            }

            return new ControlRequest(document);
        }
        catch (JsonException ex)
        {
            throw new ControlException(400, "The control body is not valid JSON: " + ex.Message);
        }
    }

    // A member of the wrong type is refused, not read as absent: "authentication":"basic" or "deliverTwice":"true" was
    // answered 200 with no authentication and a single delivery, so the script believed it set what it had not.
    public string? String(string name) => Member(name, JsonValueKind.String, "a string")?.GetString();

    public string RequiredString(string name) =>
        String(name) is { Length: > 0 } value ? value : throw new ControlException(400, $"\"{name}\" (a string) is required.");

    public int? Int(string name)
    {
        if (_document is null || !_document.RootElement.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : throw new ControlException(400, $"\"{name}\" must be a whole number.");
    }

    public bool Bool(string name) =>
        Member(name, JsonValueKind.True, "true or false") is { } value && value.ValueKind == JsonValueKind.True;

    public ControlRequest? Object(string name) =>
        Member(name, JsonValueKind.Object, "an object") is { } value ? new ControlRequest(JsonDocument.Parse(value.GetRawText())) : null;

    /// <summary>The member when present with the expected kind (either boolean for <see cref="JsonValueKind.True"/>); null when absent or JSON null.</summary>
    private JsonElement? Member(string name, JsonValueKind kind, string expected)
    {
        if (_document is null || !_document.RootElement.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var matches = value.ValueKind == kind || (kind == JsonValueKind.True && value.ValueKind == JsonValueKind.False);
        return matches ? value : throw new ControlException(400, $"\"{name}\" must be {expected}.");
    }

    public void Dispose() => _document?.Dispose();
}
