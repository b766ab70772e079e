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
    /// <exception cref="ArgumentException"><paramref name="value"/> is empty or contains whitespace.</exception>
    public IdCloudAccessToken(string value, string tokenType, DateTimeOffset expiresOn)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        ArgumentNullException.ThrowIfNull(tokenType);
        if (value.Any(char.IsWhiteSpace))
        {
            // Never echo the value: it is a secret.
            throw new ArgumentException("An access token cannot contain whitespace.", nameof(value));
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

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"IdCloudAccessToken {{ TokenType = {TokenType}, ExpiresOn = {ExpiresOn:O}, Value = (redacted) }}");
}
