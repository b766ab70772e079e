namespace Unico.IdCloud.Client.Models;

// The reading lives with the other results (Results/); it is an instance method of the process, so
// `process.Interpret()` needs no helper type in the public surface.
public partial class IdCloudProcess
{
    /// <summary>
    /// Summarises a process following Unico's rule — act only when the state is <c>FINISHED</c> and the result
    /// <c>OK</c>, then read <c>authenticationInfo</c> — and its response-scenario table. This is advice, not a
    /// decision: the raw values stay on this process for your own policy.
    /// </summary>
    /// <remarks>
    /// <para>In order:</para>
    /// <list type="number">
    /// <item><c>CREATED</c>, <c>UNSPECIFIED</c>, no state, or <c>AWAITING_FOR_DOCUMENT</c> (send the document with
    /// SetProcessDocument) → <see cref="IdCloudProcessOutcome.Pending"/>;
    /// <c>FAILED</c>/<c>CANCELED</c> → <see cref="IdCloudProcessOutcome.Error"/>; an unknown state →
    /// <see cref="IdCloudProcessOutcome.Unrecognized"/>.</item>
    /// <item><c>FINISHED</c> with <c>ERROR</c> (or no result) → Error; <c>EXPIRED</c> → Expired; <c>REFUSED</c> →
    /// Denied; <c>WARNING</c> → Inconclusive; an unknown result → Unrecognized.</item>
    /// <item>With <c>OK</c> or <c>INVALID_IDENTITY</c>, the capabilities the flow runs (<see cref="Flow.Capabilities"/>)
    /// are read: a negative liveness, identity or 1:1 result → Denied; a capability the flow runs left
    /// <c>UNSPECIFIED</c> → Error (Unico: "error processing the response, retry"); an unknown value → Unrecognized.</item>
    /// <item>Identity positive (or 1:1 matched, or a liveness-only flow live) → Approved, unless the behaviour alert
    /// says <c>YES</c> (signs of fraud) → Inconclusive. <c>INVALID_IDENTITY</c> is never approved: without a negative
    /// finding it is Error.</item>
    /// <item>Identity inconclusive: with the risk score enabled, a negative score → Denied (Unico: "Reprove"), a
    /// positive score → Approved unless a fraud signal (then Inconclusive), zero → Inconclusive (Unico: "Retry");
    /// without a score → Inconclusive.</item>
    /// </list>
    /// <para>
    /// Inferences beyond the vendor's table: a positive identity with a fraud signal is not approved; for 1:1 flows
    /// the verdict is <c>bioTokenEngineResult</c> when set, else <c>authenticationResult</c>; an unknown flow whose
    /// identity results are all <c>UNSPECIFIED</c> is Unrecognized (its capabilities cannot be told).
    /// </para>
    /// </remarks>
    /// <returns>The summary: outcome, reasons and a one-sentence explanation.</returns>
    public IdCloudProcessSummary Interpret() => IdCloudProcessInterpretation.Of(this);
}
