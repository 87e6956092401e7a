using ElBasar.Tests.Support;
using ElBasar.Web.Features.Directory;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Tests.Features.Search;

/// <summary>Publishing a demand shows its people the offers and the members that could answer it, and the other way round.</summary>
public sealed class ListingMatchesTests
{
    [SkippableTheory, BothDatabases]
    public async Task A_demand_shows_its_people_the_offers_and_members_that_could_answer_it(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var user = await app.CreateAccountAsync("festival@example.org");
        var festival = await new OrganizationBuilder().Named("Festival des Terrils").SaveAsync(app);
        var lender = await new OrganizationBuilder().Named("Ressourcerie de Lens").SaveAsync(app);
        await new OrganizationBuilder().Named("Barnums du Nord").WithActivities("Location de tonnelles et barnums").SaveAsync(app);
        await new OrganizationBuilder().Named("Tonnelles Hors Réseau").WithActivities("Location de tonnelles").NotMember().SaveAsync(app);
        var demand = await new ListingBuilder(festival).Demand().Titled("Cherche des tonnelles pour le festival").SaveAsync(app);
        await new ListingBuilder(lender).Titled("Tonnelle pliante 3x3 à prêter").SaveAsync(app);
        await new ListingBuilder(festival).Titled("Tonnelle du festival à prêter").SaveAsync(app);
        await new ListingBuilder(lender).Demand().Titled("Cherche une tonnelle aussi").SaveAsync(app);
        await app.WithDbAsync(async db =>
        {
            db.OrganizationMembers.Add(new OrganizationMember { OrganizationId = festival.Id, UserId = user.Id, Role = OrganizationRole.Owner, Since = FakeClock.Default.UtcDateTime });
            await db.SaveChangesAsync();
        });

        var owner = Html.VisibleText(await (await app.SignedInAsync("festival@example.org")).GetStringAsync($"/annonces/{demand.Id}"));
        var visitor = Html.VisibleText(await app.CreateClient().GetStringAsync($"/annonces/{demand.Id}"));

        Assert.Contains("Des offres qui pourraient répondre à votre demande", owner);
        Assert.Contains("Tonnelle pliante 3x3 à prêter", owner);
        Assert.DoesNotContain("Tonnelle du festival à prêter", owner);   // its own offers answer nothing
        Assert.DoesNotContain("Cherche une tonnelle aussi", owner);      // another demand neither
        Assert.Contains("Des membres du réseau dont c'est l'activité", owner);
        Assert.Contains("Barnums du Nord", owner);
        Assert.DoesNotContain("Tonnelles Hors Réseau", owner);
        Assert.DoesNotContain("Des offres qui pourraient répondre", visitor);
    }
}
