using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;

namespace Unico.IdCloud.WebSample.Pages;

/// <summary>
/// Server-rendered HTML without a framework. Every value that did not come from this file goes through
/// <see cref="Encode(string?)"/> (text and attribute values alike), so nothing a person typed or IDCloud sent is ever
/// interpreted as markup.
/// </summary>
internal static class Html
{
    private const string Style =
        "body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#222}" +
        "label{display:block;margin-top:.8rem}input,select{font:inherit;padding:.3rem;width:100%;box-sizing:border-box}" +
        "button{font:inherit;margin-top:1rem;padding:.4rem 1rem}table{border-collapse:collapse}" +
        "td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;vertical-align:top}" +
        ".banner{background:#eef;padding:.5rem 1rem;border-radius:.3rem}.errors{color:#a00}" +
        ".outcome{font-size:1.5rem}code{background:#f4f4f4;padding:0 .2rem}";

    /// <summary>HTML-encodes text for element content or a quoted attribute value.</summary>
    /// <param name="value">Any text; null is empty.</param>
    /// <returns>The encoded text.</returns>
    public static string Encode(string? value) => value is null ? string.Empty : HtmlEncoder.Default.Encode(value);

    /// <summary>A timestamp as people read it, in UTC.</summary>
    /// <param name="value">The instant.</param>
    /// <returns>The encoded text.</returns>
    public static string Encode(DateTimeOffset? value) =>
        value is { } instant ? Encode(instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)) : "—";

    /// <summary>A complete page.</summary>
    /// <param name="title">The page title (plain text; encoded here).</param>
    /// <param name="body">The body, already safe HTML.</param>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="refreshSeconds">Reload the page after this many seconds (no script needed).</param>
    /// <returns>The result to return from an endpoint.</returns>
    public static IResult Page(string title, string body, int statusCode = StatusCodes.Status200OK, int? refreshSeconds = null)
    {
        var refresh = refreshSeconds is { } seconds
            ? $"<meta http-equiv=\"refresh\" content=\"{seconds.ToString(CultureInfo.InvariantCulture)}\">"
            : string.Empty;
        var html = $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            {refresh}
            <title>{Encode(title)} · IDCloud web sample</title>
            <style>{Style}</style>
            </head>
            <body>
            <p><a href="/">IDCloud web sample</a></p>
            {body}
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, statusCode);
    }

    /// <summary>A short page that explains a problem.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="title">The heading (plain text).</param>
    /// <param name="message">The explanation (plain text).</param>
    /// <returns>The result to return from an endpoint.</returns>
    public static IResult Problem(int statusCode, string title, string message) =>
        Page(title, $"<h1>{Encode(title)}</h1><p>{Encode(message)}</p>", statusCode);
}
