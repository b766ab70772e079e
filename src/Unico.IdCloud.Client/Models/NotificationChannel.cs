using System.Diagnostics;
using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.Models;

/// <summary>
/// How the person is notified of the journey link (<c>person.notifications[].notificationChannel</c>).
/// </summary>
/// <remarks>
/// WhatsApp and SMS require <c>person.phone</c> with 13 digits (country code, area code, number, no separators);
/// e-mail requires <c>person.email</c>. One vendor sample shows <c>email</c>; it is kept as an unknown value.
/// <para>
/// Unknown values are kept verbatim (<see cref="IsKnown"/> is <see langword="false"/>) and serialize back
/// unchanged; comparison is ordinal and case-sensitive, like the wire. <see langword="default"/>(NotificationChannel)
/// has an empty <see cref="Value"/> and is not known.
/// </para>
/// </remarks>
[JsonConverter(typeof(ExtensibleEnumJsonConverter<NotificationChannel>))]
[DebuggerDisplay("{Value,nq}")]
public readonly struct NotificationChannel : IExtensibleEnumValue<NotificationChannel>, IEquatable<NotificationChannel>
{
    private readonly string? _value;

    /// <summary>WhatsApp message (<c>NOTIFICATION_CHANNEL_WHATSAPP</c>).</summary>
    public static readonly NotificationChannel WhatsApp = new("NOTIFICATION_CHANNEL_WHATSAPP");

    /// <summary>SMS (<c>NOTIFICATION_CHANNEL_SMS</c>).</summary>
    public static readonly NotificationChannel Sms = new("NOTIFICATION_CHANNEL_SMS");

    /// <summary>E-mail (<c>NOTIFICATION_CHANNEL_EMAIL</c>).</summary>
    public static readonly NotificationChannel Email = new("NOTIFICATION_CHANNEL_EMAIL");

    /// <summary>Creates a value from its raw wire string; unknown strings are accepted and kept verbatim.</summary>
    /// <param name="value">The raw wire string.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public NotificationChannel(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>Every value this SDK version knows, in documentation order.</summary>
    public static IReadOnlyList<NotificationChannel> KnownValues { get; } = [WhatsApp, Sms, Email];

    /// <summary>The raw wire string, exactly as sent or received; empty for the <see langword="default"/> value.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether <see cref="Value"/> is one of the values this SDK version knows.</summary>
    public bool IsKnown => _value switch
    {
        "NOTIFICATION_CHANNEL_WHATSAPP" or
        "NOTIFICATION_CHANNEL_SMS" or
        "NOTIFICATION_CHANNEL_EMAIL" => true,
        _ => false,
    };

    /// <summary>Wraps a raw wire string; never fails for an unknown value.</summary>
    /// <param name="value">The raw wire string.</param>
    /// <returns>The value wrapping <paramref name="value"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static NotificationChannel From(string value) => new(value);

    /// <summary>Wraps a raw wire string; never fails for an unknown value. Same as <see cref="From"/>.</summary>
    /// <param name="value">The raw wire string.</param>
    /// <remarks>
    /// Explicit on purpose: an implicit conversion would also apply to a <see langword="null"/> literal, so
    /// <c>NotificationChannel? x = condition ? NotificationChannel.WhatsApp : null;</c> would compile and then throw.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static explicit operator NotificationChannel(string value) => new(value);

    /// <summary>Compares two values ordinally (case-sensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator ==(NotificationChannel left, NotificationChannel right) => left.Equals(right);

    /// <summary>Compares two values ordinally (case-sensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator !=(NotificationChannel left, NotificationChannel right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(NotificationChannel other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is NotificationChannel other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>Returns the raw wire string.</summary>
    /// <returns><see cref="Value"/>.</returns>
    public override string ToString() => Value;
}
