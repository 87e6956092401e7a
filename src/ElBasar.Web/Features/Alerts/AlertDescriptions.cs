using System.Globalization;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Search;
using ElBasar.Web.Infrastructure.Geo;

namespace ElBasar.Web.Features.Alerts;

/// <summary>A search in words, in French, for the pages that list and create alerts.</summary>
public sealed class AlertDescriptions(Taxonomy taxonomy, Territories territories)
{
    public IReadOnlyList<string> Describe(ListingQuery query)
    {
        var parts = new List<string>();
        parts.Add(query.Text.Length > 0 ? $"Mots : « {query.Text} »" : "Sans mots : toutes les annonces des filtres");
        if (query.Kind is { } kind) parts.Add(kind == ListingKind.Offer ? "Offres" : "Demandes");
        if (query.Categories.Count > 0) parts.Add("Catégorie : " + string.Join(", ", query.Categories.Select(taxonomy.CategoryLabel)));
        if (query.Modes.Count > 0) parts.Add("Échange : " + string.Join(", ", query.Modes.Select(taxonomy.ModeLabel)));
        if (query.Market is { } market) parts.Add(market ? "Marchand" : "Non marchand");
        if (query.Territory is { } territory)
            parts.Add("Territoire : " + (territories.FindDepartement(territory)?.Name ?? territories.FindEpci(territory)?.Name ?? territories.FindCommune(territory)?.Name ?? territory));
        if (query.RadiusKm is { } radius)
        {
            var km = radius.ToString("0.#", CultureInfo.GetCultureInfo("fr-FR"));
            if (query.RadiusCommune is { } commune) parts.Add($"À moins de {km} km de {commune.Name}");
            else if (query.HasPoint) parts.Add($"À moins de {km} km du point indiqué");
        }
        return parts;
    }

    public static string FrequencyLabel(AlertFrequency frequency) => frequency switch
    {
        AlertFrequency.Instant => "Dès qu'une annonce paraît",
        AlertFrequency.Daily => "Un résumé par jour",
        _ => "Un résumé par semaine",
    };
}
