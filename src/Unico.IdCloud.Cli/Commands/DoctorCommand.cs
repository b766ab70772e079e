using System.CommandLine;
using Unico.IdCloud.Cli.Doctor;
using Unico.IdCloud.Cli.Output;
using Unico.IdCloud.Cli.Settings;

namespace Unico.IdCloud.Cli.Commands;

/// <summary><c>idcloud doctor</c>: checks the settings one by one and says what to fix; exits 1 on any failure.</summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var command = new Command("doctor", "Check the IdCloud settings one by one (key, tenant, hosts, audience, clock, a real token request) and say what to fix.");
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, cancellationToken, async console =>
        {
            var settings = SettingsSource.Load(parse);
            var results = await DoctorRunner.RunAsync(settings, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            var failed = results.Count(r => r.Status == CheckStatus.Fail);
            var warned = results.Count(r => r.Status == CheckStatus.Warn);
            var passed = results.Count(r => r.Status == CheckStatus.Pass);
            if (console.Json)
            {
                console.WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteBoolean("ok", failed == 0);
                    w.WriteNumber("failed", failed);
                    w.WriteNumber("warnings", warned);
                    w.WriteNumber("passed", passed);
                    w.WriteStartArray("checks");
                    foreach (var r in results)
                    {
                        w.WriteStartObject();
                        w.WriteString("name", r.Name);
                        w.WriteString("status", r.Status.ToString().ToLowerInvariant());
                        w.WriteString("setting", r.Setting);
                        w.WriteString("message", r.Message);
                        w.WriteString("fix", r.Fix);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                });
            }
            else
            {
                foreach (var r in results)
                {
                    var mark = r.Status switch
                    {
                        CheckStatus.Pass => "[ ok ]",
                        CheckStatus.Warn => "[warn]",
                        CheckStatus.Fail => "[FAIL]",
                        _ => "[skip]",
                    };
                    console.Line($"{mark} {r.Name}: {r.Message}");
                    if (r.Fix is not null)
                    {
                        console.Line($"       fix: {r.Fix}");
                    }
                }

                console.Line();
                console.Line($"{passed} passed, {warned} warnings, {failed} failed");
            }

            return failed == 0 ? ExitCodes.Success : ExitCodes.Failure;
        }));
        return command;
    }
}
