using System.Text;
using Microsoft.AspNetCore.Http;

namespace Unico.IdCloud.Testing;

/// <summary>
/// What a handler answers, kept apart from <see cref="HttpContext"/> so a fault can process a request and then
/// replace its answer (the "server received it, but the client saw a 500" case).
/// </summary>
internal sealed class EmulatorResponse
{
    private readonly byte[]? _body;
    private readonly Func<Stream, CancellationToken, Task>? _writeBody;

    private EmulatorResponse(int statusCode, string? contentType, byte[]? body, Func<Stream, CancellationToken, Task>? writeBody, long? contentLength)
    {
        StatusCode = statusCode;
        ContentType = contentType;
        _body = body;
        _writeBody = writeBody;
        ContentLength = body?.Length ?? contentLength;
    }

    public int StatusCode { get; }

    /// <summary>The body when it is held in memory (JSON and text answers); null for streamed documents.</summary>
    public byte[]? Body => _body;

    public string? ContentType { get; }

    public long? ContentLength { get; }

    public List<KeyValuePair<string, string>> Headers { get; } = [];

    public static EmulatorResponse Json(int statusCode, byte[] body) => new(statusCode, "application/json", body, null, null);

    public static EmulatorResponse Text(int statusCode, string text, string contentType = "text/plain; charset=utf-8") =>
        new(statusCode, contentType, Encoding.UTF8.GetBytes(text), null, null);

    public static EmulatorResponse Bytes(int statusCode, string? contentType, byte[] body) => new(statusCode, contentType, body, null, null);

    public static EmulatorResponse Empty(int statusCode) => new(statusCode, null, null, null, 0);

    /// <summary>A body written in pieces as the client reads it, so large documents are never held in memory.</summary>
    public static EmulatorResponse Streamed(int statusCode, string contentType, long contentLength, Func<Stream, CancellationToken, Task> writeBody) =>
        new(statusCode, contentType, null, writeBody, contentLength);

    public EmulatorResponse WithHeader(string name, string value)
    {
        Headers.Add(new(name, value));
        return this;
    }

    public async Task WriteAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.StatusCode = StatusCode;
        if (ContentType is not null)
        {
            response.ContentType = ContentType;
        }

        foreach (var (name, value) in Headers)
        {
            response.Headers.Append(name, value);
        }

        response.ContentLength = ContentLength;
        if (_body is { Length: > 0 })
        {
            await response.Body.WriteAsync(_body, cancellationToken).ConfigureAwait(false);
        }
        else if (_writeBody is not null)
        {
            await _writeBody(response.Body, cancellationToken).ConfigureAwait(false);
        }
    }
}
