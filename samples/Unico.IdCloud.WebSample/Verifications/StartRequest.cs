using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.WebSample.Verifications;

/// <summary>A valid start form.</summary>
/// <param name="Name">The name.</param>
/// <param name="Cpf">The CPF.</param>
/// <param name="Email">The e-mail, if given.</param>
/// <param name="Flow">The journey.</param>
public sealed record StartRequest(string Name, Cpf Cpf, string? Email, Flow Flow);
