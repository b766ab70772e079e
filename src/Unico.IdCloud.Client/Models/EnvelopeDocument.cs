using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.Models;

/// <summary>One PDF to sign (generated from the contract; this part holds the file as bytes).</summary>
public partial class EnvelopeDocument
{
    /// <summary>
    /// The PDF to sign, as bytes (<c>fileContents</c>, base64 on the wire). The memory is not copied: do not change
    /// it until the request has been sent. CreateProcess streams it to the network in base64 slices, so a 20 MB PDF
    /// is never held as one base64 string.
    /// </summary>
    /// <exception cref="FormatException">
    /// Reading it when the document was read from JSON whose <c>fileContents</c> is not valid base64 (the vendor's
    /// examples elide it as <c>"JVBERi0x[...]"</c>); that text is still written back unchanged.
    /// </exception>
    [JsonIgnore]
    public ReadOnlyMemory<byte>? FileContents
    {
        get => FileContentsBase64?.GetBytes();
        set => FileContentsBase64 = value is { } bytes ? Base64Content.FromBytes(bytes) : null;
    }
}
