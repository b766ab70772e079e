using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.Models;

/// <summary>
/// The body of CreateProcess (generated from the contract; this part flattens the journey options,
/// <c>flow_config.biometry_capture.enabled_back_camera</c> on the wire).
/// </summary>
public partial class CreateProcessRequest
{
    /// <summary>
    /// Lets the user take the selfie with the back camera (<c>flow_config.biometry_capture.enabled_back_camera</c>, the
    /// only documented journey option); <see langword="null"/> leaves it out of the request.
    /// </summary>
    [JsonIgnore]
    public bool? EnableBackCamera
    {
        get => FlowConfigWire?.BiometryCapture?.EnabledBackCamera;
        set
        {
            if (value is null && FlowConfigWire?.BiometryCapture is null)
            {
                return;
            }

            FlowConfigWire ??= new FlowConfig();
            FlowConfigWire.BiometryCapture ??= new BiometryCaptureConfig();
            FlowConfigWire.BiometryCapture.EnabledBackCamera = value;
        }
    }
}
