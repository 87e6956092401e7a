using ElBasar.Web.Infrastructure.Data;

namespace ElBasar.Web.Features.Resources;

/// <summary>A few French resources for the demo network, as links, one of them for members only.</summary>
public static class ResourcesDemo
{
    public static async Task AddAsync(ElBasarDbContext db, DateTime now, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(now);
        Resource Link(string title, string summary, ResourceKind kind, int daysAgo, string link, ResourceAudience audience, params string[] themes)
        {
            var resource = new Resource
            {
                Title = title, Summary = summary, Kind = kind, PublishedOn = today.AddDays(-daysAgo), Audience = audience, Link = link,
                CreatedAt = now, UpdatedAt = now,
            };
            resource.Themes.AddRange(themes.Select(t => new ResourceTheme { ResourceId = resource.Id, Theme = t }));
            return resource;
        }

        db.AddRange(
            Link("Guide des achats responsables entre structures de l'ESS",
                "Comment acheter à un autre membre du réseau : repérer les offres, demander un devis, passer un marché simplifié, suivre la commande.",
                ResourceKind.Guide, 12, "https://www.avise.org", ResourceAudience.Public, "purchasing", "cooperation"),
            Link("Étude : le réemploi du matériel dans les associations des Hauts-de-France",
                "Ce que les structures prêtent, donnent et réparent, et ce qui leur manque pour le faire davantage.",
                ResourceKind.Study, 45, "https://www.ademe.fr", ResourceAudience.Public, "circular-economy"),
            Link("Rapport d'activité 2025 de l'ESS en France",
                "Les chiffres de l'emploi et des structures de l'économie sociale et solidaire, région par région.",
                ResourceKind.Report, 90, "https://www.ess-france.org", ResourceAudience.Public, "employment", "governance"),
            Link("Compte rendu du comité d'animation de l'automne",
                "Les décisions du comité : calendrier des apéros itinérants, groupe de travail sur la mobilité partagée, budget de la lettre.",
                ResourceKind.Minutes, 20, "https://www.avise.org", ResourceAudience.Members, "governance", "mobility"));
        await db.SaveChangesAsync(ct);
    }
}
