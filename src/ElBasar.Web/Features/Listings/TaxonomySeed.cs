using ElBasar.Web.Infrastructure.Data;

namespace ElBasar.Web.Features.Listings;

sealed class TaxonomySeed(ElBasarDbContext db, Taxonomy taxonomy, TimeProvider clock) : IStartupSeed
{
    public int Order => 10;

    public Task RunAsync(CancellationToken ct) => taxonomy.SeedAsync(db, clock.GetUtcNow(), ct);
}
