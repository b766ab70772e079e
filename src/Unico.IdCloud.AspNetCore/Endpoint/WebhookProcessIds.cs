using System.Text;
using Unico.IdCloud.Client;
using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.AspNetCore.Endpoint;

/// <summary>
/// What the receiver accepts as a process id, how one notification maps to one de-duplication key, and how an id
/// that was rejected may appear in a log.
/// </summary>
internal static class WebhookProcessIds
{
    /// <summary>Longer than any id IDCloud issues (a UUID is 36 characters) with room for other spellings.</summary>
    internal const int MaxLength = 128;

    private const int MaxLoggedLength = 40;

    private const string StatePrefix = "PROCESS_STATE_";

    /// <summary>
    /// A process id that could ever be valid: 1–128 characters of ASCII letters, digits and <c>- _ . { } ( )</c>,
    /// neither <c>.</c> alone nor containing <c>..</c>.
    /// Anything else (CR/LF, other control characters, spaces, quotes, 60 000 characters) cannot name a process:
    /// it is refused with 400 before it reaches a log line, a store key or a <c>GetProcess</c> call.
    /// </summary>
    public static bool IsPlausible(string processId)
    {
        if (processId.Length is 0 or > MaxLength)
        {
            return false;
        }

        foreach (var c in processId)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '{' or '}' or '(' or ')'))
            {
                return false;
            }
        }

        // "." and ".." are dot segments, and the SDK's clients refuse every id containing ".." (it would address
        // another resource): such an id could only reach the handler to fail its GetProcess.
        return processId != "." && !processId.Contains("..", StringComparison.Ordinal);
    }

    /// <summary>
    /// A state that could ever be one: 1–128 ASCII letters, digits and <c>_ - .</c> (<c>PROCESS_STATE_FINISHED</c>; an
    /// unknown value of that shape is still accepted). The state is logged and is part of the de-duplication key, so
    /// CR/LF would forge log lines and 60 000 characters would become a store key and a log line.
    /// </summary>
    public static bool IsPlausibleState(string state)
    {
        if (state.Length is 0 or > MaxLength)
        {
            return false;
        }

        foreach (var c in state)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The id used for de-duplication and for <c>GetProcess</c>: an id that parses as a GUID in any of its spellings
    /// (<c>D</c>, <c>N</c>, <c>{B}</c>, <c>(P)</c>, any letter case) becomes its lower-case <c>D</c> form, the form
    /// IDCloud issues; anything else is kept, lower-cased for the key only.
    /// </summary>
    public static string Canonical(string processId) =>
        Guid.TryParse(processId, out var guid) ? guid.ToString("D") : processId;

    /// <summary>
    /// One key per process and state: the canonical id, and the state upper-cased, a missing state being
    /// <c>PROCESS_STATE_FINISHED</c> (the only state IDCloud notifies). The older DevCenter webhook page names that
    /// state <c>finished</c>: a state without the <c>PROCESS_STATE_</c> prefix gets it, so both spellings of one
    /// notification are one key.
    /// </summary>
    public static IdCloudWebhookDeliveryKey KeyFor(IdCloudWebhookNotification notification)
    {
        var state = notification.State?.Value is { Length: > 0 } value ? value.Trim().ToUpperInvariant() : ProcessState.Finished.Value;
        if (!state.StartsWith(StatePrefix, StringComparison.Ordinal))
        {
            state = StatePrefix + state;
        }

        return new IdCloudWebhookDeliveryKey(Canonical(notification.ProcessId).ToLowerInvariant(), state);
    }

    /// <summary>A form of a rejected id that is safe to log: control and non-ASCII characters escaped, length capped.</summary>
    public static string ForLog(string processId)
    {
        var builder = new StringBuilder(MaxLoggedLength + 32);
        foreach (var c in processId.AsSpan(0, Math.Min(processId.Length, MaxLoggedLength)))
        {
            if (c is >= ' ' and <= '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        if (processId.Length > MaxLoggedLength)
        {
            builder.Append("…(").Append(processId.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(" chars)");
        }

        return builder.ToString();
    }
}
