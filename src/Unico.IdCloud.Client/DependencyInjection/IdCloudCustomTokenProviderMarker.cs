namespace Unico.IdCloud.Client.DependencyInjection;

/// <summary>Registered when the user brings their own token provider: the service account is then optional.</summary>
internal sealed class IdCloudCustomTokenProviderMarker;
