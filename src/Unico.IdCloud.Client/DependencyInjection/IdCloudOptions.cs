using Unico.IdCloud.Client.ByClient;

namespace Unico.IdCloud.Client;

/// <summary>
/// Everything the SDK needs to talk to IDCloud. Bind it from configuration (section <see cref="DefaultSectionName"/>)
/// or set it in code through <c>services.AddIdCloud(options =&gt; ...)</c>. Validated at start-up; every message
/// names the configuration key to fix.
/// </summary>
public sealed class IdCloudOptions
{
    /// <summary>The configuration section the SDK binds by default: <c>IdCloud</c>.</summary>
    public const string DefaultSectionName = "IdCloud";

    /// <summary>UAT (default) or production. Picks the preset hosts for all three services.</summary>
    public IdCloudEnvironment Environment { get; set; } = IdCloudEnvironment.Uat;

    /// <summary>Which documented host family serves the process API (default <see cref="IdCloudProcessHostFamily.Cadastro"/>).</summary>
    public IdCloudProcessHostFamily ProcessHostFamily { get; set; } = IdCloudProcessHostFamily.Cadastro;

    /// <summary>Overrides the process API base address (e.g. an emulator). <c>http://</c> is accepted only for loopback.</summary>
    public Uri? ProcessApiBaseAddress { get; set; }

    /// <summary>Overrides the signature API base address. <c>http://</c> is accepted only for loopback.</summary>
    public Uri? SignatureApiBaseAddress { get; set; }

    /// <summary>Overrides the identity (token) host. <c>http://</c> is accepted only for loopback.</summary>
    public Uri? IdentityBaseAddress { get; set; }

    /// <summary>The service account used to obtain access tokens.</summary>
    public IdCloudServiceAccountOptions ServiceAccount { get; set; } = new();

    /// <summary>How access tokens are requested and cached.</summary>
    public IdCloudTokenOptions Token { get; set; } = new();

    /// <summary>Timeouts, retries and circuit breaker.</summary>
    public IdCloudResilienceOptions Resilience { get; set; } = new();

    /// <summary>The by Client API (<c>/processes/v1</c>): host override and named API keys (section <c>ByClient</c>).</summary>
    public IdCloudByClientOptions ByClient { get; set; } = new();

    /// <summary>The process API base address in effect: the override, else the preset for the environment and host family.</summary>
    public Uri GetProcessApiBaseAddress() => ProcessApiBaseAddress ?? IdCloudHosts.ProcessApi(Environment, ProcessHostFamily);

    /// <summary>The signature API base address in effect: the override, else the preset for the environment.</summary>
    public Uri GetSignatureApiBaseAddress() => SignatureApiBaseAddress ?? IdCloudHosts.SignatureApi(Environment);

    /// <summary>The identity host in effect: the override, else the preset for the environment. Also the assertion's <c>aud</c>.</summary>
    public Uri GetIdentityBaseAddress() => IdentityBaseAddress ?? IdCloudHosts.Identity(Environment);

    /// <summary>The by Client API base address in effect: <see cref="IdCloudByClientOptions.BaseAddress"/>, else the preset for the environment.</summary>
    public Uri GetByClientBaseAddress() => ByClient.BaseAddress ?? IdCloudHosts.ByClientApi(Environment);

    /// <inheritdoc />
    public override string ToString() =>
        $"IdCloudOptions {{ Environment = {Environment}, Process = {GetProcessApiBaseAddress()}, Signature = {GetSignatureApiBaseAddress()}, Identity = {GetIdentityBaseAddress()}, ServiceAccount = {ServiceAccount} }}";
}
