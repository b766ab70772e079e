using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Unico.IdCloud.Client;
using Unico.IdCloud.WebSample.Hosting;
using Unico.IdCloud.WebSample.Pages;

namespace Unico.IdCloud.WebSample.Verifications;

/// <summary>The pages of a verification: start, callback and result.</summary>
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

        // Where the journey (Unico's, or the emulator's stand-in) sends the person back at its end.
        app.MapGet("/verifications/{reference}/callback", (string reference, VerificationStore store) =>
            store.Find(reference) is { } verification ? CallbackPage.Render(verification) : NotFound());

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
    }

    private static IResult NotFound() =>
        Html.Problem(StatusCodes.Status404NotFound, "Not found", "There is no verification at this address.");
}
