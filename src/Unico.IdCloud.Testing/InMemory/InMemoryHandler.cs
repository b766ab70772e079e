namespace Unico.IdCloud.Testing;

/// <summary>
/// The in-memory emulator's client side: TestServer's handler, with its failures shaped like a socket handler's, so a
/// client's transport-error handling is exercised as over the network (a dropped connection is an
/// <see cref="HttpRequestException"/>, not TestServer's own exception), and Kestrel's request-size limit kept.
/// </summary>
internal sealed class InMemoryHandler : DelegatingHandler
{
    private readonly long _maxRequestBodySize;

    public InMemoryHandler(HttpMessageHandler testServerHandler, long maxRequestBodySize)
        : base(testServerHandler)
    {
        _maxRequestBodySize = maxRequestBodySize;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content?.Headers.ContentLength > _maxRequestBodySize)
        {
            // What Kestrel answers over sockets (the dispatcher turns its BadHttpRequestException into this).
            return new HttpResponseMessage(System.Net.HttpStatusCode.RequestEntityTooLarge)
            {
                RequestMessage = request,
                Content = new StringContent("Request body too large. The max request body size is " + _maxRequestBodySize + " bytes."),
            };
        }

        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            // An injected abort: TestServer reports "The application aborted the request." as a cancellation the caller
            // never asked for; over sockets the same drop is an HttpRequestException.
            throw new HttpRequestException(HttpRequestError.ResponseEnded, "The IDCloud emulator dropped the connection (in memory): " + exception.Message, exception);
        }
    }
}
