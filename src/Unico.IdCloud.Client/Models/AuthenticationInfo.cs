using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.Models;

/// <summary>
/// The verdicts of the capabilities (generated from the contract; this part flattens the two one-score objects,
/// <c>scoreEngineResult</c> and <c>serproResult</c>, into <see cref="ScoreEnabled"/>, <see cref="Score"/> and
/// <see cref="SerproScore"/>).
/// </summary>
public partial class AuthenticationInfo
{
    /// <summary>
    /// Whether the risk-score engine ran (<c>scoreEngineResult.scoreEnabled</c>: <c>SCORE_ENABLED_TRUE</c> or
    /// <c>SCORE_ENABLED_FALSE</c>); when it did not, <see cref="Score"/> is 0 and carries no meaning.
    /// <see langword="null"/> when absent, <c>SCORE_ENABLED_UNSPECIFIED</c> or a value this SDK does not know (which
    /// is still written back unchanged).
    /// </summary>
    [JsonIgnore]
    public bool? ScoreEnabled
    {
        get => ScoreEngineResultWire?.ScoreEnabled is { } enabled
            ? enabled == Models.ScoreEnabled.True ? true : enabled == Models.ScoreEnabled.False ? false : null
            : null;
        set => ScoreEngine(value is not null).ScoreEnabled = value switch
        {
            true => Models.ScoreEnabled.True,
            false => Models.ScoreEnabled.False,
            null => null,
        };
    }

    /// <summary>The risk score (<c>scoreEngineResult.score</c>; negative means higher risk), a capability being discontinued.</summary>
    [JsonIgnore]
    public double? Score
    {
        get => ScoreEngineResultWire?.Score;
        set => ScoreEngine(value is not null).Score = value;
    }

    /// <summary>The similarity with the Serpro (federal government) photo (<c>serproResult.score</c>).</summary>
    [JsonIgnore]
    public double? SerproScore
    {
        get => SerproResultWire?.Score;
        set
        {
            if (value is null && SerproResultWire is null)
            {
                return;
            }

            SerproResultWire ??= new SerproResult();
            SerproResultWire.Score = value;
        }
    }

    // Creates the wire object only when a value is set, so clearing a member that was never set writes nothing.
    private ScoreEngineResult ScoreEngine(bool create) =>
        ScoreEngineResultWire ?? (create ? ScoreEngineResultWire = new ScoreEngineResult() : new ScoreEngineResult());
}
