using System.Globalization;
using System.Text.RegularExpressions;

namespace Unico.IdCloud.Client.ByClient;

/// <summary>
/// Checks a by Client request before it is sent, reporting every problem at once: wrong input must not cost an API
/// call nor spend the capture (a capture payload is single use). Messages never repeat the personal data.
/// </summary>
internal static partial class ByClientRequestValidator
{
    /// <summary>The vendor's limit for a plain base64 image.</summary>
    public const int MaxImageBytes = 800 * 1024;

    public static void Validate(ByClientProcessRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<IdCloudValidationError>();
        if (request.Document is { } document)
        {
            ValidateCpf(request.Subject?.Code, "subject.code", errors);
            if (!Guid.TryParse(document.AuthProcessId, out _))
            {
                errors.Add(new("document.authProcessId", "must be the id (a UUID) of an identity process of the same person from the last 24 hours."));
            }

            var hasFiles = document.Files is { Count: > 0 };
            var hasId = !string.IsNullOrWhiteSpace(document.DocumentId);
            if (hasFiles == hasId)
            {
                errors.Add(new("document", "send either files (a new capture) or documentId (a reusable document), not both and not neither."));
            }
            else if (hasFiles && document.Files!.Any(string.IsNullOrWhiteSpace))
            {
                errors.Add(new("document.files", "every file needs its data."));
            }
        }
        else if (request.References is not null || request.ReferenceProcessId is not null)
        {
            ValidateReferences(request, errors);
            ValidateImage(request.ImageBase64, "imageBase64", errors);
        }
        else
        {
            ValidateSubject(request.Subject, errors);
            ValidateImage(request.ImageBase64, "imageBase64", errors);
        }

        if (errors.Count > 0)
        {
            throw new IdCloudValidationException(errors);
        }
    }

    public static void ValidateCpf(string? cpf, string field, List<IdCloudValidationError> errors)
    {
        if (string.IsNullOrEmpty(cpf))
        {
            errors.Add(new(field, "the CPF is required."));
        }
        else if (cpf.Length != 11 || !cpf.All(char.IsAsciiDigit) || !Models.Cpf.IsValid(cpf))
        {
            errors.Add(new(field, "is not a valid CPF: 11 digits, no punctuation, with valid check digits."));
        }
    }

    private static void ValidateSubject(ByClientSubject? subject, List<IdCloudValidationError> errors)
    {
        if (subject is null)
        {
            errors.Add(new("subject", "an identity process needs the person's data."));
            return;
        }

        ValidateCpf(subject.Code, "subject.code", errors);
        if (string.IsNullOrWhiteSpace(subject.Name))
        {
            errors.Add(new("subject.name", "the full name is required."));
        }
        else if (subject.Name.Contains("  ", StringComparison.Ordinal) || subject.Name.Trim().Length != subject.Name.Length)
        {
            errors.Add(new("subject.name", "must not contain double spaces nor start or end with a space."));
        }

        if (subject.Gender is not (null or "M" or "F"))
        {
            errors.Add(new("subject.gender", "must be M or F."));
        }

        if (subject.BirthDate is { } birth && !DateOnly.TryParseExact(birth, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add(new("subject.birthDate", "must be a date as YYYY-MM-DD."));
        }

        // The vendor's own examples send the phone as digits without '+' (5511974749090) and empty strings for an
        // unknown e-mail or phone; both are accepted by the API, so only a value that cannot be a number is refused.
        if (subject.Phone is { Length: > 0 } phone && !Phone().IsMatch(phone))
        {
            errors.Add(new("subject.phone", "must be the country code, area code and number as digits (e.g. 5511999999999), optionally after a '+'."));
        }

        if (subject.Email is { Length: > 0 } email && !Email().IsMatch(email))
        {
            errors.Add(new("subject.email", "is not an e-mail address."));
        }
    }

    private static void ValidateReferences(ByClientProcessRequest request, List<IdCloudValidationError> errors)
    {
        if (request.References is not null && request.ReferenceProcessId is not null)
        {
            errors.Add(new("references", "send references or the deprecated referenceProcessId, not both."));
            return;
        }

        if (request.ReferenceProcessId is { } legacy)
        {
            if (!Guid.TryParse(legacy, out _))
            {
                errors.Add(new("referenceProcessId", "must be a process id (a UUID)."));
            }

            return;
        }

        if (request.References!.Count == 0)
        {
            errors.Add(new("references", "a 1:1 authentication needs at least one reference."));
        }

        for (var i = 0; i < request.References.Count; i++)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"references[{i}]");
            switch (request.References[i])
            {
                case null:
                    errors.Add(new(field, "is null."));
                    break;
                case { ReferenceType: ByClientReference.ProcessIdType } process when !Guid.TryParse(process.ReferenceContent, out _):
                    errors.Add(new(field + ".referenceContent", "must be a process id (a UUID); for a by Unico process use its authenticationInfo.authenticationId."));
                    break;
                case { ReferenceType: ByClientReference.ImageType } image:
                    ValidatePlainImage(image.ReferenceContent, field + ".referenceContent", errors);
                    break;
                case { ReferenceType: ByClientReference.ProcessIdType }:
                    break;
                default:
                    errors.Add(new(field + ".referenceType", $"must be {ByClientReference.ProcessIdType} or {ByClientReference.ImageType}."));
                    break;
            }
        }
    }

    private static void ValidateImage(string? image, string field, List<IdCloudValidationError> errors)
    {
        if (string.IsNullOrEmpty(image))
        {
            errors.Add(new(field, "the capture SDK's payload is required."));
        }
        else if (!CapturePayload().IsMatch(image))
        {
            // Not the capture SDK's payload: plain base64, only valid when liveness is not contracted.
            ValidatePlainImage(image, field, errors);
        }
    }

    private static void ValidatePlainImage(string? image, string field, List<IdCloudValidationError> errors)
    {
        if (string.IsNullOrEmpty(image))
        {
            errors.Add(new(field, "the image is required."));
            return;
        }

        // base64 of 800 KB is at most 4 * ceil(800 KB / 3) characters; longer text cannot be a valid image.
        if (image.Length > ((MaxImageBytes + 2) / 3 * 4) + 4)
        {
            errors.Add(new(field, "the image is larger than 800 KB; compress it or capture again."));
            return;
        }

        var bytes = new byte[(image.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(image, bytes, out var length))
        {
            errors.Add(new(field, "is neither the capture SDK's payload nor valid base64."));
            return;
        }

        if (length > MaxImageBytes)
        {
            errors.Add(new(field, "the image is larger than 800 KB; compress it or capture again."));
            return;
        }

        var span = bytes.AsSpan(0, length);
        var known = span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])
            || span.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47])
            || (span.Length >= 12 && span[..4].SequenceEqual("RIFF"u8) && span.Slice(8, 4).SequenceEqual("WEBP"u8));
        if (!known)
        {
            errors.Add(new(field, "the image must be JPEG, PNG or WebP."));
        }
    }

    /// <summary>
    /// E.164 (<c>+</c>, 8 to 15 digits, no leading zero), or the vendor's form without the <c>+</c>, which must still
    /// carry the country code: 12 to 15 digits (<c>5511974749090</c>; <c>11999999999</c>, with no country code, is not).
    /// </summary>
    [GeneratedRegex(@"^(\+[1-9][0-9]{7,14}|[1-9][0-9]{11,14})$", RegexOptions.CultureInvariant)]
    private static partial Regex Phone();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    /// <summary>The capture SDK's payload: a compact JWS/JWE, three or five base64url parts.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]*){2,4}$", RegexOptions.CultureInvariant)]
    private static partial Regex CapturePayload();
}
