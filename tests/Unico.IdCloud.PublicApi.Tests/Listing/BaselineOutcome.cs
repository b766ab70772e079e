namespace Unico.IdCloud.PublicApi.Tests.Listing;

/// <summary>The outcome of a baseline check, with the message to show.</summary>
/// <param name="Status">What was found.</param>
/// <param name="Path">The committed file.</param>
/// <param name="Message">The diff and what to do; empty when unchanged.</param>
internal sealed record BaselineOutcome(BaselineStatus Status, string Path, string Message);
