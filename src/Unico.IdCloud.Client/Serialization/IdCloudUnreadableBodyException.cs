namespace Unico.IdCloud.Client.Serialization;

/// <summary>
/// A success body that is valid JSON but not a usable answer. Internal: it never reaches the caller, the SDK's
/// deserialization exception factory turns it into an <see cref="IdCloudException"/> of kind <see cref="IdCloudErrorKind.InvalidResponse"/>.
/// </summary>
/// <param name="expected">What the body should have been, for the message (never the body itself).</param>
#pragma warning disable CA1032 // Internal signal between the serializer and the exception factory: one constructor is the contract.
#pragma warning disable CA1064 // Never public: it is mapped before the caller sees it.
internal sealed class IdCloudUnreadableBodyException(string expected) : Exception("The body could not be read as " + expected + ".")
#pragma warning restore CA1064
#pragma warning restore CA1032
{
    /// <summary>What the body should have been.</summary>
    public string Expected { get; } = expected;
}
