using System.Buffers.Text;
using System.Text.Json;

namespace Unico.IdCloud.Cli.Tokens;

/// <summary>
/// Reads the claims of a JWT-shaped access token for display. It does not verify anything (the CLI is the token's
/// holder, not its audience) and is given the token only to read the payload: the token itself is never printed.
/// </summary>
internal static class JwtPayload
{
    /// <summary>The payload's claims as JSON, or null when the token is not a JWT (Unico documents it as one).</summary>
    public static JsonDocument? TryRead(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            var bytes = Base64Url.DecodeFromChars(parts[1]);
            return JsonDocument.Parse(bytes);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }
}
