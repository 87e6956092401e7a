using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ElBasar.Tests.Features.Networks;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Alerts;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Tests.Features.Alerts;

/// <summary>
/// Alerts on a network's own category: saved from that network's search (page and API), described by
/// its label and matched; refused when saved in any other network.
/// </summary>
public sealed class NetworkCategoryAlertTests
{
    const string Label = "Matériel et équipement › Matériel de festival";

    [SkippableTheory, BothDatabases]
    public async Task An_alert_on_a_networks_own_category_is_saved_in_that_network_described_and_matched(string provider)
    {
        await using var app = await Alerting.StartAsync(provider);
        var (a, _, facilitator) = await Networking.TwoNetworksAsync(app);
        await Networking.AddFestivalAsync(facilitator);

        // "Créer une alerte" on A's search carries the category; the page names it and saves the alert in A.
        var newAlert = $"/espace/alertes/nouvelle?category={Networking.Festival}";
        Assert.Contains(newAlert, await a.Client.GetStringAsync($"/recherche?category={Networking.Festival}"));
        Assert.Contains($"Catégorie : {Label}", Html.VisibleText(await a.Client.GetStringAsync(newAlert)));
        var saved = await a.Client.SubmitAsync(newAlert, new Dictionary<string, string> { ["Name"] = "Festival", ["Frequency"] = "instant" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var api = await a.Client.PostAsJsonAsync("/api/v1/me/saved-searches",
            new { name = "Festival par l'API", query = new { category = new[] { Networking.Festival } }, frequency = "instant" });
        Assert.Equal(HttpStatusCode.Created, api.StatusCode);
        Assert.Equal("festivals-du-nord", (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("network").GetString());
        var networks = await app.WithDbAsync((db, _) => db.SavedSearches.Where(s => s.UserId == a.OwnerId).Select(s => s.NetworkId).ToListAsync());
        Assert.Equal([a.Network.Id, a.Network.Id], networks);
        var alerts = Html.VisibleText(await a.Client.GetStringAsync("/espace/alertes"));
        Assert.Contains($"Catégorie : {Label}", alerts);

        // Another member of A publishes in that category, and in its parent: only the first is news.
        var other = await Networking.MemberAsync(app, a.Network, "Scènes nomades", "scenes@example.org");
        var stage = await new ListingBuilder(other.Organization).Titled("Scène mobile pour concerts").InCategory(Networking.Festival)
            .InNetwork(a.Network.Id).SaveAsync(app);
        await new ListingBuilder(other.Organization).Titled("Perceuse à colonne").InNetwork(a.Network.Id).SaveAsync(app);
        await app.RunWorkerAsync();

        var mails = await app.MailsToAsync(a.Email);
        Assert.Equal(2, mails.Count);
        Assert.All(mails, mail =>
        {
            Assert.Contains("Scène mobile pour concerts", mail.TextBody);
            Assert.Contains($"{Alerting.BaseUrl}/annonces/{stage.Id}", mail.TextBody);
            Assert.DoesNotContain("Perceuse", mail.TextBody);
        });
    }

    [SkippableTheory, BothDatabases]
    public async Task A_networks_own_category_is_refused_for_an_alert_saved_in_another_network(string provider)
    {
        await using var app = await Alerting.StartAsync(provider);
        var (a, b, facilitator) = await Networking.TwoNetworksAsync(app);
        await Networking.AddFestivalAsync(facilitator);
        const string Refused = $"La catégorie « {Label} » est propre à un autre réseau";

        // In B, the page says why and offers no form.
        var html = await b.Client.GetStringAsync($"/espace/alertes/nouvelle?q=sc%C3%A8ne&category={Networking.Festival}");
        Assert.Contains(Refused, Html.VisibleText(html));
        Assert.DoesNotContain("name=\"Name\"", html);

        // The API answers 400 naming the category, whether the network is B by the switcher or named.
        var inB = await b.Client.PostAsJsonAsync("/api/v1/me/saved-searches",
            new { name = "Festival", query = new { category = new[] { Networking.Festival } }, frequency = "daily" });
        var namedB = await a.Client.PostAsJsonAsync("/api/v1/me/saved-searches",
            new { name = "Festival", query = new { category = new[] { Networking.Festival } }, frequency = "daily", network = "reseau-lensois" });
        foreach (var response in new[] { inB, namedB })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains(Refused, problem.GetProperty("errors").GetProperty("query.category")[0].GetString());
        }
        Assert.Equal(0, await app.WithDbAsync((db, _) => db.SavedSearches.CountAsync()));
    }
}
