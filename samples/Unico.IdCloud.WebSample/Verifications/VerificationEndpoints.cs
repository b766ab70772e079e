using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Unico.IdCloud.Client;
using Unico.IdCloud.Testing;
using Unico.IdCloud.WebSample.Hosting;
using Unico.IdCloud.WebSample.Pages;

namespace Unico.IdCloud.WebSample.Verifications;

/// <summary>The pages of a verification: start, callback, result, and the emulator's "person finished" button.</summary>
internal static class VerificationEndpoints
{
    public static void MapVerifications(this IEndpointRouteBuilder app, bool onEmulator)
    {
        app.MapGet("/", (HttpContext http, IAntiforgery antiforgery, VerificationStore store) =>
            StartPage.Render(antiforgery.GetAndStoreTokens(http), onEmulator, store.FindAll(BrowserVerifications.Read(http.Request))));

        // [FromForm] parameters make the endpoint check the anti-forgery token (UseAntiforgery).
        app.MapPost("/verifications", async (
            [FromForm] string? name,
            [FromForm] string? cpf,
            [FromForm] string? email,
            [FromForm] string? journey,
            HttpContext http,
            IAntiforgery antiforgery,
            VerificationStore store,
            VerificationStarter starter,
            ILoggerFactory loggers) =>
        {
            var form = new StartForm(name, cpf, email, journey);
            var errors = form.Validate(out var request);
            if (request is null)
            {
                return Redisplay(form, errors);
            }

            try
            {
                var (verification, userRedirectUrl) = await starter.StartAsync(request, http.RequestAborted);
                BrowserVerifications.Remember(http, verification.Reference);
                return Results.Redirect(userRedirectUrl);
            }
            catch (IdCloudValidationException ex)
            {
                // The SDK checks the request before sending it; its messages name the field, never the value.
                return Redisplay(form, [.. ex.Errors.Select(e => e.ToString())]);
            }
            catch (IdCloudException ex)
            {
                SampleLog.CreateProcessFailed(loggers.CreateLogger(SampleLog.Category), ex.Kind, ex);
                return Html.Problem(StatusCodes.Status502BadGateway, "The verification could not be started", $"IDCloud could not be reached or refused the request ({ex.Kind}). Please try again later; the details are in the application's log.");
            }

            IResult Redisplay(StartForm form, IReadOnlyList<string> errors) => StartPage.Render(
                antiforgery.GetAndStoreTokens(http),
                onEmulator,
                store.FindAll(BrowserVerifications.Read(http.Request)),
                form,
                errors,
                StatusCodes.Status400BadRequest);
        });

        app.MapGet("/verifications/{reference}/callback", (string reference, bool? simulated, HttpContext http, IAntiforgery antiforgery, VerificationStore store) =>
            store.Find(reference) is { } verification
                ? CallbackPage.Render(verification, antiforgery.GetAndStoreTokens(http), onEmulator, simulated == true)
                : NotFound());

        app.MapGet("/verifications/{reference}", async (string reference, VerificationStore store, IIdCloudProcessClient processes, TimeProvider time, ILoggerFactory loggers, HttpContext http) =>
        {
            if (store.Find(reference) is not { } verification)
            {
                return NotFound();
            }

            // Normally the webhook handler has recorded the finished process. Until then, read it now: the person may
            // be faster than the notification, and the page is only reloaded by people (no polling loop).
            if (!VerificationStore.IsFinished(verification.Process))
            {
                try
                {
                    var process = await processes.GetProcessAsync(verification.ProcessId, http.RequestAborted);
                    verification = store.RecordRead(reference, process, time.GetUtcNow());
                }
                catch (IdCloudException ex)
                {
                    SampleLog.ReadProcessFailed(loggers.CreateLogger(SampleLog.Category), verification.ProcessId, ex.Kind, ex);
                    return Html.Problem(StatusCodes.Status502BadGateway, "The result could not be read", $"IDCloud could not be reached or refused the request ({ex.Kind}). Reload the page later.");
                }
            }

            return ResultPage.Render(verification, verification.Process!);
        });

        if (onEmulator)
        {
            app.MapPost("/verifications/{reference}/emulator/finish", async ([FromForm] string? outcome, string reference, VerificationStore store, IdCloudEmulator emulator) =>
            {
                if (store.Find(reference) is not { } verification)
                {
                    return NotFound();
                }

                if (!Enum.TryParse<EmulatedOutcome>(outcome, ignoreCase: false, out var scripted) || !Enum.IsDefined(scripted))
                {
                    return Html.Problem(StatusCodes.Status400BadRequest, "Unknown outcome", "Choose one of the listed outcomes.");
                }

                try
                {
                    // The emulator finishes the process and sends the webhook to this application, as Unico would.
                    await emulator.FinishProcessAsync(verification.ProcessId, scripted);
                }
                catch (InvalidOperationException)
                {
                    return Html.Problem(StatusCodes.Status409Conflict, "Already finished", "This process has already finished.");
                }

                return Results.Redirect($"/verifications/{reference}/callback?simulated=true", permanent: false, preserveMethod: false);
            });
        }
    }

    private static IResult NotFound() =>
        Html.Problem(StatusCodes.Status404NotFound, "Not found", "There is no verification at this address.");
}
