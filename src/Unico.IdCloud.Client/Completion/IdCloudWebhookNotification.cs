using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Client;

/// <summary>
/// What IDCloud's webhook says: a process reached a state. It carries <b>no verdict</b> and no signature — read the
/// result with <c>GetProcess</c>. Unico delivers it at least once, so the same notification can arrive more than once.
/// </summary>
/// <remarks>
/// Wire shape: <c>{"processId":"…","state":"PROCESS_STATE_FINISHED","flow":"id"}</c>, plus <c>lastEvent</c> and
/// <c>lastEventDescription</c> when the process expired before the person finished. Only <see cref="ProcessId"/>
/// is required; every other member is optional and kept as sent. Nothing personal is in a notification.
/// </remarks>
public sealed class IdCloudWebhookNotification
{
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 32,
    };

    /// <summary>Creates a notification for a process.</summary>
    /// <param name="processId">The process the notification is about; not empty.</param>
    /// <exception cref="ArgumentException"><paramref name="processId"/> is null, empty or white space.</exception>
    public IdCloudWebhookNotification(string processId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(processId);
        ProcessId = processId;
    }

    /// <summary>The process id (a UUID), exactly as sent.</summary>
    public string ProcessId { get; }

    /// <summary>
    /// The state the process reached (today always <see cref="ProcessState.Finished"/>); <see langword="null"/> when not
    /// sent. An unknown value is kept verbatim.
    /// </summary>
    public ProcessState? State { get; init; }

    /// <summary>The flow the process ran, e.g. <c>idunicosign</c>; <see langword="null"/> when not sent.</summary>
    public Flow? Flow { get; init; }

    /// <summary>
    /// The last journey event (<c>EVENT_TYPE_*</c>), sent only when the process expired before the person finished.
    /// </summary>
    public string? LastEvent { get; init; }

    /// <summary>A description of <see cref="LastEvent"/>, when sent.</summary>
    public string? LastEventDescription { get; init; }

    /// <summary>
    /// Reads a notification body tolerantly: unknown members are ignored, member names match regardless of case and
    /// of <c>_</c> (so <c>processId</c>, <c>ProcessId</c> and <c>process_id</c> all work), optional members of an
    /// unexpected JSON type are treated as absent, comments and trailing commas are accepted, and a UTF-8 byte
    /// order mark is skipped. Never throws: a body that is not valid UTF-8 (or not JSON at all) is simply unusable.
    /// </summary>
    /// <param name="utf8Json">The raw request body.</param>
    /// <param name="notification">The notification, when the body is usable.</param>
    /// <returns>
    /// <see langword="false"/> when the body is not valid UTF-8, not a JSON object, has no non-empty string
    /// <c>processId</c>, or names one of the members above twice (in any spelling).
    /// </returns>
    public static bool TryParse(ReadOnlySpan<byte> utf8Json, [NotNullWhen(true)] out IdCloudWebhookNotification? notification)
    {
        notification = null;
        if (utf8Json.StartsWith("\uFEFF"u8))
        {
            utf8Json = utf8Json[3..];
        }

        // The reader validates the JSON structure but only transcodes strings on GetString(), where invalid UTF-8
        // throws InvalidOperationException; a receiver must answer 400 for such a body, never 500.
        if (!System.Text.Unicode.Utf8.IsValid(utf8Json))
        {
            return false;
        }

        string? processId = null, state = null, flow = null, lastEvent = null, lastEventDescription = null;
        try
        {
            var reader = new Utf8JsonReader(utf8Json, ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var seen = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var member = Classify(reader.GetString());

                // A member named twice (in any spelling: processId and process_id fold together) is ambiguous: a proxy
                // or log that reads the first and this parser the last would disagree on which process finished, so
                // the body is refused rather than read last-wins, as the SDK refuses duplicates in API answers.
                if (member != Member.Other)
                {
                    var bit = 1 << (int)member;
                    if ((seen & bit) != 0)
                    {
                        return false;
                    }

                    seen |= bit;
                }

                reader.Read();
                var value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }

                switch (member)
                {
                    case Member.ProcessId: processId = value; break;
                    case Member.State: state = value; break;
                    case Member.Flow: flow = value; break;
                    case Member.LastEvent: lastEvent = value; break;
                    case Member.LastEventDescription: lastEventDescription = value; break;
                    default: break;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject)
            {
                return false;
            }

            // Anything after the object (a second document, stray text) makes the body malformed.
            if (reader.Read())
            {
                return false;
            }
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            // Belt and braces: GetString() on text that cannot be transcoded. Checked above, kept so a Try method
            // stays a Try method whatever the reader's rules become.
            return false;
        }

        if (string.IsNullOrWhiteSpace(processId))
        {
            return false;
        }

        notification = new IdCloudWebhookNotification(processId.Trim())
        {
            // Trimmed like the id: white space around an enum name is a sender's formatting, not part of the value.
            State = NullIfBlank(state) is { } stateValue ? new ProcessState(stateValue.Trim()) : null,
            Flow = NullIfBlank(flow) is { } flowValue ? new Flow(flowValue) : null,
            LastEvent = NullIfBlank(lastEvent),
            LastEventDescription = NullIfBlank(lastEventDescription),
        };
        return true;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"IdCloudWebhookNotification {{ ProcessId = {ProcessId}, State = {State}, Flow = {Flow}, LastEvent = {LastEvent} }}";

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static Member Classify(string? name)
    {
        if (name is null || name.Length > 64)
        {
            return Member.Other;
        }

        Span<char> folded = stackalloc char[name.Length];
        var length = 0;
        foreach (var c in name)
        {
            if (c is not ('_' or '-'))
            {
                folded[length++] = char.ToLowerInvariant(c);
            }
        }

        return folded[..length] switch
        {
            "processid" => Member.ProcessId,
            "state" => Member.State,
            "flow" => Member.Flow,
            "lastevent" => Member.LastEvent,
            "lasteventdescription" => Member.LastEventDescription,
            _ => Member.Other,
        };
    }

    private enum Member
    {
        Other,
        ProcessId,
        State,
        Flow,
        LastEvent,
        LastEventDescription,
    }
}
