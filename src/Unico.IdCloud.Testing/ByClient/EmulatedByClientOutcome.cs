namespace Unico.IdCloud.Testing;

/// <summary>
/// What the emulated <c>POST /processes/v1</c> decides for one request: script it per CPF
/// (<see cref="ByClientEmulator.ScriptOutcome"/>) or for the next calls (<see cref="ByClientEmulator.ScriptNextOutcome"/>).
/// Unscripted identity and 1:1 requests get <see cref="Yes"/>. A per-CPF script also decides that CPF's Data
/// Verification (<c>POST /lists/{cpf}</c>): <see cref="Status"/>, <see cref="ErrorStatus"/> and <see cref="Lists"/>.
/// </summary>
public sealed record EmulatedByClientOutcome
{
    /// <summary>The process status: 1 processing, 2 divergence, 3 finished, 4 cancelled, 5 error.</summary>
    public int Status { get; init; } = 3;

    /// <summary><c>unicoId.result</c>: yes, no, inconclusive; <see langword="null"/> leaves it out.</summary>
    public string? UnicoId { get; init; } = "yes";

    /// <summary>
    /// <c>liveness</c> (1 passed, 2 failed) when the key contracts liveness. Left out when <see cref="UnicoId"/> is
    /// yes, as the vendor does.
    /// </summary>
    public int Liveness { get; init; } = 1;

    /// <summary><c>score</c>, sent when the key contracts the risk score and <see cref="UnicoId"/> is inconclusive.</summary>
    public int? Score { get; init; }

    /// <summary><c>riskLevel.result</c>, sent when the key contracts the risk score.</summary>
    public string? RiskLevel { get; init; }

    /// <summary><c>government.serpro</c> (0-100, -1, -2), sent when the key contracts SERPRO.</summary>
    public int SerproScore { get; init; } = 87;

    /// <summary><c>identityFraudsters.result</c> (yes or inconclusive), sent on a later GET when the key contracts it.</summary>
    public string IdentityFraudsters { get; init; } = "inconclusive";

    /// <summary>When set, the call fails with this HTTP status and five-digit code instead of creating a process.</summary>
    public int? ErrorStatus { get; init; }

    /// <summary>The error code answered with <see cref="ErrorStatus"/>.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>
    /// The <c>lists</c> object a Data Verification of this CPF answers, as JSON text (for example a section the SDK does not
    /// know, or a <c>basicData</c> with empty strings); <see langword="null"/> answers a canned <c>basicData</c> built
    /// from the CPF. Sent only with <see cref="Status"/> 3, as the verdicts of processes are.
    /// </summary>
    public string? Lists { get; init; }

    /// <summary>The person is the holder of the CPF (<c>unicoId</c> yes).</summary>
    public static EmulatedByClientOutcome Yes { get; } = new();

    /// <summary>The person is not the holder (<c>unicoId</c> no).</summary>
    public static EmulatedByClientOutcome No { get; } = new() { UnicoId = "no" };

    /// <summary><c>unicoId</c> inconclusive with liveness passed and a risk score (the Postman "score 28" example).</summary>
    /// <param name="score">The signed risk score.</param>
    public static EmulatedByClientOutcome InconclusiveWithScore(int score = 28) =>
        new() { UnicoId = "inconclusive", Liveness = 1, Score = score };

    /// <summary><c>unicoId</c> inconclusive and liveness failed.</summary>
    public static EmulatedByClientOutcome NotLive { get; } = new() { UnicoId = "inconclusive", Liveness = 2 };

    /// <summary>
    /// Status 2, divergence: the data and the face disagree; no verdict. The body is the vendor's Postman example:
    /// <c>unicoId</c> inconclusive and liveness passed, which still decide nothing.
    /// </summary>
    public static EmulatedByClientOutcome Divergence { get; } = new() { Status = 2, UnicoId = "inconclusive", Liveness = 1 };

    /// <summary>Status 5 at HTTP 200: the biometric processing failed.</summary>
    public static EmulatedByClientOutcome ProcessingError { get; } = new() { Status = 5, UnicoId = null };

    /// <summary>Fails the call with an error body <c>{"error":{"code":code,...}}</c> and no process.</summary>
    /// <param name="httpStatus">The HTTP status (400, 403, 500, ...).</param>
    /// <param name="code">The five-digit code, e.g. <c>20807</c> or <c>10700</c>.</param>
    public static EmulatedByClientOutcome Error(int httpStatus, string code)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(httpStatus, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(httpStatus, 599);
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        return new() { ErrorStatus = httpStatus, ErrorCode = code };
    }
}
