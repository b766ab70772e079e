namespace Unico.IdCloud.Cli.Tests.Infrastructure;

/// <summary>Asserts that nothing secret reached the CLI's output: no key material, no access token.</summary>
public static class Secrets
{
    public static void AssertNone(CliResult result, string? privateKeyPath = null, params string[] others)
    {
        var output = result.All;
        // A PEM block (header then base64 body), not the words "PRIVATE KEY" (messages name the expected format).
        Assert.DoesNotMatch(@"-----BEGIN [A-Z ]*PRIVATE KEY-----\s*[A-Za-z0-9+/]{16}", output);
        if (privateKeyPath is not null && File.Exists(privateKeyPath))
        {
            foreach (var line in File.ReadAllLines(privateKeyPath).Where(l => l.Length > 20 && !l.StartsWith("-----", StringComparison.Ordinal)))
            {
                Assert.DoesNotContain(line, output, StringComparison.Ordinal);
            }
        }

        // Access tokens and assertions are JWTs: base64url JSON starts with "eyJ".
        Assert.DoesNotContain("eyJ", output, StringComparison.Ordinal);
        foreach (var secret in others)
        {
            Assert.DoesNotContain(secret, output, StringComparison.Ordinal);
        }
    }
}
