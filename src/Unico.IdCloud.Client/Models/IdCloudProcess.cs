using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.Models;

/// <summary>
/// A verification process (generated from the contract; this part adds typed shortcuts into <see cref="Services"/>, so
/// documents and their OCR fields are reachable without walking nullable lists).
/// </summary>
public partial class IdCloudProcess
{
    /// <summary>
    /// Every document read by OCR in this process (<c>services[].documents[].doc</c>, in order); empty when the flow
    /// captured none. Not a wire member.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<OcrDocument> OcrDocuments =>
        Services is null
            ? []
            : Services.Where(static service => service?.Documents is not null)
                .SelectMany(static service => service.Documents!)
                .Select(static document => document?.Doc)
                .OfType<OcrDocument>()
                .ToList()
                .AsReadOnly();

    /// <summary>
    /// The ids of the signed documents (<c>services[].documentIds</c>, in order), to download with the signature API;
    /// empty for flows without signature. Not a wire member.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<string> SignedDocumentIds =>
        Services is null
            ? []
            : Services.Where(static service => service?.DocumentIds is not null)
                .SelectMany(static service => service.DocumentIds!)
                .Where(static id => !string.IsNullOrEmpty(id))
                .ToList()
                .AsReadOnly();

    /// <summary>The fields of the first CNH (driver licence) read by OCR, or <see langword="null"/>. Not a wire member.</summary>
    /// <example><c>process.Cnh?.Categoria</c>, <c>process.Cnh?.ExpiryDate</c>.</example>
    [JsonIgnore]
    public OcrDocumentData? Cnh => First(OcrDocumentCode.Cnh);

    /// <summary>The fields of the first RG (identity card) read by OCR, or <see langword="null"/>. Not a wire member.</summary>
    [JsonIgnore]
    public OcrDocumentData? Rg => First(OcrDocumentCode.Rg);

    /// <summary>The fields of the first CIN (national identity card) read by OCR, or <see langword="null"/>. Not a wire member.</summary>
    [JsonIgnore]
    public OcrDocumentData? Cin => First(OcrDocumentCode.Cin);

    /// <summary>The fields of the first passport read by OCR, or <see langword="null"/>. Not a wire member.</summary>
    [JsonIgnore]
    public OcrDocumentData? Passaporte => First(OcrDocumentCode.Passaporte);

    /// <summary>
    /// The fields of the first identity document read by OCR with at least one field, whatever its type (CNH, RG, CIN,
    /// passport or one this SDK does not know), for the fields every document has: <see cref="OcrDocumentData.FullName"/>,
    /// <see cref="OcrDocumentData.Cpf"/>, <see cref="OcrDocumentData.BirthDate"/>, <see cref="OcrDocumentData.DocumentNumber"/>,
    /// <see cref="OcrDocumentData.IssueDate"/>, <see cref="OcrDocumentData.ExpiryDate"/>. Not a wire member.
    /// </summary>
    [JsonIgnore]
    public OcrDocumentData? IdentityDocument =>
        OcrDocuments.Select(static document => document.Data).FirstOrDefault(static data => data is not null && data.FieldNames.Any());

    private OcrDocumentData? First(OcrDocumentCode code)
    {
        foreach (var document in OcrDocuments)
        {
            if (document.Code == code && document.Data is { } data)
            {
                return data;
            }
        }

        return null;
    }
}
