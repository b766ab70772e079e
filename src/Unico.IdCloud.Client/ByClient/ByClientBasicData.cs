using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Client.ByClient;

/// <summary>
/// The registration data of a Data Verification (<c>lists.basicData</c>). Personal data. The vendor sends every field
/// as a string and an empty string for "not known": here a field that is empty, blank or missing is
/// <see langword="null"/>. The vendor's <c>financialData</c> and <c>address</c> objects are flattened into
/// <see cref="IncomeEstimate"/>/<see cref="TotalAssets"/> and the <c>Address…</c> properties.
/// </summary>
/// <remarks><see cref="ToString"/> shows no personal data.</remarks>
public sealed class ByClientBasicData
{
    /// <summary>The full name (<c>name</c>), e.g. <c>JOAO DA SILVA</c>.</summary>
    public string? Name { get; init; }

    /// <summary>The nationality as registered (<c>birthCountry</c>), e.g. <c>BRASILEIRA</c>.</summary>
    public string? BirthCountry { get; init; }

    /// <summary>The birth date (<c>birthDate</c>, ISO 8601): the text as sent and, when it is a valid date, its value.</summary>
    public OcrDate? BirthDate { get; init; }

    /// <summary>The gender as registered (<c>gender</c>), e.g. <c>M</c>.</summary>
    public string? Gender { get; init; }

    /// <summary>The mother's name (<c>motherName</c>).</summary>
    public string? MotherName { get; init; }

    /// <summary>The father's name (<c>fatherName</c>).</summary>
    public string? FatherName { get; init; }

    /// <summary>The marital status as registered (<c>maritalStatus</c>).</summary>
    public string? MaritalStatus { get; init; }

    /// <summary>The RG number (<c>rgNumber</c>).</summary>
    public string? RgNumber { get; init; }

    /// <summary>The RG's issuing agency (<c>rgIssuingAgency</c>), e.g. <c>SSP</c>.</summary>
    public string? RgIssuingAgency { get; init; }

    /// <summary>The RG's state (<c>rgStateCode</c>), e.g. <c>SP</c>.</summary>
    public string? RgStateCode { get; init; }

    /// <summary>The estimated income (<c>financialData.incomeEstimate</c>), as sent.</summary>
    public string? IncomeEstimate { get; init; }

    /// <summary>The estimated total assets (<c>financialData.totalAssets</c>), as sent.</summary>
    public string? TotalAssets { get; init; }

    /// <summary>The street (<c>address.addressMain</c>), e.g. <c>AVENIDA DO ESTADO</c>.</summary>
    public string? AddressMain { get; init; }

    /// <summary>The street number (<c>address.number</c>).</summary>
    public string? AddressNumber { get; init; }

    /// <summary>The complement (<c>address.complement</c>), e.g. <c>ANDAR 1</c>.</summary>
    public string? AddressComplement { get; init; }

    /// <summary>The neighbourhood (<c>address.neighborhood</c>).</summary>
    public string? AddressNeighborhood { get; init; }

    /// <summary>The CEP (<c>address.zipCode</c>), 8 digits.</summary>
    public string? AddressZipCode { get; init; }

    /// <summary>The city (<c>address.city</c>).</summary>
    public string? AddressCity { get; init; }

    /// <summary>The two-letter state code (<c>address.state</c>), e.g. <c>SP</c>.</summary>
    public string? AddressState { get; init; }

    /// <summary>The country (<c>address.country</c>), e.g. <c>BRASIL</c>.</summary>
    public string? AddressCountry { get; init; }

    /// <summary>The kind of address (<c>address.type</c>), e.g. <c>WORK</c>.</summary>
    public string? AddressType { get; init; }

    /// <summary>The e-mail address (<c>email</c>).</summary>
    public string? Email { get; init; }

    /// <summary>The phone number (<c>phone</c>), e.g. <c>+554799999999</c>.</summary>
    public string? Phone { get; init; }

    /// <summary>Which fields are known, never their values (personal data).</summary>
    /// <returns>E.g. <c>ByClientBasicData { Name = (set), BirthDate = (set), Email = (not known) }</c>.</returns>
    public override string ToString() =>
        $"ByClientBasicData {{ Name = {Known(Name)}, BirthDate = {Known(BirthDate?.Raw)}, Address = {Known(AddressMain ?? AddressCity)}, Email = {Known(Email)}, Phone = {Known(Phone)} }}";

    /// <summary>Maps the generated wire section (empty strings become <see langword="null"/>).</summary>
    internal static ByClientBasicData FromWire(Wire.BasicData wire) => new()
    {
        Name = Text(wire.Name),
        BirthCountry = Text(wire.BirthCountry),
        BirthDate = Text(wire.BirthDate) is { } birth ? new OcrDate(birth) : null,
        Gender = Text(wire.Gender),
        MotherName = Text(wire.MotherName),
        FatherName = Text(wire.FatherName),
        MaritalStatus = Text(wire.MaritalStatus),
        RgNumber = Text(wire.RgNumber),
        RgIssuingAgency = Text(wire.RgIssuingAgency),
        RgStateCode = Text(wire.RgStateCode),
        IncomeEstimate = Text(wire.FinancialData?.IncomeEstimate),
        TotalAssets = Text(wire.FinancialData?.TotalAssets),
        AddressMain = Text(wire.Address?.AddressMain),
        AddressNumber = Text(wire.Address?.Number),
        AddressComplement = Text(wire.Address?.Complement),
        AddressNeighborhood = Text(wire.Address?.Neighborhood),
        AddressZipCode = Text(wire.Address?.ZipCode),
        AddressCity = Text(wire.Address?.City),
        AddressState = Text(wire.Address?.State),
        AddressCountry = Text(wire.Address?.Country),
        AddressType = Text(wire.Address?.Type),
        Email = Text(wire.Email),
        Phone = Text(wire.Phone),
    };

    /// <summary>The vendor's "not known" (an empty string) and a missing member read the same.</summary>
    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static string Known(string? value) => value is null ? "(not known)" : "(set)";
}
