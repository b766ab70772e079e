namespace Unico.IdCloud.Testing;

/// <summary>The choices the journey page offers: every <see cref="EmulatedOutcome"/>, described as a person would see it.</summary>
internal static class JourneyOutcomes
{
    /// <summary>Every outcome, in declaration order (new outcomes appear with their name as description).</summary>
    public static IReadOnlyList<EmulatedOutcome> All { get; } = Enum.GetValues<EmulatedOutcome>();

    /// <summary>What the outcome means for the person and for the API's answer.</summary>
    public static string Describe(EmulatedOutcome outcome) => outcome switch
    {
        EmulatedOutcome.Approved => "Live face of the document holder: identity positive (signing flows sign).",
        EmulatedOutcome.IdentityNegative => "Live face, but not the document holder: identity negative.",
        EmulatedOutcome.Inconclusive => "Live face, identity could not be decided: inconclusive.",
        EmulatedOutcome.LivenessFailed => "Not a live face (photo, screen or mask): liveness failed.",
        EmulatedOutcome.BehaviourAlert => "Identity positive, but signs of fraud behaviour: behaviour alert.",
        EmulatedOutcome.Expired => "The person never finished: the process expires.",
        EmulatedOutcome.ProcessingError => "Unico could not process the capture: processing error.",
        _ => outcome.ToString(),
    };

    /// <summary>Parses an outcome by its exact name (not by number: the form only ever sends names).</summary>
    public static bool TryParse(string? name, out EmulatedOutcome outcome)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToString(), name, StringComparison.Ordinal))
            {
                outcome = candidate;
                return true;
            }
        }

        outcome = default;
        return false;
    }
}
