using System.Net;
using System.Net.Http.Json;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Tests.Features.Listings.Publishing;

/// <summary>
/// Every way to write a listing, tried by everyone. Owners and editors act for their organisation;
/// nobody else does, staff included: the API says 403 for a listing the public can see and 404 for
/// one it cannot (a paused one), the pages say 404 alike, anonymous callers are asked to sign in.
/// </summary>
public sealed class PublishingAuthorizationTests
{
    enum Actor { Anonymous, OtherOrganisation, Editor, Owner, Facilitator, Admin }

    sealed record Attempt(string Name, Func<HttpClient, Guid, Task<HttpResponseMessage>> Send, HttpStatusCode Allowed);

    static Dictionary<string, string> NoFields => [];

    [SkippableTheory, BothDatabases]
    public async Task Only_the_organisation_owners_and_editors_write_its_listings(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var organization = await new OrganizationBuilder().Named("Atelier Roue Libre").SaveAsync(app);
        var otherOrganization = await new OrganizationBuilder().Named("Jardins de Fives").SaveAsync(app);
        var clients = new Dictionary<Actor, (HttpClient Browser, HttpClient Api)>
        {
            [Actor.Anonymous] = (app.Browser(), app.Browser()),
        };
        foreach (var (actor, role, org, orgRole) in new (Actor, string, Guid?, OrganizationRole)[]
        {
            (Actor.OtherOrganisation, SiteRoles.Member, otherOrganization.Id, OrganizationRole.Owner),
            (Actor.Editor, SiteRoles.Member, organization.Id, OrganizationRole.Editor),
            (Actor.Owner, SiteRoles.Member, organization.Id, OrganizationRole.Owner),
            (Actor.Facilitator, SiteRoles.Facilitator, null, OrganizationRole.Owner),
            (Actor.Admin, SiteRoles.Admin, null, OrganizationRole.Owner),
        })
        {
            var person = await People.CreateAsync(app, $"{actor.ToString().ToLowerInvariant()}@example.org", role, org, orgRole);
            clients[actor] = (person.Browser, person.Api);
        }
        // A page of the site for the antiforgery token, readable by everyone.
        const string formSource = "/compte/connexion";

        var apiAttempts = new Attempt[]
        {
            new("API POST", (c, _) => c.PostAsJsonAsync("/api/v1/listings", People.Body(organization.Id)), HttpStatusCode.Created),
            new("API PATCH", (c, id) => c.PatchAsync($"/api/v1/listings/{id}", new { title = "Changée" }), HttpStatusCode.OK),
            new("API close", (c, id) => c.PostAsJsonAsync($"/api/v1/listings/{id}/close", new { outcome = "withdrawn" }), HttpStatusCode.OK),
        };
        var pageAttempts = new Attempt[]
        {
            new("page create", (c, _) => c.PostFormAsync(formSource, "/annonces/nouvelle", People.Form(organizationId: organization.Id)), HttpStatusCode.Redirect),
            new("page edit", (c, id) => c.PostFormAsync(formSource, $"/annonces/{id}/modifier", People.Form("Changée")), HttpStatusCode.Redirect),
            new("page close", (c, id) => c.PostFormAsync(formSource, $"/annonces/{id}/modifier?handler=Close", new Dictionary<string, string> { ["outcome"] = "fulfilled" }), HttpStatusCode.Redirect),
            new("page pause", (c, id) => c.PostFormAsync(formSource, $"/annonces/{id}/modifier?handler=Pause", NoFields), HttpStatusCode.Redirect),
            new("page republish", (c, id) => c.PostFormAsync(formSource, $"/annonces/{id}/modifier?handler=Republish", NoFields), HttpStatusCode.Redirect),
            new("page renew", (c, id) => c.PostFormAsync(formSource, $"/annonces/{id}/modifier?handler=Renew", NoFields), HttpStatusCode.Redirect),
        };

        var failures = new List<string>();
        foreach (var actor in Enum.GetValues<Actor>())
        {
            var allowed = actor is Actor.Owner or Actor.Editor;
            foreach (var attempt in apiAttempts.Concat(pageAttempts))
            {
                var api = attempt.Name.StartsWith("API");
                var client = api ? clients[actor].Api : clients[actor].Browser;
                foreach (var status in new[] { ListingStatus.Published, ListingStatus.Draft })
                {
                    var listing = await new ListingBuilder(organization).Titled("Tonnelle").WithStatus(status).SaveAsync(app);
                    var expected = (actor, allowed, api) switch
                    {
                        (Actor.Anonymous, _, true) => HttpStatusCode.Unauthorized,
                        (Actor.Anonymous, _, false) => HttpStatusCode.Redirect,
                        (_, true, _) => attempt.Allowed,
                        (_, false, false) => HttpStatusCode.NotFound,
                        // Publishing for an organisation one does not belong to; a draft's existence stays private.
                        _ => attempt.Name == "API POST" || status == ListingStatus.Published ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound,
                    };
                    var response = await attempt.Send(client, listing.Id);
                    var location = response.Headers.Location?.OriginalString ?? "";
                    if (response.StatusCode != expected
                        || (actor == Actor.Anonymous && !api && !location.Contains("/compte/connexion", StringComparison.Ordinal)))
                        failures.Add($"{actor} × {attempt.Name} on a {status} listing: {(int)response.StatusCode} {location}, expected {(int)expected}");
                    if (api && response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound
                        && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                        failures.Add($"{actor} × {attempt.Name}: {(int)response.StatusCode} without problem+json");
                    if (!allowed)
                    {
                        var unchanged = await app.WithDbAsync((db, _) => db.Listings.SingleAsync(l => l.Id == listing.Id));
                        if (unchanged.Title != "Tonnelle" || unchanged.Status != status)
                            failures.Add($"{actor} × {attempt.Name} changed the listing");
                    }
                    if (attempt.Name.Contains("create") || attempt.Name.Contains("POST")) break;
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        var created = await app.WithDbAsync((db, _) => db.Listings.Where(l => l.Title == "Prêt d'une tonnelle 3x3 m").Select(l => l.OrganizationId).ToListAsync());
        Assert.Equal(4, created.Count);   // owner and editor, by the API and by the page
        Assert.All(created, id => Assert.Equal(organization.Id, id));
    }

    [SkippableTheory, BothDatabases]
    public async Task Another_organisation_ids_in_the_body_move_nothing(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var mine = await new OrganizationBuilder().Named("Atelier Roue Libre").SaveAsync(app);
        var theirs = await new OrganizationBuilder().Named("Jardins de Fives").SaveAsync(app);
        var camille = await People.CreateAsync(app, "camille@example.org", organizationId: mine.Id);
        var listing = await new ListingBuilder(mine).SaveAsync(app);
        var theirListing = await new ListingBuilder(theirs).SaveAsync(app);

        var moveMine = await camille.Api.PatchAsync($"/api/v1/listings/{listing.Id}", new { organizationId = theirs.Id });
        var pageWithTheirId = await camille.Browser.SubmitAsync($"/annonces/{listing.Id}/modifier",
            new Dictionary<string, string>(People.Form("Changée")) { ["Input.OrganizationId"] = theirs.Id.ToString() });
        var claimTheirs = await camille.Api.PatchAsync($"/api/v1/listings/{theirListing.Id}", new { organizationId = mine.Id, title = "À nous" });

        Assert.Equal(HttpStatusCode.BadRequest, moveMine.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, pageWithTheirId.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, claimTheirs.StatusCode);
        var rows = await app.WithDbAsync((db, _) => db.Listings.ToDictionaryAsync(l => l.Id, l => (l.OrganizationId, l.Title)));
        Assert.Equal((mine.Id, "Changée"), rows[listing.Id]);
        Assert.Equal((theirs.Id, "Prêt d'une tonnelle 3x3 m"), rows[theirListing.Id]);
    }
}
