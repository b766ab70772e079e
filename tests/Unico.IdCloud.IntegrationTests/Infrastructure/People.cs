namespace Unico.IdCloud.IntegrationTests.Infrastructure;

/// <summary>Valid CPFs for test people (computed check digits; no real person's number).</summary>
internal static class People
{
    /// <summary>A valid CPF whose nine base digits come from <paramref name="seed"/>; never starts with 0.</summary>
    public static string Cpf(int seed)
    {
        var digits = new int[11];
        var value = 100_000_000 + (Math.Abs(seed) % 800_000_000);
        for (var i = 8; i >= 0; i--)
        {
            digits[i] = value % 10;
            value /= 10;
        }

        digits[9] = CheckDigit(digits, 9);
        digits[10] = CheckDigit(digits, 10);
        var cpf = string.Concat(digits);
        if (!Unico.IdCloud.Client.Models.Cpf.IsValid(cpf))
        {
            throw new InvalidOperationException("The CPF helper built an invalid CPF.");
        }

        return cpf;
    }

    private static int CheckDigit(int[] digits, int count)
    {
        var sum = 0;
        for (var i = 0; i < count; i++)
        {
            sum += digits[i] * (count + 1 - i);
        }

        var rest = sum * 10 % 11;
        return rest == 10 ? 0 : rest;
    }
}
