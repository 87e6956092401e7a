using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using ElBasar.Tests.Features.Directory;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Events;
using ElBasar.Web.Features.Listings;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Tests.Features.OpenData;

/// <summary>
/// Public pages describe themselves in schema.org JSON-LD: what anyone may see, nothing private, and
/// nothing typed by somebody can break out of the block.
/// </summary>
public sealed class JsonLdTests
{
    const string BaseUrl = "https://elbasar.example.org";
    const string Hostile = "Vélo </script><script>alert(1)</script> cargo";

    static Task<TestApp> StartAsync(string provider) => TestApp.StartAsync(provider, new() { ["Site:BaseUrl"] = BaseUrl });

    /// <summary>The page's one JSON-LD block, parsed as a browser would find it; and no script was let loose.</summary>
    static JsonElement? JsonLdOf(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        Assert.DoesNotContain(document.Scripts, s => s.Source is null && s.Type != "application/ld+json");
        var blocks = document.QuerySelectorAll("script[type='application/ld+json']");
        Assert.True(blocks.Length <= 1);
        return blocks.Length == 0 ? null : JsonDocument.Parse(blocks[0].TextContent).RootElement.Clone();
    }

    static async Task<JsonElement?> JsonLdAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        return JsonLdOf(await response.Content.ReadAsStringAsync());
    }

    static string Text(JsonElement element, params string[] path) =>
        path.Aggregate(element, (e, name) => e.GetProperty(name)).GetString()!;

    [SkippableTheory, BothDatabases]
    public async Task An_offer_and_a_demand_are_described_and_a_hostile_title_stays_inside_its_block(string provider)
    {
        await using var app = await StartAsync(provider);
        var organization = await new OrganizationBuilder().Named("Atelier Roue Libre").SaveAsync(app);
        var offer = await new ListingBuilder(organization).Titled(Hostile).WithPrice(12.5m).SaveAsync(app);
        var demand = await new ListingBuilder(organization).Titled("Cherche une salle").Demand().SaveAsync(app);
        var client = app.CreateClient();

        var data = (await JsonLdAsync(client, $"/annonces/{offer.Id}"))!.Value;
        Assert.Equal("https://schema.org", Text(data, "@context"));
        Assert.Equal("Offer", Text(data, "@type"));
        Assert.Equal(Hostile, Text(data, "name"));
        Assert.Equal($"{BaseUrl}/annonces/{offer.Id}", Text(data, "url"));
        Assert.Equal(12.5m, data.GetProperty("price").GetDecimal());
        Assert.Equal("EUR", Text(data, "priceCurrency"));
        Assert.Equal("https://schema.org/InStock", Text(data, "availability"));
        Assert.Equal("Atelier Roue Libre", Text(data, "offeredBy", "name"));
        Assert.Equal("Lille", Text(data, "availableAtOrFrom", "address", "addressLocality"));
        Assert.Equal(50.6292, data.GetProperty("availableAtOrFrom").GetProperty("geo").GetProperty("latitude").GetDouble());
        Assert.Contains("\\u003C/script\\u003E", await client.GetStringAsync($"/annonces/{offer.Id}"));

        data = (await JsonLdAsync(client, $"/annonces/{demand.Id}"))!.Value;
        Assert.Equal("Demand", Text(data, "@type"));
        Assert.Equal("Cherche une salle", Text(data, "name"));
    }

    [SkippableTheory, BothDatabases]
    public async Task A_listing_the_public_does_not_see_is_not_described_even_to_its_owner(string provider)
    {
        await using var app = await StartAsync(provider);
        var organization = await new OrganizationBuilder().SaveAsync(app);
        var draft = await new ListingBuilder(organization).Titled("Brouillon").WithStatus(ListingStatus.Draft).SaveAsync(app);
        var membersOnly = await new ListingBuilder(organization).Titled("Réservée aux membres").SaveAsync(app);
        await app.WithDbAsync(db => db.Listings.Where(l => l.Id == membersOnly.Id).ExecuteUpdateAsync(u => u.SetProperty(l => l.Visibility, ListingVisibility.Network)));
        var (owner, ownerId) = await SignedIn.PersonAsync(app, "owner@example.org");
        await SignedIn.AddAsync(app, organization.Id, ownerId, OrganizationRole.Owner);

        Assert.Null(await JsonLdAsync(owner, $"/annonces/{draft.Id}"));
        Assert.Null(await JsonLdAsync(owner, $"/annonces/{membersOnly.Id}"));
    }

    [SkippableTheory, BothDatabases]
    public async Task An_organisation_is_described_with_its_place_and_never_its_members_only_contacts(string provider)
    {
        await using var app = await StartAsync(provider);
        var organization = await new OrganizationBuilder().Named(Hostile).WithActivities("vélo").SaveAsync(app);
        await app.WithDbAsync(db => db.Organizations.Where(o => o.Id == organization.Id).ExecuteUpdateAsync(u => u
            .SetProperty(o => o.EmailVisibility, ContactVisibility.Members)
            .SetProperty(o => o.Website, "https://roue-libre.example.org").SetProperty(o => o.WebsiteVisibility, ContactVisibility.Public)));
        var (admin, _) = await SignedIn.PersonAsync(app, "admin@example.org", "Alex Admin", SiteRoles.Admin);

        foreach (var client in new[] { app.CreateClient(), admin })
        {
            var data = (await JsonLdAsync(client, $"/structures/{organization.Id}"))!.Value;
            Assert.Equal("Organization", Text(data, "@type"));
            Assert.Equal(Hostile, Text(data, "name"));
            Assert.Equal("https://roue-libre.example.org", Text(data, "sameAs"));
            Assert.Equal("Lille", Text(data, "address", "addressLocality"));
            Assert.Equal("59000", Text(data, "address", "postalCode"));
            Assert.Equal("Place", Text(data, "location", "@type"));
            Assert.Equal(3.0573, data.GetProperty("location").GetProperty("geo").GetProperty("longitude").GetDouble());
            Assert.False(data.TryGetProperty("email", out _));
        }
        Assert.Contains("contact@roue-libre.example.org", await admin.GetStringAsync($"/structures/{organization.Id}"));
    }

    [SkippableTheory, BothDatabases]
    public async Task An_event_open_to_everyone_is_described_with_its_place_times_and_organiser(string provider)
    {
        await using var app = await StartAsync(provider);
        var host = await new OrganizationBuilder().Named("Atelier Roue Libre").SaveAsync(app);
        var home = await app.HomeNetworkIdAsync();
        Event Meeting(string title, EventAudience audience) => new()
        {
            NetworkId = home,
            Title = title, Kind = EventKind.ItinerantApero, Description = "Venez découvrir l'atelier.", Place = "12 rue des Arts, Lille",
            HostOrganizationId = host.Id, Latitude = 50.63, Longitude = 3.06, Audience = audience, Capacity = 30,
            StartsAt = new DateTime(2026, 12, 3, 17, 30, 0, DateTimeKind.Utc), EndsAt = new DateTime(2026, 12, 3, 19, 30, 0, DateTimeKind.Utc),
            CreatedAt = FakeClock.Default.UtcDateTime, UpdatedAt = FakeClock.Default.UtcDateTime,
        };
        var open = Meeting(Hostile, EventAudience.Everyone);
        var members = Meeting("Apéro des membres", EventAudience.Members);
        await app.WithDbAsync(async db =>
        {
            db.Set<Event>().AddRange(open, members);
            await db.SaveChangesAsync();
        });
        var client = app.CreateClient();

        var data = (await JsonLdAsync(client, $"/evenements/{open.Id}"))!.Value;
        Assert.Equal("Event", Text(data, "@type"));
        Assert.Equal(Hostile, Text(data, "name"));
        Assert.Equal("2026-12-03T18:30:00+01:00", Text(data, "startDate"));
        Assert.Equal("2026-12-03T20:30:00+01:00", Text(data, "endDate"));
        Assert.Equal("Place", Text(data, "location", "@type"));
        Assert.Equal("12 rue des Arts, Lille", Text(data, "location", "name"));
        Assert.Equal(50.63, data.GetProperty("location").GetProperty("geo").GetProperty("latitude").GetDouble());
        Assert.Equal("Atelier Roue Libre", Text(data, "organizer", "name"));
        Assert.Equal($"{BaseUrl}/structures/{host.Id}", Text(data, "organizer", "url"));

        Assert.Null(await JsonLdAsync(client, $"/evenements/{members.Id}"));
    }

    [SkippableTheory, BothDatabases]
    public async Task The_home_page_describes_the_site_and_its_search(string provider)
    {
        await using var app = await StartAsync(provider);

        var data = (await JsonLdAsync(app.CreateClient(), "/"))!.Value;

        Assert.Equal("WebSite", Text(data, "@type"));
        Assert.Equal($"{BaseUrl}/", Text(data, "url"));
        Assert.Equal("SearchAction", Text(data, "potentialAction", "@type"));
        Assert.Equal($"{BaseUrl}/recherche?q={{search_term_string}}", Text(data, "potentialAction", "target", "urlTemplate"));
        Assert.Equal("required name=search_term_string", Text(data, "potentialAction", "query-input"));
    }
}
