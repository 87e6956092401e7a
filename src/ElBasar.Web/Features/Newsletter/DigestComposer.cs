using System.Globalization;
using System.Net;
using System.Text;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Events;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Networks;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Newsletter;

/// <summary>
/// Composes one network's digest of a month (Paris time): the offers and demands published that
/// month that the network's public pages show (its own listings open to everyone, and those its
/// partners share towards its public), by category and with their place; the organisations that
/// joined the network that month with their first offers; the events of the month after hosted by
/// its members or by a partner's that shares events towards its public (an event without a host
/// is the home network's); and the facilitator's editorial (Markdown, no raw HTML).
/// It only reads other features' records.
/// </summary>
public sealed class DigestComposer(ElBasarDbContext db, Taxonomy taxonomy, NetworkAudiences audiences, NewsletterLinks links)
{
    /// <summary>Replaced in each copy by the subscriber's own unsubscribe link.</summary>
    public const string UnsubscribePlaceholder = "%%DESABONNEMENT%%";

    public sealed record ListingItem(Guid Id, string Kind, string Title, string Category, string? Commune, string Organization)
    {
        /// <summary>The partner network that shares this listing, when it is not the digest's own.</summary>
        public string? SharedBy { get; init; }
    }
    public sealed record CategoryGroup(string Category, List<ListingItem> Items);
    public sealed record NewMember(Guid Id, string Name, string? Commune, List<ListingItem> FirstOffers);
    public sealed record EventItem(Guid Id, string Title, string Kind, DateTime StartsAt, string Place);
    public sealed record Digest(string Month, string Title, List<CategoryGroup> Groups, List<NewMember> NewMembers, List<EventItem> Events, string Html, string Text);

    static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static bool TryParseMonth(string? value, out DateOnly month)
    {
        month = default;
        if (!DateOnly.TryParseExact(value + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)) return false;
        month = first;
        return first.Year is >= 2000 and <= 2100;
    }

    public static string MonthName(DateOnly month) => month.ToString("MMMM yyyy", French);

    /// <summary>"La lettre du réseau, novembre 2026"; another network's digest names it.</summary>
    public static string TitleOf(NetworkRef network, DateOnly month) =>
        network.IsHome ? $"La lettre du réseau, {MonthName(month)}" : $"La lettre du réseau {network.Name}, {MonthName(month)}";

    public async Task<Digest> ComposeAsync(NetworkRef network, DateOnly month, string editorial, IReadOnlySet<Guid> excluded, CancellationToken ct)
    {
        var from = EventTimes.FromParis(month.ToDateTime(TimeOnly.MinValue))!.Value;
        var to = EventTimes.FromParis(month.AddMonths(1).ToDateTime(TimeOnly.MinValue))!.Value;
        var eventsTo = EventTimes.FromParis(month.AddMonths(2).ToDateTime(TimeOnly.MinValue))!.Value;

        var audience = await audiences.PublicOnAsync(network.Id, ct);
        var visible = audience.Filter(db.Listings.AsNoTracking()).Where(l => l.Status == ListingStatus.Published
            && l.Organization!.Status == OrganizationStatus.Active);
        var rows = await visible.Where(l => l.CreatedAt >= from && l.CreatedAt < to)
            .OrderBy(l => l.CreatedAt).ThenBy(l => l.Id)
            .Select(l => new { l.Id, l.Kind, l.Title, l.Category, l.Commune, Organization = l.Organization!.Name, l.NetworkId }).Take(1000).ToListAsync(ct);
        var sharers = await NamesAsync(rows.Select(r => r.NetworkId).Where(n => n != network.Id).Distinct().ToList(), ct);
        var items = rows.Where(r => !excluded.Contains(r.Id))
            .Select(r => new ListingItem(r.Id, r.Kind == ListingKind.Offer ? "Offre" : "Demande", r.Title, taxonomy.CategoryLabel(r.Category), r.Commune, r.Organization)
            {
                SharedBy = sharers.GetValueOrDefault(r.NetworkId),
            }).ToList();
        var groups = items.GroupBy(i => i.Category).OrderBy(g => g.Key, StringComparer.Create(French, true))
            .Select(g => new CategoryGroup(g.Key, g.ToList())).ToList();

        var networkId = network.Id;
        var joined = await db.Organizations.AsNoTracking()
            .Where(o => o.Status == OrganizationStatus.Active && o.Networks.Any(n => n.NetworkId == networkId && n.IsMember && n.Since >= from && n.Since < to))
            .OrderBy(o => o.Name).Select(o => new { o.Id, o.Name, o.Commune }).Take(200).ToListAsync(ct);
        var joinedIds = joined.Select(j => j.Id).ToList();
        var offers = await visible.Where(l => joinedIds.Contains(l.OrganizationId) && l.Kind == ListingKind.Offer)
            .OrderBy(l => l.CreatedAt).ThenBy(l => l.Id)
            .Select(l => new { l.Id, l.OrganizationId, l.Title, l.Category, l.Commune, Organization = l.Organization!.Name }).Take(2000).ToListAsync(ct);
        var members = joined.Select(j => new NewMember(j.Id, j.Name, j.Commune, offers.Where(o => o.OrganizationId == j.Id).Take(3)
            .Select(o => new ListingItem(o.Id, "Offre", o.Title, taxonomy.CategoryLabel(o.Category), o.Commune, o.Organization)).ToList())).ToList();

        var events = await EventsAsync(network, to, eventsTo, ct);

        var title = TitleOf(network, month);
        var archive = links.ArchiveOf(network);
        return new Digest(month.ToString("yyyy-MM", CultureInfo.InvariantCulture), title, groups, members, events,
            Html(title, editorial, groups, members, events, archive), Text(title, editorial, groups, members, events));
    }

    /// <summary>
    /// The events of [<paramref name="from"/>, <paramref name="to"/>) that belong in the network's
    /// digest: an event is its host's networks' (the home network's without a host, or when the host
    /// belongs to none), and a partner's event is told when the partnership shares events towards its public.
    /// </summary>
    async Task<List<EventItem>> EventsAsync(NetworkRef network, DateTime from, DateTime to, CancellationToken ct)
    {
        var told = (await db.Partnerships.AsNoTracking()
                .Where(p => p.Status == PartnershipStatus.Active && p.SharesEvents && p.Audience == PartnershipAudience.Public).ToListAsync(ct))
            .Where(p => p.Flows(p.Other(network.Id), network.Id)).Select(p => p.Other(network.Id)).Append(network.Id).ToHashSet();
        var rows = await db.Set<Event>().AsNoTracking().Where(e => e.StartsAt >= from && e.StartsAt < to)
            .OrderBy(e => e.StartsAt).ThenBy(e => e.Id).Select(e => new { e.Id, e.Title, e.Kind, e.StartsAt, e.Place, e.HostOrganizationId }).Take(1000).ToListAsync(ct);
        var hosts = rows.Where(e => e.HostOrganizationId != null).Select(e => e.HostOrganizationId!.Value).Distinct().ToList();
        var memberships = (await db.NetworkMemberships.AsNoTracking().Where(m => m.IsMember && hosts.Contains(m.OrganizationId))
                .Select(m => new { m.OrganizationId, m.NetworkId }).ToListAsync(ct))
            .ToLookup(m => m.OrganizationId, m => m.NetworkId);
        var home = network.IsHome ? network.Id : await db.Networks.Where(n => n.IsHome).Select(n => n.Id).SingleAsync(ct);
        return rows.Where(e => (e.HostOrganizationId is { } host && memberships[host].Any() ? memberships[host] : [home]).Any(told.Contains))
            .Take(100).Select(e => new EventItem(e.Id, e.Title, EventWords.Label(e.Kind), e.StartsAt, e.Place)).ToList();
    }

    async Task<Dictionary<Guid, string>> NamesAsync(List<Guid> networks, CancellationToken ct) =>
        networks.Count == 0 ? [] : await db.Networks.AsNoTracking().Where(n => networks.Contains(n.Id)).ToDictionaryAsync(n => n.Id, n => n.Name, ct);

    string Html(string title, string editorial, List<CategoryGroup> groups, List<NewMember> members, List<EventItem> events, string archive)
    {
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title></head>")
            .Append("<body style=\"font-family:sans-serif;line-height:1.5;max-width:40rem\">");
        h.Append("<h1>").Append(E(title)).Append("</h1>");
        if (!string.IsNullOrWhiteSpace(editorial)) h.Append("<div>").Append(SafeMarkdown.ToHtml(editorial)).Append("</div>");
        h.Append("<h2>Les rendez-vous à venir</h2>");
        if (events.Count == 0) h.Append("<p>Pas encore de rendez-vous annoncé.</p>");
        else
        {
            h.Append("<ul>");
            foreach (var e in events)
                h.Append("<li><a href=\"").Append(E(links.Event(e.Id))).Append("\">").Append(E(e.Title)).Append("</a> (").Append(E(e.Kind)).Append("), ")
                    .Append(E(EventTimes.Long(e.StartsAt))).Append(", ").Append(E(e.Place)).Append("</li>");
            h.Append("</ul>");
        }
        h.Append("<h2>Les nouveaux membres</h2>");
        if (members.Count == 0) h.Append("<p>Pas de nouveau membre ce mois-ci.</p>");
        else
        {
            h.Append("<ul>");
            foreach (var m in members)
            {
                h.Append("<li><a href=\"").Append(E(links.Organization(m.Id))).Append("\">").Append(E(m.Name)).Append("</a>");
                if (m.Commune is not null) h.Append(", ").Append(E(m.Commune));
                if (m.FirstOffers.Count > 0)
                {
                    h.Append(" : ").Append(string.Join(", ", m.FirstOffers.Select(o => $"<a href=\"{E(links.Listing(o.Id))}\">{E(o.Title)}</a>")));
                }
                h.Append("</li>");
            }
            h.Append("</ul>");
        }
        h.Append("<h2>Les offres et les demandes du mois</h2>");
        if (groups.Count == 0) h.Append("<p>Pas de nouvelle annonce ce mois-ci.</p>");
        foreach (var g in groups)
        {
            h.Append("<h3>").Append(E(g.Category)).Append("</h3><ul>");
            foreach (var i in g.Items)
            {
                h.Append("<li>").Append(E(i.Kind)).Append(" : <a href=\"").Append(E(links.Listing(i.Id))).Append("\">").Append(E(i.Title)).Append("</a>, ")
                    .Append(E(Place(i)));
                if (i.SharedBy is { } sharer) h.Append(" (partagée par le réseau ").Append(E(sharer)).Append(')');
                h.Append("</li>");
            }
            h.Append("</ul>");
        }
        h.Append("<p style=\"font-size:.9em;color:#555\"><a href=\"").Append(UnsubscribePlaceholder).Append("\">Ne plus recevoir la lettre</a> · <a href=\"")
            .Append(E(archive)).Append("\">Les lettres précédentes</a></p></body></html>");
        return h.ToString();
    }

    string Text(string title, string editorial, List<CategoryGroup> groups, List<NewMember> members, List<EventItem> events)
    {
        var t = new StringBuilder();
        t.Append(title).Append("\n\n");
        if (!string.IsNullOrWhiteSpace(editorial)) t.Append(editorial.Trim()).Append("\n\n");
        t.Append("LES RENDEZ-VOUS À VENIR\n");
        foreach (var e in events) t.Append("- ").Append(e.Title).Append(", ").Append(EventTimes.Long(e.StartsAt)).Append(", ").Append(e.Place).Append("\n  ").Append(links.Event(e.Id)).Append('\n');
        if (events.Count == 0) t.Append("Pas encore de rendez-vous annoncé.\n");
        t.Append("\nLES NOUVEAUX MEMBRES\n");
        foreach (var m in members)
        {
            t.Append("- ").Append(m.Name).Append(m.Commune is null ? "" : $", {m.Commune}").Append('\n');
            foreach (var o in m.FirstOffers) t.Append("  ").Append(o.Title).Append(" : ").Append(links.Listing(o.Id)).Append('\n');
        }
        if (members.Count == 0) t.Append("Pas de nouveau membre ce mois-ci.\n");
        t.Append("\nLES OFFRES ET LES DEMANDES DU MOIS\n");
        foreach (var g in groups)
        {
            t.Append('\n').Append(g.Category).Append('\n');
            foreach (var i in g.Items)
            {
                t.Append("- ").Append(i.Kind).Append(" : ").Append(i.Title).Append(", ").Append(Place(i));
                if (i.SharedBy is { } sharer) t.Append(" (partagée par le réseau ").Append(sharer).Append(')');
                t.Append("\n  ").Append(links.Listing(i.Id)).Append('\n');
            }
        }
        t.Append("\nNe plus recevoir la lettre (un clic, sans connexion) : ").Append(UnsubscribePlaceholder).Append('\n');
        return t.ToString();
    }

    static string Place(ListingItem i) => i.Commune is { Length: > 0 } c ? $"{c}, {i.Organization}" : i.Organization;

    static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
}
