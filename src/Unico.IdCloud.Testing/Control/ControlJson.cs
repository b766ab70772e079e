using System.Text.Json;

namespace Unico.IdCloud.Testing;

/// <summary>Writes the control API's answers (by hand, like the rest of the emulator: trim- and AOT-safe).</summary>
internal static class ControlJson
{
    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            write(writer);
        }

        return buffer.ToArray();
    }

    public static byte[] Error(string message) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("error", message);
        w.WriteEndObject();
    });

    public static byte[] Ok() => Write(w =>
    {
        w.WriteStartObject();
        w.WriteBoolean("ok", true);
        w.WriteEndObject();
    });

    public static void Account(Utf8JsonWriter w, IdCloudEmulator emulator, EmulatedServiceAccount account)
    {
        w.WriteStartObject();
        w.WriteString("accountName", account.AccountName);
        w.WriteString("tenantId", account.TenantId);
        w.WriteString("issuer", account.Issuer);
        w.WriteString("audience", emulator.Audience);
        w.WriteString("tokenUrl", emulator.Audience + "/oauth2/token");
        w.WriteString("identityBaseAddress", emulator.IdentityBaseAddress.OriginalString);
        w.WriteString("processApiBaseAddress", emulator.ProcessApiBaseAddress.OriginalString);
        w.WriteString("signatureApiBaseAddress", emulator.SignatureApiBaseAddress.OriginalString);

        // An emulator key, made for this emulator and useless anywhere else: a client in another language needs it
        // to sign its assertions. Real keys never pass through here.
        w.WriteString("privateKeyPem", account.PrivateKeyPem);
        w.WriteEndObject();
    }
}
