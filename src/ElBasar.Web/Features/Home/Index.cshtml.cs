using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Events;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Search;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Home;

public sealed class HomeModel(
    ElBasarDbContext db, HomeNetwork network, ListingSearch search, FeaturedListings featured, EventCatalog events, Networks.NetworkAudiences audiences,
    MemberCounts members, TimeProvider clock) : PageModel
{
    const int Latest = 6;

    public int Members { get; private set; }
    /// <summary>Live offers and demands, counted like a search's results: a floor past <see cref="ListingSearch.CountLimit"/>.</summary>
    public ListingPage LiveOffers { get; private set; } = null!;
    public ListingPage LiveDemands { get; private set; } = null!;
    /// <summary>Listings whose organisation paid to feature them this month ("À la une").</summary>
    public IReadOnlyList<ListingSummary> Featured { get; private set; } = [];
    public IReadOnlyList<ListingSummary> LatestOffers { get; private set; } = [];
    public IReadOnlyList<ListingSummary> LatestDemands { get; private set; } = [];
    public IReadOnlyList<EventCatalog.Summary> UpcomingEvents { get; private set; } = [];
    public Guid NetworkId { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var networkId = await network.IdAsync(ct);
        // The home network's page: its listings and those its partners share with it, for this reader.
        var live = (await audiences.OnAsync(User, networkId, ct)).Filter(db.Listings.AsNoTracking()).Where(l => l.Status == ListingStatus.Published
            && (l.ExpiresAt == null || l.ExpiresAt > now)
            && l.Organization!.Status == OrganizationStatus.Active);
        Members = await members.OfAsync(networkId, ct);
        LiveOffers = await CountAsync(ListingKind.Offer, ct);
        LiveDemands = await CountAsync(ListingKind.Demand, ct);
        Featured = await featured.LatestAsync(Latest, ct);
        LatestOffers = await ListingSummaries.Project(live.Where(l => l.Kind == ListingKind.Offer).OrderByDescending(l => l.CreatedAt).Take(Latest)).ToListAsync(ct);
        UpcomingEvents = await events.UpcomingAsync(await audiences.EventNetworksOnAsync(User, networkId, ct), 3, ct);
        NetworkId = networkId;
        LatestDemands = await ListingSummaries.Project(live.Where(l => l.Kind == ListingKind.Demand).OrderByDescending(l => l.CreatedAt).Take(Latest)).ToListAsync(ct);
    }

    // A page past any possible end: the search counts and reads nothing else.
    Task<ListingPage> CountAsync(ListingKind kind, CancellationToken ct) =>
        search.SearchAsync(new ListingQuery { Kind = kind, Page = int.MaxValue, PageSize = 1, Sort = ListingSort.Newest }, ct);
}
