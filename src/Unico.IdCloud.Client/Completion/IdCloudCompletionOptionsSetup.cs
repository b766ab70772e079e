using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Unico.IdCloud.Client;

/// <summary>
/// Binds the completion options from the same <c>IdCloud</c> section as everything else and validates them when the
/// application starts, so a wrong value fails at start-up naming the key to fix instead of at the first wait.
/// </summary>
/// <remarks>
/// Keys (under the section given to <c>AddIdCloud(configuration)</c>, usually <c>IdCloud</c>):
/// <c>Completion:Wait:InitialDelay</c>, <c>Completion:Wait:MaxDelay</c>, <c>Completion:Wait:Deadline</c>
/// (<see cref="IdCloudWaitOptions"/>) and <c>Completion:SignedDocument:MaxAttempts</c>,
/// <c>Completion:SignedDocument:InitialDelay</c>, <c>Completion:SignedDocument:MaxDelay</c>
/// (<see cref="IdCloudSignedDocumentWaitOptions"/>).
/// </remarks>
internal static class IdCloudCompletionOptionsSetup
{
    /// <summary>The sub-section of the <c>IdCloud</c> section that holds the completion options.</summary>
    public const string SectionName = "Completion";

    /// <summary>The sub-section of <see cref="SectionName"/> bound to <see cref="IdCloudWaitOptions"/>.</summary>
    public const string WaitSectionName = "Wait";

    /// <summary>The sub-section of <see cref="SectionName"/> bound to <see cref="IdCloudSignedDocumentWaitOptions"/>.</summary>
    public const string SignedDocumentSectionName = "SignedDocument";

    /// <summary>
    /// Registers the options with start-up validation. Idempotent. The keys named in messages are under
    /// <c>IdCloud</c> unless <see cref="Bind"/> recorded another section.
    /// </summary>
    /// <param name="services">The service collection.</param>
    public static void AddValidation(IServiceCollection services)
    {
        services.AddOptions<IdCloudWaitOptions>().ValidateOnStart();
        services.AddOptions<IdCloudSignedDocumentWaitOptions>().ValidateOnStart();
        services.TryAddSingleton(new CompletionSection(IdCloudOptions.DefaultSectionName + ":" + SectionName));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IdCloudWaitOptions>, WaitValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IdCloudSignedDocumentWaitOptions>, SignedDocumentValidator>());
    }

    /// <summary>Binds both options from <c>Completion:*</c> of the IdCloud section and validates them at start.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="idCloudSection">The section given to <c>AddIdCloud</c> (usually <c>IdCloud</c>).</param>
    public static void Bind(IServiceCollection services, IConfiguration idCloudSection)
    {
        var completion = idCloudSection.GetSection(SectionName);
        services.RemoveAll<CompletionSection>();
        services.AddSingleton(new CompletionSection(completion.Path));
        services.AddOptions<IdCloudWaitOptions>().Bind(completion.GetSection(WaitSectionName));
        services.AddOptions<IdCloudSignedDocumentWaitOptions>().Bind(completion.GetSection(SignedDocumentSectionName));
        AddValidation(services);
    }

    /// <summary>Where the completion options were bound from, to name the keys in messages.</summary>
    /// <param name="Path">The configuration path of the <c>Completion</c> section, e.g. <c>IdCloud:Completion</c>.</param>
    internal sealed record CompletionSection(string Path);

    /// <summary>Start-up validation of <see cref="IdCloudWaitOptions"/>, naming the configuration key to fix.</summary>
    /// <param name="section">Where the options were bound from.</param>
    internal sealed class WaitValidator(CompletionSection section) : IValidateOptions<IdCloudWaitOptions>
    {
        public ValidateOptionsResult Validate(string? name, IdCloudWaitOptions options)
        {
            var key = section.Path + ":" + WaitSectionName + ":";
            var failures = new List<string>();
            if (options.InitialDelay <= TimeSpan.Zero)
            {
                failures.Add(Invariant($"{key}{nameof(IdCloudWaitOptions.InitialDelay)} must be positive (e.g. 00:00:02); it is {options.InitialDelay}."));
            }

            if (options.MaxDelay < options.InitialDelay)
            {
                failures.Add(Invariant($"{key}{nameof(IdCloudWaitOptions.MaxDelay)} must be at least {key}{nameof(IdCloudWaitOptions.InitialDelay)} ({options.InitialDelay}); it is {options.MaxDelay}."));
            }

            if (options.Deadline <= TimeSpan.Zero)
            {
                failures.Add(Invariant($"{key}{nameof(IdCloudWaitOptions.Deadline)} must be positive (e.g. 00:30:00); it is {options.Deadline}."));
            }

            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }

    /// <summary>Start-up validation of <see cref="IdCloudSignedDocumentWaitOptions"/>, naming the configuration key to fix.</summary>
    /// <param name="section">Where the options were bound from.</param>
    internal sealed class SignedDocumentValidator(CompletionSection section) : IValidateOptions<IdCloudSignedDocumentWaitOptions>
    {
        public ValidateOptionsResult Validate(string? name, IdCloudSignedDocumentWaitOptions options)
        {
            var key = section.Path + ":" + SignedDocumentSectionName + ":";
            var failures = new List<string>();
            if (options.MaxAttempts < 1)
            {
                failures.Add(Invariant($"{key}{nameof(IdCloudSignedDocumentWaitOptions.MaxAttempts)} must be at least 1 (1 means no retry); it is {options.MaxAttempts}."));
            }

            if (options.InitialDelay < TimeSpan.Zero)
            {
                failures.Add(Invariant($"{key}{nameof(IdCloudSignedDocumentWaitOptions.InitialDelay)} must not be negative; it is {options.InitialDelay}."));
            }

            if (options.MaxDelay < options.InitialDelay)
            {
                failures.Add(Invariant($"{key}{nameof(IdCloudSignedDocumentWaitOptions.MaxDelay)} must be at least {key}{nameof(IdCloudSignedDocumentWaitOptions.InitialDelay)} ({options.InitialDelay}); it is {options.MaxDelay}."));
            }

            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
