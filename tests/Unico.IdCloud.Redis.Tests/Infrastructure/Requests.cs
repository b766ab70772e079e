using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Redis.Tests.Infrastructure;

/// <summary>Valid CreateProcess requests for the emulator (CPFs with computed check digits; no real person's number).</summary>
public static class Requests
{
    public static CreateProcessRequest IdLive(int seed) => new()
    {
        CallbackUri = "https://app.example.com/callback",
        Flow = Flow.IdLive,
        Purpose = Purpose.BiometryOnboarding,
        ClientReference = Guid.NewGuid().ToString("N"),
        Person = new ProcessPerson { DuiType = DuiType.BrCpf, DuiValue = Cpf(seed), FriendlyName = "Maria da Silva" },
    };

    public static string Cpf(int seed)
    {
        var digits = new List<int>();
        var value = 100_000_000 + (Math.Abs(seed) % 800_000_000);
        foreach (var c in value.ToString("D9"))
        {
            digits.Add(c - '0');
        }

        for (var count = 9; count <= 10; count++)
        {
            var sum = 0;
            for (var i = 0; i < count; i++)
            {
                sum += digits[i] * (count + 1 - i);
            }

            var rest = sum % 11;
            digits.Add(rest < 2 ? 0 : 11 - rest);
        }

        return string.Concat(digits);
    }
}
