using System.Text;
using Microsoft.AspNetCore.Http;
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
    public static IResult Render(Verification verification)
    {
        var reference = Html.Encode(verification.Reference);
        var notified = verification.NotifiedAt is not null;
        var body = new StringBuilder("<h1>Thank you</h1>");
        body.Append(notified
            ? $"<p>Unico told us at {Html.Encode(verification.NotifiedAt)} that the verification of CPF {Html.Encode(verification.MaskedCpf)} is complete.</p>"
            : $"<p>We are checking the verification of CPF {Html.Encode(verification.MaskedCpf)}. This page refreshes by itself until Unico tells us it is complete.</p>");
        body.Append($"<p><a id=\"result\" href=\"/verifications/{reference}\">See the result</a></p>");

        // Waiting for the webhook: refresh by itself (no script needed).
        return Html.Page("Checking", body.ToString(), refreshSeconds: notified ? null : RefreshSeconds);
    }
}
