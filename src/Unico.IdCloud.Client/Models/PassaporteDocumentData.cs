using System.Text.Json;

namespace Unico.IdCloud.Client.Models;

/// <summary>OCR data of a Brazilian passport (<i>passaporte</i>).</summary>
/// <remarks>Every field is optional: OCR omits what it could not read. See <see cref="OcrDocumentData"/> for how values are read and kept.</remarks>
public sealed class PassaporteDocumentData : OcrDocumentData
{
    /// <summary>Wraps a <c>data</c> object.</summary>
    /// <param name="json">The JSON object; it is cloned.</param>
    /// <exception cref="ArgumentException"><paramref name="json"/> is not a JSON object.</exception>
    public PassaporteDocumentData(JsonElement json)
        : base(json)
    {
        Numero = GetText("numero");
        Nome = GetText("nome");
        Sobrenome = GetText("sobrenome");
        PaisEmissor = GetText("paisEmissor");
        Nacionalidade = GetText("nacionalidade");
        Naturalidade = GetText("naturalidade");
        Filiacao = GetTextList("filiacao");
        DataNascimento = GetDate("dataNascimento");
        DataEmissao = GetDate("dataEmissao");
        DataExpiracao = GetDate("dataExpiracao");
        Autoridade = GetText("autoridade");
    }

    /// <summary>Passport number (<c>numero</c>).</summary>
    public string? Numero { get; }

    /// <summary>Given names (<c>nome</c>).</summary>
    public string? Nome { get; }

    /// <summary>Surname (<c>sobrenome</c>).</summary>
    public string? Sobrenome { get; }

    /// <summary>Issuing country (<c>paisEmissor</c>).</summary>
    public string? PaisEmissor { get; }

    /// <summary>Nationality (<c>nacionalidade</c>).</summary>
    public string? Nacionalidade { get; }

    /// <summary>Place of birth (<c>naturalidade</c>).</summary>
    public string? Naturalidade { get; }

    /// <summary>Parents' names (<c>filiacao</c>).</summary>
    public IReadOnlyList<string>? Filiacao { get; }

    /// <summary>Date of birth (<c>dataNascimento</c>).</summary>
    public OcrDate? DataNascimento { get; }

    /// <summary>Date of issue (<c>dataEmissao</c>).</summary>
    public OcrDate? DataEmissao { get; }

    /// <summary>Expiry date (<c>dataExpiracao</c>).</summary>
    public OcrDate? DataExpiracao { get; }

    /// <summary>Issuing authority (<c>autoridade</c>).</summary>
    public string? Autoridade { get; }
}
