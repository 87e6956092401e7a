using System.Net;
using ElBasar.Tests.Features.Networks;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Alerts;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Networks;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Tests.Features.Alerts;

/// <summary>
/// Demand watches across networks: an organisation hears of a demand only when it may see it (its own
/// network's, or one a partnership in force shares towards its network, by the demand's visibility),
/// and its offer in a partner network answers it as one in the demand's network does.
/// </summary>
public sealed class NetworkDemandWatchTests
{
    /// <summary>
    /// Network A's organisation that asks; B's organisation and A's "Atelier des fêtes", each lending tonnelles
    /// in its network and watching for demands.
    /// </summary>
    sealed record Watchers(Networking.Side Asker, Networking.Side Partner, Networking.Side Neighbour);

    static async Task<Watchers> WatchersAsync(TestApp app, string partnerFrequency = "instant")
    {
        var (a, b, _) = await Networking.TwoNetworksAsync(app);
        var neighbour = await Networking.MemberAsync(app, a.Network, "Atelier des fêtes", "fetes@example.org");
        foreach (var (watcher, frequency) in new[] { (b, partnerFrequency), (neighbour, "instant") })
        {
            await new ListingBuilder(watcher.Organization).Titled("Prêt de tonnelles").InNetwork(watcher.Network.Id).SaveAsync(app);
            var path = $"/structures/{watcher.Organization.Id}/demandes-a-suivre";
            Assert.Equal(HttpStatusCode.Redirect, (await watcher.Client.PostFormAsync(path, path, new Dictionary<string, string> { ["frequency"] = frequency })).StatusCode);
        }
        return new Watchers(a, b, neighbour);
    }

    static Task<Listing> DemandAsync(TestApp app, Networking.Side asker, string title, ListingVisibility visibility) =>
        new ListingBuilder(asker.Organization).Demand().Titled(title).InNetwork(asker.Network.Id, visibility).SaveAsync(app);

    static Task<List<Guid>> MatchedAsync(TestApp app, Networking.Side watcher) =>
        app.WithDbAsync((db, _) => db.DemandWatchMatches.Where(m => m.OrganizationId == watcher.Organization.Id).Select(m => m.DemandId).ToListAsync());

    [SkippableTheory, BothDatabases]
    public async Task A_members_only_demand_stays_in_its_network_and_a_shared_one_reaches_the_partners_watcher_with_its_offer(string provider)
    {
        await using var app = await Alerting.StartAsync(provider);
        var (asker, partner, neighbour) = await WatchersAsync(app);
        await Networking.PartnershipAsync(app, asker.Network.Id, partner.Network.Id, PartnershipDirection.Both, PartnershipAudience.Members, listings: true);

        var members = await DemandAsync(app, asker, "Recherche tonnelles pour le festival", ListingVisibility.Network);
        var partners = await DemandAsync(app, asker, "Cherche des tonnelles pour la buvette", ListingVisibility.Partners);
        var everyone = await DemandAsync(app, asker, "Besoin de tonnelles pour le marché", ListingVisibility.Everyone);
        await app.RunWorkerAsync();

        var mail = Assert.Single(await app.MailsToAsync(partner.Email));
        Assert.Equal("2 demandes pour Structure Réseau lensois : ce que vous proposez y répond", mail.Subject);
        Assert.Contains("Cherche des tonnelles pour la buvette", mail.TextBody);
        Assert.Contains($"{Alerting.BaseUrl}/annonces/{partners.Id}", mail.TextBody);
        Assert.Contains("Besoin de tonnelles pour le marché", mail.TextBody);
        Assert.Contains("Votre offre qui y répond : Prêt de tonnelles", mail.TextBody);
        // B's organisation is not a member of A: each demand names the network that shares it, as an alert does.
        Assert.Contains("- Cherche des tonnelles pour la buvette\n  Annonce partagée par le réseau Festivals du Nord\n", mail.TextBody);
        Assert.Equal(2, mail.TextBody.Split("Annonce partagée par le réseau Festivals du Nord").Length - 1);
        Assert.Contains("<strong>Annonce partagée par le réseau Festivals du Nord</strong>", WebUtility.HtmlDecode(mail.HtmlBody));
        Assert.DoesNotContain("festival", mail.TextBody);
        Assert.DoesNotContain(members.Id.ToString(), mail.HtmlBody);
        Assert.Equal(new[] { partners.Id, everyone.Id }.Order(), (await MatchedAsync(app, partner)).Order());

        // A's own watcher hears of all three.
        var own = Assert.Single(await app.MailsToAsync(neighbour.Email));
        Assert.Equal("3 demandes pour Atelier des fêtes : ce que vous proposez y répond", own.Subject);
        Assert.Contains("Recherche tonnelles pour le festival", own.TextBody);
        Assert.DoesNotContain("partagée par le réseau", own.TextBody);
        Assert.DoesNotContain("partagée par le réseau", WebUtility.HtmlDecode(own.HtmlBody));
    }

    [SkippableTheory, BothDatabases]
    public async Task A_partners_watcher_hears_of_demands_only_while_a_partnership_shares_them_its_way(string provider)
    {
        await using var app = await Alerting.StartAsync(provider);
        var (asker, partner, neighbour) = await WatchersAsync(app, partnerFrequency: "daily");

        // No partnership, then one that shares B's listings towards A only: B hears of nothing.
        var alone = await DemandAsync(app, asker, "Besoin de tonnelles pour le marché", ListingVisibility.Everyone);
        var partnership = await Networking.PartnershipAsync(app, partner.Network.Id, asker.Network.Id, PartnershipDirection.ToPartner,
            PartnershipAudience.Public, listings: true);
        var wrongWay = await DemandAsync(app, asker, "Cherche des tonnelles pour la buvette", ListingVisibility.Everyone);
        await app.RunWorkerAsync();
        Assert.Empty(await MatchedAsync(app, partner));
        Assert.Equal(new[] { alone.Id, wrongWay.Id }.Order(), (await MatchedAsync(app, neighbour)).Order());

        // Both ways: B's watcher is told, in its daily mail.
        await Networking.ChangeAsync(app, partnership.Id, p => p.Direction = PartnershipDirection.Both);
        var shared = await DemandAsync(app, asker, "Recherche tonnelles pour le festival", ListingVisibility.Partners);
        await app.RunWorkerAsync();
        Assert.Equal([shared.Id], await MatchedAsync(app, partner));
        var settings = $"/structures/{partner.Organization.Id}/demandes-a-suivre";
        Assert.Contains("Recherche tonnelles pour le festival", Html.VisibleText(await partner.Client.GetStringAsync(settings)));

        // Ended before the mail leaves: the demand is left out of the mail and the page, and a new one is not matched.
        await Networking.ChangeAsync(app, partnership.Id, p => p.Status = PartnershipStatus.Ended);
        var after = await DemandAsync(app, asker, "Besoin de tonnelles pour la kermesse", ListingVisibility.Everyone);
        app.Clock.Advance(TimeSpan.FromDays(1));
        await app.RunWorkerAsync();
        Assert.Empty(await app.MailsToAsync(partner.Email));
        Assert.Equal([shared.Id], await MatchedAsync(app, partner));
        Assert.DoesNotContain("Recherche tonnelles pour le festival", Html.VisibleText(await partner.Client.GetStringAsync(settings)));
        Assert.Contains(after.Id, await MatchedAsync(app, neighbour));
    }
}
