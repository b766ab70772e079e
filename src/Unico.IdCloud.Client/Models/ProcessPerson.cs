using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.Models;

/// <summary>The person to verify (generated from the contract; this part adds the typed CPF).</summary>
public partial class ProcessPerson
{
    /// <summary>
    /// The person's CPF: setting it sets <see cref="DuiType"/> to <see cref="Models.DuiType.BrCpf"/> and
    /// <see cref="DuiValue"/> to the 11 digits (the documented wire form, no punctuation); reading it returns the CPF
    /// when <see cref="DuiType"/> is <see cref="Models.DuiType.BrCpf"/> and <see cref="DuiValue"/> is a valid CPF,
    /// otherwise <see langword="null"/>.
    /// </summary>
    /// <remarks>
    /// Not a wire member (the wire keeps <c>duiType</c>/<c>duiValue</c>). For documents other than a CPF set
    /// <see cref="DuiType"/> and <see cref="DuiValue"/> directly. Setting <see langword="null"/> clears both.
    /// Setting <see langword="default"/>(<see cref="Models.Cpf"/>) leaves <see cref="DuiValue"/> empty, which
    /// CreateProcess validation rejects before sending.
    /// </remarks>
    [JsonIgnore]
    public Cpf? Cpf
    {
        get => DuiType == Models.DuiType.BrCpf && Models.Cpf.TryParse(DuiValue, out var cpf) ? cpf : null;
        set
        {
            DuiType = value is null ? null : Models.DuiType.BrCpf;
            DuiValue = value?.Value;
        }
    }
}
