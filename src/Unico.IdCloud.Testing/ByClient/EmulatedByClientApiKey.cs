namespace Unico.IdCloud.Testing;

/// <summary>
/// An API key issued by <see cref="ByClientEmulator.CreateApiKey"/>: the use case and the capabilities it enables, as
/// Unico configures them per key. The key is a secret: <see cref="ToString"/> never shows <see cref="Value"/>.
/// </summary>
public sealed class EmulatedByClientApiKey
{
    internal EmulatedByClientApiKey(string value, ByClientKeySettings settings)
    {
        Value = value;
        Settings = settings;
    }

    /// <summary>The value to send as the <c>APIKEY</c> header.</summary>
    public string Value { get; }

    /// <summary>The use case and capabilities of the key.</summary>
    public ByClientKeySettings Settings { get; }

    /// <inheritdoc />
    public override string ToString() => $"EmulatedByClientApiKey {{ UseCase = {Settings.UseCase}, Value = (redacted) }}";
}

/// <summary>What an emulated API key enables. Defaults: onboarding with liveness and nothing else.</summary>
public sealed record ByClientKeySettings
{
    /// <summary>The use case the key selects, e.g. <c>Onboarding</c> or <c>Transactional</c>.</summary>
    public string UseCase { get; init; } = "Onboarding";

    /// <summary>
    /// Liveness is contracted: <c>imageBase64</c> must be a payload of the capture SDK
    /// (<see cref="ByClientEmulator.CreateCapture"/>), and <c>liveness</c> reports 1 or 2. Without it plain base64
    /// images are accepted and <c>liveness</c> is always 1.
    /// </summary>
    public bool Liveness { get; init; } = true;

    /// <summary>
    /// The fraudsters-base check is contracted. It is asynchronous: the POST answer never carries
    /// <c>identityFraudsters</c>; a later GET does.
    /// </summary>
    public bool IdentityFraudsters { get; init; }

    /// <summary>The SERPRO (government photo) comparison is contracted: <c>government.serpro</c>.</summary>
    public bool Serpro { get; init; }

    /// <summary>The risk score is contracted: <c>score</c> when <c>unicoId</c> is inconclusive, and <c>riskLevel</c>.</summary>
    public bool RiskScore { get; init; }

    /// <summary>Document capture and reuse are contracted; without it those calls answer 403 with code 30017.</summary>
    public bool Documents { get; init; }
}
