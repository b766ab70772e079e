namespace Unico.IdCloud.Client.Http;

/// <summary>Which IDCloud service a request goes to; the error shapes differ per service.</summary>
internal enum IdCloudApi
{
    /// <summary>The "by Unico" process API (<c>/client/v1/process</c>).</summary>
    Process,

    /// <summary>The signature API (<c>/api/v1/service/...</c>).</summary>
    Signature,

    /// <summary>The identity (token) service (<c>/oauth2/token</c>).</summary>
    Identity,

    /// <summary>The "by Client" API (<c>/processes/v1</c>): five-digit error codes, 403 for token problems.</summary>
    ByClient,
}
