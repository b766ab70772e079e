using System.Globalization;
using System.Text.Json;

namespace Unico.IdCloud.Client.ByClient;

/// <summary>
/// A by Client process as CreateProcess or GetProcess returned it. Capabilities the API key does not contract are
/// <see langword="null"/>; some (<see cref="IdentityFraudsters"/>, <see cref="Document"/>) arrive only on a later
/// GetProcess. Call <see cref="Interpret"/> for the vendor's decision rule.
/// </summary>
/// <remarks><see cref="ToString"/> shows no personal data.</remarks>
public sealed class ByClientProcess
{
    /// <summary>The process id (a UUID).</summary>
    public required string Id { get; init; }

    /// <summary>The status; only <see cref="ByClientProcessStatus.Finished"/> carries a decision.</summary>
    public required ByClientProcessStatus Status { get; init; }

    /// <summary>Whether the face belongs to the CPF holder (<c>unicoId.result</c>).</summary>
    public ByClientVerdict? UnicoId { get; init; }

    /// <summary>The liveness verdict; omitted by the vendor when <see cref="UnicoId"/> is yes.</summary>
    public ByClientLiveness? Liveness { get; init; }

    /// <summary>The fraudsters-base check; may arrive only on a later GetProcess.</summary>
    public ByClientVerdict? IdentityFraudsters { get; init; }

    /// <summary>The SERPRO similarity (<c>government.serpro</c>): 0-100, or -1/-2 when no comparison was possible.</summary>
    public int? Serpro { get; init; }

    /// <summary>The signed risk score, when <see cref="UnicoId"/> is inconclusive and the risk score is contracted.</summary>
    public int? Score { get; init; }

    /// <summary>The orchestrated risk verdict (<c>riskLevel.result</c>), when contracted.</summary>
    public ByClientVerdict? RiskLevel { get; init; }

    /// <summary>The document of a document process (on GetProcess once finished).</summary>
    public ByClientProcessDocument? Document { get; init; }

    /// <summary><c>processAdditionalInfo</c> of <c>GET /processes/v2/{id}</c>; empty otherwise.</summary>
    public IReadOnlyDictionary<string, JsonElement> AdditionalInfo { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>
    /// The <c>subject.clientReference</c> you sent, echoed by the SDK on the result of CreateProcess (the API does not
    /// return it), so logs and stores can correlate without keeping the request.
    /// </summary>
    public string? ClientReference { get; init; }

    /// <summary>
    /// Applies the vendor's decision rule (<b>only status 3 decides</b>): the same <see cref="IdCloudProcessSummary"/> a
    /// by Unico process gives, with the one finding that decided and what to do next as its explanation.
    /// </summary>
    /// <remarks>
    /// <list type="bullet">
    /// <item>Status 1 → <see cref="IdCloudProcessOutcome.Pending"/> (read it again later); 2 (divergence) →
    /// <see cref="IdCloudProcessOutcome.Inconclusive"/>; 4 → <see cref="IdCloudProcessOutcome.Expired"/> (cancelled: create
    /// a new process); 5 (HTTP 200 with a biometric processing error) → <see cref="IdCloudProcessOutcome.Error"/> (capture
    /// again); any other status → <see cref="IdCloudProcessOutcome.Unrecognized"/>.</item>
    /// <item>Status 3: liveness failed (2) → Denied; fraudsters base match → Denied; a known <c>riskLevel</c> decides when
    /// present (approved → Approved; reproved, denied, critical-risk, high-risk → Denied; retry → Error; inconclusive →
    /// Inconclusive); otherwise <c>unicoId</c> yes → Approved, no → Denied, inconclusive → by the risk score when there is
    /// one (positive → Approved, negative → Denied, zero → Inconclusive), else Inconclusive. A document process that
    /// finished with its document → Approved (cpfMatch false → Denied). Unknown values → Unrecognized, never
    /// approval.</item>
    /// </list>
    /// </remarks>
    /// <returns>The SDK's reading; advice, not a policy. Every raw value stays on this process.</returns>
    public IdCloudProcessSummary Interpret() => ByClientInterpretation.Of(this);

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"ByClientProcess {{ Id = {Id}, Status = {Status}, UnicoId = {UnicoId}, Liveness = {Liveness}, IdentityFraudsters = {IdentityFraudsters}, Serpro = {Serpro}, Score = {Score}, RiskLevel = {RiskLevel} }}");

    /// <summary>Maps the generated wire body; <see langword="null"/> when the id is blank.</summary>
    internal static ByClientProcess? FromWire(Wire.ByClientProcess wire, string? clientReference)
    {
        if (string.IsNullOrWhiteSpace(wire.Id))
        {
            return null;
        }

        return new ByClientProcess
        {
            Id = wire.Id,
            Status = new ByClientProcessStatus(wire.Status),
            UnicoId = wire.UnicoId?.Result is { } unicoId ? ByClientVerdict.From(unicoId) : null,
            Liveness = wire.Liveness is { } liveness ? new ByClientLiveness(liveness) : null,
            IdentityFraudsters = wire.IdentityFraudsters?.Result is { } fraudsters ? ByClientVerdict.From(fraudsters) : null,
            Serpro = wire.Government?.Serpro,
            Score = wire.Score,
            RiskLevel = wire.RiskLevel?.Result is { } risk ? ByClientVerdict.From(risk) : null,
            Document = wire.Document is { } document
                ? new ByClientProcessDocument
                {
                    Id = document.Id,
                    Type = document.Type,
                    CpfMatch = document.CpfMatch,
                    Content = Members(document.Content),
                    FileUrls = document.FileUrls is { } urls ? [.. urls] : [],
                }
                : null,
            AdditionalInfo = Members(wire.ProcessAdditionalInfo),
            ClientReference = clientReference,
        };
    }

    /// <summary>The members of a free-form JSON object (<c>additionalProperties: true</c> arrives as a boxed element).</summary>
    private static Dictionary<string, JsonElement> Members(object? value)
    {
        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (value is JsonElement { ValueKind: JsonValueKind.Object } element)
        {
            foreach (var property in element.EnumerateObject())
            {
                members[property.Name] = property.Value.Clone();
            }
        }

        return members;
    }
}
