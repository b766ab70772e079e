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
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (buffer.Length > MaxBodyBytes)
        {
            throw new ControlException(413, "The control body is larger than 1 MB.");
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

    public string? String(string name) =>
        _document is not null && _document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

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
        _document is not null && _document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    public ControlRequest? Object(string name) =>
        _document is not null && _document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? new ControlRequest(JsonDocument.Parse(value.GetRawText()))
            : null;

    public void Dispose() => _document?.Dispose();
}
