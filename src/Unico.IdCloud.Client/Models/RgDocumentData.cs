using System.Text.Json;

namespace Unico.IdCloud.Client.Models;

/// <summary>OCR data of an RG (<i>Registro Geral</i>, Brazilian identity card).</summary>
/// <remarks>Every field is optional: OCR omits what it could not read. See <see cref="OcrDocumentData"/> for how values are read and kept.</remarks>
public sealed class RgDocumentData : OcrDocumentData
{
    /// <summary>Wraps a <c>data</c> object.</summary>
    /// <param name="json">The JSON object; it is cloned.</param>
    /// <exception cref="ArgumentException"><paramref name="json"/> is not a JSON object.</exception>
    public RgDocumentData(JsonElement json)
        : base(json)
    {
        Numero = GetText("numero");
        CpfNumero = GetText("cpfNumero");
        NomeCivil = GetText("nomeCivil");
        Filiacao = GetTextList("filiacao");
        DataNascimento = GetDate("dataNascimento");
        DataEmissao = GetDate("dataEmissao");
        Naturalidade = GetText("naturalidade");
        OrgaoEmissor = GetText("orgaoEmissor");
        UfEmissor = GetText("ufEmissor");
    }

    /// <summary>RG number (<c>numero</c>).</summary>
    public string? Numero { get; }

    /// <summary>CPF number (<c>cpfNumero</c>).</summary>
    public string? CpfNumero { get; }

    /// <summary>Civil name (<c>nomeCivil</c>).</summary>
    public string? NomeCivil { get; }

    /// <summary>Parents' names (<c>filiacao</c>).</summary>
    public IReadOnlyList<string>? Filiacao { get; }

    /// <summary>Date of birth (<c>dataNascimento</c>).</summary>
    public OcrDate? DataNascimento { get; }

    /// <summary>Date of issue (<c>dataEmissao</c>).</summary>
    public OcrDate? DataEmissao { get; }

    /// <summary>Place of birth (<c>naturalidade</c>).</summary>
    public string? Naturalidade { get; }

    /// <summary>Issuing body (<c>orgaoEmissor</c>).</summary>
    public string? OrgaoEmissor { get; }

    /// <summary>Issuing state, e.g. UF_SP (<c>ufEmissor</c>).</summary>
    public string? UfEmissor { get; }
}
