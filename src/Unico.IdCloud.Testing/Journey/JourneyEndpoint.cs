using Microsoft.AspNetCore.Http;

namespace Unico.IdCloud.Testing;

/// <summary>
/// What <c>userRedirectUrl</c> opens: the emulator's stand-in for Unico's hosted journey. <c>GET /process/{id}</c>
/// shows the process (masked) and the outcomes; <c>POST /process/{id}/finish</c> with the page's nonce finishes the
/// process exactly as <see cref="IdCloudEmulator.FinishProcessAsync"/> does (webhook included) and redirects the
/// browser to the process's <c>callbackUri</c>, as the real journey does at its end.
/// </summary>
internal sealed class JourneyEndpoint
{
    /// <summary>The form has two short fields; anything larger is not from the page.</summary>
    private const long MaxFormBytes = 4096;

    private readonly ProcessStore _store;
    private readonly ProcessLifecycle _lifecycle;
    private readonly JourneyNonce _nonce = new();

    public JourneyEndpoint(ProcessStore store, ProcessLifecycle lifecycle)
    {
        _store = store;
        _lifecycle = lifecycle;
    }

    /// <summary>Serves the page (GET) or the outcome form (POST); the route already fixed the method per path.</summary>
    public async Task<EmulatorResponse> HandleAsync(HttpContext context, string id, CancellationToken cancellationToken)
    {
        var process = Guid.TryParseExact(id, "D", out var guid) ? _store.Find(guid) : null;
        if (process is null)
        {
            return EmulatorResponse.Text(404, "404 page not found");
        }

        _lifecycle.ExpireIfDue(process);
        return HttpMethods.IsPost(context.Request.Method)
            ? await FinishAsync(context.Request, process, cancellationToken).ConfigureAwait(false)
            : Show(process);
    }

    private EmulatorResponse Show(EmulatedProcess process) =>
        process.Finish is { } finish
            ? Html(200, JourneyHtml.Finished(process, finish, "This journey is over"))
            : Html(200, JourneyHtml.Open(process, _nonce.For(process.Id)));

    private async Task<EmulatorResponse> FinishAsync(HttpRequest request, EmulatedProcess process, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return Html(415, JourneyHtml.Problem("Not a form", "Finish the journey with the buttons on its page.", process.IdText));
        }

        if (request.ContentLength is null or > MaxFormBytes)
        {
            return Html(413, JourneyHtml.Problem("Too large", "The journey's form is small; this request is not from its page.", process.IdText));
        }

        var form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        if (!_nonce.Matches(process.Id, form["nonce"].ToString()))
        {
            // A link, a stray request or another process's form: nothing changes.
            return Html(403, JourneyHtml.Problem("This form is not from this journey", "Open the journey page again and choose an outcome there.", process.IdText));
        }

        if (!JourneyOutcomes.TryParse(form["outcome"].ToString(), out var outcome))
        {
            return Html(400, JourneyHtml.Problem("Unknown outcome", "Choose one of the outcomes listed on the journey page.", process.IdText));
        }

        if (process.AwaitsDocument && outcome != EmulatedOutcome.Expired)
        {
            // Same rule as FinishProcessAsync: without the person's document (Set Process Document) the journey cannot
            // start, so the only way it ends is by expiring.
            return Html(409, JourneyHtml.Problem("This process awaits the person's document", "Set it with Set Process Document first; until then the journey can only expire.", process.IdText));
        }

        if (!_lifecycle.TryFinish(process, outcome))
        {
            // Finished meanwhile (another tab, a test, or expiry): say how it ended instead of changing it.
            return Html(409, JourneyHtml.Finished(process, process.Finish!, "This journey had already ended"));
        }

        // 303: the browser follows with a GET, whatever the form's method was.
        return JourneyCallback.RedirectTarget(process.CallbackUri) is { } target
            ? Secure(EmulatorResponse.Empty(303).WithHeader("Location", target.AbsoluteUri))
            : Html(200, JourneyHtml.Finished(process, process.Finish!, "Journey finished"));
    }

    private static EmulatorResponse Html(int status, string html) =>
        Secure(EmulatorResponse.Text(status, html, "text/html; charset=utf-8"));

    private static EmulatorResponse Secure(EmulatorResponse response) => response
        .WithHeader("Cache-Control", "no-store")
        .WithHeader("X-Content-Type-Options", "nosniff")
        .WithHeader("Referrer-Policy", "no-referrer")
        // No script at all; not framable, so no other page can overlay the buttons (clickjacking).
        .WithHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'");
}
