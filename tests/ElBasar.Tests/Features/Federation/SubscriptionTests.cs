using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Federation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.Tests.Features.Federation;

/// <summary>
/// Following a partner that answers what it likes, served by a small HTTP server of the test: good
/// lines are taken, bad lines skipped, a garbage answer or a silent partner is recorded and retried
/// later, and the site's search answers all along. Admins follow and unfollow on /admin/reseau.
/// </summary>
public sealed class SubscriptionTests
{
    static string Line(string id, string title, string kind = "offer") => JsonSerializer.Serialize(new
    {
        op = "upsert", externalId = id, organizationExternalId = "org-1", organizationName = "Recyclerie du Pays", kind, title,
        description = "Prêt entre structures.", category = "equipment", exchangeModes = new[] { "loan" }, communeInsee = "02691",
        commune = "Saint-Quentin", createdAt = "2026-11-19T10:00:00Z", url = $"https://aisne.example.org/annonces/{id}",
    });

    [SkippableTheory, BothDatabases]
    public async Task Good_lines_are_taken_bad_ones_skipped_and_a_broken_partner_is_retried_later_without_breaking_search(string provider)
    {
        await using var partner = await FakePartner.StartAsync();
        await using var app = await TestApp.StartAsync(provider, new() { ["Federation:TimeoutSeconds"] = "1" });
        partner.Answer = _ => (200, "application/x-ndjson", "0.7", string.Join('\n',
            Line("a1", "Broyeur de branches"),
            "pas du json",
            "{\"op\":\"upsert\",\"externalId\":\"a2\"}",
            Line("a3", "Broyeur de végétaux").Replace("https://aisne.example.org/annonces/a3", "javascript:alert(1)"),
            Line("a4", "Cherche broyeur", kind: "demand"),
            "[1,2,3]") + "\n");
        var partnerId = await app.WithDbAsync(async (_, services) =>
            (await services.GetRequiredService<Partners>().AddAsync("ESS de l'Aisne", partner.BaseUrl, "elbp_cle", CancellationToken.None)).Id);
        var job = app.Services.GetRequiredService<FederationJob>();

        Assert.Equal(new FederationJob.Pass(1, 0), await job.RunOnceAsync());
        Assert.Equal("Bearer elbp_cle", partner.Authorizations.Single());
        var state = await app.WithDbAsync((db, _) => db.PartnerInstallations.SingleAsync(p => p.Id == partnerId));
        Assert.Equal("0.7", state.Cursor);
        Assert.Null(state.LastError);
        Assert.Equal(["a1", "a4"], await app.WithDbAsync((db, _) => db.RemoteListings.OrderBy(r => r.RemoteId).Select(r => r.RemoteId).ToListAsync()));

        var client = app.Browser();
        var json = await client.GetFromJsonAsync<JsonElement>("/api/v1/listings?q=broyeur&kind=offer");
        var network = json.GetProperty("network").EnumerateArray().ToList();
        Assert.Equal("Broyeur de branches", Assert.Single(network).GetProperty("title").GetString());
        Assert.Equal("ESS de l'Aisne", network[0].GetProperty("origin").GetString());
        Assert.Equal("https://aisne.example.org/annonces/a1", network[0].GetProperty("url").GetString());
        Assert.False((await client.GetFromJsonAsync<JsonElement>("/api/v1/listings?q=tonnelle")).TryGetProperty("network", out _));

        // Not due again before SyncMinutes.
        Assert.Equal(new FederationJob.Pass(0, 0), await job.RunOnceAsync());

        // A page of HTML: recorded, retried in 2 minutes, the listings already there stay.
        partner.Answer = _ => (200, "text/html", null, "<html><body>Maintenance</body></html>");
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(new FederationJob.Pass(1, 1), await job.RunOnceAsync());
        state = await app.WithDbAsync((db, _) => db.PartnerInstallations.SingleAsync(p => p.Id == partnerId));
        Assert.Equal(1, state.Failures);
        Assert.Contains("flux elBasar", state.LastError);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime.AddMinutes(2), state.NextSyncAt);
        Assert.Equal("0.7", state.Cursor);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/recherche?q=broyeur")).StatusCode);

        // A partner that does not answer in time: the same, and the search does not wait for it.
        partner.Answer = _ => { Thread.Sleep(3000); return (200, "application/x-ndjson", "0.9", ""); };
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(new FederationJob.Pass(1, 1), await job.RunOnceAsync());
        state = await app.WithDbAsync((db, _) => db.PartnerInstallations.SingleAsync(p => p.Id == partnerId));
        Assert.Equal(2, state.Failures);
        Assert.Contains("à temps", state.LastError);
        var page = await client.GetStringAsync("/recherche?q=broyeur");
        Assert.Contains("Annonce du réseau ESS de l&#x27;Aisne", page);

        // Back, with a deletion.
        partner.Answer = _ => (200, "application/x-ndjson", "0.9", "{\"op\":\"delete\",\"externalId\":\"a1\"}\n");
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(new FederationJob.Pass(1, 0), await job.RunOnceAsync());
        Assert.Equal(["a4"], await app.WithDbAsync((db, _) => db.RemoteListings.Select(r => r.RemoteId).ToListAsync()));
        Assert.Equal("since=0.7", partner.Queries.Last().Split('&').Single(q => q.StartsWith("since=", StringComparison.Ordinal)));
    }

    [SkippableTheory, BothDatabases]
    public async Task Two_workers_read_a_partner_once(string provider)
    {
        await using var partner = await FakePartner.StartAsync();
        partner.Answer = _ => { Thread.Sleep(300); return (200, "application/x-ndjson", "0.1", Line("b1", "Remorque vélo") + "\n"); };
        await using var app = await TestApp.StartAsync(provider);
        await app.WithDbAsync((_, services) => services.GetRequiredService<Partners>().AddAsync("ESS de l'Oise", partner.BaseUrl, null, CancellationToken.None));
        var job = app.Services.GetRequiredService<FederationJob>();
        var passes = await Task.WhenAll(job.RunOnceAsync(), job.RunOnceAsync());
        Assert.Equal(1, passes.Sum(p => p.Partners));
        Assert.Single(partner.Queries);
    }

    [SkippableTheory, BothDatabases]
    public async Task An_admin_follows_a_partner_and_makes_a_key_shown_once(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await app.CreateAccountAsync("admin@example.org", SiteRoles.Admin, "Alex Admin");
        var admin = await app.SignedInAsync("admin@example.org");

        var refused = await admin.PostFormAsync("/admin/reseau", "/admin/reseau?handler=AddPartner",
            new Dictionary<string, string> { ["PartnerName"] = "ESS de l'Aisne", ["PartnerUrl"] = "ftp://aisne", ["PartnerKey"] = "elbp_x" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("commençant par https://", html);
        Assert.Contains("value=\"ESS de l'Aisne\"", html);
        Assert.Contains("value=\"elbp_x\"", html);

        var added = await admin.PostFormAsync("/admin/reseau", "/admin/reseau?handler=AddPartner",
            new Dictionary<string, string> { ["PartnerName"] = "ESS de l'Aisne", ["PartnerUrl"] = "https://aisne.example.org/", ["PartnerKey"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains("https://aisne.example.org", await admin.GetStringAsync("/admin/reseau"));
        Assert.Equal("https://aisne.example.org", await app.WithDbAsync((db, _) => db.PartnerInstallations.Select(p => p.BaseUrl).SingleAsync()));

        var created = await admin.PostFormAsync("/admin/reseau", "/admin/reseau?handler=CreateKey", new Dictionary<string, string> { ["KeyName"] = "ESS de la Somme" });
        var key = System.Text.RegularExpressions.Regex.Match(await created.Content.ReadAsStringAsync(), "elbp_[0-9a-f]+").Value;
        Assert.NotEmpty(key);
        Assert.DoesNotContain(key, await admin.GetStringAsync("/admin/reseau"));
        var feed = app.Browser();
        feed.DefaultRequestHeaders.Authorization = new("Bearer", key);
        Assert.Equal(HttpStatusCode.OK, (await feed.GetAsync("/api/v1/feed/listings")).StatusCode);

        var keyId = await app.WithDbAsync((db, _) => db.PartnerKeys.Select(k => k.Id).SingleAsync());
        var revoked = await admin.PostFormAsync("/admin/reseau", $"/admin/reseau?handler=RevokeKey&id={keyId}", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await feed.GetAsync("/api/v1/feed/listings")).StatusCode);

        await app.CreateAccountAsync("membre@example.org");
        Assert.NotEqual(HttpStatusCode.OK, (await (await app.SignedInAsync("membre@example.org")).GetAsync("/admin/reseau")).StatusCode);
    }
}
