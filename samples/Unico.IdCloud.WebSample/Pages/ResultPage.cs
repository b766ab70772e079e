using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.WebSample.Artifacts;
using Unico.IdCloud.WebSample.Verifications;

namespace Unico.IdCloud.WebSample.Pages;

/// <summary>
/// The verdict: <c>process.Interpret()</c> (an advisory summary of Unico's rules: your risk policy decides), every raw
/// value it was derived from, and links to the files IDCloud keeps for the process.
/// </summary>
internal static class ResultPage
{
    /// <summary>Renders the page.</summary>
    /// <param name="verification">The verification, with the process read.</param>
    /// <param name="process">The process to show.</param>
    public static IResult Render(Verification verification, IdCloudProcess process)
    {
        var summary = process.Interpret();
        var body = new StringBuilder("<h1>Verification result</h1>");
        body.Append($"<p class=\"outcome\">Outcome: <strong id=\"outcome\">{Html.Encode(summary.Outcome.ToString())}</strong></p>");
        body.Append($"<p>{Html.Encode(summary.Explanation)}</p>");
        body.Append(verification.NotifiedAt is { } notifiedAt
            ? $"<p>Source: Unico's notification (webhook) at {Html.Encode(notifiedAt)}; the process was read right after it.</p>"
            : $"<p>Source: the process read at {Html.Encode(verification.ProcessReadAt)}; Unico's notification (webhook) has not arrived yet.</p>");

        if (!summary.IsFinal)
        {
            body.Append("<p>The person has not finished the journey yet. <a href=\"\">Reload</a> later.</p>");
        }

        body.Append("<h2>Reasons</h2><ul>");
        foreach (var reason in summary.Reasons)
        {
            body.Append("<li>").Append(Html.Encode(reason.ToString())).Append("</li>");
        }

        body.Append("</ul><h2>Raw values</h2><table>");
        Row(body, "CPF", verification.MaskedCpf);
        var info = process.AuthenticationInfo;
        Row(body, "Process id", process.Id);
        Row(body, "State", process.State.Value);
        Row(body, "Result", process.Result?.Value);
        Row(body, "Flow", process.Flow?.Value);
        Row(body, "Liveness", info?.LivenessResult?.Value);
        Row(body, "Identity (authenticationResult)", info?.AuthenticationResult?.Value);
        Row(body, "1:1 (bioTokenEngineResult)", info?.BioTokenEngineResult?.Value);
        Row(body, "Fraud signals (identityFraudstersResult)", info?.IdentityFraudstersResult?.Value);
        Row(body, "Risk score enabled", info?.ScoreEnabled is { } enabled ? (enabled ? "yes" : "no") : null);
        Row(body, "Risk score", info?.Score?.ToString(CultureInfo.InvariantCulture));
        Row(body, "Serpro score", info?.SerproScore?.ToString(CultureInfo.InvariantCulture));
        Row(body, "Authentication id", info?.AuthenticationId);
        Row(body, "Created", Html.Encode(process.CreatedAt), encoded: true);
        Row(body, "Finished", Html.Encode(process.FinishedAt), encoded: true);
        body.Append("</table>");

        AppendFiles(body, verification.Reference, process, summary);
        return Html.Page("Result", body.ToString());
    }

    private static void AppendFiles(StringBuilder body, string reference, IdCloudProcess process, IdCloudProcessSummary summary)
    {
        if (!VerificationStore.IsFinished(process) || summary.Outcome is IdCloudProcessOutcome.Expired)
        {
            return; // No capture: nothing to download.
        }

        var files = $"/verifications/{Html.Encode(reference)}/files";
        body.Append("<h2>Files</h2><ul class=\"files\">");
        body.Append($"<li><a href=\"{files}/selfie\">Selfie</a> (watermarked; Unico grants this permission case by case)</li>");
        body.Append($"<li><a href=\"{files}/evidence-set\">Evidence set</a> (PDF)</li>");
        foreach (var documentId in ArtifactEndpoints.DocumentIdsOf(process))
        {
            var document = $"{files}/documents/{Html.Encode(Uri.EscapeDataString(documentId))}";
            body.Append($"<li><a href=\"{document}/signed\">Signed document</a> (PDF)</li>");
            body.Append($"<li><a href=\"{document}/signature-evidence\">Signature evidence</a> (PDF)</li>");
        }

        body.Append("</ul><p>These files are personal data. A signed document can take a minute or more to appear after the journey; its link answers 503 until then.</p>");
    }

    private static void Row(StringBuilder body, string name, string? value, bool encoded = false) =>
        body.Append("<tr><th>").Append(Html.Encode(name)).Append("</th><td>")
            .Append(value is null ? "—" : encoded ? value : Html.Encode(value))
            .Append("</td></tr>");
}
