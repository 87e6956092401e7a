using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Cooperations;

/// <summary>A few cooperations among the demo organisations (by their external ids), dated from today.</summary>
public static class CooperationDemo
{
    sealed record Seed(
        string Title, CooperationKind Kind, string Sector, TerritoryLevel Level, string Code, string[] Members, string? Outside,
        string Origin, string Governance, string Stakes, string Together, string Contact, string Email, int StartedDaysAgo, int? EndedDaysAgo);

    static readonly Seed[] Seeds =
    [
        new("Un camion partagé pour les collectes solidaires", CooperationKind.Pooling, "mobility", TerritoryLevel.Epci, "200093201",
            ["demo-org-002", "demo-org-007", "demo-org-013", "demo-org-005"], null,
            "Chaque structure louait un utilitaire pour ses collectes d'invendus et de dons, souvent les mêmes jours. L'idée est née lors d'un apéro du réseau.",
            "Un comité d'usagers, un représentant par structure, se réunit chaque trimestre ; la Ressourcerie porte le camion et refacture au kilomètre.",
            "Réduire les coûts de transport, mieux remplir les tournées, moins de véhicules sur les routes de la métropole.",
            "Se mettre d'accord sur un planning partagé et se faire confiance pour l'entretien.",
            "Mathilde Roussel", "camion@grenier-tourquennois.example.org", 540, null),
        new("Collectif des acteurs de l'ESS de l'Artois", CooperationKind.EssCollective, "other", TerritoryLevel.Departement, "62",
            ["demo-org-023", "demo-org-024", "demo-org-025", "demo-org-026"], null,
            "Des structures éloignées de Lille qui se sentaient isolées ont commencé à se retrouver chaque mois autour d'un petit-déjeuner à Arras.",
            "Un collectif informel ; une animation tournante, une structure différente chaque semestre.",
            "Se faire connaître des collectivités du bassin minier, répondre ensemble aux marchés publics, partager les bons plans.",
            "Se connaître avant d'avoir besoin les uns des autres.",
            "Julien Vasseur", "collectif-artois@jardins-scarpe.example.org", 900, null),
        new("Chantier d'insertion des berges de la Lys", CooperationKind.MixedGrouping, "maintenance", TerritoryLevel.Commune, "59017",
            ["demo-org-015", "demo-org-012"], "Ville d'Armentières\nBâti-Lys (entreprise du bâtiment)",
            "La ville cherchait à remettre en état les berges ; deux structures d'insertion et une entreprise locale ont monté ensemble la réponse.",
            "Une convention à quatre ; un comité de pilotage avec la ville deux fois par an.",
            "Des parcours d'insertion vers les métiers du bâtiment et des espaces verts, des berges rendues aux habitants.",
            "Accepter des rythmes différents : ceux de l'entreprise, de la collectivité et des salariés en insertion.",
            "Samia Benali", "berges@eco-chantiers-armentieres.example.org", 300, null),
        new("Festival Décibel solidaire", CooperationKind.ProjectPartnership, "culture", TerritoryLevel.Commune, "59650",
            ["demo-org-011", "demo-org-020", "demo-org-004"], null,
            "Un festival de quartier qui voulait devenir zéro déchet et accessible à tous.",
            "Un binôme de coordination, des bénévoles des trois structures.",
            "Montrer qu'un événement culturel peut être sobre et ouvert à tous.",
            "Partager les tâches ingrates autant que la scène.",
            "Hugo Lemaire", "festival@collectif-decibel.example.org", 420, 60),
    ];

    public static async Task AddAsync(ElBasarDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(Display.ToParis(now));
        var ids = await db.Organizations.Where(o => o.ExternalId != null && o.ExternalId.StartsWith("demo-org-"))
            .ToDictionaryAsync(o => o.ExternalId!, o => o.Id, ct);
        foreach (var s in Seeds)
        {
            if (!s.Members.All(ids.ContainsKey)) continue;
            var cooperation = new Cooperation
            {
                Title = s.Title, Kind = s.Kind, Sector = s.Sector, TerritoryLevel = s.Level, TerritoryCode = s.Code, OutsidePartners = s.Outside,
                Origin = s.Origin, Governance = s.Governance, Stakes = s.Stakes, WorkingTogether = s.Together,
                ContactName = s.Contact, ContactEmail = s.Email,
                StartsOn = today.AddDays(-s.StartedDaysAgo), EndsOn = s.EndedDaysAgo is { } ended ? today.AddDays(-ended) : null,
                CreatedAt = now, UpdatedAt = now,
            };
            cooperation.Participants.AddRange(s.Members.Select(m => new CooperationParticipant { CooperationId = cooperation.Id, OrganizationId = ids[m] }));
            db.Add(cooperation);
        }
        await db.SaveChangesAsync(ct);
    }
}
