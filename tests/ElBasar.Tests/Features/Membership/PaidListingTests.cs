using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ElBasar.Tests.Features.Listings.Publishing;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Membership;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.Tests.Features.Membership;

public sealed class PaidListingTests
{
    const string Facilitator = "animation@example.org";

    [SkippableTheory, BothDatabases]
    public async Task A_non_member_s_listing_waits_for_its_payment_and_goes_online_once_a_facilitator_records_it(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var staff = await app.SignedInAsync(Facilitator, SiteRoles.Facilitator);
        var outsider = await new OrganizationBuilder().Named("Traiteur Hors Réseau").NotMember().SaveAsync(app);
        var camille = await People.CreateAsync(app, "camille@example.org", organizationId: outsider.Id);

        var created = await camille.Api.PostAsJsonAsync("/api/v1/listings", People.Body(outsider.Id, "Buffet pour vos événements"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var json = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("unpaid", json.GetProperty("status").GetString());
        var id = json.GetProperty("id").GetGuid();
        var visitor = app.Browser();
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/annonces/{id}")).StatusCode);
        Assert.DoesNotContain("Buffet", await visitor.GetStringAsync("/api/v1/listings?q=buffet"));
        Assert.Contains("attend son paiement", Html.VisibleText(await camille.Browser.GetStringAsync($"/annonces/{id}")));
        Assert.Contains("En attente de paiement (1)", Html.VisibleText(await camille.Browser.GetStringAsync($"/structures/{outsider.Id}/annonces")));
        var owed = Html.VisibleText(await camille.Browser.GetStringAsync($"/structures/{outsider.Id}/paiements"));
        Assert.Contains("Publication de l'annonce : 10\u00a0€", owed);
        Assert.Contains("Par virement ou par chèque", owed);

        var desk = Html.VisibleText(await staff.GetStringAsync("/animation/paiements"));
        Assert.Contains("Buffet pour vos événements", desk);
        Assert.Contains("Paiements d'annonces à enregistrer 1", Html.VisibleText(await staff.GetStringAsync("/animation")));
        var paymentId = await app.WithDbAsync((db, _) => db.Payments.Select(p => p.Id).SingleAsync());
        var recorded = await staff.PostFormAsync("/animation/paiements", "/animation/paiements", new Dictionary<string, string>
        {
            ["paymentId"] = paymentId.ToString(), ["method"] = "transfer",
        });
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var again = await staff.PostFormAsync("/animation/paiements", "/animation/paiements", new Dictionary<string, string>
        {
            ["paymentId"] = paymentId.ToString(), ["method"] = "cash",
        });
        Assert.EndsWith("fait=deja", again.Headers.Location?.OriginalString);

        var listing = await app.WithDbAsync((db, _) => db.Listings.SingleAsync(l => l.Id == id));
        Assert.Equal(ListingStatus.Published, listing.Status);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime.AddMonths(3), listing.ExpiresAt);
        var payment = await app.WithDbAsync((db, _) => db.Payments.SingleAsync());
        Assert.Equal((PaymentStatus.Paid, PaymentMethod.Transfer), (payment.Status, payment.PaidWith!.Value));
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/annonces/{id}")).StatusCode);
        Assert.Contains("Buffet", await visitor.GetStringAsync("/api/v1/listings?q=buffet"));
    }

    [SkippableTheory, BothDatabases]
    public async Task Members_publish_for_free_and_a_former_member_still_does_for_a_month(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var staff = await app.SignedInAsync(Facilitator, SiteRoles.Facilitator);
        var member = await new OrganizationBuilder().Named("Atelier Roue Libre").SaveAsync(app);
        var former = await new OrganizationBuilder().Named("Recyclerie du Sud").NotMember().SaveAsync(app);
        var camille = await People.CreateAsync(app, "camille@example.org", organizationId: member.Id);
        var path = $"/animation/adhesions/{former.Id}";
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(path, path, new Dictionary<string, string> { ["Year"] = "2026", ["Method"] = "cheque" })).StatusCode);

        Assert.Equal("published", await StatusOfNewAsync(camille, member.Id));
        app.Clock.Advance(TimeSpan.FromDays(55));   // 14 January 2027: the membership is over, the grace month is not
        await app.Services.GetRequiredService<MembershipJob>().RunOnceAsync();
        Assert.False(await app.WithDbAsync((db, _) => db.NetworkMemberships.AnyAsync(m => m.OrganizationId == former.Id && m.IsMember)));
        var dominiqueAgain = await People.CreateAsync(app, "dominique2@example.org", organizationId: former.Id);
        Assert.Equal("published", await StatusOfNewAsync(dominiqueAgain, former.Id));
        app.Clock.Advance(TimeSpan.FromDays(20));   // 3 February 2027
        var dominiqueLater = await People.CreateAsync(app, "dominique3@example.org", organizationId: former.Id);
        Assert.Equal("unpaid", await StatusOfNewAsync(dominiqueLater, former.Id));
    }

    [SkippableTheory, BothDatabases]
    public async Task A_listing_featured_for_a_month_is_on_the_home_page_and_first_in_its_category_once_its_payment_is_settled(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var staff = await app.SignedInAsync(Facilitator, SiteRoles.Facilitator);
        var member = await new OrganizationBuilder().SaveAsync(app);
        var camille = await People.CreateAsync(app, "camille@example.org", organizationId: member.Id);
        var listing = await new ListingBuilder(member).Titled("Vélo cargo à prêter").CreatedDaysAgo(20).SaveAsync(app);
        await new ListingBuilder(member).Titled("Remorque à vélo").CreatedDaysAgo(1).SaveAsync(app);
        await new ListingBuilder(member).Titled("Atelier couture").InCategory("training").SaveAsync(app);
        var path = $"/annonces/{listing.Id}/a-la-une";

        Assert.Contains("Prix : 2\u00a0€", Html.VisibleText(await camille.Browser.GetStringAsync(path)));
        Assert.Equal(HttpStatusCode.Redirect, (await camille.Browser.PostFormAsync(path, path, new Dictionary<string, string>())).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await camille.Browser.PostFormAsync(path, path, new Dictionary<string, string>())).StatusCode);
        Assert.DoesNotContain("À la une", Html.VisibleText(await app.GetPageAsync("/")));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignedInAsync("stranger@example.org", SiteRoles.Member)).GetAsync(path)).StatusCode);

        var payment = await app.WithDbAsync((db, _) => db.Payments.SingleAsync());
        Assert.Equal((PaymentPurpose.Feature, 2m), (payment.Purpose, payment.AmountEur));
        await staff.PostFormAsync("/animation/paiements", "/animation/paiements", new Dictionary<string, string>
        {
            ["paymentId"] = payment.Id.ToString(), ["method"] = "waived",
        });

        var home = Html.VisibleText(await app.GetPageAsync("/"));
        Assert.Contains("À la une", home);
        Assert.Contains("Vélo cargo à prêter", home);
        // First in its category, above the newer listing; not in another category's results.
        var category = Html.VisibleText(await app.GetPageAsync("/recherche?category=equipment"));
        Assert.Contains("À la une : Matériel et équipement", category);
        Assert.True(category.IndexOf("Vélo cargo à prêter", StringComparison.Ordinal) < category.IndexOf("Remorque à vélo", StringComparison.Ordinal));
        Assert.DoesNotContain("À la une", Html.VisibleText(await app.GetPageAsync("/recherche?category=training")));
        app.Clock.Advance(TimeSpan.FromDays(32));
        Assert.DoesNotContain("À la une", Html.VisibleText(await app.GetPageAsync("/")));
        Assert.DoesNotContain("À la une", Html.VisibleText(await app.GetPageAsync("/recherche?category=equipment")));
    }

    static async Task<string?> StatusOfNewAsync(Person person, Guid organizationId)
    {
        var response = await person.Api.PostAsJsonAsync("/api/v1/listings", People.Body(organizationId, "Tonnelle à prêter"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString();
    }
}
