using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Keys = ElBasar.Web.Features.Exchanges.ExchangeFields.Keys;

namespace ElBasar.Web.Features.Exchanges;

/// <summary>The declaration form, as typed: everything is text so a failed post shows it back unchanged.</summary>
public sealed class ExchangeInput
{
    [Display(Name = "Au nom de")]
    public Guid? AsOrganizationId { get; set; }

    [Display(Name = "Avec (l'autre partie)")]
    public Guid? CounterpartOrganizationId { get; set; }

    [Display(Name = "Mode d'échange")]
    public string? Mode { get; set; }

    [Display(Name = "Catégorie")]
    public string? Category { get; set; }

    [Display(Name = "Date de l'échange")]
    public string? Date { get; set; }

    [Display(Name = "Ce qui a été échangé")]
    public string? Description { get; set; }

    [Display(Name = "Montant (€, échanges marchands)")]
    public string? AmountEur { get; set; }

    [Display(Name = "Temps donné (heures, échanges non marchands)")]
    public string? Hours { get; set; }

    [Display(Name = "Valeur estimée (€, facultatif)")]
    public string? EstimatedValueEur { get; set; }

    [Display(Name = "Jours de prêt (prêts)")]
    public string? Days { get; set; }

    public Guid? ListingId { get; set; }
    public Guid? ConversationId { get; set; }

    public ExchangeFields ToFields() => new()
    {
        AsOrganizationId = AsOrganizationId, CounterpartOrganizationId = CounterpartOrganizationId, Mode = Mode, Category = Category,
        Date = Date, Description = Description, AmountEur = AmountEur, Hours = Hours, EstimatedValueEur = EstimatedValueEur, Days = Days,
        ListingId = ListingId, ConversationId = ConversationId,
    };

    public static ExchangeInput From(Exchange e) => new()
    {
        AsOrganizationId = e.FromOrganizationId, CounterpartOrganizationId = e.ToOrganizationId, Mode = e.Mode, Category = e.Category,
        Date = e.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Description = e.Description,
        AmountEur = ExchangeLedger.Format(e.AmountEur), Hours = ExchangeLedger.Format(e.Hours),
        EstimatedValueEur = ExchangeLedger.Format(e.EstimatedValueEur), Days = e.Days?.ToString(CultureInfo.InvariantCulture),
        ListingId = e.ListingId, ConversationId = e.ConversationId,
    };

    /// <summary>The form field an API key's error goes beside.</summary>
    public static string FieldOf(string key) => key switch
    {
        Keys.AsOrganizationId => "Input.AsOrganizationId",
        Keys.CounterpartOrganizationId => "Input.CounterpartOrganizationId",
        Keys.Mode => "Input.Mode",
        Keys.Category => "Input.Category",
        Keys.Date => "Input.Date",
        Keys.Description => "Input.Description",
        Keys.AmountEur => "Input.AmountEur",
        Keys.Hours => "Input.Hours",
        Keys.EstimatedValueEur => "Input.EstimatedValueEur",
        Keys.Days => "Input.Days",
        Keys.ListingId => "Input.ListingId",
        _ => key,
    };
}

/// <summary>What the declaration form shows besides what is typed: the choices.</summary>
public sealed record ExchangeFormChoices(
    IReadOnlyList<(Guid Id, string Name)> Mine, IReadOnlyList<(Guid Id, string Name)> Suggested, IReadOnlyList<(Guid Id, string Name)> Others,
    string? ListingTitle, bool Editing);
