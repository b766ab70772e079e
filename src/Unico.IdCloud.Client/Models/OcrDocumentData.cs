using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.Models;

/// <summary>
/// The fields OCR extracted from a document (<c>services[].documents[].doc.data</c>), whatever the document: CNH
/// (driver licence), RG and CIN (identity cards), passport, or one this SDK does not know. One type serves them all:
/// every typed property reads its field when the document has it and is <see langword="null"/> otherwise, and
/// <see cref="OcrDocument.Code"/> says which document it is.
/// </summary>
/// <remarks>
/// <para>
/// Fields of every document: <see cref="FullName"/>, <see cref="Cpf"/>, <see cref="CpfNumero"/>,
/// <see cref="DocumentNumber"/>, <see cref="BirthDate"/>, <see cref="Filiacao"/>. CNH: <see cref="RgNumero"/>,
/// <see cref="DataHabilitacao"/>, <see cref="ExpiryDate"/>, <see cref="LocalEmissao"/>, <see cref="Categoria"/>. RG:
/// <see cref="IssueDate"/>, <see cref="Naturalidade"/>, <see cref="OrgaoEmissor"/>, <see cref="UfEmissor"/>. CIN:
/// <see cref="IssueDate"/>, <see cref="ExpiryDate"/>, <see cref="OrgaoEmissor"/>, <see cref="Naturalidade"/>,
/// <see cref="Nacionalidade"/>, <see cref="LocalEmissao"/>. Passport: <see cref="Nome"/>, <see cref="Sobrenome"/>,
/// <see cref="PaisEmissor"/>, <see cref="Nacionalidade"/>, <see cref="Naturalidade"/>, <see cref="IssueDate"/>,
/// <see cref="ExpiryDate"/>, <see cref="Autoridade"/>. The vendor's OCR output does not always follow its own
/// documentation (fields of another document type appear), so every property reads whatever the data holds.
/// </para>
/// <para>
/// The typed properties are read-only views over <see cref="Json"/>, the data object exactly as received, which is
/// also what gets serialized. The vendor's OCR output sends numbers where strings are documented, invalid dates and
/// fields it may add at any time, so re-encoding from typed properties would lose or alter data; keeping the original
/// JSON writes back the same names, values and JSON kinds, unknown fields included. Read a field without a typed
/// property with <see cref="GetText"/>, <see cref="GetDate"/> or <see cref="GetTextList"/>.
/// </para>
/// <para>
/// Text fields accept JSON strings or numbers and give the text as written (a number's digits exactly as in the
/// JSON, e.g. <c>73689290074</c>). Date fields are <see cref="OcrDate"/>, which never throws on invalid dates.
/// Fields OCR could not read are absent (<see langword="null"/>). Values are exposed as sent, including
/// placeholders such as <c>"&lt;null&gt;"</c>.
/// </para>
/// <para>This is personal data: <see cref="ToString"/> gives only the number of fields.</para>
/// </remarks>
[JsonConverter(typeof(OcrDocumentDataJsonConverter))]
public sealed class OcrDocumentData
{
    /// <summary>Wraps a <c>data</c> object (for tests and emulators; the SDK reads it from the process).</summary>
    /// <param name="json">The <c>data</c> JSON object; it is cloned, so the caller may dispose its document.</param>
    /// <exception cref="ArgumentException"><paramref name="json"/> is not a JSON object.</exception>
    public OcrDocumentData(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"OCR document data must be a JSON object, not {json.ValueKind}.", nameof(json));
        }

        Json = json.Clone();
    }

    /// <summary>The data object exactly as received (or as given); this is what gets serialized.</summary>
    public JsonElement Json { get; }

    /// <summary>The names of every field present, in JSON order, known or not.</summary>
    public IEnumerable<string> FieldNames => Json.EnumerateObject().Select(static p => p.Name);

    /// <summary>Reads any field as text: a JSON string as is, a JSON number as its digits.</summary>
    /// <param name="fieldName">The JSON field name, e.g. <c>renachNumero</c> (case-sensitive).</param>
    /// <returns>The text, or <see langword="null"/> when the field is absent, null, or neither string nor number.</returns>
    public string? GetText(string fieldName)
    {
        ArgumentNullException.ThrowIfNull(fieldName);
        return Json.TryGetProperty(fieldName, out var value) ? AsText(value) : null;
    }

    /// <summary>Reads any field as an <see cref="OcrDate"/>.</summary>
    /// <param name="fieldName">The JSON field name, e.g. <c>dataHabilitacao</c> (case-sensitive).</param>
    /// <returns>The date (possibly invalid), or <see langword="null"/> when the field is absent, null, or neither string nor number.</returns>
    public OcrDate? GetDate(string fieldName) => GetText(fieldName) is { } text ? new OcrDate(text) : null;

    /// <summary>Reads any array field as a list of texts (items that are neither strings nor numbers are skipped).</summary>
    /// <param name="fieldName">The JSON field name, e.g. <c>filiacao</c> (case-sensitive).</param>
    /// <returns>The texts, or <see langword="null"/> when the field is absent or not an array.</returns>
    public IReadOnlyList<string>? GetTextList(string fieldName)
    {
        ArgumentNullException.ThrowIfNull(fieldName);
        if (!Json.TryGetProperty(fieldName, out var value) || value.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var items = new List<string>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            if (AsText(item) is { } text)
            {
                items.Add(text);
            }
        }

        return items.AsReadOnly();
    }

    /// <summary>
    /// The holder's full name, whatever the document: <c>nomeCivil</c> (CNH, RG, CIN) or <c>nome</c> and
    /// <c>sobrenome</c> joined by a space (passport); <see langword="null"/> when the OCR read none. Personal data.
    /// </summary>
    public string? FullName =>
        NomeCivil ?? ((GetText("nome"), GetText("sobrenome")) switch
        {
            ({ } first, { } last) => first + " " + last,
            ({ } first, null) => first,
            (null, { } last) => last,
            _ => null,
        });

    /// <summary>
    /// The CPF printed on the document (<c>cpfNumero</c>), or <see langword="null"/> when absent or not a valid CPF. A
    /// CPF sent as a JSON number has lost its leading zeros; they are restored before checking. Personal data.
    /// </summary>
    public Cpf? Cpf
    {
        get
        {
            if (!Json.TryGetProperty("cpfNumero", out var element) || AsText(element) is not { } text)
            {
                return null;
            }

            if (element.ValueKind == JsonValueKind.Number && text.Length < 11 && text.All(char.IsAsciiDigit))
            {
                text = text.PadLeft(11, '0');
            }

            return Models.Cpf.TryParse(text, out var cpf) ? cpf : null;
        }
    }

    /// <summary>The document's own number (<c>numero</c>: CNH register, RG or passport number), as read. Personal data.</summary>
    public string? DocumentNumber => GetText("numero");

    /// <summary>The holder's birth date (<c>dataNascimento</c>); check <see cref="OcrDate.Value"/>, the OCR text may be invalid.</summary>
    public OcrDate? BirthDate => GetDate("dataNascimento");

    /// <summary>When the document was issued (<c>dataEmissao</c>: RG, CIN, passport; a CNH's first licence date is <see cref="DataHabilitacao"/>).</summary>
    public OcrDate? IssueDate => GetDate("dataEmissao");

    /// <summary>When the document expires (<c>dataExpiracao</c>: CNH, CIN, passport); <see langword="null"/> for documents without one (RG).</summary>
    public OcrDate? ExpiryDate => GetDate("dataExpiracao");

    /// <summary>The CPF number as printed (<c>cpfNumero</c>; on a CIN, its id number), unvalidated; <see cref="Cpf"/> is the checked CPF.</summary>
    public string? CpfNumero => GetText("cpfNumero");

    /// <summary>The civil name (<c>nomeCivil</c>: CNH, RG, CIN); <see cref="FullName"/> also covers passports.</summary>
    public string? NomeCivil => GetText("nomeCivil");

    /// <summary>The parents' names (<c>filiacao</c>).</summary>
    public IReadOnlyList<string>? Filiacao => GetTextList("filiacao");

    /// <summary>The RG number printed on a CNH, which may include the issuer (<c>rgNumero</c>).</summary>
    public string? RgNumero => GetText("rgNumero");

    /// <summary>The date of the first driver licence (<c>dataHabilitacao</c>: CNH).</summary>
    public OcrDate? DataHabilitacao => GetDate("dataHabilitacao");

    /// <summary>The place of issue (<c>localEmissao</c>: CNH, CIN).</summary>
    public string? LocalEmissao => GetText("localEmissao");

    /// <summary>The licence category, A, B, AB, … (<c>categoria</c>: CNH).</summary>
    public string? Categoria => GetText("categoria");

    /// <summary>The place of birth (<c>naturalidade</c>: RG, CIN, passport).</summary>
    public string? Naturalidade => GetText("naturalidade");

    /// <summary>The nationality (<c>nacionalidade</c>: CIN, passport).</summary>
    public string? Nacionalidade => GetText("nacionalidade");

    /// <summary>The issuing body (<c>orgaoEmissor</c>: RG, CIN).</summary>
    public string? OrgaoEmissor => GetText("orgaoEmissor");

    /// <summary>The issuing state, e.g. <c>UF_SP</c> (<c>ufEmissor</c>: RG).</summary>
    public string? UfEmissor => GetText("ufEmissor");

    /// <summary>The given names (<c>nome</c>: passport).</summary>
    public string? Nome => GetText("nome");

    /// <summary>The surname (<c>sobrenome</c>: passport).</summary>
    public string? Sobrenome => GetText("sobrenome");

    /// <summary>The issuing country (<c>paisEmissor</c>: passport).</summary>
    public string? PaisEmissor => GetText("paisEmissor");

    /// <summary>The issuing authority (<c>autoridade</c>: passport).</summary>
    public string? Autoridade => GetText("autoridade");

    /// <summary>Describes the data without any of its values (they are personal data).</summary>
    /// <returns>E.g. <c>OcrDocumentData (11 fields)</c>.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"OcrDocumentData ({Json.EnumerateObject().Count()} fields)");

    private static string? AsText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    };
}
