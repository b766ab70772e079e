using System.Text.Json;

namespace Unico.IdCloud.Testing;

/// <summary>
/// The <c>doc</c> object of <c>services[].documents[]</c> for each OCR document type, with the fields and value shapes
/// of the vendor's reference (CreateProcess/GetProcess, "OCR Extração"): dates as RFC 3339 UTC, <c>cpfNumero</c> as a
/// JSON number, as in the vendor's live example (the trap: leading zeros are lost), an UNKNOWN document with no data.
/// </summary>
internal static class OcrDocumentJson
{
    public static void Write(Utf8JsonWriter w, string code, string cpf, string name)
    {
        w.WriteStartObject("doc");
        w.WriteNumber("version", 2);
        w.WriteString("code", code);
        w.WriteStartObject("data");
        switch (code)
        {
            case "CNH":
                w.WriteString("numero", "04458973156");
                w.WriteString("rgNumero", "123456789 SESP PR");
                WriteCpf(w, cpf);
                w.WriteString("nomeCivil", name);
                Parents(w);
                w.WriteString("dataNascimento", "1990-05-12T00:00:00Z");
                w.WriteString("dataHabilitacao", "2012-11-18T00:00:00Z");
                w.WriteString("dataExpiracao", "2031-12-07T00:00:00Z");
                w.WriteString("localEmissao", "Curitiba PR");
                w.WriteString("categoria", "B");
                break;
            case "RG":
                w.WriteString("numero", "4815162342");
                WriteCpf(w, cpf);
                w.WriteString("nomeCivil", name);
                Parents(w);
                w.WriteString("dataNascimento", "1990-05-12T03:00:00Z");
                w.WriteString("dataEmissao", "2012-12-21T02:00:00Z");
                w.WriteString("naturalidade", "Sao Paulo SP");
                w.WriteString("orgaoEmissor", "Secretaria Da Segurança Pública (SSP)");
                w.WriteString("ufEmissor", "UF_SP");
                break;
            case "CIN":
                WriteCpf(w, cpf);
                w.WriteString("nomeCivil", name);
                Parents(w);
                w.WriteString("dataNascimento", "1990-05-12T03:00:00Z");
                w.WriteString("dataEmissao", "2024-03-02T00:00:00Z");
                w.WriteString("dataExpiracao", "2034-03-02T00:00:00Z");
                w.WriteString("orgaoEmissor", "Detran/Rj");
                w.WriteString("naturalidade", "Rio De Janeiro RJ");
                w.WriteString("nacionalidade", "BRA");
                w.WriteString("localEmissao", "Rio De Janeiro RJ");
                break;
            case "PASSAPORTE":
                var space = name.LastIndexOf(' ');
                w.WriteString("numero", "AA011906");
                w.WriteString("nome", space > 0 ? name[..space].ToUpperInvariant() : name.ToUpperInvariant());
                w.WriteString("sobrenome", space > 0 ? name[(space + 1)..].ToUpperInvariant() : string.Empty);
                w.WriteString("paisEmissor", "BRA");
                w.WriteString("nacionalidade", "BRASILEIRO(A)");
                w.WriteString("naturalidade", "SAO PAULO SP");
                Parents(w);
                w.WriteString("dataNascimento", "1990-05-12T00:00:00Z");
                w.WriteString("dataEmissao", "2020-01-01T00:00:00Z");
                w.WriteString("dataExpiracao", "2030-01-01T00:00:00Z");
                w.WriteString("autoridade", "SR/DPF/DF");
                break;
            default:
                // UNKNOWN (or a type this SDK does not know yet): the type could not be detected, nothing was extracted.
                break;
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteCpf(Utf8JsonWriter w, string cpf) =>
        w.WriteNumber("cpfNumero", long.Parse(cpf, System.Globalization.CultureInfo.InvariantCulture));

    private static void Parents(Utf8JsonWriter w)
    {
        w.WriteStartArray("filiacao");
        w.WriteStringValue("Ana da Silva");
        w.WriteStringValue("Jose da Silva");
        w.WriteEndArray();
    }
}
