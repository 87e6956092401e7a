using System.Net;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.Tests.Infrastructure.Data;

public sealed class MigrationTests
{
    [SkippableTheory, BothDatabases]
    public async Task A_new_database_is_migrated_at_start_and_every_mapped_entity_reads_and_writes(string provider)
    {
        await using var database = await TestDatabase.CreateEmptyAsync(provider);
        await using var app = TestApp.StartOn(database);
        var org = await new OrganizationBuilder().WithActivities("ressourcerie").SaveAsync(app);
        await new ListingBuilder(org).WithModes("loan", "donation").WithPrice(12.5m).ExpiredDaysAgo(-30).SaveAsync(app);

        await app.WithDbAsync(async db =>
        {
            // Reading every entity type selects every mapped column: a column the scripts forgot fails here.
            foreach (var entity in db.Model.GetEntityTypes().Where(e => !e.IsOwned()))
            {
                var set = (IQueryable<object>)typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!
                    .MakeGenericMethod(entity.ClrType).Invoke(db, null)!;
                Assert.NotNull(await set.ToListAsync());
            }
            Assert.Equal(14, await db.Categories.CountAsync());
            Assert.Equal(9, await db.ExchangeModes.CountAsync());
            Assert.Equal(6, await db.ExchangeModes.CountAsync(m => !m.Market));
            Assert.True(await db.Networks.AnyAsync(n => n.IsHome));
            var listing = await db.Listings.Include(l => l.ExchangeModes).SingleAsync();
            Assert.Equal(12.5m, listing.Price);
        });
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/readyz")).StatusCode);
    }

    [SkippableTheory, BothDatabases]
    public async Task Migrating_again_applies_nothing_and_keeps_the_data(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().Named("Les Ateliers de la Deûle").SaveAsync(app);
        await new ListingBuilder(org).Titled("Scie sauteuse à prêter").SaveAsync(app);

        var applied = await app.WithDbAsync((_, services) => services.GetRequiredService<MigrationRunner>().MigrateAsync());
        // A second node starting on the database: migrations and seeds once more.
        await using (TestApp.StartOn(app.Database)) { }

        Assert.Empty(applied);
        var versions = await app.WithDbAsync((_, services) => services.GetRequiredService<MigrationRunner>().AppliedVersionsAsync());
        Assert.Equal(MigrationRunner.Scripts(app.Database.Provider).Select(s => s.Version), versions.Order());
        await app.WithDbAsync(async db =>
        {
            Assert.Equal("Les Ateliers de la Deûle", (await db.Organizations.SingleAsync()).Name);
            Assert.Equal("Scie sauteuse à prêter", (await db.Listings.SingleAsync()).Title);
        });
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public void Scripts_are_numbered_in_increasing_order_and_both_providers_have_the_same_versions(DatabaseProvider provider)
    {
        // Gaps are allowed: numbers are reserved by work in progress, and the runner applies
        // whatever a database has not seen, in order.
        var scripts = MigrationRunner.Scripts(provider);
        Assert.NotEmpty(scripts);
        Assert.True(scripts[0].Version >= 1, "Versions start at 1.");
        Assert.All(scripts.Zip(scripts.Skip(1)), pair => Assert.True(pair.First.Version < pair.Second.Version,
            $"Versions must be strictly increasing: {pair.First.Version:0000}_{pair.First.Name} then {pair.Second.Version:0000}_{pair.Second.Name}."));
        var sqlite = MigrationRunner.Scripts(DatabaseProvider.Sqlite);
        Assert.Equal(sqlite.Select(s => (s.Version, s.Name)), scripts.Select(s => (s.Version, s.Name)));
    }

    [SkippableTheory, BothDatabases]
    public async Task Deleting_a_listing_removes_it_from_the_search_index(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().SaveAsync(app);
        var listing = await new ListingBuilder(org).Titled("Guirlande lumineuse").SaveAsync(app);
        await new ListingBuilder(org).Titled("Guirlande blanche").SaveAsync(app);

        await app.WithDbAsync(db => db.Listings.Where(l => l.Id == listing.Id).ExecuteDeleteAsync());
        await app.WithDbAsync(async db =>
        {
            var renamed = await db.Listings.SingleAsync();
            renamed.Title = "Projecteur blanc";
            await db.SaveChangesAsync();
        });

        var client = app.CreateClient();
        Assert.Contains("\"total\":0", await client.GetStringAsync("/api/v1/listings?q=guirlande"));
        Assert.Contains("\"total\":1", await client.GetStringAsync("/api/v1/listings?q=projecteur"));
    }
}
