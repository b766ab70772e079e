namespace Unico.IdCloud.Testing;

/// <summary>
/// One by Unico process and its state: CREATED (or AWAITING_FOR_DOCUMENT when created without the person's document,
/// until Set Process Document gives it one), then FINISHED with a result once a test finishes it.
/// </summary>
internal sealed class EmulatedProcess
{
    public required Guid Id { get; init; }

    public string IdText => Id.ToString("D");

    /// <summary>The tenant of the token that created it; other tenants cannot see it.</summary>
    public required string TenantId { get; init; }

    public required FlowProfile Flow { get; init; }

    public required string Purpose { get; init; }

    public required string CallbackUri { get; init; }

    private PersonData? _person;

    /// <summary>The person as created; gains its document once, through Set Process Document.</summary>
    public required PersonData? Person
    {
        get => Volatile.Read(ref _person);
        init => _person = value;
    }

    /// <summary>Created without the person's document and not finished: only Set Process Document moves it on.</summary>
    public bool AwaitsDocument => !IsFinished && Person is { DuiType: null };

    /// <summary>The wire state: CREATED, AWAITING_FOR_DOCUMENT or FINISHED.</summary>
    public string State => IsFinished ? "PROCESS_STATE_FINISHED"
        : AwaitsDocument ? "PROCESS_STATE_AWAITING_FOR_DOCUMENT"
        : "PROCESS_STATE_CREATED";

    public string? ClientReference { get; init; }

    public string? CompanyBranchId { get; init; }

    public required IReadOnlyList<string> PayloadDocumentNames { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public required string UserRedirectUrl { get; init; }

    public required string BranchId { get; init; }

    /// <summary>The SDK/iframe token while the process is open; the real service answers "" once it finished.</summary>
    public required string JourneyToken { get; init; }

    private ProcessFinish? _finish;

    /// <summary>The finished state, or null while the process is open. Read it once and use that snapshot.</summary>
    public ProcessFinish? Finish => Volatile.Read(ref _finish);

    public bool IsFinished => Finish is not null;

    /// <summary>Gives the person a document (the store calls this under its lock, once, while it awaits one).</summary>
    public void SetDocument(string duiType, string duiValue) =>
        Volatile.Write(ref _person, Person! with { DuiType = duiType, DuiValue = duiValue });

    /// <summary>Publishes the finished state (the store calls this under its lock, once).</summary>
    public void MarkFinished(ProcessFinish finish) => Volatile.Write(ref _finish, finish);
}
