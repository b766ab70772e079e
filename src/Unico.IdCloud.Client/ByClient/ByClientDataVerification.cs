using System.Globalization;
using System.Text.Json;

namespace Unico.IdCloud.Client.ByClient;

/// <summary>
/// The answer of the Data Verification endpoint (<c>POST /lists/{cpf}</c>, see
/// <see cref="IIdCloudByClient.VerifyDataAsync"/>): the person's data by section, not an identity verdict.
/// <see cref="BasicData"/> is typed; every section, including ones this SDK does not model yet, is in
/// <see cref="Sections"/> as sent.
/// </summary>
/// <remarks><see cref="ToString"/> shows no personal data.</remarks>
public sealed class ByClientDataVerification
{
    /// <summary>The request id (a UUID); quote it to Unico's support.</summary>
    public required string Id { get; init; }

    /// <summary>The processing status (the by Client processes' vocabulary); the data is complete at <see cref="ByClientProcessStatus.Finished"/>.</summary>
    public required ByClientProcessStatus Status { get; init; }

    /// <summary>The registration data (<c>lists.basicData</c>); <see langword="null"/> when the answer has none.</summary>
    public ByClientBasicData? BasicData { get; init; }

    /// <summary>
    /// Every section of the answer's <c>lists</c> object by its JSON name, exactly as sent: <c>basicData</c> (with any
    /// member <see cref="BasicData"/> does not type) and the further sections the vendor documents but this SDK does not
    /// model yet. Empty when the answer has no <c>lists</c>. Personal data.
    /// </summary>
    /// <remarks>
    /// Why raw JSON: the vendor publishes the fields of <c>basicData</c> only, and a section the SDK guessed at would break
    /// callers when the vendor's shape turned out different. A read-only name → <see cref="JsonElement"/> map (as
    /// <see cref="ByClientProcess.AdditionalInfo"/>) lets a caller read a new section today without a public type per
    /// section, and without exposing the SDK's wire classes; a section that becomes documented can get a typed property
    /// beside it without breaking this one.
    /// </remarks>
    public IReadOnlyDictionary<string, JsonElement> Sections { get; init; } = new Dictionary<string, JsonElement>();

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"ByClientDataVerification {{ Id = {Id}, Status = {Status}, Sections = [{string.Join(", ", Sections.Keys.Order(StringComparer.Ordinal))}] }}");

    /// <summary>Maps the generated wire body; <see langword="null"/> when the id is blank.</summary>
    internal static ByClientDataVerification? FromWire(Wire.DataVerification wire)
    {
        if (string.IsNullOrWhiteSpace(wire.Id))
        {
            return null;
        }

        var sections = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (wire.Lists is { } lists)
        {
            if (lists.BasicData is { } basicData)
            {
                // The typed section was read into its DTO; written back it is the section as sent (unknown members are
                // kept by the DTO), so callers find basicData in Sections like every other section.
                sections["basicData"] = JsonSerializer.SerializeToElement(basicData, ByClientJsonContext.Default.BasicData);
            }

            foreach (var (name, value) in lists.AdditionalProperties)
            {
                if (value is JsonElement element)
                {
                    sections[name] = element.Clone();
                }
            }
        }

        return new ByClientDataVerification
        {
            Id = wire.Id,
            Status = new ByClientProcessStatus(wire.Status),
            BasicData = wire.Lists?.BasicData is { } data ? ByClientBasicData.FromWire(data) : null,
            Sections = sections,
        };
    }
}
