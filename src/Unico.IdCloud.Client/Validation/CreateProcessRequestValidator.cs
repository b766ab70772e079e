using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Unico.IdCloud.Client.Diagnostics;
using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Client.Validation;

/// <summary>
/// Checks a <see cref="CreateProcessRequest"/> before it is sent, so that mistakes IDCloud would reject with a
/// terse code 3 (or worse, a billable process that cannot complete) are reported at once, all of them, with the JSON
/// path of each field and what to do.
/// </summary>
/// <remarks>
/// <para>
/// Rules (from the CreateProcess documentation and its error table): <c>flow</c> and <c>purpose</c> present;
/// <c>callbackUri</c> is <c>/</c>, a path (<c>/path/to/url</c>, as in the vendor's samples), an absolute https URL or an
/// app URL scheme (<c>myapp://callback</c>; plain http and protocol-relative <c>//host</c> are refused); a CPF <c>duiValue</c> is 11 digits with valid check digits; <c>friendlyName</c> has at most 50
/// characters; <c>phone</c> has exactly 13 digits when a WhatsApp or SMS notification is asked for; <c>email</c> is a
/// valid address when an e-mail notification is asked for and in e-signature flows; e-signature flows carry at least
/// one document, each with a name and PDF content (<c>%PDF-</c>); 1:1 validation flows carry a GUID
/// <c>bioTokenId</c>; the <c>idsmart</c> flow carries a <c>useCase</c>; <c>expiresIn</c>, when set, is positive.
/// </para>
/// <para>
/// Unknown flows and purposes are let through (the vocabulary grows faster than the SDK); a deprecated flow logs a
/// warning instead of failing. Messages never repeat the CPF, phone or e-mail they complain about.
/// </para>
/// </remarks>
internal sealed partial class CreateProcessRequestValidator
{
    /// <summary>The most characters IDCloud accepts in <c>person.friendlyName</c>.</summary>
    public const int MaxFriendlyNameLength = 50;

    /// <summary>The digits of a phone number for WhatsApp/SMS: country code + area code + number.</summary>
    public const int PhoneDigits = 13;

    private static ReadOnlySpan<byte> PdfMagic => "%PDF-"u8;

    private readonly ILogger _logger;

    /// <summary>Creates the validator.</summary>
    /// <param name="logger">Receives the deprecated-flow warning.</param>
    public CreateProcessRequestValidator(ILogger<CreateProcessRequestValidator>? logger = null)
    {
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Throws when <paramref name="request"/> has any problem, listing them all.</summary>
    /// <exception cref="IdCloudValidationException">The request is invalid; nothing was sent.</exception>
    public void Validate(CreateProcessRequest request)
    {
        var errors = GetErrors(request);
        if (errors.Count > 0)
        {
            throw new IdCloudValidationException(errors);
        }
    }

    /// <summary>Every problem of <paramref name="request"/>, in field order; empty when it is valid.</summary>
    public IReadOnlyList<IdCloudValidationError> GetErrors(CreateProcessRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<IdCloudValidationError>();
        var flow = request.Flow;
        var hasFlow = !string.IsNullOrWhiteSpace(flow.Value);

        CheckCallbackUri(request.CallbackUri, errors);

        if (!hasFlow)
        {
            errors.Add(new("flow", "is required: use the flow agreed with Unico, e.g. Flow.IdLive or Flow.IdUnicoSign."));
        }
        else if (flow.IsDeprecated)
        {
            IdCloudLog.DeprecatedFlow(_logger, flow.Value);
        }

        if (hasFlow && flow.Has(FlowCapabilities.OneToOneValidation))
        {
            CheckBioTokenId(request.BioTokenId, flow, errors);
        }

        if (flow == Flow.IdSmart && string.IsNullOrWhiteSpace(request.UseCase))
        {
            // The CreateProcess reference of the newer portal: useCase is mandatory for idsmart; without it the API
            // answers code 3 (the emulator does too).
            errors.Add(new("useCase", "is required for the flow 'idsmart': pass the use case agreed with Unico."));
        }

        var isSignatureFlow = hasFlow && flow.Has(FlowCapabilities.ElectronicSignature);
        CheckPerson(request.Person, flow, isSignatureFlow, errors);

        if (string.IsNullOrWhiteSpace(request.Purpose.Value))
        {
            errors.Add(new("purpose", "is required, e.g. Purpose.CreditProcess or Purpose.BiometryOnboarding."));
        }

        if (request.ExpiresIn is { } expiresIn && expiresIn <= TimeSpan.Zero)
        {
            errors.Add(new("expiresIn", "must be positive (or left out for the 7-day default)."));
        }

        CheckPayload(request.Payload, flow, isSignatureFlow, errors);
        return errors;
    }

    private static void CheckCallbackUri(string? callbackUri, List<IdCloudValidationError> errors)
    {
        const string Expected = "'/' for no redirect, a path such as /path/to/url, an absolute https:// URL, or an app URL scheme such as myapp://callback";
        if (string.IsNullOrWhiteSpace(callbackUri))
        {
            errors.Add(new("callbackUri", $"is required: {Expected}."));
            return;
        }

        // "/" means no redirect; a path ("/path/to/url") is what the vendor's own per-flow and code samples send
        // and what its responses echo, and the server parses it (Go url.Parse) without complaint.
        if (callbackUri == "/" || IsPath(callbackUri))
        {
            return;
        }

        if (!Uri.TryCreate(callbackUri, UriKind.Absolute, out var uri) || !callbackUri.Contains("://", StringComparison.Ordinal))
        {
            errors.Add(new("callbackUri", $"is not a valid callback: use {Expected}."));
            return;
        }

        if (uri.Scheme == Uri.UriSchemeHttp)
        {
            errors.Add(new("callbackUri", "must not use http://: use https:// (or an app URL scheme such as myapp://callback)."));
        }
        else if (uri.Scheme == Uri.UriSchemeHttps && string.IsNullOrEmpty(uri.Host))
        {
            errors.Add(new("callbackUri", "is an https URL without a host."));
        }
    }

    private static bool IsPath(string callbackUri) =>
        callbackUri.Length > 1
        && callbackUri[0] == '/'
        && callbackUri[1] != '/'
        && !callbackUri.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));

    private static void CheckBioTokenId(string? bioTokenId, Flow flow, List<IdCloudValidationError> errors)
    {
        if (string.IsNullOrWhiteSpace(bioTokenId))
        {
            errors.Add(new("bioTokenId", $"is required for the 1:1 validation flow '{flow.Value}': pass the id of the person's earlier completed process."));
        }
        else if (!Guid.TryParse(bioTokenId, out _))
        {
            errors.Add(new("bioTokenId", "must be a GUID: the id of the person's earlier completed process."));
        }
    }

    private static void CheckPerson(ProcessPerson? person, Flow flow, bool isSignatureFlow, List<IdCloudValidationError> errors)
    {
        var channels = person?.Notifications ?? [];
        var wantsPhone = channels.FirstOrDefault(c => c == NotificationChannel.WhatsApp || c == NotificationChannel.Sms);
        var wantsEmailNotification = channels.Contains(NotificationChannel.Email);

        if (person?.DuiType == DuiType.BrCpf)
        {
            CheckCpf(person.DuiValue, errors);
        }

        if (person?.FriendlyName is { } friendlyName)
        {
            var length = friendlyName.EnumerateRunes().Count();
            if (length > MaxFriendlyNameLength)
            {
                errors.Add(new("person.friendlyName", $"has {length} characters; IDCloud accepts at most {MaxFriendlyNameLength}."));
            }
        }

        if (!string.IsNullOrEmpty(wantsPhone.Value))
        {
            var why = wantsPhone == NotificationChannel.WhatsApp ? "a WhatsApp notification is requested" : "an SMS notification is requested";
            if (string.IsNullOrWhiteSpace(person?.Phone))
            {
                errors.Add(new("person.phone", $"is required because {why}: {PhoneDigits} digits, country code + area code + number, no separators."));
            }
            else if (!IsDigits(person.Phone, PhoneDigits))
            {
                errors.Add(new("person.phone", string.Create(
                    CultureInfo.InvariantCulture,
                    $"must be exactly {PhoneDigits} digits (country code + area code + number, no '+', spaces or dashes) because {why}; it has {person.Phone.Length} characters.")));
            }
        }

        if (wantsEmailNotification || isSignatureFlow)
        {
            var why = isSignatureFlow
                ? $"the e-signature flow '{flow.Value}' sends the signed document by e-mail"
                : "an e-mail notification is requested";
            if (string.IsNullOrWhiteSpace(person?.Email))
            {
                errors.Add(new("person.email", $"is required because {why}."));
            }
            else if (!EmailPattern().IsMatch(person.Email))
            {
                errors.Add(new("person.email", $"is not a valid e-mail address (needed because {why})."));
            }
        }
    }

    private static void CheckCpf(string? duiValue, List<IdCloudValidationError> errors)
    {
        if (string.IsNullOrWhiteSpace(duiValue))
        {
            errors.Add(new("person.duiValue", "is required when person.duiType is DUI_TYPE_BR_CPF: the 11 CPF digits."));
        }
        else if (!IsDigits(duiValue, 11))
        {
            errors.Add(new("person.duiValue", "must be the 11 CPF digits without punctuation (no dots, dashes or spaces)."));
        }
        else if (!Cpf.IsValid(duiValue))
        {
            errors.Add(new("person.duiValue", "is not a valid CPF: its check digits do not match. Check the number with the person."));
        }
    }

    private static void CheckPayload(IList<EnvelopePayload>? payload, Flow flow, bool isSignatureFlow, List<IdCloudValidationError> errors)
    {
        var documentCount = 0;
        if (payload is not null)
        {
            for (var i = 0; i < payload.Count; i++)
            {
                var envelope = payload[i];
                var envelopePath = $"payload[{i}].envelopePayload";
                if (envelope is null)
                {
                    errors.Add(new(envelopePath, "is required: each payload item carries an envelope with the documents to sign."));
                    continue;
                }

                var documents = envelope.Documents;
                if (documents is null || documents.Count == 0)
                {
                    errors.Add(new(envelopePath + ".documents", "must list at least one document to sign."));
                    continue;
                }

                for (var j = 0; j < documents.Count; j++)
                {
                    documentCount++;
                    CheckDocument(documents[j], $"{envelopePath}.documents[{j}]", errors);
                }
            }
        }

        if (isSignatureFlow && documentCount == 0 && (payload is null || payload.Count == 0))
        {
            errors.Add(new("payload", $"is required for the e-signature flow '{flow.Value}': add an envelope with at least one PDF document to sign."));
        }
    }

    private static void CheckDocument(EnvelopeDocument? document, string path, List<IdCloudValidationError> errors)
    {
        if (document is null)
        {
            errors.Add(new(path, "must not be null."));
            return;
        }

        if (string.IsNullOrWhiteSpace(document.DocumentName))
        {
            errors.Add(new(path + ".documentName", "is required: the file name the signer sees, e.g. contract.pdf."));
        }

        var contents = path + ".fileContents";
        if (document.FileContentsBase64 is null)
        {
            errors.Add(new(contents, "is required: the PDF to sign."));
        }
        else if (!document.FileContentsBase64.TryGetBytes(out var bytes))
        {
            errors.Add(new(contents, "is not valid base64."));
        }
        else if (bytes.IsEmpty)
        {
            errors.Add(new(contents, "is empty: give the bytes of the PDF to sign."));
        }
        else if (!bytes.Span.StartsWith(PdfMagic))
        {
            errors.Add(new(contents, "is not a PDF (it does not start with %PDF-): only PDF documents can be signed."));
        }
    }

    private static bool IsDigits(string value, int count)
    {
        if (value.Length != count)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    // Pragmatic, not RFC 5322: one @, no spaces, a dot in the domain. Catches typos without rejecting real addresses.
    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex EmailPattern();
}
