using System.Net;
using System.Net.Http.Headers;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Federation;
using ElBasar.Web.Features.Listings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.Tests.Features.Federation;

/// <summary>
/// The open feed read incrementally: from a cursor, exactly the records that changed since, as
/// they are now, a listing that left the public (withdrawn, hidden, members-only, expired,
/// deleted) as a deletion; page by page; partner-only listings with a partner key only.
/// </summary>
public sealed class FeedSyncTests
{
    const string Listings = "/api/v1/feed/listings";

    [SkippableTheory, BothDatabases]
    public async Task Reading_since_a_cursor_gives_exactly_the_changes_deletions_included(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var organization = await new OrganizationBuilder().SaveAsync(app);
        var kept = await new ListingBuilder(organization).Titled("Prêt d'un vidéoprojecteur").SaveAsync(app);
        var edited = await new ListingBuilder(organization).Titled("Tonnelle à prêter").SaveAsync(app);
        var withdrawn = await new ListingBuilder(organization).Titled("Barnum 6 m").SaveAsync(app);
        var hidden = await new ListingBuilder(organization).Titled("Chaises pliantes").SaveAsync(app);
        var membersOnly = await new ListingBuilder(organization).Titled("Sono portable").SaveAsync(app);
        var deleted = await new ListingBuilder(organization).Titled("Vélo cargo").SaveAsync(app);
        var expiring = await new ListingBuilder(organization).Titled("Remorque").SaveAsync(app);
        await app.WithDbAsync(async db =>
        {
            await db.Listings.Where(l => l.Id == expiring.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, FakeClock.Default.UtcDateTime.AddHours(1)));
        });
        var client = app.Browser();

        var before = new[] { kept, edited, withdrawn, hidden, membersOnly, deleted, expiring }.Select(l => l.Id.ToString()).ToList();
        var (all, cursor, _) = await Feeding.CatchUpAsync(client, Listings, null, before);
        Assert.Equal(before.Order(), all.Keys.Order());
        Assert.All(all.Values, line => Assert.Equal("upsert", line.Op()));
        var first = all[edited.Id.ToString()];
        Assert.Equal("Tonnelle à prêter", first.GetProperty("title").GetString());
        Assert.Equal(organization.Id.ToString(), first.GetProperty("organizationExternalId").GetString());
        Assert.Equal("Atelier Roue Libre", first.GetProperty("organizationName").GetString());
        Assert.Equal("offer", first.GetProperty("kind").GetString());
        Assert.Equal("equipment", first.GetProperty("category").GetString());
        Assert.Equal("loan", first.GetProperty("exchangeModes")[0].GetString());
        Assert.Equal("59350", first.GetProperty("communeInsee").GetString());
        Assert.EndsWith($"/annonces/{edited.Id}", first.GetProperty("url").GetString());

        var added = await new ListingBuilder(organization).Titled("Perceuse à colonne").SaveAsync(app);
        await app.WithDbAsync(async db =>
        {
            var listing = await db.Listings.Include(l => l.ExchangeModes).SingleAsync(l => l.Id == edited.Id);
            listing.Title = "Tonnelle 3x3 à prêter";
            listing.SetModes(["loan", "donation"]);
            (await db.Listings.SingleAsync(l => l.Id == withdrawn.Id)).Status = ListingStatus.Closed;
            (await db.Listings.SingleAsync(l => l.Id == membersOnly.Id)).Visibility = ListingVisibility.Network;
            await db.SaveChangesAsync();
        });
        await app.WithDbAsync(async (db, services) =>
        {
            await ListingModeration.HideAsync(db, hidden.Id, CancellationToken.None);
            db.Listings.Remove(await db.Listings.SingleAsync(l => l.Id == deleted.Id));
            await db.SaveChangesAsync();
            return true;
        });
        app.Clock.Advance(TimeSpan.FromHours(2));

        var expected = new Dictionary<string, string>
        {
            [added.Id.ToString()] = "upsert",
            [edited.Id.ToString()] = "upsert",
            [withdrawn.Id.ToString()] = "delete",
            [hidden.Id.ToString()] = "delete",
            [membersOnly.Id.ToString()] = "delete",
            [deleted.Id.ToString()] = "delete",
            [expiring.Id.ToString()] = "delete",
        };
        var (changes, next, _) = await Feeding.CatchUpAsync(client, Listings, cursor, expected.Keys);
        Assert.Equal(expected.OrderBy(e => e.Key), changes.ToDictionary(c => c.Key, c => c.Value.Op()).OrderBy(e => e.Key));
        var now = changes[edited.Id.ToString()];
        Assert.Equal("Tonnelle 3x3 à prêter", now.GetProperty("title").GetString());
        Assert.Equal(["donation", "loan"], now.GetProperty("exchangeModes").EnumerateArray().Select(m => m.GetString()!).ToArray());
        Assert.Equal("Perceuse à colonne", changes[added.Id.ToString()].GetProperty("title").GetString());
        // A deletion names the record and nothing else.
        Assert.Equal(["op", "externalId"], changes[deleted.Id.ToString()].EnumerateObject().Select(p => p.Name).ToArray());

        // Paging: at most two lines a page, and the same records in the end.
        var (paged, pagedCursor, pages) = await Feeding.CatchUpAsync(client, Listings, cursor, expected.Keys, limit: 2);
        Assert.True(pages >= 4, $"{pages} pages");
        Assert.Equal(expected.OrderBy(e => e.Key), paged.ToDictionary(c => c.Key, c => c.Value.Op()).OrderBy(e => e.Key));
        Assert.Equal(next, pagedCursor);

        // Nothing changed since: nothing to read, and the cursor stays.
        var quiet = await Feeding.ReadPageAsync(client, Listings, next);
        Assert.Empty(quiet.Lines);
        Assert.False(quiet.More);
        Assert.Equal(next, quiet.Cursor);
    }

    [SkippableTheory, BothDatabases]
    public async Task Compacting_the_log_keeps_one_change_a_record_and_every_reader_gets_the_same_records(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var job = app.Services.GetRequiredService<FederationJob>();
        var organization = await new OrganizationBuilder().SaveAsync(app);
        var edited = await new ListingBuilder(organization).Titled("Tonnelle à prêter").SaveAsync(app);
        var deleted = await new ListingBuilder(organization).Titled("Vélo cargo").SaveAsync(app);
        var untouched = await new ListingBuilder(organization).Titled("Remorque").SaveAsync(app);
        var ids = new[] { edited, deleted, untouched }.Select(l => l.Id.ToString()).ToList();
        var client = app.Browser();
        var (_, start, _) = await Feeding.CatchUpAsync(client, Listings, null, ids);

        async Task RetitleAsync(string title) => await app.WithDbAsync(async db =>
            await db.Listings.Where(l => l.Id == edited.Id).ExecuteUpdateAsync(u => u.SetProperty(l => l.Title, title)));
        await RetitleAsync("Tonnelle 3x3 à prêter");
        var (_, middle, _) = await Feeding.CatchUpAsync(client, Listings, start, [edited.Id.ToString()]);
        await RetitleAsync("Tonnelle 3x3 et lests à prêter");
        await app.WithDbAsync(async db => await db.Listings.Where(l => l.Id == deleted.Id).ExecuteDeleteAsync());

        async Task<(int Rows, int Records)> LogAsync() => await app.WithDbAsync(async (db, _) =>
        (
            await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM feed_changes").SingleAsync(),
            await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM (SELECT DISTINCT kind, entity_id FROM feed_changes) d").SingleAsync()
        ));
        var before = await LogAsync();
        Assert.True(before.Rows > before.Records, $"{before.Rows} changes of {before.Records} records");
        var changed = new[] { edited, deleted }.Select(l => l.Id.ToString()).ToList();
        async Task<Dictionary<string, string>> ReadAsync(string? since) =>
            (await Feeding.CatchUpAsync(client, Listings, since, since is null ? ids : changed)).Records.Where(r => ids.Contains(r.Key))
                .ToDictionary(r => r.Key, r => r.Value.Op() == "delete" ? "delete" : r.Value.GetProperty("title").GetString()!);
        var fromStart = await ReadAsync(null);
        var fromMiddle = await ReadAsync(middle);

        Assert.Equal(before.Rows - before.Records, await job.CompactLogAsync());
        Assert.Equal((before.Records, before.Records), await LogAsync());
        Assert.Equal(fromStart, await ReadAsync(null));
        Assert.Equal(fromMiddle, await ReadAsync(middle));
        Assert.Equal("Tonnelle 3x3 et lests à prêter", fromMiddle[edited.Id.ToString()]);
        Assert.Equal("delete", fromMiddle[deleted.Id.ToString()]);
        Assert.Equal(changed.Order(), (await ReadAsync(start)).Keys.Order());

        // Once a day: a change made meanwhile waits for the next day's compaction.
        await RetitleAsync("Tonnelle 3x3 à prêter (réservée)");
        Assert.Equal(0, await job.CompactLogAsync());
        app.Clock.Advance(FeedChanges.CompactEvery);
        Assert.Equal(1, await job.CompactLogAsync());
        Assert.Equal("Tonnelle 3x3 à prêter (réservée)", (await ReadAsync(middle))[edited.Id.ToString()]);
    }

    [SkippableTheory, BothDatabases]
    public async Task Partner_only_listings_are_read_with_a_partner_key_only(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var organization = await new OrganizationBuilder().SaveAsync(app);
        var forPartners = await new ListingBuilder(organization).Titled("Mutualisation d'un utilitaire").SaveAsync(app);
        await app.WithDbAsync(async db =>
        {
            await db.Listings.Where(l => l.Id == forPartners.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.Visibility, ListingVisibility.Partners));
        });
        var key = await app.WithDbAsync((_, services) => services.GetRequiredService<PartnerKeys>().CreateAsync("Réseau ESS voisin", CancellationToken.None));
        Assert.StartsWith("elbp_", key);
        Assert.DoesNotContain(await app.WithDbAsync((db, _) => db.PartnerKeys.Select(k => k.KeyHash).ToListAsync()), h => h.Contains(key));
        var id = forPartners.Id.ToString();

        var (anonymous, _, _) = await Feeding.CatchUpAsync(app.Browser(), Listings, null, [id]);
        Assert.Equal("delete", anonymous[id].Op());

        var partner = app.Browser();
        partner.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var (opened, _, _) = await Feeding.CatchUpAsync(partner, Listings, null, [id]);
        Assert.Equal("upsert", opened[id].Op());
        Assert.Equal("partners", opened[id].GetProperty("visibility").GetString());

        var stranger = app.Browser();
        stranger.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "elbp_0000");
        var refused = await stranger.GetAsync(Listings);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_bad_cursor_or_limit_is_a_400_problem(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.Browser();
        foreach (var query in new[] { "since=abc", "since=1.2.3", "since=-1.5", "limit=0", "limit=5000", "limit=dix" })
        {
            var response = await client.GetAsync($"{Listings}?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [SkippableTheory, BothDatabases]
    public async Task Organizations_items_and_events_have_their_feeds(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var organization = await new OrganizationBuilder().Named("Ressourcerie du Val").SaveAsync(app);
        var client = app.Browser();
        var (organizations, cursor, _) = await Feeding.CatchUpAsync(client, "/api/v1/feed/organizations", null, [organization.Id.ToString()]);
        Assert.Equal("Ressourcerie du Val", organizations[organization.Id.ToString()].GetProperty("name").GetString());
        Assert.True(organizations[organization.Id.ToString()].GetProperty("member").GetBoolean());

        await app.WithDbAsync(async db =>
        {
            (await db.Organizations.SingleAsync(o => o.Id == organization.Id)).Status = OrganizationStatus.Hidden;
            await db.SaveChangesAsync();
        });
        var (hidden, _, _) = await Feeding.CatchUpAsync(client, "/api/v1/feed/organizations", cursor, [organization.Id.ToString()]);
        Assert.Equal("delete", hidden[organization.Id.ToString()].Op());

        foreach (var path in new[] { "/api/v1/feed/items", "/api/v1/feed/events" })
            Assert.Empty((await Feeding.ReadPageAsync(client, path, null)).Lines);
    }

    [SkippableTheory, BothDatabases]
    public async Task The_atom_feed_lists_the_latest_public_listings(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var organization = await new OrganizationBuilder().SaveAsync(app);
        await new ListingBuilder(organization).Titled("Broyeur de végétaux").SaveAsync(app);
        var response = await app.Browser().GetAsync("/flux/annonces.atom");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Broyeur de végétaux", await response.Content.ReadAsStringAsync());
    }
}
