namespace Unico.IdCloud.Client;

/// <summary>Media types as the SDK reports them.</summary>
internal static class IdCloudMediaType
{
    public const string Json = "application/json";
    public const string Pdf = "application/pdf";
    public const string OctetStream = "application/octet-stream";

    /// <summary>
    /// The evidence-set endpoint documents <c>"contentType": "x-pdf"</c>, which is not a media type; it is reported as
    /// <c>application/pdf</c>. Anything else is kept as given (trimmed); blank becomes <see langword="null"/>.
    /// </summary>
    public static string? Normalize(string? mediaType)
    {
        if (string.IsNullOrWhiteSpace(mediaType))
        {
            return null;
        }

        var trimmed = mediaType.Trim();
        return string.Equals(trimmed, "x-pdf", StringComparison.OrdinalIgnoreCase) ? Pdf : trimmed;
    }
}
