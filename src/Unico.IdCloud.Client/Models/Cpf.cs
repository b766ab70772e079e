using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.Models;

/// <summary>
/// A valid Brazilian CPF (<i>Cadastro de Pessoas Físicas</i>) number: 11 digits with correct check digits.
/// </summary>
/// <remarks>
/// <para>
/// A CPF is personal data. <see cref="ToString"/> returns the masked form (<c>***.***.***-74</c>) so that logging or
/// interpolating a <see cref="Cpf"/> never leaks it; ask for <see cref="Value"/> or <see cref="ToFormattedString"/>
/// explicitly when the full number is needed (for example for <c>person.duiValue</c>, which takes <see cref="Value"/>).
/// Parse errors describe the problem without echoing the input.
/// </para>
/// <para>
/// Accepted input: the 11 digits, optionally with the standard punctuation (<c>736.892.900-74</c>), each separator
/// being optional in its standard position; surrounding white space is ignored. Rejected: any other character or
/// separator position, a digit count other than 11, wrong check digits, and the eleven numbers made of one repeated
/// digit (<c>00000000000</c> … <c>99999999999</c>), which pass the check-digit arithmetic but are not issued.
/// </para>
/// <para>
/// <see langword="default"/>(Cpf) is not a valid CPF: its <see cref="Value"/> is empty and <see cref="IsEmpty"/> is
/// <see langword="true"/>. Serialized as the 11-digit JSON string.
/// </para>
/// </remarks>
[JsonConverter(typeof(CpfJsonConverter))]
[DebuggerDisplay("{ToMaskedString(),nq}")]
public readonly struct Cpf : IEquatable<Cpf>
{
    private const int DigitCount = 11;
    private readonly string? _digits;

    private Cpf(string digits) => _digits = digits;

    /// <summary>The 11 digits, no punctuation (the form the API's <c>duiValue</c> expects). Empty for <see langword="default"/>.</summary>
    public string Value => _digits ?? string.Empty;

    /// <summary>Whether this is the <see langword="default"/> value, which holds no CPF.</summary>
    public bool IsEmpty => _digits is null;

    /// <summary>Parses a CPF, with or without the standard punctuation.</summary>
    /// <param name="value">The text to parse.</param>
    /// <returns>The CPF.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">The text is not a valid CPF; the message says why without repeating the text.</exception>
    public static Cpf Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (TryParseCore(value, out var cpf, out var problem))
        {
            return cpf;
        }

        throw new FormatException($"The text is not a valid CPF: {problem}.");
    }

    /// <summary>Tries to parse a CPF, with or without the standard punctuation.</summary>
    /// <param name="value">The text to parse.</param>
    /// <param name="cpf">The CPF when the text is valid; otherwise <see langword="default"/>.</param>
    /// <returns><see langword="true"/> when the text is a valid CPF.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, out Cpf cpf)
    {
        if (value is null)
        {
            cpf = default;
            return false;
        }

        return TryParseCore(value, out cpf, out _);
    }

    /// <summary>Whether the text is a valid CPF, with or without the standard punctuation.</summary>
    /// <param name="value">The text to check.</param>
    /// <returns><see langword="true"/> when <see cref="Parse"/> would accept it.</returns>
    public static bool IsValid([NotNullWhen(true)] string? value) => TryParse(value, out _);

    /// <summary>
    /// Masks a CPF-like string for logs and messages, whether or not it is a valid CPF: at most its last two digits
    /// stay visible. Eleven digits (with or without punctuation) become <c>***.***.***-74</c>; anything else becomes
    /// <c>***</c> followed by its last two digits when it has at least six digits, or just <c>***</c>.
    /// </summary>
    /// <param name="value">The raw text; may be <see langword="null"/>.</param>
    /// <returns>The masked text; empty for <see langword="null"/> or empty input.</returns>
    public static string Mask(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var digitCount = 0;
        char last = '\0', beforeLast = '\0';
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                digitCount++;
                beforeLast = last;
                last = c;
            }
        }

        if (digitCount == DigitCount)
        {
            return string.Concat("***.***.***-", beforeLast.ToString(), last.ToString());
        }

        // Short values reveal too large a share of themselves through two digits; show none.
        return digitCount >= 6 ? string.Concat("***", beforeLast.ToString(), last.ToString()) : "***";
    }

    /// <summary>The CPF with standard punctuation, e.g. <c>736.892.900-74</c>. This is the full number: do not log it.</summary>
    /// <returns>The formatted CPF; empty for <see langword="default"/>.</returns>
    public string ToFormattedString()
    {
        if (_digits is null)
        {
            return string.Empty;
        }

        return string.Create(14, _digits, static (span, d) =>
        {
            d.AsSpan(0, 3).CopyTo(span);
            span[3] = '.';
            d.AsSpan(3, 3).CopyTo(span[4..]);
            span[7] = '.';
            d.AsSpan(6, 3).CopyTo(span[8..]);
            span[11] = '-';
            d.AsSpan(9, 2).CopyTo(span[12..]);
        });
    }

    /// <summary>The CPF with every digit but the last two hidden, e.g. <c>***.***.***-74</c>. Safe to log.</summary>
    /// <returns>The masked CPF; empty for <see langword="default"/>.</returns>
    public string ToMaskedString() => _digits is null ? string.Empty : Mask(_digits);

    /// <summary>Returns the masked form (<see cref="ToMaskedString"/>), so that logging a CPF never leaks it.</summary>
    /// <returns>The masked CPF.</returns>
    public override string ToString() => ToMaskedString();

    /// <summary>Compares two CPFs by their digits.</summary>
    /// <param name="left">The first CPF.</param>
    /// <param name="right">The second CPF.</param>
    public static bool operator ==(Cpf left, Cpf right) => left.Equals(right);

    /// <summary>Compares two CPFs by their digits.</summary>
    /// <param name="left">The first CPF.</param>
    /// <param name="right">The second CPF.</param>
    public static bool operator !=(Cpf left, Cpf right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(Cpf other) => string.Equals(_digits, other._digits, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Cpf other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _digits is null ? 0 : StringComparer.Ordinal.GetHashCode(_digits);

    private static bool TryParseCore(string value, out Cpf cpf, out string problem)
    {
        cpf = default;
        var text = value.AsSpan().Trim();
        Span<char> digits = stackalloc char[DigitCount];
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                if (count == DigitCount)
                {
                    problem = "it has more than 11 digits";
                    return false;
                }

                digits[count++] = c;
            }
            else if ((c == '.' && (count == 3 || count == 6)) || (c == '-' && count == 9))
            {
                // A separator is allowed once, right after the digit group it closes.
                if (i > 0 && !char.IsAsciiDigit(text[i - 1]))
                {
                    problem = $"separator at position {i + 1} follows another separator";
                    return false;
                }
            }
            else
            {
                problem = c is '.' or '-'
                    ? $"separator at position {i + 1} is not in a standard position (000.000.000-00)"
                    : $"character at position {i + 1} is not a digit, '.' or '-'";
                return false;
            }
        }

        if (count != DigitCount)
        {
            problem = $"it has {count} digits, a CPF has 11";
            return false;
        }

        if (digits.IndexOfAnyExcept(digits[0]) < 0)
        {
            problem = "all its digits are equal";
            return false;
        }

        if (CheckDigit(digits[..9]) != digits[9] - '0' || CheckDigit(digits[..10]) != digits[10] - '0')
        {
            problem = "its check digits do not match";
            return false;
        }

        problem = string.Empty;
        cpf = new Cpf(new string(digits));
        return true;
    }

    // Modulo-11 check digit: weights count down from (length + 1) to 2; remainder below 2 gives 0.
    private static int CheckDigit(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            sum += (digits[i] - '0') * (digits.Length + 1 - i);
        }

        var remainder = sum % 11;
        return remainder < 2 ? 0 : 11 - remainder;
    }
}
