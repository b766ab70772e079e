using System.Globalization;

namespace Unico.IdCloud.Cli.Output;

/// <summary>
/// Masks personal data before it reaches the console: a CPF keeps its first three and last two digits, an e-mail its
/// first letter and domain, a phone its last four digits. Secrets (keys, assertions, tokens) are never passed here:
/// they are never printed at all.
/// </summary>
internal static class Redact
{
    public static string? Cpf(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value;
        }

        var digits = new string(value.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 11
            ? string.Create(CultureInfo.InvariantCulture, $"{digits[..3]}.***.***-{digits[9..]}")
            : new string('*', Math.Max(0, value.Length - 2)) + value[^Math.Min(2, value.Length)..];
    }

    public static string? Email(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value;
        }

        var at = value.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 ? "***" : value[0] + "***" + value[at..];
    }

    public static string? Phone(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value;
        }

        return value.Length <= 4 ? "****" : new string('*', value.Length - 4) + value[^4..];
    }
}
