using System.Diagnostics;
using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.Models;

/// <summary>
/// The outcome of a finished by Unico process (<c>process.result</c>).
/// </summary>
/// <remarks>
/// The vendor's decision rule: act only on <see cref="ProcessState.Finished"/> with <see cref="Ok"/>, then read the
/// authentication info. <see cref="Warning"/> and <see cref="Refused"/> appear only in the older
/// "by Unico Client Api (1.6.0)" contract.
/// <para>
/// Unknown values are kept verbatim (<see cref="IsKnown"/> is <see langword="false"/>) and serialize back
/// unchanged; comparison is ordinal and case-sensitive, like the wire. <see langword="default"/>(ProcessResult)
/// has an empty <see cref="Value"/> and is not known.
/// </para>
/// </remarks>
[JsonConverter(typeof(ExtensibleEnumJsonConverter<ProcessResult>))]
[DebuggerDisplay("{Value,nq}")]
public readonly struct ProcessResult : IExtensibleEnumValue<ProcessResult>, IEquatable<ProcessResult>
{
    private readonly string? _value;

    /// <summary>The protobuf zero value: no result yet (<c>PROCESS_RESULT_UNSPECIFIED</c>).</summary>
    public static readonly ProcessResult Unspecified = new("PROCESS_RESULT_UNSPECIFIED");

    /// <summary>The journey completed; read the authentication info for the verdicts (<c>PROCESS_RESULT_OK</c>).</summary>
    public static readonly ProcessResult Ok = new("PROCESS_RESULT_OK");

    /// <summary>The biometric process failed; the person may retry in a new process (<c>PROCESS_RESULT_ERROR</c>).</summary>
    public static readonly ProcessResult Error = new("PROCESS_RESULT_ERROR");

    /// <summary>The identity could not be validated (<c>PROCESS_RESULT_INVALID_IDENTITY</c>).</summary>
    public static readonly ProcessResult InvalidIdentity = new("PROCESS_RESULT_INVALID_IDENTITY");

    /// <summary>The process expired before the person completed the journey (<c>PROCESS_RESULT_EXPIRED</c>).</summary>
    public static readonly ProcessResult Expired = new("PROCESS_RESULT_EXPIRED");

    /// <summary>Completed with a warning (older contract only) (<c>PROCESS_RESULT_WARNING</c>).</summary>
    public static readonly ProcessResult Warning = new("PROCESS_RESULT_WARNING");

    /// <summary>Refused (older contract only) (<c>PROCESS_RESULT_REFUSED</c>).</summary>
    public static readonly ProcessResult Refused = new("PROCESS_RESULT_REFUSED");

    /// <summary>Creates a value from its raw wire string; unknown strings are accepted and kept verbatim.</summary>
    /// <param name="value">The raw wire string.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public ProcessResult(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>Every value this SDK version knows, in documentation order.</summary>
    public static IReadOnlyList<ProcessResult> KnownValues { get; } =
    [
        Unspecified, Ok, Error, InvalidIdentity, Expired, Warning, Refused,
    ];

    /// <summary>The raw wire string, exactly as sent or received; empty for the <see langword="default"/> value.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether <see cref="Value"/> is one of the values this SDK version knows.</summary>
    public bool IsKnown => _value switch
    {
        "PROCESS_RESULT_UNSPECIFIED" or
        "PROCESS_RESULT_OK" or
        "PROCESS_RESULT_ERROR" or
        "PROCESS_RESULT_INVALID_IDENTITY" or
        "PROCESS_RESULT_EXPIRED" or
        "PROCESS_RESULT_WARNING" or
        "PROCESS_RESULT_REFUSED" => true,
        _ => false,
    };

    /// <summary>Wraps a raw wire string; never fails for an unknown value.</summary>
    /// <param name="value">The raw wire string.</param>
    /// <returns>The value wrapping <paramref name="value"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static ProcessResult From(string value) => new(value);

    /// <summary>Wraps a raw wire string; never fails for an unknown value. Same as <see cref="From"/>.</summary>
    /// <param name="value">The raw wire string.</param>
    /// <remarks>
    /// Explicit on purpose: an implicit conversion would also apply to a <see langword="null"/> literal, so
    /// <c>ProcessResult? x = condition ? ProcessResult.Unspecified : null;</c> would compile and then throw.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static explicit operator ProcessResult(string value) => new(value);

    /// <summary>Compares two values ordinally (case-sensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator ==(ProcessResult left, ProcessResult right) => left.Equals(right);

    /// <summary>Compares two values ordinally (case-sensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator !=(ProcessResult left, ProcessResult right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(ProcessResult other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ProcessResult other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>Returns the raw wire string.</summary>
    /// <returns><see cref="Value"/>.</returns>
    public override string ToString() => Value;
}
