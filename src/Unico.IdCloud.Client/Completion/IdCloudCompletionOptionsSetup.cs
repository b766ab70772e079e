using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Unico.IdCloud.Client.DependencyInjection;

namespace Unico.IdCloud.Client;

/// <summary>
/// Binds the completion options from the same <c>IdCloud</c> section as everything else and validates them when the
/// application starts, so a wrong value fails at start-up naming the key to fix instead of at the first wait.
/// </summary>
/// <remarks>
/// Keys (under the section given to <c>AddIdCloud(configuration)</c>, usually <c>IdCloud</c>, or a named account's
/// <c>IdCloud:Accounts:&lt;name&gt;</c>: each account has its own options, named after it):
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
    /// Registers one account's options with start-up validation. Idempotent. The keys named in messages are under
    /// the section <see cref="Bind"/> recorded for the account, else under its conventional section
    /// (<c>IdCloud</c>, or <c>IdCloud:Accounts:&lt;name&gt;</c>).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="account">The account whose options (named after it) are validated.</param>
    public static void AddValidation(IServiceCollection services, IdCloudAccount account)
    {
        services.AddOptions<IdCloudWaitOptions>(account.Name).ValidateOnStart();
        services.AddOptions<IdCloudSignedDocumentWaitOptions>(account.Name).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IdCloudWaitOptions>, WaitValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IdCloudSignedDocumentWaitOptions>, SignedDocumentValidator>());
    }

    /// <summary>
    /// A named account's options start from the default account's (so <c>services.Configure&lt;IdCloudWaitOptions&gt;</c>
    /// and the <c>IdCloud:Completion</c> keys still reach every account) and take the account's own
    /// <c>Completion:*</c> keys on top (<see cref="Bind"/>, registered after this).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="account">A named account.</param>
    public static void InheritDefaults(IServiceCollection services, IdCloudAccount account)
    {
        var name = account.Name;
        services.AddSingleton<IConfigureOptions<IdCloudWaitOptions>>(sp => new ConfigureNamedOptions<IdCloudWaitOptions>(name, options =>
        {
            var defaults = sp.GetRequiredService<IOptionsMonitor<IdCloudWaitOptions>>().Get(Options.DefaultName);
            (options.InitialDelay, options.MaxDelay, options.Deadline) = (defaults.InitialDelay, defaults.MaxDelay, defaults.Deadline);
        }));
        services.AddSingleton<IConfigureOptions<IdCloudSignedDocumentWaitOptions>>(sp => new ConfigureNamedOptions<IdCloudSignedDocumentWaitOptions>(name, options =>
        {
            var defaults = sp.GetRequiredService<IOptionsMonitor<IdCloudSignedDocumentWaitOptions>>().Get(Options.DefaultName);
            (options.MaxAttempts, options.InitialDelay, options.MaxDelay) = (defaults.MaxAttempts, defaults.InitialDelay, defaults.MaxDelay);
        }));
    }

    /// <summary>Binds one account's options from <c>Completion:*</c> of its section and validates them at start.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="account">The account.</param>
    /// <param name="accountSection">The section given to <c>AddIdCloud</c> (usually <c>IdCloud</c>, or <c>IdCloud:Accounts:&lt;name&gt;</c>).</param>
    public static void Bind(IServiceCollection services, IdCloudAccount account, IConfiguration accountSection)
    {
        var completion = accountSection.GetSection(SectionName);
        services.AddSingleton(new CompletionSection(account.Name, completion.Path));
        services.AddOptions<IdCloudWaitOptions>(account.Name).Bind(completion.GetSection(WaitSectionName));
        services.AddOptions<IdCloudSignedDocumentWaitOptions>(account.Name).Bind(completion.GetSection(SignedDocumentSectionName));
        AddValidation(services, account);
    }

    /// <summary>Where one account's completion options were bound from, to name the keys in messages.</summary>
    /// <param name="OptionsName">The account's name (the options name; empty for the default account).</param>
    /// <param name="Path">The configuration path of the <c>Completion</c> section, e.g. <c>IdCloud:Completion</c>.</param>
    internal sealed record CompletionSection(string OptionsName, string Path);

    /// <summary>The <c>Completion</c> path of the options named <paramref name="name"/>: the last one bound, else the convention.</summary>
    private static string PathOf(IEnumerable<CompletionSection> sections, string? name)
    {
        name ??= Options.DefaultName;
        var bound = sections.LastOrDefault(section => section.OptionsName == name);
        if (bound is not null)
        {
            return bound.Path;
        }

        var accountPath = name.Length == 0 ? IdCloudOptions.DefaultSectionName : IdCloudAccount.DefaultPathOf(name);
        return accountPath + ":" + SectionName;
    }

    /// <summary>Start-up validation of <see cref="IdCloudWaitOptions"/>, naming the configuration key to fix.</summary>
    /// <param name="sections">Where each account's options were bound from.</param>
    internal sealed class WaitValidator(IEnumerable<CompletionSection> sections) : IValidateOptions<IdCloudWaitOptions>
    {
        public ValidateOptionsResult Validate(string? name, IdCloudWaitOptions options)
        {
            var key = PathOf(sections, name) + ":" + WaitSectionName + ":";
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
    /// <param name="sections">Where each account's options were bound from.</param>
    internal sealed class SignedDocumentValidator(IEnumerable<CompletionSection> sections) : IValidateOptions<IdCloudSignedDocumentWaitOptions>
    {
        public ValidateOptionsResult Validate(string? name, IdCloudSignedDocumentWaitOptions options)
        {
            var key = PathOf(sections, name) + ":" + SignedDocumentSectionName + ":";
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
