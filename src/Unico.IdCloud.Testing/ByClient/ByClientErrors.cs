namespace Unico.IdCloud.Testing;

/// <summary>
/// The by Client error codes the emulator answers, with descriptions in the spirit of the vendor's (which the public
/// reference lists only as short labels). Body: <c>{"error":{"code":"20507","description":"..."}}</c>.
/// </summary>
internal static class ByClientErrors
{
    public static string Describe(string code) => code switch
    {
        "20001" => "The authtoken header is required",
        "20002" => "The APIKEY header is required",
        "20003" => "The request body is missing or invalid",
        "20004" => "The subject is required",
        "20005" => "The subject code is required",
        "20006" => "The subject name is required",
        "20009" => "The imagebase64 is required",
        "20019" => "The birth date must be YYYY-MM-DD",
        "20505" => "The image format is invalid",
        "20506" => "The image is larger than 800 KB",
        "20507" => "The CPF is invalid",
        "20508" => "The gender must be M or F",
        "20807" => "The image resolution is below 640x480",
        "20900" => "The image is not valid base64",
        "10506" => "The capture does not meet the security requirements (SDK bundle)",
        "10507" => "The SDK JWT has expired",
        "10508" => "The SDK JWT has already been used",
        "30017" => "No permission for this operation",
        "10201" => "Invalid APIKEY",
        "10501" => "Invalid access token",
        "10502" => "Expired access token",
        "510" or "10700" or "20502" or "20503" => "Internal failure, try again later",
        _ => "Error " + code,
    };

    public static EmulatorResponse Response(int status, string code) =>
        EmulatorResponse.Json(status, WireJson.ProcessApiError(code, Describe(code)));
}
