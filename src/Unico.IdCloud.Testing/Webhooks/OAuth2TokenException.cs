namespace Unico.IdCloud.Testing;

/// <summary>
/// No access token could be obtained from the customer's provider. Its message becomes
/// <see cref="EmulatedWebhookDelivery.Error"/> and a log line, so it names the cause and the endpoint and never carries the
/// secret, a token or the provider's free-text body.
/// </summary>
internal sealed class OAuth2TokenException : Exception
{
    public OAuth2TokenException(string message)
        : base(message)
    {
    }

    public OAuth2TokenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
