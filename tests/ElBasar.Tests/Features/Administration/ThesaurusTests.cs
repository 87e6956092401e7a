using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Administration.Audit;
using ElBasar.Web.Features.Search;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.Tests.Features.Administration;

public sealed class ThesaurusTests
{
    const string Page = "/admin/thesaurus";

    static async Task<List<string?>> TitlesAsync(TestApp app, string q)
    {
        var page = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/listings?q={Uri.EscapeDataString(q)}");
        return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()).ToList();
    }

    [SkippableTheory, BothDatabases]
    public async Task A_group_saved_by_an_admin_makes_the_next_search_find_the_synonym_until_it_is_removed(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await Admins.AdminAsync(app);
        var org = await new OrganizationBuilder().SaveAsync(app);
        await new ListingBuilder(org).Titled("Mistigri en peluche à donner").SaveAsync(app);
        Assert.Empty(await TitlesAsync(app, "zorglub"));

        var added = await admin.PostFormAsync(Page, $"{Page}?handler=Add", new Dictionary<string, string> { ["terms"] = "zorglub ; mistigri ; ZORGLUB" });

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(["Mistigri en peluche à donner"], await TitlesAsync(app, "zorglubs"));
        var id = await app.WithDbAsync((db, _) => db.Set<SynonymGroup>().Where(g => g.Terms == "zorglub ; mistigri").Select(g => g.Id).SingleAsync());
        Assert.Contains("value=\"zorglub ; mistigri\"", await admin.GetStringAsync($"{Page}?q=glub"));

        var changed = await admin.PostFormAsync(Page, $"{Page}?handler=Update&id={id}", new Dictionary<string, string> { ["terms"] = "doudou ; mistigri" });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Empty(await TitlesAsync(app, "zorglub"));
        Assert.Equal(["Mistigri en peluche à donner"], await TitlesAsync(app, "doudou"));

        var removed = await admin.PostFormAsync(Page, $"{Page}?handler=Remove&id={id}", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.DoesNotContain("Mistigri en peluche à donner", await TitlesAsync(app, "doudou"));
        var audit = await Admins.AuditAsync(app);
        Assert.Equal([AuditActions.ThesaurusAdded, AuditActions.ThesaurusUpdated, AuditActions.ThesaurusRemoved], audit.Select(e => e.Action));
        Assert.Equal("Synonymes modifiés : « zorglub ; mistigri » → « doudou ; mistigri ».", audit[1].Summary);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_seed_group_an_admin_edited_or_removed_does_not_come_back_at_the_next_start(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await Admins.AdminAsync(app);
        var seed = await app.WithDbAsync((db, _) => db.Set<SynonymGroup>().Where(g => g.FromSeed).OrderBy(g => g.Id).Take(2).ToListAsync());

        await admin.PostFormAsync(Page, $"{Page}?handler=Update&id={seed[0].Id}", new Dictionary<string, string> { ["terms"] = seed[0].Terms + " ; zorglub" });
        await admin.PostFormAsync(Page, $"{Page}?handler=Remove&id={seed[1].Id}", new Dictionary<string, string>());
        await using (var scope = app.Services.CreateAsyncScope())
        {
            foreach (var s in scope.ServiceProvider.GetServices<IStartupSeed>().Where(s => s.GetType().Name == "ThesaurusSeed"))
                await s.RunAsync(default);
        }

        var groups = await app.WithDbAsync((db, _) => db.Set<SynonymGroup>().Where(g => g.RemovedAt == null).Select(g => g.Terms).ToListAsync());
        Assert.Contains(seed[0].Terms + " ; zorglub", groups);
        Assert.DoesNotContain(seed[0].Terms, groups);
        Assert.DoesNotContain(seed[1].Terms, groups);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_group_of_one_term_is_refused_in_French_and_keeps_what_was_typed(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await Admins.AdminAsync(app);

        var refused = await admin.PostFormAsync(Page, $"{Page}?handler=Add", new Dictionary<string, string> { ["terms"] = "zorglub ;" });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Donnez au moins deux termes, séparés par un point-virgule : tonnelle ; barnum.", Html.VisibleText(html));
        Assert.Contains("value=\"zorglub ;\"", html);
        Assert.Empty(await Admins.AuditAsync(app));
    }
}
