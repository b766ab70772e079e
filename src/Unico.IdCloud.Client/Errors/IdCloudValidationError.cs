namespace Unico.IdCloud.Client;

/// <summary>One problem found in a request before it was sent.</summary>
/// <param name="Field">The JSON path of the offending field, e.g. <c>person.phone</c> or <c>payload[0].envelopePayload.documents[1].fileContents</c>.</param>
/// <param name="Message">What is wrong and what to do about it (never echoes personal data).</param>
public sealed record IdCloudValidationError(string Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Field}: {Message}";
}
