namespace Unico.IdCloud.Testing;

/// <summary>The verdict on one JWT-bearer assertion: the account it authenticates, or Unico's error code.</summary>
internal readonly record struct AssertionCheck(EmulatedServiceAccount? Account, string? Scope, string? ErrorCode)
{
    public bool IsValid => Account is not null;

    public static AssertionCheck Fail(string code) => new(null, null, code);
}
