using System.Diagnostics.CodeAnalysis;

namespace Unico.IdCloud.Testing;

/// <summary>
/// base64url (RFC 4648 §5, no padding) as used by compact JWS. Written here because
/// <c>System.Buffers.Text.Base64Url</c> does not exist on net8.0.
/// </summary>
internal static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> data) =>
        Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Decodes strictly: only the base64url alphabet, no padding, no whitespace.</summary>
    public static bool TryDecode(string text, [NotNullWhen(true)] out byte[]? data)
    {
        data = null;
        if (text.Length % 4 == 1)
        {
            return false;
        }

        foreach (var c in text)
        {
            var valid = c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_';
            if (!valid)
            {
                return false;
            }
        }

        var standard = text.Replace('-', '+').Replace('_', '/');
        standard = (standard.Length % 4) switch
        {
            2 => standard + "==",
            3 => standard + "=",
            _ => standard,
        };
        try
        {
            data = Convert.FromBase64String(standard);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
