using System.Globalization;
using System.Text.Json;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Cli.Output;

/// <summary>
/// Shows a process the same way in every command: its state and result, the verdicts in authenticationInfo, and
/// the SDK's interpretation. Personal data is masked; the process's SDK token is never shown.
/// </summary>
internal static class ProcessPrinter
{
    public static void Print(CliConsole console, IdCloudProcess process)
    {
        var summary = process.Interpret();
        if (console.Json)
        {
            console.WriteJson(w => Write(w, process, summary));
            return;
        }

        console.Line($"process:     {process.Id}");
        console.Line($"flow:        {process.Flow?.Value}");
        console.Line($"purpose:     {process.Purpose?.Value}");
        console.Line($"state:       {process.State.Value}");
        console.Line($"result:      {process.Result?.Value}");
        if (process.Person is { } person)
        {
            console.Line($"person:      {person.FriendlyName} ({person.DuiType?.Value} {Redact.Cpf(person.DuiValue)})");
        }

        if (!string.IsNullOrEmpty(process.ClientReference))
        {
            console.Line($"reference:   {process.ClientReference}");
        }

        if (!string.IsNullOrEmpty(process.UserRedirectUrl) && process.State == ProcessState.Created)
        {
            console.Line($"redirect:    {process.UserRedirectUrl}");
        }

        console.Line($"created:     {Time(process.CreatedAt)}");
        console.Line($"finished:    {Time(process.FinishedAt)}");
        console.Line($"expires:     {Time(process.ExpiresAt)}");
        if (process.AuthenticationInfo is { } info)
        {
            console.Line($"liveness:    {info.LivenessResult?.Value}");
            console.Line($"identity:    {info.AuthenticationResult?.Value}");
            console.Line($"fraudsters:  {info.IdentityFraudstersResult?.Value}");
            if (info.ScoreEnabled is not null || info.Score is not null)
            {
                console.Line(string.Create(CultureInfo.InvariantCulture, $"score:       {info.Score} ({ScoreEnabledText(info)})"));
            }
        }

        console.Line($"outcome:     {summary.Outcome}{(summary.IsFinal ? string.Empty : " (not final)")}");
        console.Line($"reasons:     {string.Join(", ", summary.Reasons)}");
        console.Line($"explanation: {summary.Explanation}");
    }

    public static void Write(Utf8JsonWriter w, IdCloudProcess process, IdCloudProcessSummary summary)
    {
        w.WriteStartObject();
        w.WriteString("id", process.Id);
        w.WriteString("flow", process.Flow?.Value);
        w.WriteString("purpose", process.Purpose?.Value);
        w.WriteString("state", process.State.Value);
        w.WriteString("result", process.Result?.Value);
        w.WriteString("clientReference", process.ClientReference);
        w.WriteString("userRedirectUrl", process.UserRedirectUrl);
        WriteTime(w, "createdAt", process.CreatedAt);
        WriteTime(w, "finishedAt", process.FinishedAt);
        WriteTime(w, "expiresAt", process.ExpiresAt);
        if (process.Person is { } person)
        {
            w.WriteStartObject("person");
            w.WriteString("duiType", person.DuiType?.Value);
            w.WriteString("duiValue", Redact.Cpf(person.DuiValue));
            w.WriteString("friendlyName", person.FriendlyName);
            w.WriteString("email", Redact.Email(person.Email));
            w.WriteString("phone", Redact.Phone(person.Phone));
            w.WriteEndObject();
        }

        if (process.AuthenticationInfo is { } info)
        {
            w.WriteStartObject("authenticationInfo");
            w.WriteString("authenticationId", info.AuthenticationId);
            w.WriteString("livenessResult", info.LivenessResult?.Value);
            w.WriteString("authenticationResult", info.AuthenticationResult?.Value);
            w.WriteString("identityFraudstersResult", info.IdentityFraudstersResult?.Value);
            if (info.ScoreEnabled is not null || info.Score is not null)
            {
                w.WriteString("scoreEnabled", ScoreEnabledText(info));
                if (info.Score is { } value)
                {
                    w.WriteNumber("score", value);
                }
            }

            w.WriteEndObject();
        }

        w.WriteStartObject("interpretation");
        w.WriteString("outcome", summary.Outcome.ToString());
        w.WriteBoolean("isFinal", summary.IsFinal);
        w.WriteStartArray("reasons");
        foreach (var reason in summary.Reasons)
        {
            w.WriteStringValue(reason.ToString());
        }

        w.WriteEndArray();
        w.WriteString("explanation", summary.Explanation);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static string Time(DateTimeOffset? value) => value?.ToString("u", CultureInfo.InvariantCulture) ?? "-";

    private static void WriteTime(Utf8JsonWriter w, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            w.WriteString(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    // The wire text, as the printer shows every other verdict (SCORE_ENABLED_TRUE / SCORE_ENABLED_FALSE).
    private static string? ScoreEnabledText(AuthenticationInfo info) => info.ScoreEnabled switch
    {
        true => "SCORE_ENABLED_TRUE",
        false => "SCORE_ENABLED_FALSE",
        null => null,
    };
}
