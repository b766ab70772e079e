using System.Diagnostics;
using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.Models;

/// <summary>
/// A capability a by Unico process used (<c>process.capacities[]</c>, and the <c>processCapacities[]</c> list filter).
/// </summary>
/// <remarks>
/// Values from the "by Unico Client Api (1.6.0)" contract. One vendor sample shows lowercase values such as
/// <c>liveness</c> and <c>face_match</c>; they are kept as unknown values.
/// <para>
/// Unknown values are kept verbatim (<see cref="IsKnown"/> is <see langword="false"/>) and serialize back
/// unchanged; comparison is ordinal and case-sensitive, like the wire. <see langword="default"/>(ProcessCapacity)
/// has an empty <see cref="Value"/> and is not known.
/// </para>
/// </remarks>
[JsonConverter(typeof(ExtensibleEnumJsonConverter<ProcessCapacity>))]
[DebuggerDisplay("{Value,nq}")]
public readonly struct ProcessCapacity : IExtensibleEnumValue<ProcessCapacity>, IEquatable<ProcessCapacity>
{
    private readonly string? _value;

    /// <summary>Not set (<c>PROCESS_CAPACITY_UNSPECIFIED</c>).</summary>
    public static readonly ProcessCapacity Unspecified = new("PROCESS_CAPACITY_UNSPECIFIED");

    /// <summary>Liveness (<c>PROCESS_CAPACITY_IDLIVE</c>).</summary>
    public static readonly ProcessCapacity IdLive = new("PROCESS_CAPACITY_IDLIVE");

    /// <summary>Identity verification (<c>PROCESS_CAPACITY_IDUNICO</c>).</summary>
    public static readonly ProcessCapacity IdUnico = new("PROCESS_CAPACITY_IDUNICO");

    /// <summary>Risk score (deprecated capability) (<c>PROCESS_CAPACITY_IDCHECK</c>).</summary>
    public static readonly ProcessCapacity IdCheck = new("PROCESS_CAPACITY_IDCHECK");

    /// <summary>Document capture and reuse (<c>PROCESS_CAPACITY_IDDOCS</c>).</summary>
    public static readonly ProcessCapacity IdDocs = new("PROCESS_CAPACITY_IDDOCS");

    /// <summary>Electronic signature (<c>PROCESS_CAPACITY_IDSIGN</c>).</summary>
    public static readonly ProcessCapacity IdSign = new("PROCESS_CAPACITY_IDSIGN");

    /// <summary>1:1 validation against an earlier process (<c>PROCESS_CAPACITY_IDTOKEN</c>).</summary>
    public static readonly ProcessCapacity IdToken = new("PROCESS_CAPACITY_IDTOKEN");

    /// <summary>Behaviour alert (<c>PROCESS_CAPACITY_IDTRUST</c>).</summary>
    public static readonly ProcessCapacity IdTrust = new("PROCESS_CAPACITY_IDTRUST");

    /// <summary>Serpro similarity (<c>PROCESS_CAPACITY_IDSERPRO</c>).</summary>
    public static readonly ProcessCapacity IdSerpro = new("PROCESS_CAPACITY_IDSERPRO");

    /// <summary>Creates a value from its raw wire string; unknown strings are accepted and kept verbatim.</summary>
    /// <param name="value">The raw wire string.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public ProcessCapacity(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>Every value this SDK version knows, in documentation order.</summary>
    public static IReadOnlyList<ProcessCapacity> KnownValues { get; } =
    [
        Unspecified, IdLive, IdUnico, IdCheck, IdDocs, IdSign, IdToken, IdTrust, IdSerpro,
    ];

    /// <summary>The raw wire string, exactly as sent or received; empty for the <see langword="default"/> value.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether <see cref="Value"/> is one of the values this SDK version knows.</summary>
    public bool IsKnown => _value switch
    {
        "PROCESS_CAPACITY_UNSPECIFIED" or
        "PROCESS_CAPACITY_IDLIVE" or
        "PROCESS_CAPACITY_IDUNICO" or
        "PROCESS_CAPACITY_IDCHECK" or
        "PROCESS_CAPACITY_IDDOCS" or
        "PROCESS_CAPACITY_IDSIGN" or
        "PROCESS_CAPACITY_IDTOKEN" or
        "PROCESS_CAPACITY_IDTRUST" or
        "PROCESS_CAPACITY_IDSERPRO" => true,
        _ => false,
    };

    /// <summary>Wraps a raw wire string; never fails for an unknown value.</summary>
    /// <param name="value">The raw wire string.</param>
    /// <returns>The value wrapping <paramref name="value"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static ProcessCapacity From(string value) => new(value);

    /// <summary>Wraps a raw wire string; never fails for an unknown value. Same as <see cref="From"/>.</summary>
    /// <param name="value">The raw wire string.</param>
    /// <remarks>
    /// Explicit on purpose: an implicit conversion would also apply to a <see langword="null"/> literal, so
    /// <c>ProcessCapacity? x = condition ? ProcessCapacity.Unspecified : null;</c> would compile and then throw.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static explicit operator ProcessCapacity(string value) => new(value);

    /// <summary>Compares two values ordinally (case-sensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator ==(ProcessCapacity left, ProcessCapacity right) => left.Equals(right);

    /// <summary>Compares two values ordinally (case-sensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator !=(ProcessCapacity left, ProcessCapacity right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(ProcessCapacity other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ProcessCapacity other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>Returns the raw wire string.</summary>
    /// <returns><see cref="Value"/>.</returns>
    public override string ToString() => Value;
}
