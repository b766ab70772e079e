using System.Globalization;
using System.Text.Json;

namespace Unico.IdCloud.Testing;

/// <summary>
/// A CreateProcess body, validated like the real service: the code 3 messages of the vendor's Errors table, word for
/// word where documented; unknown fields are ignored. Checks run in the order a field appears in the vendor's
/// reference and the first failure is answered.
/// </summary>
internal sealed record CreateProcessRequest(
    FlowProfile Flow,
    string Purpose,
    string CallbackUri,
    PersonData? Person,
    string? ClientReference,
    string? CompanyBranchId,
    string? BioTokenId,
    IReadOnlyList<string> DocumentNames,
    TimeSpan ExpiresIn)
{
    public const int MaxFriendlyNameLength = 50;
    public static readonly TimeSpan DefaultExpiresIn = TimeSpan.FromDays(7);

    private static readonly HashSet<string> Purposes = new(StringComparer.Ordinal) { "creditprocess", "biometryonboarding", "carpurchase", "ageverification" };
    /// <summary>The <c>person.duiType</c> values the vendor's Create Process reference lists as accepted.</summary>
    private static readonly HashSet<string> DuiTypes = new(StringComparer.Ordinal)
    {
        "DUI_TYPE_BR_CPF", "DUI_TYPE_MX_CURP", "DUI_TYPE_US_SSN", "DUI_TYPE_BR_PASSPORT", "DUI_TYPE_AR_PASSPORT",
        "DUI_TYPE_AR_DNI", "DUI_TYPE_NG_NIN", "DUI_TYPE_CL_RUN", "DUI_TYPE_EC_NI", "DUI_TYPE_US_PASSPORT", "DUI_TYPE_GT_CUI",
        "DUI_TYPE_UY_CI", "DUI_TYPE_ZZ_EMAIL", "DUI_TYPE_ID_NIK", "DUI_TYPE_ZZ_PHONE_NUMBER", "DUI_TYPE_US_DRIVER_LICENSE",
        "DUI_TYPE_NG_BVN",
    };

    private static readonly HashSet<string> PhoneChannels = new(StringComparer.Ordinal) { "NOTIFICATION_CHANNEL_WHATSAPP", "NOTIFICATION_CHANNEL_SMS" };

    public static CreateProcessRequest? Parse(JsonElement body, out string? error)
    {
        error = null;
        if (body.ValueKind != JsonValueKind.Object)
        {
            error = "proto: syntax error: the request body must be a JSON object";
            return null;
        }

        var flow = FlowCatalog.Find(WireJson.GetString(body, "flow"));
        if (flow is null)
        {
            error = "invalid flow";
            return null;
        }

        var purpose = WireJson.GetString(body, "purpose");
        if (purpose is null || !Purposes.Contains(purpose))
        {
            error = "invalid purpose";
            return null;
        }

        var callbackUri = WireJson.GetString(body, "callbackUri");
        error = CheckCallbackUri(callbackUri);
        if (error is not null)
        {
            return null;
        }

        var person = ParsePerson(body, flow, out error);
        if (error is not null)
        {
            return null;
        }

        var bioTokenId = WireJson.GetString(body, "bioTokenId");
        if (flow.Has(FlowFeatures.BioToken) && string.IsNullOrEmpty(bioTokenId))
        {
            error = $"invalid bioTokenId: bioTokenId is required for flow {flow.Name}";
            return null;
        }

        if (!string.IsNullOrEmpty(bioTokenId) && !Guid.TryParseExact(bioTokenId, "D", out _))
        {
            error = "invalid bioTokenId";
            return null;
        }

        if (flow.Has(FlowFeatures.UseCaseRequired) && !WireJson.HasValue(body, "useCase"))
        {
            error = $"invalid useCase: useCase is required for flow {flow.Name}";
            return null;
        }

        var documentNames = ParseSignaturePayload(body, flow, out error);
        if (error is not null)
        {
            return null;
        }

        var expiresIn = DefaultExpiresIn;
        if (WireJson.HasValue(body, "expiresIn") && !TryParseDuration(body.GetProperty("expiresIn"), out expiresIn))
        {
            error = "invalid expiresIn: use a duration in seconds with a trailing s, such as \"3600s\"";
            return null;
        }

        return new CreateProcessRequest(
            flow,
            purpose,
            callbackUri!,
            person,
            WireJson.GetString(body, "clientReference"),
            WireJson.GetString(body, "companyBranchId"),
            string.IsNullOrEmpty(bioTokenId) ? null : bioTokenId,
            documentNames,
            expiresIn);
    }

    /// <summary>"/" (no redirect), a path, an https URL or an app URL scheme; never empty, blank-containing or plain http.</summary>
    private static string? CheckCallbackUri(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "invalid callbackUri: unable to parse callbackUri: parse \"\": empty url";
        }

        var malformed = value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            || !Uri.TryCreate(value, UriKind.RelativeOrAbsolute, out var uri)
            || (uri.IsAbsoluteUri && string.Equals(uri.Scheme, "http", StringComparison.OrdinalIgnoreCase));
        return malformed ? "invalid callbackUri: url: " + value : null;
    }

    private static PersonData? ParsePerson(JsonElement body, FlowProfile flow, out string? error)
    {
        error = null;
        if (!body.TryGetProperty("person", out var person) || person.ValueKind != JsonValueKind.Object)
        {
            error = "invalid person: person is required";
            return null;
        }

        var friendlyName = WireJson.GetString(person, "friendlyName");
        if (friendlyName is not null && friendlyName.EnumerateRunes().Count() > MaxFriendlyNameLength)
        {
            error = "invalid person: friendly name exceeds 50 characters.";
            return null;
        }

        var email = WireJson.GetString(person, "email");
        var phone = WireJson.GetString(person, "phone");
        var channels = new List<string>();
        if (person.TryGetProperty("notifications", out var notifications) && notifications.ValueKind == JsonValueKind.Array)
        {
            foreach (var notification in notifications.EnumerateArray())
            {
                var channel = WireJson.GetString(notification, "notificationChannel") ?? string.Empty;
                error = CheckChannel(channel, email, phone);
                if (error is not null)
                {
                    return null;
                }

                channels.Add(channel);
            }
        }

        if (flow.Has(FlowFeatures.Signature) && !IsEmail(email))
        {
            error = "invalid person: email required for electronic signature flows";
            return null;
        }

        var duiType = WireJson.GetString(person, "duiType");
        var duiValue = WireJson.GetString(person, "duiValue");
        if (!WireJson.HasValue(person, "duiType") && !WireJson.HasValue(person, "duiValue"))
        {
            // No document at all: the process waits for one (PROCESS_STATE_AWAITING_FOR_DOCUMENT, Set Process Document).
            return new PersonData(null, null, friendlyName, phone, email, channels);
        }

        if (duiType is null || !DuiTypes.Contains(duiType))
        {
            error = "invalid person: invalid dui type";
            return null;
        }

        var duiValid = duiType == "DUI_TYPE_BR_CPF" ? CpfCheckDigits.IsValid(duiValue) : !string.IsNullOrWhiteSpace(duiValue);
        if (!duiValid)
        {
            error = "idnsv2/GetPublicID request error: rpc error: code = InvalidArgument desc = invalid dui value";
            return null;
        }

        return new PersonData(duiType, duiValue, friendlyName, phone, email, channels);
    }

    private static string? CheckChannel(string channel, string? email, string? phone)
    {
        if (channel == "NOTIFICATION_CHANNEL_EMAIL")
        {
            if (string.IsNullOrEmpty(email))
            {
                return "invalid person: email required for notification channel NOTIFICATION_CHANNEL_EMAIL";
            }

            return IsEmail(email) ? null : "invalid person: invalid email address for notification channel NOTIFICATION_CHANNEL_EMAIL";
        }

        if (PhoneChannels.Contains(channel))
        {
            if (string.IsNullOrEmpty(phone))
            {
                return "invalid person: phone number required for notification channel " + channel;
            }

            return phone.Length == 13 ? null : "invalid person: phone number does not contain 13 chars for notification channel " + channel;
        }

        return "invalid person: invalid notification channel " + channel;
    }

    private static bool IsEmail(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Any(char.IsWhiteSpace))
        {
            return false;
        }

        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != value.LastIndexOf('@'))
        {
            return false;
        }

        var domain = value[(at + 1)..];
        var dot = domain.LastIndexOf('.');
        return dot > 0 && dot < domain.Length - 1;
    }

    /// <summary>E-signature flows need <c>payload[].envelopePayload.documents[]</c>, each with a name and a base64 PDF.</summary>
    private static List<string> ParseSignaturePayload(JsonElement body, FlowProfile flow, out string? error)
    {
        error = null;
        var names = new List<string>();
        if (!flow.Has(FlowFeatures.Signature))
        {
            return names;
        }

        var missing = $"invalid payload: envelopePayload.documents with documentName and fileContents is required for flow {flow.Name}";
        if (!body.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Array)
        {
            error = missing;
            return names;
        }

        foreach (var item in payload.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object
                || !item.TryGetProperty("envelopePayload", out var envelope)
                || envelope.ValueKind != JsonValueKind.Object
                || !envelope.TryGetProperty("documents", out var documents)
                || documents.ValueKind != JsonValueKind.Array)
            {
                error = missing;
                return names;
            }

            foreach (var document in documents.EnumerateArray())
            {
                var name = WireJson.GetString(document, "documentName");
                var contents = WireJson.GetString(document, "fileContents");
                if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(contents))
                {
                    error = missing;
                    return names;
                }

                if (!IsBase64Pdf(contents))
                {
                    error = $"invalid payload: fileContents of document {name} is not a base64-encoded PDF";
                    return names;
                }

                names.Add(name);
            }
        }

        if (names.Count == 0)
        {
            error = missing;
        }

        return names;
    }

    private static bool IsBase64Pdf(string contents)
    {
        var probe = new byte[((contents.Length + 3) / 4 * 3) + 3];
        return Convert.TryFromBase64String(contents, probe, out var written)
            && written >= 5
            && probe.AsSpan(0, 5).SequenceEqual("%PDF-"u8);
    }

    /// <summary>protobuf Duration JSON: <c>"3600s"</c>, <c>"1.5s"</c>; positive, at most ten years.</summary>
    private static bool TryParseDuration(JsonElement value, out TimeSpan duration)
    {
        duration = default;
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
        if (text.Length < 2 || text[^1] != 's'
            || !decimal.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            || seconds <= 0 || seconds > 10 * 366 * 86400m)
        {
            return false;
        }

        duration = TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond));
        return true;
    }
}
