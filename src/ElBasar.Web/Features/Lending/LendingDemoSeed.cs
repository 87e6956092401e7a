using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Lending;

/// <summary>
/// With the demo network (<c>Demo:Seed</c>), turns a few of its loan listings into items one can
/// book: the cargo bike of the Atelier Vélo du Faubourg, the three tents in Béthune, the three
/// barnums in Liévin. Runs after the demo seed, once, only on a database without items.
/// </summary>
sealed class LendingDemoSeed(ElBasarDbContext db, IConfiguration configuration, TimeProvider clock) : IStartupSeed
{
    static readonly (string ListingExternalId, int Quantity, decimal? Deposit, bool AutoApprove, string Place, string Hours, int MaxDays)[] Items =
    [
        ("demo-lst-0028", 1, 200m, false, "Atelier Vélo du Faubourg, Lille-Fives", "Du mardi au samedi, 10 h-18 h", 3),
        ("demo-lst-0219", 3, 150m, true, "L'atelier, Béthune", "Le vendredi, 14 h-18 h", 4),
        ("demo-lst-0218", 3, 100m, false, "Liévin", "Sur rendez-vous", 4),
    ];

    public int Order => 110;

    public bool OnlyWhenServing => true;

    public async Task RunAsync(CancellationToken ct)
    {
        if (!configuration.GetValue("Demo:Seed", true) || await db.LendingItems.AnyAsync(ct)) return;
        var ids = Items.Select(i => i.ListingExternalId).ToList();
        var listings = await db.Listings.AsNoTracking().Where(l => ids.Contains(l.ExternalId!))
            .Select(l => new { l.Id, l.ExternalId, l.OrganizationId }).ToListAsync(ct);
        foreach (var listing in listings)
        {
            var (_, quantity, deposit, auto, place, hours, maxDays) = Items.Single(i => i.ListingExternalId == listing.ExternalId);
            db.LendingItems.Add(new LendingItem
            {
                ListingId = listing.Id, OrganizationId = listing.OrganizationId, Quantity = quantity, DepositEur = deposit, AutoApprove = auto,
                PickupPlace = place, PickupHours = hours, MaxLoanDays = maxDays, Audience = LendingAudience.Members,
                Conditions = "À rendre propre et complet, à l'heure convenue.", CreatedAt = clock.GetUtcNow().UtcDateTime,
            });
        }
        await db.SaveChangesAsync(ct);
    }
}
