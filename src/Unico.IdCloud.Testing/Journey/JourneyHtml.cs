using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Testing;

/// <summary>
/// The journey page's HTML. Everything that came from a CreateProcess request (names, purpose, callback) is
/// HTML-encoded; personal data is shown masked only (the CPF as <c>***.***.***-74</c>), as on a screen someone may
/// be looking over. No script: plain forms and links.
/// </summary>
internal static class JourneyHtml
{
    private const string Style =
        "body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#222}" +
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;vertical-align:top}" +
        ".banner{background:#fff4d6;padding:.5rem 1rem;border-radius:.3rem}" +
        "button{font:inherit;display:block;width:100%;text-align:left;margin:.4rem 0;padding:.5rem 1rem;cursor:pointer}" +
        "form{margin-top:1rem}button small{display:block;color:#555}";

    /// <summary>The open journey: the process and one button per outcome, posting the process's nonce.</summary>
    public static string Open(EmulatedProcess process, string nonce)
    {
        var body = new StringBuilder();
        body.Append("<h1>Unico IDCloud journey</h1>");
        body.Append("<p class=\"banner\">This is the <strong>IDCloud emulator</strong>'s stand-in for Unico's hosted journey: no camera, no document. Choose how the person's journey ends.</p>");
        AppendProcess(body, process);
        body.Append("<form method=\"post\" action=\"/process/").Append(Encode(process.IdText)).Append("/finish\">");
        body.Append("<input type=\"hidden\" name=\"nonce\" value=\"").Append(Encode(nonce)).Append("\">");
        foreach (var outcome in JourneyOutcomes.All)
        {
            var name = outcome.ToString();
            body.Append("<button type=\"submit\" name=\"outcome\" value=\"").Append(Encode(name)).Append("\">")
                .Append(Encode(name)).Append("<small>").Append(Encode(JourneyOutcomes.Describe(outcome))).Append("</small></button>");
        }

        body.Append("</form>");
        body.Append(JourneyCallback.RedirectTarget(process.CallbackUri) is { } target
            ? "<p>Afterwards the journey sends the person to <code>" + Encode(target.AbsoluteUri) + "</code> (the process's <code>callbackUri</code>).</p>"
            : "<p>The process's <code>callbackUri</code> is <code>" + Encode(process.CallbackUri) + "</code>: the journey will not redirect at the end.</p>");
        return Page("Unico IDCloud journey (emulator)", body.ToString());
    }

    /// <summary>A journey that has ended: what the outcome was and, when there is one, the way back to the site.</summary>
    public static string Finished(EmulatedProcess process, ProcessFinish finish, string headline)
    {
        var body = new StringBuilder();
        body.Append("<h1>").Append(Encode(headline)).Append("</h1>");
        body.Append("<p>Outcome: <strong id=\"outcome\">").Append(Encode(finish.Outcome.ToString())).Append("</strong>.</p>");
        AppendProcess(body, process);
        body.Append(JourneyCallback.RedirectTarget(process.CallbackUri) is { } target
            ? "<p><a id=\"callback\" href=\"" + Encode(target.AbsoluteUri) + "\">Back to the site</a></p>"
            : "<p>This process has no callback (<code>callbackUri</code> is <code>" + Encode(process.CallbackUri) + "</code>): as on Unico's journey, the person stays here and goes back to the site by themselves.</p>");
        return Page("Journey finished (emulator)", body.ToString());
    }

    /// <summary>A refusal (stale form, unknown outcome) with a way back to the journey.</summary>
    public static string Problem(string title, string detail, string processId) =>
        Page(title, "<h1>" + Encode(title) + "</h1><p>" + Encode(detail) + "</p><p><a href=\"/process/" + Encode(processId) + "\">Back to the journey</a></p>");

    private static void AppendProcess(StringBuilder body, EmulatedProcess process)
    {
        body.Append("<table>");
        Row(body, "Process", process.IdText);
        Row(body, "Flow", process.Flow.Name);
        Row(body, "Purpose", process.Purpose);
        if (process.Person is { } person)
        {
            Row(body, "Name", person.FriendlyName ?? "—");
            Row(body, "Document", string.IsNullOrEmpty(person.DuiValue) ? "—" : $"{person.DuiType} {Cpf.Mask(person.DuiValue)}");
            if (!string.IsNullOrEmpty(person.Email))
            {
                Row(body, "E-mail", MaskEmail(person.Email));
            }

            if (!string.IsNullOrEmpty(person.Phone))
            {
                Row(body, "Phone", Cpf.Mask(person.Phone));
            }
        }

        Row(body, "Expires", process.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
        body.Append("</table>");
    }

    private static void Row(StringBuilder body, string label, string value) =>
        body.Append("<tr><th>").Append(Encode(label)).Append("</th><td>").Append(Encode(value)).Append("</td></tr>");

    /// <summary><c>m***@example.com</c>: enough to recognise the address, not enough to read it off a screen.</summary>
    private static string MaskEmail(string email)
    {
        var at = email.LastIndexOf('@');
        return at <= 0 ? "***" : string.Concat(email.AsSpan(0, 1), "***", email.AsSpan(at));
    }

    private static string Page(string title, string body) =>
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        "<title>" + Encode(title) + "</title><style>" + Style + "</style></head><body>" + body + "</body></html>";

    private static string Encode(string value) => HtmlEncoder.Default.Encode(value);
}
