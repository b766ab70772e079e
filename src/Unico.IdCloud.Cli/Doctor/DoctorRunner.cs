using Microsoft.Extensions.Options;
using Unico.IdCloud.Cli.Settings;
using Unico.IdCloud.Client;

namespace Unico.IdCloud.Cli.Doctor;

/// <summary>
/// Runs the checks in order: the service account and the hosts offline first, then the SDK's own start-up
/// validation, then the network (the clock against the identity server, a real token request). The network checks
/// are skipped while an offline check fails: a token request with a known-bad setting only counts towards the
/// account's lock-out (1.2.18).
/// </summary>
internal static class DoctorRunner
{
    public static async Task<IReadOnlyList<CheckResult>> RunAsync(SettingsSource settings, TimeProvider time, CancellationToken cancellationToken)
    {
        var results = new List<CheckResult>
        {
            CheckResult.Pass("settings", settings.Path, "read from " + string.Join("; ", settings.Origins)),
        };
        results.AddRange(ServiceAccountChecks.Run(settings));
        results.AddRange(HostChecks.Run(settings));
        if (results.Any(r => r.Status == CheckStatus.Fail))
        {
            results.Add(CheckResult.Skip("clock", "skipped: fix the failures above first"));
            results.Add(CheckResult.Skip("token request", "skipped: fix the failures above first (failed token requests count towards the account's lock-out)"));
            return results;
        }

        IdCloudServices services;
        try
        {
            services = IdCloudServices.Create(settings);
            results.Add(CheckResult.Pass("sdk validation", settings.Path, "AddIdCloud accepts the settings"));
        }
        catch (OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures)
            {
                results.Add(CheckResult.Fail("sdk validation", settings.Path, failure, "Fix the setting the message names."));
            }

            results.Add(CheckResult.Skip("token request", "skipped: the SDK refuses the settings"));
            return results;
        }
        catch (IdCloudException ex) when (ex.Kind == IdCloudErrorKind.Configuration)
        {
            results.Add(CheckResult.Fail("sdk validation", ex.SettingName ?? settings.Path, ex.Message, "Fix the setting the message names."));
            results.Add(CheckResult.Skip("token request", "skipped: the SDK refuses the settings"));
            return results;
        }

        await using (services.ConfigureAwait(false))
        {
            var identity = services.Options.GetIdentityBaseAddress();
            var clock = await ClockCheck.RunAsync(identity, settings.Key("IdentityBaseAddress"), time, cancellationToken).ConfigureAwait(false);
            results.Add(clock);
            if (clock.Status == CheckStatus.Fail && clock.Setting != "system clock (NTP)")
            {
                results.Add(CheckResult.Skip("token request", "skipped: the identity host is unreachable"));
                return results;
            }

            results.Add(await TokenCheck.RunAsync(services, settings, time, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }
}
