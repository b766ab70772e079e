using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.ByClient;

/// <summary>What a 1:1 authentication compares the new capture with (<c>references[]</c>).</summary>
public sealed class ByClientReference
{
    /// <summary><c>REFERENCE_TYPE_PROCESS_ID</c>: a previous process.</summary>
    public const string ProcessIdType = "REFERENCE_TYPE_PROCESS_ID";

    /// <summary><c>REFERENCE_TYPE_IMAGE_BASE64</c>: a reference image.</summary>
    public const string ImageType = "REFERENCE_TYPE_IMAGE_BASE64";

    /// <summary>The reference kind, <see cref="ProcessIdType"/> or <see cref="ImageType"/>.</summary>
    [JsonPropertyName("referenceType")]
    public required string ReferenceType { get; set; }

    /// <summary>The process id (a UUID) or the image in base64.</summary>
    [JsonPropertyName("referenceContent")]
    public required string ReferenceContent { get; set; }

    /// <summary>
    /// A previous process: a by Client process id, or for a by Unico process its
    /// <c>authenticationInfo.authenticationId</c> (not the process id).
    /// </summary>
    /// <param name="processId">The UUID.</param>
    /// <returns>The reference.</returns>
    public static ByClientReference Process(string processId) => new() { ReferenceType = ProcessIdType, ReferenceContent = processId };

    /// <summary>A reference image in plain base64 (JPEG, PNG or WebP, at most 800 KB).</summary>
    /// <param name="imageBase64">The image.</param>
    /// <returns>The reference.</returns>
    public static ByClientReference Image(string imageBase64) => new() { ReferenceType = ImageType, ReferenceContent = imageBase64 };

    /// <inheritdoc />
    public override string ToString() => $"ByClientReference {{ ReferenceType = {ReferenceType} }}";
}
