using System.Text;
using System.Text.RegularExpressions;

namespace Unico.IdCloud.Client.Diagnostics;

/// <summary>
/// Masks personal data (CPF, phone, e-mail) and secrets (bearer tokens, JWTs) before anything reaches a log, an
/// exception message or a telemetry tag. Identity-verification payloads are personal data under LGPD: when in
/// doubt, mask.
/// </summary>
/// <remarks>
/// Masks keep only what helps someone recognise their own record in a support conversation: the CPF check digits,
/// the last four phone digits, the first letter and domain of an e-mail.
/// </remarks>
internal static partial class IdCloudRedaction
{
    /// <summary>Replaces a redacted run of digits (CPF, phone, card number...) in free text.</summary>
    public const string RedactedNumber = "[number redacted]";

    /// <summary>Replaces a redacted token or key in free text.</summary>
    public const string RedactedSecret = "[secret redacted]";

    /// <summary>
    /// <c>***.***.***-74</c>: only the two check digits of a CPF stay visible (any formatting is ignored).
    /// Fewer than two digits gives <c>***</c>.
    /// </summary>
    public static string MaskCpf(string? cpf)
    {
        var digits = DigitsOf(cpf);
        return digits.Length < 2 ? "***" : "***.***.***-" + digits[^2..];
    }

    /// <summary>
    /// <c>*********5678</c>: only the last four digits of a phone number stay visible, the rest become <c>*</c>
    /// (the length is kept so a wrong number of digits is still recognisable). Four or fewer digits are all masked.
    /// </summary>
    public static string MaskPhone(string? phone)
    {
        var digits = DigitsOf(phone);
        if (digits.Length <= 4)
        {
            return new string('*', Math.Max(digits.Length, 3));
        }

        return new string('*', digits.Length - 4) + digits[^4..];
    }

    /// <summary>
    /// <c>l***@unico.io</c>: the first character of the local part and the domain stay visible. Text that is not
    /// an e-mail address gives <c>***</c>.
    /// </summary>
    public static string MaskEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return "***";
        }

        var trimmed = email.Trim();
        var at = trimmed.LastIndexOf('@');
        if (at <= 0 || at == trimmed.Length - 1)
        {
            return "***";
        }

        return trimmed[0] + "***@" + trimmed[(at + 1)..];
    }

    /// <summary>
    /// Makes text that came from outside (an API error description, a plain-text error page) safe to show: one
    /// line, no control characters, e-mails masked, runs of eight or more digits (CPF, phone) and anything that
    /// looks like a token or key replaced, at most <paramref name="maxLength"/> characters.
    /// </summary>
    /// <returns>The safe text, or <see langword="null"/> when nothing printable is left.</returns>
    public static string? SanitizeFreeText(string? text, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // Bound the work before running regular expressions over untrusted input.
        var bounded = text.Length > maxLength * 4 ? text[..(maxLength * 4)] : text;
        var builder = new StringBuilder(bounded.Length);
        var previousWasSpace = false;
        foreach (var c in bounded)
        {
            var isSpace = char.IsWhiteSpace(c) || char.IsControl(c);
            if (isSpace)
            {
                if (!previousWasSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                previousWasSpace = true;
                continue;
            }

            builder.Append(c);
            previousWasSpace = false;
        }

        var line = builder.ToString().Trim();
        try
        {
            line = BearerPattern().Replace(line, "Bearer " + RedactedSecret);
            line = JwtPattern().Replace(line, RedactedSecret);
            line = RedactOpaqueTokens(line);
            line = EmailPattern().Replace(line, static match => MaskEmail(match.Value));
            line = LongDigitRunPattern().Replace(line, RedactedNumber);
        }
        catch (RegexMatchTimeoutException)
        {
            // Pathological input: showing nothing is safer than showing it unredacted.
            return null;
        }

        if (line.Length == 0)
        {
            return null;
        }

        return line.Length <= maxLength ? line : string.Concat(line.AsSpan(0, maxLength - 1).TrimEnd(), "…");
    }

    private static string DigitsOf(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"\bBearer\s+\S+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex BearerPattern();

    [GeneratedRegex(@"eyJ[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]{4,}(?:\.[A-Za-z0-9_\-]*)?", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, matchTimeoutMilliseconds: 1000)]
    private static partial Regex JwtPattern();

    /// <summary>
    /// Replaces runs of 40 or more base64/hex-like characters that mix letters and digits (keys, tokens, encoded
    /// documents). A linear scan: a regular expression with look-aheads is quadratic on long runs.
    /// </summary>
    private static string RedactOpaqueTokens(string text)
    {
        const int MinLength = 40;
        StringBuilder? builder = null;
        var copiedUpTo = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!IsTokenChar(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            bool hasDigit = false, hasLetter = false;
            while (i < text.Length && IsTokenChar(text[i]))
            {
                hasDigit |= char.IsAsciiDigit(text[i]);
                hasLetter |= char.IsAsciiLetter(text[i]);
                i++;
            }

            while (i < text.Length && text[i] == '=')
            {
                i++;
            }

            if (i - start >= MinLength && hasDigit && hasLetter)
            {
                builder ??= new StringBuilder(text.Length);
                builder.Append(text, copiedUpTo, start - copiedUpTo).Append(RedactedSecret);
                copiedUpTo = i;
            }
        }

        if (builder is null)
        {
            return text;
        }

        return builder.Append(text, copiedUpTo, text.Length - copiedUpTo).ToString();
    }

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '_' or '-';

    // NonBacktracking keeps these linear on hostile input (long runs without a match).
    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, matchTimeoutMilliseconds: 1000)]
    private static partial Regex EmailPattern();

    // Eight or more digits, possibly separated by dots, dashes, spaces or brackets: CPFs (11), phones (10-13), cards.
    [GeneratedRegex(@"\+?\d(?:[\s.\-()/]{0,2}\d){7,}", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, matchTimeoutMilliseconds: 1000)]
    private static partial Regex LongDigitRunPattern();
}
