using System.Text.Json;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.Client.Serialization;
using O = Unico.IdCloud.Client.IdCloudProcessOutcome;
using R = Unico.IdCloud.Client.IdCloudOutcomeReason;

namespace Unico.IdCloud.Client.Tests.Results;

/// <summary>
/// The vendor's response-scenario table ("Wait / Retry / Reprove / Approve"), row by row, plus the SDK's documented
/// conservative rules where the table says nothing.
/// </summary>
public sealed class IdCloudProcessInterpretationTests
{
    private const string U = "UNSPECIFIED";

    public static TheoryData<string, string?, string?, string?, string?, string?, double?, O> VendorRows => new()
    {
        // flow, state, result, liveness, authentication, trust, score (null = score disabled) → outcome
        { "idchecktrust", "CREATED", "UNSPECIFIED", U, U, U, null, O.Pending },
        { "idchecktrust", "FAILED", "ERROR", U, U, U, null, O.Error },
        { "idchecktrust", "FINISHED", "ERROR", U, U, U, null, O.Error },
        { "idchecktrust", "FINISHED", "EXPIRED", U, U, U, null, O.Expired },
        { "idchecktrust", "FINISHED", "OK", U, U, U, null, O.Error },                       // error processing liveness
        { "idchecktrust", "FINISHED", "OK", "LIVE", U, U, null, O.Error },                  // error processing identity
        { "idchecktrust", "FINISHED", "INVALID_IDENTITY", "LIVE", U, U, null, O.Error },    // risk-score discrepancy: retry
        { "idchecktrust", "FINISHED", "OK", "LIVE", "INCONCLUSIVE", "INCONCLUSIVE", 0, O.Inconclusive }, // "Retry"
        { "idchecktrust", "FINISHED", "INVALID_IDENTITY", "NOT_LIVE", U, U, null, O.Denied },
        { "idchecktrust", "FINISHED", "INVALID_IDENTITY", "LIVE", "NEGATIVE", U, null, O.Denied },
        { "idchecktrust", "FINISHED", "OK", "LIVE", "INCONCLUSIVE", "YES", -12, O.Denied },
        { "idchecktrust", "FINISHED", "OK", "LIVE", "INCONCLUSIVE", "INCONCLUSIVE", -3, O.Denied },
        { "idchecktrust", "FINISHED", "OK", "LIVE", "INCONCLUSIVE", "INCONCLUSIVE", 42, O.Approved },
        { "idchecktrust", "FINISHED", "OK", "LIVE", "POSITIVE", "INCONCLUSIVE", null, O.Approved },
        { "id", "FINISHED", "OK", "LIVE", "POSITIVE", U, null, O.Approved },
    };

    [Theory]
    [MemberData(nameof(VendorRows))]
    public void Follows_the_vendor_scenario_table(string flow, string? state, string? result, string? liveness, string? authentication, string? trust, double? score, O expected)
    {
        var process = Process(flow, state, result, liveness, authentication, trust, score);

        var summary = process.Interpret();

        Assert.Equal(expected, summary.Outcome);
        Assert.Equal(expected != O.Pending, summary.IsFinal);
    }

    [Fact]
    public void The_documented_get_process_example_is_approved_on_its_positive_risk_score()
    {
        // The vendor's GetProcess example: idunicosign, OK, INCONCLUSIVE identity, LIVE, score enabled with 50.
        var process = JsonSerializer.Deserialize("""
            {"id":"53060f52-f146-4c12-a234-5bb5031f6f5b","flow":"idunicosign","state":"PROCESS_STATE_FINISHED","result":"PROCESS_RESULT_OK",
             "authenticationInfo":{"authenticationResult":"AUTHENTICATION_RESULT_INCONCLUSIVE","authenticationId":"fd433602-d496-4291-adbb-dda95a3e50b1",
               "livenessResult":"LIVENESS_RESULT_LIVE","bioTokenEngineResult":"BIO_TOKEN_ENGINE_RESULT_UNSPECIFIED","identityFraudstersResult":"TRUST_RESULT_UNSPECIFIED",
               "scoreEngineResult":{"scoreEnabled":"SCORE_ENABLED_TRUE","score":50},"serproResult":{"score":50}}}
            """, IdCloudJsonContext.Default.IdCloudProcess)!;

        var summary = process.Interpret();

        Assert.Equal(O.Approved, summary.Outcome);
        Assert.Equal([R.LivenessConfirmed, R.IdentityInconclusive, R.PositiveRiskScore], summary.Reasons);
        Assert.True(summary.IsDecision);

        // The raw values the decision used stay on the process (the summary carries the reading only).
        var info = process.AuthenticationInfo!;
        Assert.Equal(50, info.Score);
        Assert.Equal(50, info.SerproScore);
        Assert.Equal("fd433602-d496-4291-adbb-dda95a3e50b1", info.AuthenticationId);
        Assert.Equal(AuthenticationResult.Inconclusive, info.AuthenticationResult);
        Assert.Equal("Approved (LivenessConfirmed, IdentityInconclusive, PositiveRiskScore)", summary.ToString());
    }

    [Fact]
    public void A_positive_identity_with_a_fraud_signal_is_not_approved()
    {
        var summary = Process("idtrust", "FINISHED", "OK", "LIVE", "POSITIVE", "YES", null).Interpret();

        Assert.Equal(O.Inconclusive, summary.Outcome);
        Assert.True(summary.Has(R.FraudSignals));
        Assert.True(summary.Has(R.IdentityConfirmed));
    }

    [Fact]
    public void A_positive_risk_score_does_not_outweigh_a_fraud_signal()
    {
        Assert.Equal(O.Inconclusive, Process("idchecktrust", "FINISHED", "OK", "LIVE", "INCONCLUSIVE", "YES", 30).Interpret().Outcome);
    }

    [Fact]
    public void Inconclusive_identity_without_a_risk_score_is_inconclusive()
    {
        var summary = Process("id", "FINISHED", "OK", "LIVE", "INCONCLUSIVE", U, null).Interpret();

        Assert.Equal(O.Inconclusive, summary.Outcome);
        Assert.Equal([R.LivenessConfirmed, R.IdentityInconclusive], summary.Reasons);
    }

    [Fact]
    public void A_disabled_score_is_ignored()
    {
        var process = Process("idcheck", "FINISHED", "OK", "LIVE", "INCONCLUSIVE", U, -50, scoreEnabled: "SCORE_ENABLED_FALSE");
        var summary = process.Interpret();

        Assert.Equal(O.Inconclusive, summary.Outcome);
        Assert.False(summary.Has(R.NegativeRiskScore));
        Assert.Equal(-50, process.AuthenticationInfo!.Score);
    }

    [Fact]
    public void A_liveness_only_flow_is_approved_when_live()
    {
        Assert.Equal(O.Approved, Process("idlive", "FINISHED", "OK", "LIVE", U, U, null).Interpret().Outcome);
        Assert.Equal(O.Denied, Process("idlive", "FINISHED", "OK", "NOT_LIVE", U, U, null).Interpret().Outcome);
        Assert.Equal(O.Inconclusive, Process("idlivetrust", "FINISHED", "OK", "LIVE", U, "YES", null).Interpret().Outcome);
    }

    [Fact]
    public void A_negative_finding_wins_over_everything_else()
    {
        var summary = Process("idchecktrust", "FINISHED", "OK", "NOT_LIVE", "POSITIVE", "INCONCLUSIVE", 99).Interpret();

        Assert.Equal(O.Denied, summary.Outcome);
        Assert.Equal(R.LivenessFailed, summary.Reasons[0]);
    }

    [Fact]
    public void One_to_one_flows_read_the_bio_token_result_and_fall_back_to_authentication()
    {
        Assert.Equal(O.Approved, Process("idtoken", "FINISHED", "OK", "LIVE", U, U, null, bioToken: "BIO_TOKEN_ENGINE_RESULT_POSITIVE").Interpret().Outcome);
        Assert.Equal(O.Denied, Process("idtoken", "FINISHED", "OK", "LIVE", U, U, null, bioToken: "BIO_TOKEN_ENGINE_RESULT_NEGATIVE").Interpret().Outcome);
        Assert.Equal(O.Approved, Process("idtoken", "FINISHED", "OK", "LIVE", "POSITIVE", U, null).Interpret().Outcome);
        Assert.Equal(O.Error, Process("idtoken", "FINISHED", "OK", "LIVE", U, U, null).Interpret().Outcome);
        Assert.Equal(O.Denied, Process("idtoken", "FINISHED", "OK", "LIVE", "NEGATIVE", U, null, bioToken: "BIO_TOKEN_ENGINE_RESULT_POSITIVE").Interpret().Outcome);
    }

    [Fact]
    public void Invalid_identity_is_never_approved()
    {
        Assert.Equal(O.Error, Process("id", "FINISHED", "INVALID_IDENTITY", "LIVE", "POSITIVE", U, null).Interpret().Outcome);
        Assert.Equal(O.Inconclusive, Process("idcheck", "FINISHED", "INVALID_IDENTITY", "LIVE", "INCONCLUSIVE", U, 20).Interpret().Outcome);
    }

    [Theory]
    [InlineData("CANCELED", "UNSPECIFIED", O.Error, R.ProcessCanceled)]
    [InlineData("FINISHED", "REFUSED", O.Denied, R.ResultRefused)]
    [InlineData("FINISHED", "WARNING", O.Inconclusive, R.ResultWarning)]
    [InlineData("FINISHED", "UNSPECIFIED", O.Error, R.ProcessingError)]
    [InlineData("UNSPECIFIED", "UNSPECIFIED", O.Pending, R.NotFinished)]
    public void Older_and_edge_states_and_results(string state, string result, O expected, R reason)
    {
        var summary = Process("id", state, result, "LIVE", "POSITIVE", U, null).Interpret();

        Assert.Equal(expected, summary.Outcome);
        Assert.Equal([reason], summary.Reasons);
    }

    [Fact]
    public void A_process_with_an_empty_state_is_pending()
    {
        // A process read from the API always has a state (an answer without one is an invalid response); an empty one
        // can still be built in code.
        var process = new IdCloudProcess { Id = "p", State = default };
        var summary = process.Interpret();

        Assert.Equal(O.Pending, summary.Outcome);
        Assert.False(summary.IsFinal);
        Assert.False(summary.IsDecision);
        Assert.Equal(string.Empty, process.State.Value);
    }

    [Theory]
    [InlineData("PROCESS_STATE_ARCHIVED", "PROCESS_RESULT_OK", "LIVENESS_RESULT_LIVE", "AUTHENTICATION_RESULT_POSITIVE")]
    [InlineData("PROCESS_STATE_FINISHED", "PROCESS_RESULT_MAYBE", "LIVENESS_RESULT_LIVE", "AUTHENTICATION_RESULT_POSITIVE")]
    [InlineData("PROCESS_STATE_FINISHED", "PROCESS_RESULT_OK", "LIVENESS_RESULT_PARTIAL", "AUTHENTICATION_RESULT_POSITIVE")]
    [InlineData("PROCESS_STATE_FINISHED", "PROCESS_RESULT_OK", "LIVENESS_RESULT_LIVE", "AUTHENTICATION_RESULT_PROBABLY")]
    public void Unknown_values_are_unrecognized_and_never_approved(string state, string result, string liveness, string authentication)
    {
        var process = new IdCloudProcess
        {
            Id = "p",
            Flow = Flow.Id,
            State = new ProcessState(state),
            Result = new ProcessResult(result),
            AuthenticationInfo = new AuthenticationInfo { LivenessResult = new LivenessResult(liveness), AuthenticationResult = new AuthenticationResult(authentication) },
        };

        var summary = process.Interpret();

        Assert.Equal(O.Unrecognized, summary.Outcome);
        Assert.True(summary.Has(R.UnrecognizedValue));
    }

    [Fact]
    public void An_unknown_flow_with_no_identity_result_is_unrecognized_but_a_set_result_is_read()
    {
        Assert.Equal(O.Unrecognized, Process("idfuture", "FINISHED", "OK", "LIVE", U, U, null).Interpret().Outcome);
        Assert.True(Process("idfuture", "FINISHED", "OK", "LIVE", U, U, null).Interpret().Has(R.UnknownFlow));
        Assert.Equal(O.Approved, Process("idfuture", "FINISHED", "OK", "LIVE", "POSITIVE", U, null).Interpret().Outcome);
        Assert.Equal(O.Error, Process("idfuture", "FINISHED", "OK", U, "POSITIVE", U, null).Interpret().Outcome);
    }

    [Fact]
    public void The_explanation_says_what_to_do_and_why_without_personal_data()
    {
        var process = Process("id", "FINISHED", "OK", "LIVE", "NEGATIVE", U, null);
        process.Person = new ProcessPerson { DuiValue = "73689290074", FriendlyName = "Luke Skywalker", Email = "luke@example.com" };

        var summary = process.Interpret();

        Assert.Equal("Denied (the person was live; the face does not belong to the CPF holder).", summary.Explanation);
        Assert.DoesNotContain("73689290074", summary.ToString() + summary.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("Luke", summary.ToString() + summary.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Interpret_refuses_null()
    {
        Assert.Throws<ArgumentNullException>(() => IdCloudProcessInterpretation.Of(null!));
    }

    private static IdCloudProcess Process(
        string flow,
        string? state,
        string? result,
        string? liveness,
        string? authentication,
        string? trust,
        double? score,
        string scoreEnabled = "SCORE_ENABLED_TRUE",
        string? bioToken = null) =>
        new()
        {
            Id = "8263a268-5388-492a-bca2-28e1ff4a69f0",
            Flow = new Flow(flow),
            State = state is null ? default : new ProcessState("PROCESS_STATE_" + state),
            Result = result is null ? null : new ProcessResult("PROCESS_RESULT_" + result),
            AuthenticationInfo = new AuthenticationInfo
            {
                LivenessResult = liveness is null ? null : new LivenessResult("LIVENESS_RESULT_" + liveness),
                AuthenticationResult = authentication is null ? null : new AuthenticationResult("AUTHENTICATION_RESULT_" + authentication),
                IdentityFraudstersResult = trust is null ? null : new TrustResult("TRUST_RESULT_" + trust),
                BioTokenEngineResult = bioToken is null ? BioTokenEngineResult.Unspecified : new BioTokenEngineResult(bioToken),
                // The raw wire value (the tests also pass values this SDK does not know).
                ScoreEngineResultWire = new ScoreEngineResult { ScoreEnabled = score is null ? ScoreEnabled.False : new ScoreEnabled(scoreEnabled), Score = score ?? 0 },
            },
        };
}
