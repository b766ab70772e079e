namespace Unico.IdCloud.Testing;

/// <summary>
/// The answers whose shape the vendor documents in more than one form (401 and 404), built in the form the emulator's
/// options chose, so every endpoint answers alike.
/// </summary>
internal sealed class ResponseForms
{
    private readonly EmulatedUnauthorizedResponse _unauthorized;
    private readonly EmulatedNotFoundResponse _notFound;

    public ResponseForms(EmulatedUnauthorizedResponse unauthorized, EmulatedNotFoundResponse notFound)
    {
        _unauthorized = unauthorized;
        _notFound = notFound;
    }

    /// <summary>401 with the gateway's two documented messages: "Jwt is expired" or "Jwt header is an invalid JSON".</summary>
    public EmulatorResponse Unauthorized(bool expired)
    {
        var message = expired ? "Jwt is expired" : "Jwt header is an invalid JSON";
        if (_unauthorized == EmulatedUnauthorizedResponse.GatewayPlainText)
        {
            return EmulatorResponse.Text(401, message).WithHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        }

        return EmulatorResponse.Json(401, WireJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("message", message);
            w.WriteEndObject();
        }));
    }

    /// <summary>A 404 of GetProcess, GetSelfie or GetEvidenceSet: bare unless <see cref="EmulatedNotFoundResponse.WithBody"/>.</summary>
    public EmulatorResponse ProcessNotFound(string code, string description) =>
        _notFound == EmulatedNotFoundResponse.WithBody
            ? EmulatorResponse.Json(404, WireJson.ProcessApiError(code, description))
            : EmulatorResponse.Empty(404);

    /// <summary>A 404 of the signature API: its documented body unless <see cref="EmulatedNotFoundResponse.StatusOnly"/>.</summary>
    public EmulatorResponse SignatureNotFound(byte[] documentedBody) =>
        _notFound == EmulatedNotFoundResponse.StatusOnly
            ? EmulatorResponse.Empty(404)
            : EmulatorResponse.Json(404, documentedBody);
}
