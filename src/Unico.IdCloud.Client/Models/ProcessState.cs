using System.Diagnostics;
using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.Models;

/// <summary>
/// The lifecycle state of a by Unico process (<c>process.state</c>, and <c>state</c> in webhook notifications).
/// </summary>
/// <remarks>
/// Act on a process only when it is <see cref="Finished"/>; then read its <see cref="ProcessResult"/>.
/// The GetProcess contract lists CREATED, FINISHED and FAILED; the older "by Unico Client Api (1.6.0)" contract also
/// lists UNSPECIFIED and CANCELED and marks FAILED and CANCELED as deprecated. Webhooks currently notify only FINISHED.
/// <para>
/// Unknown values are kept verbatim (<see cref="IsKnown"/> is <see langword="false"/>) and serialize back
/// unchanged; comparison is ordinal and case-sensitive, like the wire. <see langword="default"/>(ProcessState)
/// has an empty <see cref="Value"/> and is not known.
/// </para>
/// </remarks>
[JsonConverter(typeof(ExtensibleEnumJsonConverter<ProcessState>))]
[DebuggerDisplay("{Value,nq}")]
public readonly struct ProcessState : IExtensibleEnumValue<ProcessState>, IEquatable<ProcessState>
{
    private readonly string? _value;

    /// <summary>The protobuf zero value: no state was set (<c>PROCESS_STATE_UNSPECIFIED</c>).</summary>
    public static readonly ProcessState Unspecified = new("PROCESS_STATE_UNSPECIFIED");

    /// <summary>The process exists and the person has not finished the journey yet; wait (<c>PROCESS_STATE_CREATED</c>).</summary>
    public static readonly ProcessState Created = new("PROCESS_STATE_CREATED");

    /// <summary>
    /// The process was created without the person's document and waits for it: send it with SetProcessDocument
    /// (<c>PROCESS_STATE_AWAITING_FOR_DOCUMENT</c>; the vendor names the state without showing its wire string, so
    /// this is the expected spelling and any other is still kept verbatim).
    /// </summary>
    public static readonly ProcessState AwaitingForDocument = new("PROCESS_STATE_AWAITING_FOR_DOCUMENT");

    /// <summary>The journey ended; read the result (<c>PROCESS_STATE_FINISHED</c>).</summary>
    public static readonly ProcessState Finished = new("PROCESS_STATE_FINISHED");

    /// <summary>The process failed (deprecated by the vendor); create a new one (<c>PROCESS_STATE_FAILED</c>).</summary>
    public static readonly ProcessState Failed = new("PROCESS_STATE_FAILED");

    /// <summary>The process was cancelled (deprecated by the vendor) (<c>PROCESS_STATE_CANCELED</c>).</summary>
    public static readonly ProcessState Canceled = new("PROCESS_STATE_CANCELED");

    /// <summary>Creates a value from its raw wire string; unknown strings are accepted and kept verbatim.</summary>
    /// <param name="value">The raw wire string.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public ProcessState(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>Every value this SDK version knows, in documentation order.</summary>
    public static IReadOnlyList<ProcessState> KnownValues { get; } = [Unspecified, Created, AwaitingForDocument, Finished, Failed, Canceled];

    /// <summary>The raw wire string, exactly as sent or received; empty for the <see langword="default"/> value.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether <see cref="Value"/> is one of the values this SDK version knows.</summary>
    public bool IsKnown => _value switch
    {
        "PROCESS_STATE_UNSPECIFIED" or
        "PROCESS_STATE_CREATED" or
        "PROCESS_STATE_AWAITING_FOR_DOCUMENT" or
        "PROCESS_STATE_FINISHED" or
        "PROCESS_STATE_FAILED" or
        "PROCESS_STATE_CANCELED" => true,
        _ => false,
    };

    /// <summary>Wraps a raw wire string; never fails for an unknown value.</summary>
    /// <param name="value">The raw wire string.</param>
    /// <returns>The value wrapping <paramref name="value"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static ProcessState From(string value) => new(value);

    /// <summary>Wraps a raw wire string; never fails for an unknown value. Same as <see cref="From"/>.</summary>
    /// <param name="value">The raw wire string.</param>
    /// <remarks>
    /// Explicit on purpose: an implicit conversion would also apply to a <see langword="null"/> literal, so
    /// <c>ProcessState? x = condition ? ProcessState.Unspecified : null;</c> would compile and then throw.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static explicit operator ProcessState(string value) => new(value);

    /// <summary>Compares two values ordinally (case-sensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator ==(ProcessState left, ProcessState right) => left.Equals(right);

    /// <summary>Compares two values ordinally (case-sensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator !=(ProcessState left, ProcessState right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(ProcessState other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ProcessState other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>Returns the raw wire string.</summary>
    /// <returns><see cref="Value"/>.</returns>
    public override string ToString() => Value;
}
