using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Unico.IdCloud.Client;
using Unico.IdCloud.WebSample.Verifications;

namespace Unico.IdCloud.WebSample.Pages;

/// <summary>The home page: the form that starts a verification, and the verifications this browser started.</summary>
internal static class StartPage
{
    public static IResult Render(
        AntiforgeryTokenSet tokens,
        bool onEmulator,
        IReadOnlyList<Verification> verifications,
        StartForm? form = null,
        IReadOnlyList<string>? errors = null,
        int statusCode = StatusCodes.Status200OK)
    {
        var body = new StringBuilder();
        body.Append("<h1>Verify a person with Unico IDCloud</h1>");
        body.Append(onEmulator
            ? "<p class=\"banner\">Running on the <strong>embedded IDCloud emulator</strong>: nothing leaves this machine. The journey is the emulator's stand-in: there you choose how the person's journey ends, and it sends you back here.</p>"
            : "<p class=\"banner\">Running against <strong>IDCloud</strong> with the configured service account.</p>");

        if (errors is { Count: > 0 })
        {
            body.Append("<ul class=\"errors\">");
            foreach (var error in errors)
            {
                body.Append("<li>").Append(Html.Encode(error)).Append("</li>");
            }

            body.Append("</ul>");
        }

        // The CPF is never written back into the page, even encoded: the person types it again.
        body.Append($"""
            <form method="post" action="/verifications">
            <input type="hidden" name="{Html.Encode(tokens.FormFieldName)}" value="{Html.Encode(tokens.RequestToken)}">
            <label>Name <input name="name" required maxlength="{StartForm.MaxNameLength}" autocomplete="name" value="{Html.Encode(form?.Name)}"></label>
            <label>CPF <input name="cpf" required inputmode="numeric" autocomplete="off" placeholder="000.000.000-00"></label>
            <label>E-mail <input name="email" type="email" autocomplete="email" value="{Html.Encode(form?.Email)}"></label>
            <label>Journey <select name="journey">
            """);
        foreach (var (flow, label) in StartForm.Journeys)
        {
            var selected = string.Equals(form?.Journey, flow.Value, StringComparison.Ordinal) ? " selected" : string.Empty;
            body.Append($"<option value=\"{Html.Encode(flow.Value)}\"{selected}>{Html.Encode(label)}</option>");
        }

        body.Append("</select></label><button type=\"submit\">Start the verification</button></form>");

        if (verifications.Count > 0)
        {
            body.Append("<h2>Verifications started in this browser</h2><table><tr><th>Started</th><th>CPF</th><th>Journey</th><th>Status</th><th></th></tr>");
            foreach (var verification in verifications)
            {
                var status = verification.Process is { } process ? process.Interpret().Outcome.ToString() : "Started";
                body.Append($"""
                    <tr><td>{Html.Encode(verification.StartedAt)}</td><td>{Html.Encode(verification.MaskedCpf)}</td>
                    <td>{Html.Encode(verification.Flow.Value)}</td><td>{Html.Encode(status)}</td>
                    <td><a href="/verifications/{Html.Encode(verification.Reference)}/callback">Open</a></td></tr>
                    """);
            }

            body.Append("</table>");
        }

        return Html.Page("Start", body.ToString(), statusCode);
    }
}
