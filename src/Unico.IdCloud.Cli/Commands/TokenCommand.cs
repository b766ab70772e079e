using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Unico.IdCloud.Cli.Output;
using Unico.IdCloud.Cli.Settings;
using Unico.IdCloud.Cli.Tokens;

namespace Unico.IdCloud.Cli.Commands;

/// <summary>
/// <c>idcloud token [--decode] [--show-token]</c>: obtains an access token through the SDK and prints its type and
/// expiry (and with <c>--decode</c> its claims). The token itself is printed only with <c>--show-token</c>.
/// </summary>
internal static class TokenCommand
{
    public static Command Create()
    {
        var decode = new Option<bool>("--decode") { Description = "Also print the token's claims (the token is a JWT; nothing is verified)." };
        var show = new Option<bool>("--show-token") { Description = "Print the access token itself. It is a credential: keep it out of logs and shell history." };
        var command = new Command("token", "Obtain an access token with the configured service account and print its expiry (never the token unless --show-token).") { decode, show };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, cancellationToken, async console =>
        {
            var settings = SettingsSource.Load(parse);
            await using var services = IdCloudServices.Create(settings);
            var token = await services.Tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            using var claims = parse.GetValue(decode) ? JwtPayload.TryRead(token.Value) : null;
            var showToken = parse.GetValue(show);
            var expiresIn = (long)Math.Max(0, (token.ExpiresOn - DateTimeOffset.UtcNow).TotalSeconds);
            if (console.Json)
            {
                console.WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("tokenType", token.TokenType);
                    w.WriteString("expiresOn", token.ExpiresOn);
                    w.WriteNumber("expiresInSeconds", expiresIn);
                    if (claims is not null)
                    {
                        w.WritePropertyName("claims");
                        claims.RootElement.WriteTo(w);
                    }

                    if (showToken)
                    {
                        w.WriteString("accessToken", token.Value);
                    }

                    w.WriteEndObject();
                });
                return ExitCodes.Success;
            }

            console.Line($"token type:  {token.TokenType}");
            console.Line(string.Create(CultureInfo.InvariantCulture, $"expires on:  {token.ExpiresOn:u} (in {expiresIn / 60} min {expiresIn % 60} s)"));
            if (parse.GetValue(decode))
            {
                if (claims is null)
                {
                    console.Line("claims:      (the token is not a JWT; nothing to decode)");
                }
                else
                {
                    console.Line("claims:");
                    foreach (var claim in claims.RootElement.EnumerateObject())
                    {
                        console.Line($"  {claim.Name} = {Describe(claim.Value)}");
                    }
                }
            }

            console.Line(showToken ? token.Value : "(the token itself is not shown; add --show-token to print it)");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Describe(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds) && seconds > 1_000_000_000 && seconds < 10_000_000_000)
        {
            // iat/exp/nbf are Unix seconds: show them readable too.
            return string.Create(CultureInfo.InvariantCulture, $"{seconds} ({DateTimeOffset.FromUnixTimeSeconds(seconds):u})");
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : value.GetRawText();
    }
}
