using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Client;

/// <summary>
/// A process read the way Unico advises (<see cref="IdCloudProcessInterpretation.Interpret"/>): an
/// <see cref="Outcome"/>, the <see cref="Reasons"/> behind it, and every raw value — the whole
/// <see cref="Process"/> and shortcuts to the values the decision used.
/// </summary>
/// <remarks><see cref="ToString"/> shows the outcome and reasons only; nothing personal.</remarks>
public sealed class IdCloudProcessSummary
{
    internal IdCloudProcessSummary(IdCloudProcess process, IdCloudProcessOutcome outcome, IReadOnlyList<IdCloudOutcomeReason> reasons, string explanation)
    {
        Process = process;
        Outcome = outcome;
        Reasons = reasons;
        Explanation = explanation;
    }

    /// <summary>The advice: approved, denied, inconclusive, expired, error, pending, or unrecognized.</summary>
    public IdCloudProcessOutcome Outcome { get; }

    /// <summary>The findings behind <see cref="Outcome"/>, in evaluation order.</summary>
    public IReadOnlyList<IdCloudOutcomeReason> Reasons { get; }

    /// <summary>A one-sentence English explanation for logs and back-office screens (no personal data).</summary>
    public string Explanation { get; }

    /// <summary>Whether the process is done (anything but <see cref="IdCloudProcessOutcome.Pending"/>).</summary>
    public bool IsFinal => Outcome != IdCloudProcessOutcome.Pending;

    /// <summary>The process as read, with every raw value.</summary>
    public IdCloudProcess Process { get; }

    /// <summary>The process id.</summary>
    public string ProcessId => Process.Id;

    /// <summary>The raw <c>state</c>.</summary>
    public ProcessState State => Process.State;

    /// <summary>The raw <c>result</c>.</summary>
    public ProcessResult? Result => Process.Result;

    /// <summary>The raw <c>flow</c>.</summary>
    public Flow? Flow => Process.Flow;

    /// <summary>The raw <c>authenticationInfo.livenessResult</c>.</summary>
    public LivenessResult? LivenessResult => Process.AuthenticationInfo?.LivenessResult;

    /// <summary>The raw <c>authenticationInfo.authenticationResult</c> (identity verification).</summary>
    public AuthenticationResult? AuthenticationResult => Process.AuthenticationInfo?.AuthenticationResult;

    /// <summary>The raw <c>authenticationInfo.bioTokenEngineResult</c> (1:1 validation).</summary>
    public BioTokenEngineResult? BioTokenEngineResult => Process.AuthenticationInfo?.BioTokenEngineResult;

    /// <summary>The raw <c>authenticationInfo.identityFraudstersResult</c> (behaviour alert).</summary>
    public TrustResult? IdentityFraudstersResult => Process.AuthenticationInfo?.IdentityFraudstersResult;

    /// <summary>The raw <c>authenticationInfo.scoreEngineResult.scoreEnabled</c>.</summary>
    public ScoreEnabled? ScoreEnabled => Process.AuthenticationInfo?.ScoreEnabled;

    /// <summary>The raw risk score (<c>authenticationInfo.scoreEngineResult.score</c>); meaningful only when <see cref="ScoreEnabled"/> is true.</summary>
    public double? Score => Process.AuthenticationInfo?.Score;

    /// <summary>The raw Serpro similarity score (<c>authenticationInfo.serproResult.score</c>); not used in the outcome.</summary>
    public double? SerproScore => Process.AuthenticationInfo?.SerproScore;

    /// <summary>The authentication id, the reference to use for a later 1:1 validation.</summary>
    public string? AuthenticationId => Process.AuthenticationInfo?.AuthenticationId;

    /// <summary>Whether <see cref="Reasons"/> contains <paramref name="reason"/>.</summary>
    /// <param name="reason">The finding to look for.</param>
    /// <returns><see langword="true"/> when present.</returns>
    public bool Has(IdCloudOutcomeReason reason) => Reasons.Contains(reason);

    /// <summary>The outcome and reasons, e.g. <c>Approved (LivenessConfirmed, IdentityConfirmed)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"{Outcome} ({string.Join(", ", Reasons)})";
}
