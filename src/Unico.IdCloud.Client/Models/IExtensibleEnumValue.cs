namespace Unico.IdCloud.Client.Models;

/// <summary>
/// A wire value from a set that the API may extend at any time (a protobuf enum rendered as a string, or a
/// documented list of strings). Known values are static members of the implementing type; unknown values are kept
/// verbatim, so reading and writing a value the SDK has never seen returns exactly the same text.
/// </summary>
/// <typeparam name="TSelf">The implementing type.</typeparam>
/// <remarks>
/// The static members let one AOT-safe <see cref="ExtensibleEnumJsonConverter{T}"/> serve every extensible enum
/// without reflection.
/// </remarks>
internal interface IExtensibleEnumValue<TSelf> : IEquatable<TSelf>
    where TSelf : struct, IExtensibleEnumValue<TSelf>
{
    /// <summary>The raw wire string, exactly as sent or received. Empty for the <see langword="default"/> value.</summary>
    string Value { get; }

    /// <summary>Whether <see cref="Value"/> is one of the values this SDK version knows.</summary>
    bool IsKnown { get; }

    /// <summary>Every value this SDK version knows, in documentation order.</summary>
    static abstract IReadOnlyList<TSelf> KnownValues { get; }

    /// <summary>Wraps a raw wire string; never fails for an unknown value.</summary>
    /// <param name="value">The raw wire string.</param>
    /// <returns>The value wrapping <paramref name="value"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    static abstract TSelf From(string value);
}
