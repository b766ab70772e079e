using System.Text.Json.Serialization;

namespace Unico.IdCloud.Client.Models;

/// <summary>
/// What the contextualisation screen tells the user (generated from the contract; this part flattens the reason per
/// language, <c>locale.ptBr.reason</c>, <c>locale.enUs.reason</c>, <c>locale.esMX.reason</c> on the wire, into one
/// property each).
/// </summary>
public partial class Contextualization
{
    /// <summary>Why the user is asked to verify their identity, in Portuguese (Brazil) (<c>locale.ptBr.reason</c>).</summary>
    [JsonIgnore]
    public string? ReasonPtBr
    {
        get => Locales?.PtBr?.Reason;
        set => Locale(static locales => locales.PtBr, static (locales, locale) => locales.PtBr = locale, value);
    }

    /// <summary>Why the user is asked to verify their identity, in English (United States) (<c>locale.enUs.reason</c>).</summary>
    [JsonIgnore]
    public string? ReasonEnUs
    {
        get => Locales?.EnUs?.Reason;
        set => Locale(static locales => locales.EnUs, static (locales, locale) => locales.EnUs = locale, value);
    }

    /// <summary>Why the user is asked to verify their identity, in Spanish (Mexico) (<c>locale.esMX.reason</c>).</summary>
    [JsonIgnore]
    public string? ReasonEsMx
    {
        get => Locales?.EsMX?.Reason;
        set => Locale(static locales => locales.EsMX, static (locales, locale) => locales.EsMX = locale, value);
    }

    // Setting null clears the reason but keeps the objects (and any member the contract does not know in them).
    private void Locale(
        Func<ContextualizationLocales, ContextualizationLocale?> get,
        Action<ContextualizationLocales, ContextualizationLocale> set,
        string? reason)
    {
        if (reason is null && get(Locales ?? new ContextualizationLocales()) is null)
        {
            return;
        }

        Locales ??= new ContextualizationLocales();
        var locale = get(Locales);
        if (locale is null)
        {
            locale = new ContextualizationLocale();
            set(Locales, locale);
        }

        locale.Reason = reason;
    }
}
