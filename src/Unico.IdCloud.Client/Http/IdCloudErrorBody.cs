using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Unico.IdCloud.Client.Http;

/// <summary>How an error response body looked.</summary>
internal enum IdCloudErrorBodyFormat
{
    /// <summary>No body, an empty body or the JSON literal <c>null</c>.</summary>
    Empty,

    /// <summary>A JSON document (whatever its shape).</summary>
    Json,

    /// <summary>Plain text such as <c>Jwt is expired</c>.</summary>
    Text,

    /// <summary>An HTML or XML page, typically from a gateway or load balancer in front of the API.</summary>
    Html,

    /// <summary>Malformed JSON, binary data or a body that could not be read.</summary>
    Unreadable,
}

/// <summary>
/// The error code and description found in an error response body, whichever of the documented (and observed)
/// shapes it had. The description is raw service text: sanitise it before showing it anywhere.
/// </summary>
/// <param name="Code">The code as sent: JSON numbers keep their original digits (<c>5</c>, <c>99999</c>), strings are kept as is (<c>"3"</c>, <c>"1.2.22"</c>).</param>
/// <param name="Description">The service's description (<c>description</c>, <c>message</c>, <c>Message</c>, <c>error_description</c>...), unsanitised.</param>
/// <param name="Format">What the body looked like.</param>
internal sealed partial record IdCloudErrorBody(string? Code, string? Description, IdCloudErrorBodyFormat Format)
{
    /// <summary>Error bodies larger than this are cut: they are never needed whole and may hold personal data.</summary>
    public const int MaxBytes = 64 * 1024;

    private const int MaxCodeLength = 64;

    private static readonly JsonDocumentOptions JsonOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 32,
    };

    /// <summary>A body with nothing in it.</summary>
    public static IdCloudErrorBody None { get; } = new(null, null, IdCloudErrorBodyFormat.Empty);

    /// <summary>
    /// Reads at most <see cref="MaxBytes"/> of <paramref name="content"/> and parses it. Never throws: a body that
    /// cannot be read (broken connection, cancellation, decoding error) gives <see cref="IdCloudErrorBodyFormat.Unreadable"/>.
    /// </summary>
    public static async ValueTask<IdCloudErrorBody> ReadAsync(HttpContent? content, CancellationToken cancellationToken)
    {
        if (content is null)
        {
            return None;
        }

        byte[] bytes;
        try
        {
            bytes = await ReadBytesAsync(content, MaxBytes, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The mapper must produce an exception from whatever it got; a broken error body is not worth a second failure.
        catch (Exception)
#pragma warning restore CA1031
        {
            return new IdCloudErrorBody(null, null, IdCloudErrorBodyFormat.Unreadable);
        }

        return Parse(bytes, content.Headers.ContentType?.MediaType);
    }

    /// <summary>Parses an error body already in memory. Never throws.</summary>
    public static IdCloudErrorBody Parse(ReadOnlySpan<byte> bytes, string? mediaType)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        // The services describe errors in Portuguese ("Falha na autenticação 1.2.5", "O token informado é inválido").
        // A server that writes them in ISO-8859-1 instead of UTF-8 (declared or not) must not cost the code: the JSON
        // reader refuses such strings, so bytes that are not UTF-8 are read as Latin-1, where every byte is a character.
        // A UTF-8 body merely cut inside its last character (at the size cap) is still UTF-8.
        if (!System.Text.Unicode.Utf8.IsValid(bytes) && !IsUtf8CutInLastCharacter(bytes))
        {
            bytes = Encoding.UTF8.GetBytes(Encoding.Latin1.GetString(bytes));
        }

        var text = Encoding.UTF8.GetString(bytes);
        var trimmed = text.AsSpan().Trim();
        if (trimmed.IsEmpty || trimmed.SequenceEqual("null"))
        {
            return None;
        }

        if (trimmed.Contains('\0'))
        {
            return new IdCloudErrorBody(null, null, IdCloudErrorBodyFormat.Unreadable);
        }

        if (trimmed[0] == '<' || string.Equals(mediaType, "text/html", StringComparison.OrdinalIgnoreCase))
        {
            return new IdCloudErrorBody(null, null, IdCloudErrorBodyFormat.Html);
        }

        if (trimmed[0] is '{' or '[' or '"')
        {
            return ParseJson(bytes);
        }

        return new IdCloudErrorBody(null, trimmed.ToString(), IdCloudErrorBodyFormat.Text);
    }

    private static bool IsUtf8CutInLastCharacter(ReadOnlySpan<byte> bytes)
    {
        for (var cut = 1; cut <= 3 && cut < bytes.Length; cut++)
        {
            var lead = bytes[^cut];
            if ((lead & 0xC0) == 0x80)
            {
                // A continuation byte: the lead is further back.
                continue;
            }

            // The cut starts at a lead byte (11xxxxxx) that announces more bytes than follow it (only continuations follow,
            // by the loop above), and everything before it is valid. A Latin-1 letter followed by ASCII ("à\"}") is not a cut.
            var announced = (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : (lead & 0xF8) == 0xF0 ? 4 : 0;
            return cut < announced && System.Text.Unicode.Utf8.IsValid(bytes[..^cut]);
        }

        return false;
    }

    private static IdCloudErrorBody ParseJson(ReadOnlySpan<byte> bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes.ToArray(), JsonOptions);
            return FromElement(document.RootElement);
        }
        catch (Exception ex) when (ex is JsonException or RegexMatchTimeoutException or InvalidOperationException)
        {
            return new IdCloudErrorBody(null, null, IdCloudErrorBodyFormat.Unreadable);
        }
    }

    private static IdCloudErrorBody FromElement(JsonElement root)
    {
        switch (root.ValueKind)
        {
            case JsonValueKind.String:
                return new IdCloudErrorBody(null, root.GetString(), IdCloudErrorBodyFormat.Json);
            case JsonValueKind.Array:
                // Some gateways wrap errors in a list; the first object is the one that matters.
                foreach (var item in root.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object)
                    {
                        return FromObject(item);
                    }
                }

                return new IdCloudErrorBody(null, null, IdCloudErrorBodyFormat.Json);
            case JsonValueKind.Object:
                return FromObject(root);
            default:
                return new IdCloudErrorBody(null, null, IdCloudErrorBodyFormat.Json);
        }
    }

    private static IdCloudErrorBody FromObject(JsonElement root)
    {
        if (TryGetProperty(root, "error", out var error))
        {
            // Process API: {"error":{"code":"3","description":"..."}} or {"error":{"code":404,"message":"..."}}.
            if (error.ValueKind == JsonValueKind.Object)
            {
                return new IdCloudErrorBody(
                    CodeOf(error, "code") ?? CodeOf(error, "status"),
                    TextOf(error, "description") ?? TextOf(error, "message") ?? TextOf(error, "details"),
                    IdCloudErrorBodyFormat.Json);
            }

            // Identity (OAuth) shape: {"error":"server_error","error_description":"Falha na autenticação 1.2.22"}.
            if (error.ValueKind == JsonValueKind.String)
            {
                var errorName = error.GetString();
                var errorDescription = TextOf(root, "error_description");
                if (errorDescription is null)
                {
                    return new IdCloudErrorBody(CodeOf(root, "code"), errorName, IdCloudErrorBodyFormat.Json);
                }

                return new IdCloudErrorBody(FindDottedCode(errorDescription) ?? Bound(errorName), errorDescription, IdCloudErrorBodyFormat.Json);
            }
        }

        // gRPC-gateway default {"code":3,"message":"..."}; signature API {success|sucess,message,data} and
        // {Message,StatusCode,Errors}; problem details {title,detail}.
        var description = TextOf(root, "description") ?? TextOf(root, "message") ?? TextOf(root, "error_description")
            ?? TextOf(root, "detail") ?? TextOf(root, "title");
        var extra = TextOf(root, "data") ?? JoinStrings(root, "errors");
        if (extra is not null && !string.Equals(extra, description, StringComparison.Ordinal))
        {
            description = description is null ? extra : JoinSentences(description, extra);
        }

        return new IdCloudErrorBody(CodeOf(root, "code"), description, IdCloudErrorBodyFormat.Json);
    }

    private static string JoinSentences(string first, string second)
    {
        var trimmed = first.TrimEnd();
        var separator = trimmed.EndsWith('.') || trimmed.EndsWith('!') || trimmed.EndsWith('?') || trimmed.EndsWith(':') ? " " : ". ";
        return trimmed + separator + second.Trim();
    }

    private static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        // Exact match first (cheap), then case-insensitive: the signature API uses both "message" and "Message".
        if (element.TryGetProperty(name, out value))
        {
            return true;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static string? CodeOf(JsonElement element, string name)
    {
        if (!TryGetProperty(element, name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number => Bound(value.GetRawText()),
            JsonValueKind.String => Bound(value.GetString()),
            _ => null,
        };
    }

    private static string? TextOf(JsonElement element, string name) =>
        TryGetProperty(element, name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()
            : null;

    private static string? JoinStrings(JsonElement element, string name)
    {
        if (!TryGetProperty(element, name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return string.IsNullOrWhiteSpace(value.GetString()) ? null : value.GetString();
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var parts = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(item.GetString()))
            {
                parts.Add(item.GetString()!.Trim());
            }

            if (parts.Count == 5)
            {
                break;
            }
        }

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    private static string? Bound(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var trimmed = code.Trim();
        if (trimmed.Length > MaxCodeLength)
        {
            trimmed = trimmed[..MaxCodeLength];
        }

        foreach (var c in trimmed)
        {
            if (char.IsControl(c))
            {
                return null;
            }
        }

        return trimmed;
    }

    /// <summary>
    /// The SDK's one bounded reader of small bodies (error bodies, token answers): at most <paramref name="maxBytes"/>,
    /// the rest is left unread. Throws what the stream throws (the callers decide what a broken read means).
    /// </summary>
    public static async Task<byte[]> ReadBytesAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        if (IdCloudContentEncoding.IsOnlyGzip(content.Headers))
        {
            // A client that asks for identity (the signature API) decodes nothing in its socket handler; a gateway that
            // compresses its error page anyway must not cost the code. The cap applies to the decoded bytes.
            stream = new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionMode.Decompress);
        }

        await using (stream.ConfigureAwait(false))
        {
            var length = content.Headers.ContentLength;
            // Sized by the announced length when it is small, never beyond the cap: the buffer bounds every read.
            var buffer = new byte[length is > 0 and < MaxBytes ? (int)Math.Min(length.Value, maxBytes) : Math.Min(maxBytes, 8 * 1024)];
            var total = 0;
            while (total < maxBytes)
            {
                if (total == buffer.Length)
                {
                    Array.Resize(ref buffer, Math.Min(maxBytes, buffer.Length * 2));
                }

                var read = await stream.ReadAsync(buffer.AsMemory(total, buffer.Length - total), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            return total == buffer.Length ? buffer : buffer[..total];
        }
    }

    /// <summary>The first Unico dotted code (<c>1.2.22</c>) in <paramref name="text"/>, or <see langword="null"/>.</summary>
    public static string? FindDottedCode(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            var match = DottedCodePattern().Match(text);
            return match.Success ? match.Value : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    // A whole dotted code: not part of a longer dotted number (a version such as 1.2.3.4) nor of a decimal. A full stop
    // that ends the sentence ("Falha na autenticação 1.2.7.") is not a further component: only a dot followed (or
    // preceded) by a digit is.
    [GeneratedRegex(@"(?<!\d|\d\.)\d+\.\d+\.\d+(?!\d|\.\d)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex DottedCodePattern();
}
