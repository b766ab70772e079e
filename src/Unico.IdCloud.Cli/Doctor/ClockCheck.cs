using System.Globalization;

namespace Unico.IdCloud.Cli.Doctor;

/// <summary>
/// Compares this machine's clock with the identity server's <c>Date</c> header. Assertions carry <c>iat</c>/<c>exp</c>
/// from the local clock and Unico documents no tolerated skew: a clock behind by more than the assertion lifetime
/// gets 1.2.4, one ahead risks "iat in the future".
/// </summary>
internal static class ClockCheck
{
    /// <summary>Above this the run fails.</summary>
    public static readonly TimeSpan FailAbove = TimeSpan.FromSeconds(30);

    /// <summary>Above this (and up to <see cref="FailAbove"/>) the run warns.</summary>
    public static readonly TimeSpan WarnAbove = TimeSpan.FromSeconds(5);

    private const string Name = "clock";
    private const string Setting = "system clock (NTP)";

    public static async Task<CheckResult> RunAsync(Uri identity, string identityKey, TimeProvider time, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
        var root = new Uri(identity.GetLeftPart(UriPartial.Authority) + "/");
        DateTimeOffset before, after;
        DateTimeOffset? serverDate;
        try
        {
            before = time.GetUtcNow();
            using var response = await http.GetAsync(root, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            after = time.GetUtcNow();
            serverDate = response.Headers.Date;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return CheckResult.Fail(Name, identityKey, $"the identity host {root.Authority} could not be reached ({ex.GetType().Name}: {ex.Message}).", $"Check the network, proxy and firewall, and {identityKey} (or the Environment preset).");
        }

        if (serverDate is not { } date)
        {
            return CheckResult.Warn(Name, Setting, $"{root.Authority} sent no Date header; the clock could not be compared.", "Make sure this machine's clock is synchronised (NTP).");
        }

        // The server stamped its Date somewhere between our send and receive; HTTP dates have whole seconds.
        var local = before + ((after - before) / 2);
        var skew = local - date;
        var magnitude = skew.Duration();
        var direction = skew > TimeSpan.Zero ? "ahead of" : "behind";
        var seconds = Math.Round(magnitude.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        var serverText = date.ToString("u", CultureInfo.InvariantCulture);
        if (magnitude > FailAbove)
        {
            return CheckResult.Fail(
                Name,
                Setting,
                $"this machine's clock is {seconds} s {direction} the identity server (its Date header says {serverText}). Assertions use this clock for iat/exp: the identity service answers 1.2.4 (expired) or refuses them.",
                "Synchronise this machine's clock with NTP (e.g. `timedatectl set-ntp true`, chrony or w32time), then run `idcloud doctor` again.");
        }

        if (magnitude > WarnAbove)
        {
            return CheckResult.Warn(Name, Setting, $"this machine's clock is {seconds} s {direction} the identity server.", "Synchronise this machine's clock with NTP.");
        }

        return CheckResult.Pass(Name, Setting, $"within {WarnAbove.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s of {root.Authority} (HTTP dates have whole seconds)");
    }
}
