using Unico.IdCloud.Client.Http;

namespace Unico.IdCloud.Client;

/// <summary>
/// Which <see cref="IdCloudOperation"/> (and which service's error shapes) a request made through a generated Refit
/// interface performs. Refit records the interface method's name on every request
/// (<see cref="Refit.HttpRequestMessageOptions.MethodName"/>); the method names come from the contract's operation
/// ids, so a new operation in openapi/ gets its row here.
/// </summary>
internal static class IdCloudRefitOperations
{
    private static readonly HttpRequestOptionsKey<string> MethodNameKey = new(Refit.HttpRequestMessageOptions.MethodName);

    /// <summary>The operation of <paramref name="request"/>: the one already attached, else the one its Refit method names.</summary>
    public static IdCloudOperation Of(HttpRequestMessage? request)
    {
        if (request is null)
        {
            return new IdCloudOperation("IDCloud call", IsIdempotent: false, IsDownload: false);
        }

        if (request.Options.TryGetValue(IdCloudOperation.OptionsKey, out var tagged) && tagged is not null)
        {
            return tagged;
        }

        return FromMethodName(MethodNameOf(request)) ?? IdCloudRequestOptions.GetOperation(request);
    }

    /// <summary>The operation a generated Refit method performs, or <see langword="null"/> for a method this SDK does not know.</summary>
    public static IdCloudOperation? FromMethodName(string? methodName) => methodName switch
    {
        nameof(Models.IIdCloudProcessApi.CreateProcessAsync) => IdCloudOperation.CreateProcess,
        nameof(Models.IIdCloudProcessApi.GetProcessAsync) => IdCloudOperation.GetProcess,
        nameof(Models.IIdCloudProcessApi.GetSelfieContentAsync) => IdCloudOperation.GetSelfie,
        nameof(Models.IIdCloudProcessApi.GetEvidenceSetContentAsync) => IdCloudOperation.GetEvidenceSet,
        nameof(Models.IIdCloudProcessApi.SetProcessDocumentAsync) => IdCloudOperation.SetProcessDocument,
        nameof(Models.IIdCloudSignatureApi.GetSignedDocumentAsync) => IdCloudOperation.GetSignedDocument,
        nameof(Models.IIdCloudSignatureApi.GetSignatureEvidenceAsync) => IdCloudOperation.GetSignatureEvidence,
        nameof(ByClient.Wire.IIdCloudByClientApi.CreateByClientProcessAsync) => ByClient.ByClientOperations.CreateProcess,
        nameof(ByClient.Wire.IIdCloudByClientApi.GetByClientProcessAsync) => ByClient.ByClientOperations.GetProcess,
        nameof(ByClient.Wire.IIdCloudByClientApi.GetByClientProcessDetailsAsync) => ByClient.ByClientOperations.GetProcessDetails,
        nameof(ByClient.Wire.IIdCloudByClientApi.GetReusableDocumentsAsync) => ByClient.ByClientOperations.GetReusableDocuments,
        nameof(ByClient.Wire.IIdCloudByClientApi.VerifyDataAsync) => ByClient.ByClientOperations.VerifyData,
        _ => null,
    };

    private static string? MethodNameOf(HttpRequestMessage request) =>
        request.Options.TryGetValue(MethodNameKey, out var name) ? name : null;
}
