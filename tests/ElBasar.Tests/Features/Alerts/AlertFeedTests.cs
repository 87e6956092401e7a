using System.Net;
using System.Xml.Linq;
using ElBasar.Tests.Support;

namespace ElBasar.Tests.Features.Alerts;

public sealed class AlertFeedTests
{
    static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    static async Task<XDocument> FeedAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(Atom + "feed", feed.Root!.Name);
        foreach (var required in new[] { "id", "title", "updated" }) Assert.NotNull(feed.Root.Element(Atom + required));
        foreach (var entry in feed.Root.Elements(Atom + "entry"))
        {
            foreach (var required in new[] { "id", "title", "updated", "link" }) Assert.NotNull(entry.Element(Atom + required));
        }
        return feed;
    }

    static List<string> Titles(XDocument feed) => feed.Root!.Elements(Atom + "entry").Select(e => e.Element(Atom + "title")!.Value).ToList();

    [SkippableTheory, BothDatabases]
    public async Task A_saved_search_has_a_private_feed_of_its_finds_and_the_site_a_public_feed_of_new_listings(string provider)
    {
        await using var app = await Alerting.StartAsync(provider);
        var camille = await Alerting.PersonAsync(app, "camille@example.org");
        var saved = await camille.SaveAsync("Tonnelles", new { q = "tonnelle" }, "weekly");
        var org = await new OrganizationBuilder().SaveAsync(app);
        var tent = await new ListingBuilder(org).Titled("Tonnelle 3x3 à prêter").SaveAsync(app);
        await new ListingBuilder(org).Titled("Scie sauteuse").SaveAsync(app);
        await app.RunWorkerAsync();
        var visitor = app.Browser();

        Assert.StartsWith($"{Alerting.BaseUrl}/alertes/", saved.FeedUrl);
        var own = await FeedAsync(visitor, new Uri(saved.FeedUrl).PathAndQuery);
        Assert.Equal(["Offre : Tonnelle 3x3 à prêter"], Titles(own));
        Assert.Equal($"{Alerting.BaseUrl}/annonces/{tent.Id}", own.Root!.Element(Atom + "entry")!.Element(Atom + "link")!.Attribute("href")!.Value);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/alertes/pas-le-bon-jeton.atom")).StatusCode);

        var all = await FeedAsync(visitor, "/annonces.atom");
        Assert.Equal(["Offre : Scie sauteuse", "Offre : Tonnelle 3x3 à prêter"], Titles(all).Order());
        Assert.Contains("<link rel=\"alternate\" type=\"application/atom+xml\"", await visitor.GetStringAsync("/"));
        Assert.Contains("href=\"/annonces.atom\"", await visitor.GetStringAsync("/recherche"));
    }
}
