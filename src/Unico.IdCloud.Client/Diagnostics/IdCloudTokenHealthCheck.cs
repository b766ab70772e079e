using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Unico.IdCloud.Client.Diagnostics;

/// <summary>
/// Reports whether the SDK can obtain an IDCloud access token: Healthy when it can, otherwise the registration's
/// failure status with the failure's kind, code and HTTP status (never the token, the assertion or the key).
/// Register it with <c>services.AddHealthChecks().AddCheck&lt;IdCloudTokenHealthCheck&gt;("idcloud")</c>.
/// </summary>
/// <remarks>
/// The check asks the shared token provider, so while a cached token is valid it costs nothing and sends no request;
/// after a misconfiguration error the provider throttles token requests, so probing does not risk locking the
/// account.
/// </remarks>
internal sealed class IdCloudTokenHealthCheck : IHealthCheck
{
    private readonly IIdCloudTokenProvider _tokenProvider;
    private readonly ILogger _logger;

    /// <summary>Creates the health check.</summary>
    /// <param name="tokenProvider">The provider whose tokens the SDK uses.</param>
    /// <param name="logger">Receives a warning when the check fails.</param>
    public IdCloudTokenHealthCheck(IIdCloudTokenProvider tokenProvider, ILogger<IdCloudTokenHealthCheck>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(tokenProvider);
        _tokenProvider = tokenProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var failureStatus = context?.Registration?.FailureStatus ?? HealthStatus.Unhealthy;
        try
        {
            var token = await _tokenProvider.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy(
                "An IDCloud access token is available.",
                new Dictionary<string, object> { ["expiresOn"] = token.ExpiresOn.ToString("O", CultureInfo.InvariantCulture) });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (IdCloudException ex)
        {
            var statusCode = ex.StatusCode is { } status ? (int?)status : null;
            IdCloudLog.TokenHealthCheckFailed(_logger, ex.Kind, ex.ErrorCode, statusCode);
            var data = new Dictionary<string, object> { ["kind"] = ex.Kind.ToString() };
            if (ex.ErrorCode is not null)
            {
                data["errorCode"] = ex.ErrorCode;
            }

            if (statusCode is not null)
            {
                data["statusCode"] = statusCode.Value;
            }

            var description = $"No IDCloud access token: {ex.Kind} (code {ex.ErrorCode ?? "none"}, HTTP {(statusCode?.ToString(CultureInfo.InvariantCulture) ?? "none")}).";
            if (ex is IdCloudException { Kind: IdCloudErrorKind.Authentication or IdCloudErrorKind.Unauthenticated, Advice: { } advice })
            {
                description += " " + advice;
            }

            return new HealthCheckResult(failureStatus, description, exception: null, data);
        }
#pragma warning disable CA1031 // A health check reports failures; it must not throw them.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            IdCloudLog.TokenHealthCheckFailed(_logger, IdCloudErrorKind.Unknown, errorCode: null, statusCode: null);
            return new HealthCheckResult(
                failureStatus,
                $"No IDCloud access token: unexpected {ex.GetType().Name}.",
                exception: null,
                new Dictionary<string, object> { ["kind"] = nameof(IdCloudErrorKind.Unknown) });
        }
    }
}
