using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.Models;

/// <summary>The person's document as stored by SetProcessDocument (generated from the contract; this part adds the typed CPF).</summary>
public partial class ProcessDocumentPerson
{
    /// <summary>
    /// The CPF, when <see cref="DuiType"/> is <see cref="Models.DuiType.BrCpf"/> and <see cref="DuiValue"/> is a valid
    /// CPF; otherwise <see langword="null"/>. Not a wire member.
    /// </summary>
    [JsonIgnore]
    public Cpf? Cpf => DuiType == Models.DuiType.BrCpf && Models.Cpf.TryParse(DuiValue, out var cpf) ? cpf : null;
}
