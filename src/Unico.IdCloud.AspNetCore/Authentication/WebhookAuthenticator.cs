using System.Buffers;
using System.Buffers.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Unico.IdCloud.AspNetCore.Authentication;

/// <summary>
/// Checks the credential IDCloud presents, per <see cref="IdCloudWebhookOptions.Authentication"/>. Built once when
/// the endpoint is mapped, after <see cref="Create"/> has checked the configuration.
/// </summary>
internal sealed class WebhookAuthenticator
{
    private const int MaxCredentialLength = 8 * 1024;

    private readonly IdCloudWebhookAuthentication _mode;
    private readonly IReadOnlyList<ConstantTimeSecret> _basicSecrets;
    private readonly IReadOnlyList<(string Header, ConstantTimeSecret Value)> _apiKeys;
    private readonly Func<string, CancellationToken, ValueTask<bool>>? _bearerValidator;
    private readonly ILogger _logger;

    private WebhookAuthenticator(
        IdCloudWebhookAuthentication mode,
        IReadOnlyList<ConstantTimeSecret> basicSecrets,
        IReadOnlyList<(string Header, ConstantTimeSecret Value)> apiKeys,
        Func<string, CancellationToken, ValueTask<bool>>? bearerValidator,
        ILogger logger)
    {
        _mode = mode;
        _basicSecrets = basicSecrets;
        _apiKeys = apiKeys;
        _bearerValidator = bearerValidator;
        _logger = logger;
    }

    public IdCloudWebhookAuthentication Mode => _mode;

    /// <summary>The value of <c>WWW-Authenticate</c> on a 401, when the scheme has one.</summary>
    public string? Challenge => _mode switch
    {
        IdCloudWebhookAuthentication.Basic => "Basic realm=\"idcloud-webhook\", charset=\"UTF-8\"",
        IdCloudWebhookAuthentication.Bearer => "Bearer realm=\"idcloud-webhook\"",
        _ => null,
    };

    /// <summary>
    /// Checks the options and builds the authenticator; throws <see cref="InvalidOperationException"/> naming the
    /// setting to fix when the configuration cannot work.
    /// </summary>
    public static WebhookAuthenticator Create(
        IdCloudWebhookOptions options,
        IIdCloudWebhookBearerTokenValidator? validatorService,
        bool isProduction,
        ILogger logger)
    {
        switch (options.Authentication)
        {
            case IdCloudWebhookAuthentication.Basic:
            {
                var secrets = AllSecrets(options.BasicCredentials, options, nameof(IdCloudWebhookOptions.BasicCredentials));
                foreach (var secret in secrets)
                {
                    if (secret.IndexOf(':', StringComparison.Ordinal) <= 0)
                    {
                        throw Misconfigured($"{nameof(IdCloudWebhookOptions.BasicCredentials)} (and every entry of {nameof(IdCloudWebhookOptions.AdditionalSecrets)}) must be 'user:password', as registered with Unico.");
                    }
                }

                return new WebhookAuthenticator(options.Authentication, [.. secrets.Select(s => new ConstantTimeSecret(s))], [], null, logger);
            }

            case IdCloudWebhookAuthentication.ApiKey:
            {
                var keys = new List<(string, ConstantTimeSecret)>();
                foreach (var secret in AllSecrets(options.ApiKey, options, nameof(IdCloudWebhookOptions.ApiKey)))
                {
                    keys.Add(SplitApiKey(secret));
                }

                return new WebhookAuthenticator(options.Authentication, [], keys, null, logger);
            }

            case IdCloudWebhookAuthentication.Bearer:
            {
                Func<string, CancellationToken, ValueTask<bool>>? fromService =
                    validatorService is null ? null : (token, ct) => validatorService.ValidateAsync(token, ct);
                var validator = options.BearerTokenValidator
                    ?? fromService
                    ?? throw Misconfigured($"Bearer authentication needs {nameof(IdCloudWebhookOptions)}.{nameof(IdCloudWebhookOptions.BearerTokenValidator)} or an {nameof(IIdCloudWebhookBearerTokenValidator)} service to check the tokens IDCloud presents.");
                return new WebhookAuthenticator(options.Authentication, [], [], validator, logger);
            }

            case IdCloudWebhookAuthentication.None:
                if (isProduction)
                {
                    throw Misconfigured($"{nameof(IdCloudWebhookOptions.Authentication)} = None is for development only and is refused in the Production environment: anyone could call the webhook. Choose Basic, ApiKey or Bearer, as registered with Unico.");
                }

                WebhookLog.AuthenticationDisabled(logger);
                return new WebhookAuthenticator(options.Authentication, [], [], null, logger);

            default:
                throw Misconfigured($"Set {nameof(IdCloudWebhookOptions)}.{nameof(IdCloudWebhookOptions.Authentication)} to the scheme registered with Unico: Basic, ApiKey or Bearer (None only in development).");
        }
    }

    /// <summary>Whether the request carries an accepted credential. Never throws for a bad credential.</summary>
    public async ValueTask<bool> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        switch (_mode)
        {
            case IdCloudWebhookAuthentication.None:
                return true;

            case IdCloudWebhookAuthentication.Basic:
                return TryGetSingle(request.Headers.Authorization, out var basic)
                    && TryGetParameter(basic, "Basic", out var encoded)
                    && MatchesBasic(encoded);

            case IdCloudWebhookAuthentication.ApiKey:
            {
                var matched = false;
                foreach (var (header, value) in _apiKeys)
                {
                    // Every configured key is compared, even after a match, so timing says nothing about which one matched.
                    matched |= TryGetSingle(request.Headers[header], out var presented) && value.Matches(presented.Trim());
                }

                return matched;
            }

            case IdCloudWebhookAuthentication.Bearer:
            {
                if (!TryGetSingle(request.Headers.Authorization, out var bearer) || !TryGetParameter(bearer, "Bearer", out var token))
                {
                    return false;
                }

                try
                {
                    return await _bearerValidator!(token, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
#pragma warning disable CA1031 // A broken validator must answer 401, never 500 with details, and must be visible in the logs.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    WebhookLog.BearerValidatorFailed(_logger, ex);
                    return false;
                }
            }

            default:
                return false;
        }
    }

    private bool MatchesBasic(string encoded)
    {
        var maxLength = Base64.GetMaxDecodedFromUtf8Length(encoded.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(maxLength, 1));
        try
        {
            if (!Convert.TryFromBase64String(encoded, buffer, out var written))
            {
                return false;
            }

            return ConstantTimeSecret.MatchesAny(_basicSecrets, buffer.AsSpan(0, written));
        }
        finally
        {
            Array.Clear(buffer);
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool TryGetSingle(StringValues values, out string value)
    {
        value = values.Count == 1 ? values[0] ?? string.Empty : string.Empty;
        return values.Count == 1 && value.Length is > 0 and <= MaxCredentialLength;
    }

    /// <summary>Splits <c>Scheme parameter</c>; the scheme is matched case-insensitively as HTTP requires.</summary>
    private static bool TryGetParameter(string header, string scheme, out string parameter)
    {
        parameter = string.Empty;
        var trimmed = header.AsSpan().Trim();
        if (trimmed.Length <= scheme.Length + 1
            || !trimmed.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            || trimmed[scheme.Length] != ' ')
        {
            return false;
        }

        parameter = trimmed[(scheme.Length + 1)..].Trim().ToString();
        return parameter.Length > 0;
    }

    private static List<string> AllSecrets(string? primary, IdCloudWebhookOptions options, string settingName)
    {
        if (string.IsNullOrWhiteSpace(primary))
        {
            throw Misconfigured($"{options.Authentication} authentication needs {nameof(IdCloudWebhookOptions)}.{settingName}, exactly as registered with Unico.");
        }

        var secrets = new List<string> { primary };
        foreach (var extra in options.AdditionalSecrets)
        {
            if (string.IsNullOrWhiteSpace(extra))
            {
                throw Misconfigured($"{nameof(IdCloudWebhookOptions)}.{nameof(IdCloudWebhookOptions.AdditionalSecrets)} contains an empty entry.");
            }

            secrets.Add(extra);
        }

        return secrets;
    }

    /// <summary>Unico's rule: split on the first colon into header name and value; no colon → raw Authorization value.</summary>
    private static (string Header, ConstantTimeSecret Value) SplitApiKey(string apiKey)
    {
        var colon = apiKey.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return (HeaderNames.Authorization, new ConstantTimeSecret(apiKey.Trim()));
        }

        var header = apiKey[..colon].Trim();
        var value = apiKey[(colon + 1)..].Trim();
        if (header.Length == 0 || value.Length == 0 || !IsToken(header))
        {
            throw Misconfigured($"{nameof(IdCloudWebhookOptions.ApiKey)} is split on its first ':' into a header name and a value, as Unico does; the part before the colon must be a valid header name and the part after it must not be empty.");
        }

        return (header, new ConstantTimeSecret(value));
    }

    private static bool IsToken(string name)
    {
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return true;
    }

    private static InvalidOperationException Misconfigured(string message) => new("IDCloud webhook: " + message);
}
