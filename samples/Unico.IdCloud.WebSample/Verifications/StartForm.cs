using System.Net.Mail;
using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.WebSample.Verifications;

/// <summary>What the person typed on the start page. Raw input: never written back to a page without encoding.</summary>
/// <param name="Name">The name shown during the journey (IDCloud's <c>friendlyName</c>, at most 50 characters).</param>
/// <param name="Cpf">The CPF, with or without punctuation.</param>
/// <param name="Email">The e-mail (required by the signing flow, which sends the signed document there).</param>
/// <param name="Journey">"id" (identity check) or "idunicosign" (identity check and signature).</param>
public sealed record StartForm(string? Name, string? Cpf, string? Email, string? Journey)
{
    /// <summary>IDCloud's limit for <c>friendlyName</c>.</summary>
    public const int MaxNameLength = 50;

    /// <summary>The journeys this sample offers.</summary>
    public static IReadOnlyList<(Flow Flow, string Label)> Journeys { get; } =
    [
        (Flow.Id, "Identity check (flow id)"),
        (Flow.IdUnicoSign, "Identity check and signature of a sample agreement (flow idunicosign)"),
    ];

    /// <summary>Checks the form. The messages never repeat what was typed.</summary>
    /// <param name="request">The checked values when there is no error.</param>
    /// <returns>The problems found, empty when the form is valid.</returns>
    public IReadOnlyList<string> Validate(out StartRequest? request)
    {
        var errors = new List<string>();
        var name = Name?.Trim() ?? string.Empty;
        if (name.Length == 0)
        {
            errors.Add("Enter the person's name.");
        }
        else if (name.EnumerateRunes().Count() > MaxNameLength)
        {
            errors.Add($"The name can have at most {MaxNameLength} characters.");
        }

        if (!Client.Models.Cpf.TryParse(Cpf, out var cpf))
        {
            errors.Add("The CPF is not valid: 11 digits with correct check digits (punctuation optional).");
        }

        var flow = Journeys.FirstOrDefault(j => string.Equals(j.Flow.Value, Journey, StringComparison.Ordinal)).Flow;
        if (string.IsNullOrEmpty(flow.Value))
        {
            errors.Add("Choose a journey.");
        }

        var email = string.IsNullOrWhiteSpace(Email) ? null : Email.Trim();
        if (email is not null && !IsEmail(email))
        {
            errors.Add("The e-mail address is not valid.");
        }
        else if (email is null && flow.Has(FlowCapabilities.ElectronicSignature))
        {
            errors.Add("The signing journey needs an e-mail address: the signed document is sent there.");
        }

        request = errors.Count == 0 ? new StartRequest(name, cpf, email, flow) : null;
        return errors;
    }

    private static bool IsEmail(string value) =>
        MailAddress.TryCreate(value, out var address) && string.Equals(address.Address, value, StringComparison.Ordinal) && value.Contains('.', StringComparison.Ordinal);
}
