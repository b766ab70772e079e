using System.Text.Json;

namespace Unico.IdCloud.Client.Models;

/// <summary>OCR data of a CIN (<i>Carteira de Identidade Nacional</i>, the new Brazilian national identity card).</summary>
/// <remarks>Every field is optional: OCR omits what it could not read. See <see cref="OcrDocumentData"/> for how values are read and kept.</remarks>
public sealed class CinDocumentData : OcrDocumentData
{
    /// <summary>Wraps a <c>data</c> object.</summary>
    /// <param name="json">The JSON object; it is cloned.</param>
    /// <exception cref="ArgumentException"><paramref name="json"/> is not a JSON object.</exception>
    public CinDocumentData(JsonElement json)
        : base(json)
    {
        CpfNumero = GetText("cpfNumero");
        NomeCivil = GetText("nomeCivil");
        Filiacao = GetTextList("filiacao");
        DataNascimento = GetDate("dataNascimento");
        DataEmissao = GetDate("dataEmissao");
        DataExpiracao = GetDate("dataExpiracao");
        OrgaoEmissor = GetText("orgaoEmissor");
        Naturalidade = GetText("naturalidade");
        Nacionalidade = GetText("nacionalidade");
        LocalEmissao = GetText("localEmissao");
    }

    /// <summary>CPF number (the CIN's id number) (<c>cpfNumero</c>).</summary>
    public string? CpfNumero { get; }

    /// <summary>Civil name (<c>nomeCivil</c>).</summary>
    public string? NomeCivil { get; }

    /// <summary>Parents' names (<c>filiacao</c>).</summary>
    public IReadOnlyList<string>? Filiacao { get; }

    /// <summary>Date of birth (<c>dataNascimento</c>).</summary>
    public OcrDate? DataNascimento { get; }

    /// <summary>Date of issue (<c>dataEmissao</c>).</summary>
    public OcrDate? DataEmissao { get; }

    /// <summary>Expiry date (<c>dataExpiracao</c>).</summary>
    public OcrDate? DataExpiracao { get; }

    /// <summary>Issuing body (<c>orgaoEmissor</c>).</summary>
    public string? OrgaoEmissor { get; }

    /// <summary>Place of birth (<c>naturalidade</c>).</summary>
    public string? Naturalidade { get; }

    /// <summary>Nationality (<c>nacionalidade</c>).</summary>
    public string? Nacionalidade { get; }

    /// <summary>Place of issue (<c>localEmissao</c>).</summary>
    public string? LocalEmissao { get; }
}
