namespace Unico.IdCloud.Testing;

/// <summary>The <c>person</c> of a CreateProcess request, echoed back as given.</summary>
internal sealed record PersonData(
    string? DuiType,
    string? DuiValue,
    string? FriendlyName,
    string? Phone,
    string? Email,
    IReadOnlyList<string> NotificationChannels);
