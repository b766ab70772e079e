using System.Text.Json;

namespace Unico.IdCloud.Client.Models;

/// <summary>OCR data of a CNH (<i>Carteira Nacional de Habilitação</i>, Brazilian driver licence).</summary>
/// <remarks>Every field is optional: OCR omits what it could not read. See <see cref="OcrDocumentData"/> for how values are read and kept.</remarks>
public sealed class CnhDocumentData : OcrDocumentData
{
    /// <summary>Wraps a <c>data</c> object.</summary>
    /// <param name="json">The JSON object; it is cloned.</param>
    /// <exception cref="ArgumentException"><paramref name="json"/> is not a JSON object.</exception>
    public CnhDocumentData(JsonElement json)
        : base(json)
    {
        Numero = GetText("numero");
        RgNumero = GetText("rgNumero");
        CpfNumero = GetText("cpfNumero");
        NomeCivil = GetText("nomeCivil");
        Filiacao = GetTextList("filiacao");
        DataNascimento = GetDate("dataNascimento");
        DataHabilitacao = GetDate("dataHabilitacao");
        DataExpiracao = GetDate("dataExpiracao");
        LocalEmissao = GetText("localEmissao");
        Categoria = GetText("categoria");
    }

    /// <summary>Licence number (<c>numero</c>).</summary>
    public string? Numero { get; }

    /// <summary>RG number, as printed (may include the issuer) (<c>rgNumero</c>).</summary>
    public string? RgNumero { get; }

    /// <summary>CPF number (<c>cpfNumero</c>).</summary>
    public string? CpfNumero { get; }

    /// <summary>Civil name (<c>nomeCivil</c>).</summary>
    public string? NomeCivil { get; }

    /// <summary>Parents' names (<c>filiacao</c>).</summary>
    public IReadOnlyList<string>? Filiacao { get; }

    /// <summary>Date of birth (<c>dataNascimento</c>).</summary>
    public OcrDate? DataNascimento { get; }

    /// <summary>Date of the first licence (<c>dataHabilitacao</c>).</summary>
    public OcrDate? DataHabilitacao { get; }

    /// <summary>Expiry date (<c>dataExpiracao</c>).</summary>
    public OcrDate? DataExpiracao { get; }

    /// <summary>Place of issue (<c>localEmissao</c>).</summary>
    public string? LocalEmissao { get; }

    /// <summary>Licence category (A, B, AB, …) (<c>categoria</c>).</summary>
    public string? Categoria { get; }
}
