using System.Diagnostics;
using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.Models;

/// <summary>
/// The verification journey a by Unico process runs (<c>flow</c> in CreateProcess; required).
/// </summary>
/// <remarks>
/// <para>
/// The flow decides which capabilities run; <see cref="Capabilities"/> and <see cref="IsDeprecated"/> describe each
/// known flow. The vendor's capability table for current flows lost its check marks in the exported documentation, so
/// the capabilities of current flows are derived from the flow name, consistently with the deprecated-flow table
/// (which does spell them out):
/// </para>
/// <list type="bullet">
/// <item>every flow includes liveness;</item>
/// <item><c>id</c> on its own, and the <c>unico</c> and <c>trust</c> families, add identity verification; <c>live</c>
/// (liveness only) and <c>token</c> (1:1 validation against an earlier process, in place of identity verification) do
/// not;</item>
/// <item><c>trust</c> = behaviour alert, <c>docs</c> = document capture and reuse, <c>sign</c> = electronic signature,
/// <c>token</c> = 1:1 validation, <c>serpro</c> = Serpro similarity, <c>check</c> = risk score.</item>
/// </list>
/// <para>
/// This derivation is an inference from the names and the vendor's capability columns, not a vendor statement; the
/// least certain point is that <c>token</c> flows do not also run identity verification. Treat
/// <see cref="Capabilities"/> as guidance for routing and display, and the process result as the authority on what ran.
/// </para>
/// <para>
/// Deprecated flows take their capabilities from the vendor's table verbatim (so <c>iddocs</c>, <c>idsign</c> and
/// <c>iddocssign</c> include the risk score although their names lack <c>check</c>). For flows seen outside the main
/// table (<c>idsmart</c>, <c>idage</c>, <c>idagedocumentless</c>, <c>idtransactional</c>) only what the
/// documentation states is marked: liveness, plus 1:1 validation for <c>idtransactional</c> (which requires
/// <c>bioTokenId</c>); age estimation and smart revalidation have no <see cref="FlowCapabilities"/> member.
/// </para>
/// <para>
/// Unknown values are kept verbatim (<see cref="IsKnown"/> is <see langword="false"/>) and serialize back
/// unchanged; comparison is ordinal and case-sensitive, like the wire. <see langword="default"/>(Flow)
/// has an empty <see cref="Value"/> and is not known.
/// </para>
/// </remarks>
[JsonConverter(typeof(ExtensibleEnumJsonConverter<Flow>))]
[DebuggerDisplay("{Value,nq}")]
public readonly struct Flow : IExtensibleEnumValue<Flow>, IEquatable<Flow>
{
    private readonly string? _value;

    /// <summary>Liveness only (<c>idlive</c>).</summary>
    public static readonly Flow IdLive = new("idlive");

    /// <summary>Liveness and identity verification (<c>id</c>).</summary>
    public static readonly Flow Id = new("id");

    /// <summary>Liveness and behaviour alert (<c>idlivetrust</c>).</summary>
    public static readonly Flow IdLiveTrust = new("idlivetrust");

    /// <summary>Liveness, identity verification and behaviour alert (<c>idtrust</c>).</summary>
    public static readonly Flow IdTrust = new("idtrust");

    /// <summary>Liveness, identity verification and document capture (<c>idunicodocs</c>).</summary>
    public static readonly Flow IdUnicoDocs = new("idunicodocs");

    /// <summary>Liveness, identity verification and electronic signature (<c>idunicosign</c>).</summary>
    public static readonly Flow IdUnicoSign = new("idunicosign");

    /// <summary>Liveness, identity verification, document capture and electronic signature (<c>idunicodocssign</c>).</summary>
    public static readonly Flow IdUnicoDocsSign = new("idunicodocssign");

    /// <summary>Liveness, identity verification, Serpro similarity, document capture and electronic signature (<c>idunicoserprodocssign</c>).</summary>
    public static readonly Flow IdUnicoSerproDocsSign = new("idunicoserprodocssign");

    /// <summary>Liveness, identity verification, behaviour alert and document capture (<c>idtrustdocs</c>).</summary>
    public static readonly Flow IdTrustDocs = new("idtrustdocs");

    /// <summary>Liveness, identity verification, behaviour alert and electronic signature (<c>idtrustsign</c>).</summary>
    public static readonly Flow IdTrustSign = new("idtrustsign");

    /// <summary>Liveness, identity verification, behaviour alert, document capture and electronic signature (<c>idtrustdocssign</c>).</summary>
    public static readonly Flow IdTrustDocsSign = new("idtrustdocssign");

    /// <summary>Liveness and 1:1 validation against an earlier process (needs <c>bioTokenId</c>) (<c>idtoken</c>).</summary>
    public static readonly Flow IdToken = new("idtoken");

    /// <summary>Liveness, 1:1 validation and behaviour alert (needs <c>bioTokenId</c>) (<c>idtokentrust</c>).</summary>
    public static readonly Flow IdTokenTrust = new("idtokentrust");

    /// <summary>Liveness, 1:1 validation and electronic signature (needs <c>bioTokenId</c>) (<c>idtokensign</c>).</summary>
    public static readonly Flow IdTokenSign = new("idtokensign");

    /// <summary>Deprecated: liveness, identity verification and risk score (<c>idcheck</c>).</summary>
    public static readonly Flow IdCheck = new("idcheck");

    /// <summary>Deprecated: liveness, identity verification, risk score and document capture (<c>iddocs</c>).</summary>
    public static readonly Flow IdDocs = new("iddocs");

    /// <summary>Deprecated: liveness, identity verification, risk score and electronic signature (<c>idsign</c>).</summary>
    public static readonly Flow IdSign = new("idsign");

    /// <summary>Deprecated: liveness, identity verification, risk score, document capture and electronic signature (<c>iddocssign</c>).</summary>
    public static readonly Flow IdDocsSign = new("iddocssign");

    /// <summary>Deprecated: liveness, identity verification, risk score and behaviour alert (<c>idchecktrust</c>).</summary>
    public static readonly Flow IdCheckTrust = new("idchecktrust");

    /// <summary>Deprecated: liveness, identity verification, risk score, behaviour alert and document capture (<c>idchecktrustdocs</c>).</summary>
    public static readonly Flow IdCheckTrustDocs = new("idchecktrustdocs");

    /// <summary>Deprecated: liveness, identity verification, risk score, behaviour alert and electronic signature (<c>idchecktrustsign</c>).</summary>
    public static readonly Flow IdCheckTrustSign = new("idchecktrustsign");

    /// <summary>Deprecated: liveness, identity verification, risk score, behaviour alert, document capture and electronic signature (<c>idchecktrustdocssign</c>).</summary>
    public static readonly Flow IdCheckTrustDocsSign = new("idchecktrustdocssign");

    /// <summary>Deprecated: liveness, identity verification, risk score and Serpro similarity (<c>idcheckserpro</c>).</summary>
    public static readonly Flow IdCheckSerpro = new("idcheckserpro");

    /// <summary>Deprecated: liveness, identity verification, risk score, Serpro similarity and document capture (<c>idcheckserprodocs</c>).</summary>
    public static readonly Flow IdCheckSerproDocs = new("idcheckserprodocs");

    /// <summary>Deprecated: liveness, identity verification, risk score, Serpro similarity, document capture and electronic signature (<c>idcheckserprodocssign</c>).</summary>
    public static readonly Flow IdCheckSerproDocsSign = new("idcheckserprodocssign");

    /// <summary>Deprecated: payroll-loan flow with liveness, identity verification, risk score, Serpro similarity and electronic signature; when Serpro similarity is negative it also asks for documents for a face match (<c>creditoconsignado</c>).</summary>
    public static readonly Flow CreditoConsignado = new("creditoconsignado");

    /// <summary>Smart revalidation (needs <c>useCase</c>); capabilities beyond liveness are not documented (<c>idsmart</c>).</summary>
    public static readonly Flow IdSmart = new("idsmart");

    /// <summary>Age verification; capabilities beyond liveness are not documented (<c>idage</c>).</summary>
    public static readonly Flow IdAge = new("idage");

    /// <summary>Age verification without documents; capabilities beyond liveness are not documented (<c>idagedocumentless</c>).</summary>
    public static readonly Flow IdAgeDocumentless = new("idagedocumentless");

    /// <summary>Transactional 1:1 validation (needs <c>bioTokenId</c>); documented only in the Trust spaces (<c>idtransactional</c>).</summary>
    public static readonly Flow IdTransactional = new("idtransactional");

    /// <summary>Creates a value from its raw wire string; unknown strings are accepted and kept verbatim.</summary>
    /// <param name="value">The raw wire string.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public Flow(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>Every value this SDK version knows, in documentation order.</summary>
    public static IReadOnlyList<Flow> KnownFlows { get; } =
    [
        IdLive, Id, IdLiveTrust, IdTrust, IdUnicoDocs, IdUnicoSign, IdUnicoDocsSign, IdUnicoSerproDocsSign, IdTrustDocs,
        IdTrustSign, IdTrustDocsSign, IdToken, IdTokenTrust, IdTokenSign, IdCheck, IdDocs, IdSign, IdDocsSign,
        IdCheckTrust, IdCheckTrustDocs, IdCheckTrustSign, IdCheckTrustDocsSign, IdCheckSerpro, IdCheckSerproDocs,
        IdCheckSerproDocsSign, CreditoConsignado, IdSmart, IdAge, IdAgeDocumentless, IdTransactional,
    ];

    /// <inheritdoc cref="KnownFlows"/>
    static IReadOnlyList<Flow> IExtensibleEnumValue<Flow>.KnownValues => KnownFlows;

    /// <summary>The raw wire string, exactly as sent or received; empty for the <see langword="default"/> value.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether <see cref="Value"/> is one of the values this SDK version knows.</summary>
    public bool IsKnown => _value switch
    {
        "idlive" or
        "id" or
        "idlivetrust" or
        "idtrust" or
        "idunicodocs" or
        "idunicosign" or
        "idunicodocssign" or
        "idunicoserprodocssign" or
        "idtrustdocs" or
        "idtrustsign" or
        "idtrustdocssign" or
        "idtoken" or
        "idtokentrust" or
        "idtokensign" or
        "idcheck" or
        "iddocs" or
        "idsign" or
        "iddocssign" or
        "idchecktrust" or
        "idchecktrustdocs" or
        "idchecktrustsign" or
        "idchecktrustdocssign" or
        "idcheckserpro" or
        "idcheckserprodocs" or
        "idcheckserprodocssign" or
        "creditoconsignado" or
        "idsmart" or
        "idage" or
        "idagedocumentless" or
        "idtransactional" => true,
        _ => false,
    };

    /// <summary>
    /// The capabilities this flow runs, or <see cref="FlowCapabilities.None"/> for a flow this SDK does not know.
    /// </summary>
    /// <remarks>See the type's remarks for how the table was derived.</remarks>
    public FlowCapabilities Capabilities => _value switch
    {
        "idlive" => FlowCapabilities.Liveness,
        "id" => FlowCapabilities.Liveness | FlowCapabilities.IdentityVerification,
        "idlivetrust" => FlowCapabilities.Liveness | FlowCapabilities.BehaviorAlert,
        "idtrust" => FlowCapabilities.Liveness | FlowCapabilities.IdentityVerification | FlowCapabilities.BehaviorAlert,
        "idunicodocs" => FlowCapabilities.Liveness | FlowCapabilities.IdentityVerification | FlowCapabilities.DocumentCapture,
        "idunicosign" => FlowCapabilities.Liveness | FlowCapabilities.IdentityVerification | FlowCapabilities.ElectronicSignature,
        "idunicodocssign" => FlowCapabilities.Liveness | FlowCapabilities.IdentityVerification | FlowCapabilities.DocumentCapture | FlowCapabilities.ElectronicSignature,
        "idunicoserprodocssign" => FlowCapabilities.Liveness | FlowCapabilities.IdentityVerification | FlowCapabilities.SerproSimilarity | FlowCapabilities.DocumentCapture | FlowCapabilities.ElectronicSignature,
        "idtrustdocs" => FlowCapabilities.Liveness | FlowCapabilities.IdentityVerification | FlowCapabilities.BehaviorAlert | FlowCapabilities.DocumentCapture,
        "idtrustsign" => FlowCapabilities.Liveness | FlowCapabilities.IdentityVerification | FlowCapabilities.BehaviorAlert | FlowCapabilities.ElectronicSignature,
        "idtrustdocssign" => FlowCapabilities.Liveness | FlowCapabilities.IdentityVerification | FlowCapabilities.BehaviorAlert | FlowCapabilities.DocumentCapture | FlowCapabilities.ElectronicSignature,
        "idtoken" => FlowCapabilities.Liveness | FlowCapabilities.OneToOneValidation,
        "idtokentrust" => FlowCapabilities.Liveness | FlowCapabilities.OneToOneValidation | FlowCapabilities.BehaviorAlert,
        "idtokensign" => FlowCapabilities.Liveness | FlowCapabilities.OneToOneValidation | FlowCapabilities.ElectronicSignature,
        "idcheck" => FlowCapabilities.Liveness | FlowCapabilities.IdentityVerification | FlowCapabilities.RiskScore,
        "iddocs" => FlowCapabilities.Liveness | FlowCapabilities.IdentityVerification | FlowCapabilities.RiskScore | FlowCapabilities.DocumentCapture,
        "idsign" => FlowCapabilities.Liveness | FlowCapabilities.IdentityVerification | FlowCapabilities.RiskScore | FlowCapabilities.ElectronicSignature,
        "iddocssign" => FlowCapabilities.Liveness | FlowCapabilities.IdentityVerification | FlowCapabilities.RiskScore | FlowCapabilities.DocumentCapture | FlowCapabilities.ElectronicSignature,
        "idchecktrust" => FlowCapabilities.Liveness | FlowCapabilities.IdentityVerification | FlowCapabilities.RiskScore | FlowCapabilities.BehaviorAlert,
        "idchecktrustdocs" => FlowCapabilities.Liveness | FlowCapabilities.IdentityVerification | FlowCapabilities.RiskScore | FlowCapabilities.BehaviorAlert | FlowCapabilities.DocumentCapture,
        "idchecktrustsign" => FlowCapabilities.Liveness | FlowCapabilities.IdentityVerification | FlowCapabilities.RiskScore | FlowCapabilities.BehaviorAlert | FlowCapabilities.ElectronicSignature,
        "idchecktrustdocssign" => FlowCapabilities.Liveness | FlowCapabilities.IdentityVerification | FlowCapabilities.RiskScore | FlowCapabilities.BehaviorAlert | FlowCapabilities.DocumentCapture | FlowCapabilities.ElectronicSignature,
        "idcheckserpro" => FlowCapabilities.Liveness | FlowCapabilities.IdentityVerification | FlowCapabilities.RiskScore | FlowCapabilities.SerproSimilarity,
        "idcheckserprodocs" => FlowCapabilities.Liveness | FlowCapabilities.IdentityVerification | FlowCapabilities.RiskScore | FlowCapabilities.SerproSimilarity | FlowCapabilities.DocumentCapture,
        "idcheckserprodocssign" => FlowCapabilities.Liveness | FlowCapabilities.IdentityVerification | FlowCapabilities.RiskScore | FlowCapabilities.SerproSimilarity | FlowCapabilities.DocumentCapture | FlowCapabilities.ElectronicSignature,
        "creditoconsignado" => FlowCapabilities.Liveness | FlowCapabilities.IdentityVerification | FlowCapabilities.RiskScore | FlowCapabilities.SerproSimilarity | FlowCapabilities.ElectronicSignature,
        "idsmart" => FlowCapabilities.Liveness,
        "idage" => FlowCapabilities.Liveness,
        "idagedocumentless" => FlowCapabilities.Liveness,
        "idtransactional" => FlowCapabilities.Liveness | FlowCapabilities.OneToOneValidation,
        _ => FlowCapabilities.None,
    };

    /// <summary>
    /// Whether the vendor lists this flow as deprecated (the risk-score family, being discontinued and available only
    /// in exceptional cases). <see langword="false"/> for unknown flows.
    /// </summary>
    public bool IsDeprecated => _value switch
    {
        "idcheck" or
        "iddocs" or
        "idsign" or
        "iddocssign" or
        "idchecktrust" or
        "idchecktrustdocs" or
        "idchecktrustsign" or
        "idchecktrustdocssign" or
        "idcheckserpro" or
        "idcheckserprodocs" or
        "idcheckserprodocssign" or
        "creditoconsignado" => true,
        _ => false,
    };

    /// <summary>Whether this flow runs every capability in <paramref name="capabilities"/>.</summary>
    /// <param name="capabilities">One or more capabilities.</param>
    /// <returns><see langword="true"/> when all of them are part of <see cref="Capabilities"/>.</returns>
    public bool Has(FlowCapabilities capabilities) => (Capabilities & capabilities) == capabilities;

    /// <summary>Wraps a raw wire string; never fails for an unknown value.</summary>
    /// <param name="value">The raw wire string.</param>
    /// <returns>The value wrapping <paramref name="value"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static Flow From(string value) => new(value);

    /// <summary>Wraps a raw wire string; never fails for an unknown value. Same as <see cref="From"/>.</summary>
    /// <param name="value">The raw wire string.</param>
    /// <remarks>
    /// Explicit on purpose: an implicit conversion would also apply to a <see langword="null"/> literal, so
    /// <c>Flow? x = condition ? Flow.IdLive : null;</c> would compile and then throw.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static explicit operator Flow(string value) => new(value);

    /// <summary>Compares two values ordinally (case-sensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator ==(Flow left, Flow right) => left.Equals(right);

    /// <summary>Compares two values ordinally (case-sensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator !=(Flow left, Flow right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(Flow other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Flow other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>Returns the raw wire string.</summary>
    /// <returns><see cref="Value"/>.</returns>
    public override string ToString() => Value;
}
