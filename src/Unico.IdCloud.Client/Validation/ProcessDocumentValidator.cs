using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Client.Validation;

/// <summary>
/// Checks a SetProcessDocument body before it is sent: the API accepts three document types, a value of at most 320
/// characters, and (for a CPF) only a number whose check digits are right. Problems never echo the value: it is a
/// person's document number.
/// </summary>
internal static class ProcessDocumentValidator
{
    /// <summary>The longest <c>duiValue</c> the API accepts.</summary>
    public const int MaxDuiValueLength = 320;

    /// <summary>The document types SetProcessDocument accepts.</summary>
    public static IReadOnlyList<DuiType> AcceptedTypes { get; } = [DuiType.BrCpf, DuiType.MxCurp, DuiType.UsSsn];

    /// <summary>Throws <see cref="IdCloudValidationException"/> with every problem, if any.</summary>
    public static void Validate(DuiType duiType, string duiValue)
    {
        var errors = GetErrors(duiType, duiValue);
        if (errors.Count > 0)
        {
            throw new IdCloudValidationException(errors);
        }
    }

    /// <summary>Every problem of the body, empty when it can be sent.</summary>
    public static IReadOnlyList<IdCloudValidationError> GetErrors(DuiType duiType, string? duiValue)
    {
        var errors = new List<IdCloudValidationError>();
        if (!AcceptedTypes.Contains(duiType))
        {
            errors.Add(new("duiType", "SetProcessDocument accepts DUI_TYPE_BR_CPF, DUI_TYPE_MX_CURP or DUI_TYPE_US_SSN."));
        }

        if (string.IsNullOrWhiteSpace(duiValue))
        {
            errors.Add(new("duiValue", "The document number is empty."));
        }
        else if (duiValue.Length > MaxDuiValueLength)
        {
            errors.Add(new("duiValue", $"The document number is longer than {MaxDuiValueLength} characters."));
        }
        else if (duiType == DuiType.BrCpf && !IsDigitsOnlyCpf(duiValue))
        {
            errors.Add(new("duiValue", "The CPF must be 11 digits, without formatting, with valid check digits."));
        }

        return errors;
    }

    private static bool IsDigitsOnlyCpf(string value)
    {
        // The API wants the digits only (as CreateProcess does): a formatted CPF is rejected here, not by the server.
        foreach (var c in value)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return Cpf.IsValid(value);
    }
}
