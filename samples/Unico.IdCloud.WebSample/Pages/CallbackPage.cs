using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Unico.IdCloud.Testing;
using Unico.IdCloud.WebSample.Verifications;

namespace Unico.IdCloud.WebSample.Pages;

/// <summary>
/// Where the journey sends the person back (<c>callbackUri</c>). The verdict is not known yet, and the browser's
/// arrival proves nothing: the result comes from Unico's webhook (or a read of the process), never from this request.
/// </summary>
internal static class CallbackPage
{
    private const int RefreshSeconds = 3;

    /// <summary>Renders the page.</summary>
    /// <param name="verification">The verification.</param>
    /// <param name="tokens">Anti-forgery tokens for the emulator's form.</param>
    /// <param name="onEmulator">Whether the emulator plays IDCloud (offers to simulate the journey's end).</param>
    /// <param name="finishSimulated">Whether the person's finish was just simulated on the emulator.</param>
    public static IResult Render(Verification verification, AntiforgeryTokenSet tokens, bool onEmulator, bool finishSimulated)
    {
        var reference = Html.Encode(verification.Reference);
        var notified = verification.NotifiedAt is not null;
        var body = new StringBuilder("<h1>Thank you</h1>");
        body.Append(notified
            ? $"<p>Unico told us at {Html.Encode(verification.NotifiedAt)} that the verification of CPF {Html.Encode(verification.MaskedCpf)} is complete.</p>"
            : $"<p>We are checking the verification of CPF {Html.Encode(verification.MaskedCpf)}. This page refreshes by itself until Unico tells us it is complete.</p>");
        body.Append($"<p><a href=\"/verifications/{reference}\">See the result</a></p>");

        if (onEmulator && !finishSimulated && !notified && !VerificationStore.IsFinished(verification.Process))
        {
            body.Append($"""
                <h2>Emulator only</h2>
                <form method="post" action="/verifications/{reference}/emulator/finish">
                <input type="hidden" name="{Html.Encode(tokens.FormFieldName)}" value="{Html.Encode(tokens.RequestToken)}">
                <label>Outcome <select name="outcome">
                """);
            foreach (var outcome in Enum.GetValues<EmulatedOutcome>())
            {
                var name = outcome.ToString();
                body.Append($"<option value=\"{Html.Encode(name)}\">{Html.Encode(name)}</option>");
            }

            body.Append("</select></label><button type=\"submit\">Simulate the person finishing (emulator only)</button></form>");
        }

        // Waiting for the webhook: refresh by itself, except while the emulator's form waits for a click.
        var waiting = !notified && (!onEmulator || finishSimulated);
        return Html.Page("Checking", body.ToString(), refreshSeconds: waiting ? RefreshSeconds : null);
    }
}
