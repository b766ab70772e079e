using System.Globalization;

namespace Unico.IdCloud.Client;

/// <summary>An access token issued by the IDCloud identity service, with its type and expiry.</summary>
/// <remarks><see cref="ToString"/> never shows <see cref="Value"/>.</remarks>
public sealed class IdCloudAccessToken
{
    /// <summary>Creates an access token (for custom <see cref="IIdCloudTokenProvider"/> implementations and tests).</summary>
    /// <param name="value">The token itself, sent after <c>Bearer</c>.</param>
    /// <param name="tokenType">The token type the identity service returned; normally <c>Bearer</c>.</param>
    /// <param name="expiresOn">When the token stops being accepted.</param>
    /// <exception cref="ArgumentException">
    /// <paramref name="value"/> is empty or contains whitespace, a control character or a non-ASCII character.
    /// </exception>
    public IdCloudAccessToken(string value, string tokenType, DateTimeOffset expiresOn)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        ArgumentNullException.ThrowIfNull(tokenType);
        if (!IsSendable(value))
        {
            // Never echo the value: it is a secret.
            throw new ArgumentException("An access token can only contain visible ASCII characters (no whitespace, control or non-ASCII characters).", nameof(value));
        }

        Value = value;
        TokenType = tokenType.Length == 0 ? "Bearer" : tokenType;
        ExpiresOn = expiresOn;
    }

    /// <summary>The token sent as <c>Authorization: Bearer &lt;Value&gt;</c>. A secret: never log it.</summary>
    public string Value { get; }

    /// <summary>The token type returned by the identity service (<c>Bearer</c>).</summary>
    public string TokenType { get; }

    /// <summary>When the token stops being accepted (measured from when it was requested, so slightly early).</summary>
    public DateTimeOffset ExpiresOn { get; }

    /// <summary>
    /// Whether <paramref name="value"/> can follow <c>Bearer </c> in a header: visible ASCII only. White space or a line
    /// break would split or forge the header, a control character is sent raw to the API, and a non-ASCII character
    /// makes every request fail in the HTTP stack as a transport error, long after the token was accepted.
    /// </summary>
    internal static bool IsSendable(string value) =>
        value.Length > 0 && !value.AsSpan().ContainsAnyExceptInRange('\u0021', '\u007e');

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"IdCloudAccessToken {{ TokenType = {TokenType}, ExpiresOn = {ExpiresOn:O}, Value = (redacted) }}");
}
