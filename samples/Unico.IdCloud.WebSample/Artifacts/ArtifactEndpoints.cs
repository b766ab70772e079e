using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.WebSample.Hosting;
using Unico.IdCloud.WebSample.Pages;
using Unico.IdCloud.WebSample.Verifications;

namespace Unico.IdCloud.WebSample.Artifacts;

/// <summary>
/// Serves the files IDCloud keeps for a finished process, fetched from IDCloud on each request. The signed document
/// and its evidence are streamed straight through (<see cref="IdCloudFileStream"/> → <c>Results.Stream</c>),
/// never held whole in memory; the selfie and the evidence set arrive inside a JSON answer, so they are small bytes.
/// </summary>
internal static class ArtifactEndpoints
{
    private const string PdfType = "application/pdf";

    public static void MapArtifacts(this IEndpointRouteBuilder app)
    {
        var files = app.MapGroup("/verifications/{reference}/files");

        files.MapGet("/selfie", (string reference, VerificationStore store, IIdCloudProcessClient processes, HttpContext http) =>
            ServeAsync(http, store, reference, null, "selfie", async (process, ct) =>
            {
                var selfie = await processes.GetSelfieAsync(process.Id!, ct);
                return Results.Bytes(selfie.Content, selfie.ContentType);
            }));

        files.MapGet("/evidence-set", (string reference, VerificationStore store, IIdCloudProcessClient processes, HttpContext http) =>
            ServeAsync(http, store, reference, null, "evidence set", async (process, ct) =>
            {
                var evidence = await processes.GetEvidenceSetAsync(process.Id!, ct);
                return Results.Bytes(evidence.Content, evidence.ContentType, "evidence-set.pdf");
            }));

        files.MapGet("/documents/{documentId}/signed", (string reference, string documentId, VerificationStore store, IIdCloudSignatureClient signatures, HttpContext http) =>
            ServeAsync(http, store, reference, documentId, "signed document", async (_, ct) =>
                Stream(http, await signatures.GetSignedDocumentAsync(documentId, ct), "signed-document.pdf")));

        files.MapGet("/documents/{documentId}/signature-evidence", (string reference, string documentId, VerificationStore store, IIdCloudSignatureClient signatures, HttpContext http) =>
            ServeAsync(http, store, reference, documentId, "signature evidence", async (_, ct) =>
                Stream(http, await signatures.GetSignatureEvidenceAsync(documentId, ct), "signature-evidence.pdf")));
    }

    /// <summary>The signed documents of a process (<c>services[].documentIds</c>): the only ids the file links may ask for.</summary>
    /// <param name="process">The process.</param>
    /// <returns>The document ids.</returns>
    public static IEnumerable<string> DocumentIdsOf(IdCloudProcess process) =>
        (process.Services ?? []).SelectMany(s => s?.DocumentIds ?? []).Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal);

    private static IResult Stream(HttpContext http, IdCloudFileStream file, string fileName)
    {
        // The download holds IDCloud's connection: released when the response is done, even if the client goes away.
        http.Response.RegisterForDisposeAsync(file);
        if (file.ContentLength is { } length)
        {
            http.Response.ContentLength = length;
        }

        return Results.Stream(file.Content, file.ContentType ?? PdfType, fileName);
    }

    private static async Task<IResult> ServeAsync(
        HttpContext http,
        VerificationStore store,
        string reference,
        string? documentId,
        string artifact,
        Func<IdCloudProcess, CancellationToken, Task<IResult>> download)
    {
        var process = store.Find(reference)?.Process;
        if (process?.Id is null || !VerificationStore.IsFinished(process))
        {
            return Html.Problem(StatusCodes.Status404NotFound, "Not available", "There is no finished verification here.");
        }

        // Only the documents of this process: the endpoint must not become a proxy for any document id.
        if (documentId is not null && !DocumentIdsOf(process).Contains(documentId, StringComparer.Ordinal))
        {
            return Html.Problem(StatusCodes.Status404NotFound, "Not available", "This verification has no such document.");
        }

        try
        {
            return await download(process, http.RequestAborted);
        }
        catch (IdCloudException ex) when (ex.Kind == IdCloudErrorKind.NotFound && documentId is not null)
        {
            // Unico: the signed document can lag behind the process by a minute or more.
            http.Response.Headers.RetryAfter = "60";
            return Html.Problem(StatusCodes.Status503ServiceUnavailable, "Not ready yet", $"The {artifact} is not available yet. Try again in a minute.");
        }
        catch (IdCloudException ex) when (ex.Kind == IdCloudErrorKind.NotFound)
        {
            return Html.Problem(StatusCodes.Status404NotFound, "Not available", $"IDCloud has no {artifact} for this verification.");
        }
        catch (IdCloudException ex) when (ex.Kind == IdCloudErrorKind.PermissionDenied)
        {
            return Html.Problem(StatusCodes.Status403Forbidden, "Not allowed", $"The service account may not read the {artifact} (Unico grants this permission case by case).");
        }
        catch (IdCloudException ex)
        {
            SampleLog.DownloadFailed(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(SampleLog.Category), artifact, process.Id, ex.Kind, ex);
            return Html.Problem(StatusCodes.Status502BadGateway, "IDCloud failed", $"The {artifact} could not be downloaded ({ex.Kind}). Try again later.");
        }
    }
}
