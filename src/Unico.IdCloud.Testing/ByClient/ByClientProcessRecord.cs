namespace Unico.IdCloud.Testing;

/// <summary>A process the emulated by Client API created, as stored between the POST and later GETs.</summary>
internal sealed class ByClientProcessRecord
{
    public required Guid Id { get; init; }

    public required string TenantId { get; init; }

    public required ByClientKeySettings Key { get; init; }

    public required EmulatedByClientOutcome Outcome { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public string? Cpf { get; init; }

    public string? ClientReference { get; init; }

    /// <summary>A 1:1 validation (<c>references</c> or <c>referenceProcessId</c>) rather than an identity verification.</summary>
    public bool IsOneToOne { get; init; }

    /// <summary>For a document process: the document it captured or reused (asynchronous: shown on GET only).</summary>
    public ReusableDocument? Document { get; init; }
}

/// <summary>A document the reuse check (<c>GET /documents/v1</c>) can return.</summary>
internal sealed record ReusableDocument(string TenantId, string Cpf, string Type, string Id);
