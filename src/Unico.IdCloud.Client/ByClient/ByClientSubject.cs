using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.ByClient;

/// <summary>
/// The person of an identity (onboarding) or document process (<c>subject</c>). Checked before sending: a CPF with
/// valid check digits, a name without double spaces, <c>M</c>/<c>F</c>, a <c>YYYY-MM-DD</c> birth date, a phone of digits (with or without a leading <c>+</c>).
/// </summary>
/// <remarks>Personal data: <see cref="ToString"/> masks the CPF and shows nothing else.</remarks>
public sealed class ByClientSubject
{
    /// <summary>The CPF, 11 digits (no dots or dash).</summary>
    [JsonPropertyName("code")]
    public required string Code { get; set; }

    /// <summary>The full name, without double spaces. Required for identity processes.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary><c>M</c> or <c>F</c>.</summary>
    [JsonPropertyName("gender")]
    public string? Gender { get; set; }

    /// <summary>The birth date as <c>YYYY-MM-DD</c>.</summary>
    [JsonPropertyName("birthDate")]
    public string? BirthDate { get; set; }

    /// <summary>The e-mail address.</summary>
    [JsonPropertyName("email")]
    public string? Email { get; set; }

    /// <summary>
    /// The phone number: country code, area code and number as digits, e.g. <c>5511999999999</c> (the form of the
    /// vendor's examples); a leading <c>+</c> (E.164) is accepted too.
    /// </summary>
    [JsonPropertyName("phone")]
    public string? Phone { get; set; }

    /// <summary>
    /// Your own id of this request (the vendor allows at most 256 characters), to reconcile it later: it is surfaced on the result and
    /// on an error that says the request may have been processed.
    /// </summary>
    [JsonPropertyName("clientReference")]
    public string? ClientReference { get; set; }

    /// <summary>The document type of <see cref="Code"/> for document processes, e.g. <c>DUI_TYPE_BR_CPF</c>.</summary>
    [JsonPropertyName("duiType")]
    public string? DuiType { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"ByClientSubject {{ Code = {Models.Cpf.Mask(Code)} }}";
}
