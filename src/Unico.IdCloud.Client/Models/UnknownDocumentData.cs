using System.Text.Json;

namespace Unico.IdCloud.Client.Models;

/// <summary>
/// OCR data of a document whose type the vendor could not detect (code UNKNOWN, documented with an empty object),
/// or whose code this SDK does not know or was not sent. Every field is kept; read them with
/// <see cref="OcrDocumentData.GetText"/>, <see cref="OcrDocumentData.GetDate"/> and
/// <see cref="OcrDocumentData.GetTextList"/>, or from <see cref="OcrDocumentData.Json"/>.
/// </summary>
public sealed class UnknownDocumentData : OcrDocumentData
{
    /// <summary>Wraps a <c>data</c> object.</summary>
    /// <param name="json">The JSON object; it is cloned.</param>
    /// <exception cref="ArgumentException"><paramref name="json"/> is not a JSON object.</exception>
    public UnknownDocumentData(JsonElement json)
        : base(json)
    {
    }
}
