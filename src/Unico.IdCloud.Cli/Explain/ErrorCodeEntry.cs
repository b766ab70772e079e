namespace Unico.IdCloud.Cli.Explain;

/// <summary>One documented error code: where it comes from, what it means, what to do about it.</summary>
/// <param name="Code">The code as Unico sends it (<c>1.2.18</c>, <c>3</c>, <c>20507</c>).</param>
/// <param name="Family">Which API answers with it.</param>
/// <param name="HttpStatus">The HTTP status it comes with, when documented.</param>
/// <param name="Meaning">What it means.</param>
/// <param name="Action">What to do.</param>
/// <param name="Retry">Whether retrying (unchanged) can help.</param>
internal sealed record ErrorCodeEntry(string Code, ErrorCodeFamily Family, int? HttpStatus, string Meaning, string Action, bool Retry);
