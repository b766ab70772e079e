namespace Unico.IdCloud.Testing;

/// <summary>The CPF rule the real service applies to <c>duiValue</c>: 11 digits, not all equal, two valid check digits.</summary>
internal static class CpfCheckDigits
{
    public static bool IsValid(string? value)
    {
        if (value is not { Length: 11 } || !value.All(char.IsAsciiDigit) || value.All(c => c == value[0]))
        {
            return false;
        }

        return value[9] - '0' == CheckDigit(value, 9) && value[10] - '0' == CheckDigit(value, 10);
    }

    /// <summary>Mod-11 check digit over the first <paramref name="count"/> digits, weights count+1 down to 2.</summary>
    private static int CheckDigit(string digits, int count)
    {
        var sum = 0;
        for (var i = 0; i < count; i++)
        {
            sum += (digits[i] - '0') * (count + 1 - i);
        }

        var remainder = sum % 11;
        return remainder < 2 ? 0 : 11 - remainder;
    }
}
