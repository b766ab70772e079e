using System.Text.Json;

namespace Unico.IdCloud.Client.ByClient;

/// <summary>The document a document process captured or reused (on GetProcess, once the process has finished).</summary>
public sealed class ByClientProcessDocument
{
    /// <summary>The document id: reuse it in a later document process.</summary>
    public string? Id { get; init; }

    /// <summary>The document type, e.g. <c>BR_CNH</c>.</summary>
    public string? Type { get; init; }

    /// <summary>Whether the document's CPF matches the subject's.</summary>
    public bool? CpfMatch { get; init; }

    /// <summary>The extracted fields (OCR), as sent. Personal data.</summary>
    public IReadOnlyDictionary<string, JsonElement> Content { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>Short-lived URLs of the document's images.</summary>
    public IReadOnlyList<string> FileUrls { get; init; } = [];

    /// <inheritdoc />
    public override string ToString() => $"ByClientProcessDocument {{ Id = {Id}, Type = {Type}, CpfMatch = {CpfMatch} }}";
}

/// <summary>A document of the person that a document process can reuse (<c>GET /documents/v1</c>).</summary>
/// <param name="DocumentType">BR_RG, BR_CNH, BR_CIN or BR_PASSPORT.</param>
/// <param name="DocumentId">The id to put in <see cref="ByClientDocumentRequest.DocumentId"/>.</param>
public sealed record ByClientReusableDocument(string DocumentType, string DocumentId);

/// <summary>The document types the reuse check knows.</summary>
public enum ByClientDocumentType
{
    /// <summary><c>BR_RG</c>.</summary>
    Rg = 0,

    /// <summary><c>BR_CNH</c>.</summary>
    Cnh,

    /// <summary><c>BR_CIN</c>.</summary>
    Cin,

    /// <summary><c>BR_PASSPORT</c>.</summary>
    Passport,
}
