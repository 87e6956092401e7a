using System.Text;
using System.Xml;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Federation;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Networks;
using ElBasar.Web.Features.Search;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Alerts;

/// <summary>
/// Atom 1.0 feeds (RFC 4287), the newest <see cref="Size"/> entries: every new public listing
/// (<c>/annonces.atom</c>), and each saved search's own finds at a private, unguessable address
/// (<c>/alertes/{token}.atom</c>), for feed readers that follow a search without mail. A saved
/// search's feed holds the partner installations' listings it found too, marked with their origin
/// and linked to the original.
/// </summary>
public static class AlertFeeds
{
    public const int Size = 50;
    const string AtomNs = "http://www.w3.org/2005/Atom";
    const string ContentType = "application/atom+xml; charset=utf-8";

    public static IEndpointRouteBuilder MapAlertFeeds(this IEndpointRouteBuilder app)
    {
        app.MapGet("/annonces.atom", PublicFeedAsync).ExcludeFromDescription();
        app.MapGet("/flux/annonces.atom", PublicFeedAsync).ExcludeFromDescription();
        app.MapGet("/alertes/{token}.atom", SavedSearchFeedAsync).ExcludeFromDescription();
        return app;
    }

    /// <summary>An entry: <see cref="Id"/> is its Atom id (an IRI), <see cref="Url"/> its page; <see cref="Origin"/> names a partner installation.</summary>
    sealed record Entry(string Id, string Kind, string Title, string? Commune, string? Organization, DateTime Updated, string Url)
    {
        public string? Origin { get; init; }

        public static Entry Local(Guid id, string kind, string title, string? commune, string organization, DateTime updated, AlertLinks links) =>
            new($"urn:uuid:{id}", kind, title, commune, organization, updated, links.Listing(id));
    }

    static async Task<IResult> PublicFeedAsync(ListingSearch search, AlertLinks links, TimeProvider clock, CancellationToken ct)
    {
        var page = await search.SearchAsync(new ListingQuery { Sort = ListingSort.Newest, PageSize = Size }, ct);
        var entries = page.Items.Select(i => Entry.Local(i.Id, i.Kind, i.Title, i.Commune, i.Organization.Name, i.CreatedAt, links)).ToList();
        var self = $"{links.BaseUrl}/annonces.atom";
        return Results.Text(Write(self, self, "elBasar : nouvelles annonces", $"{links.BaseUrl}/recherche?sort=newest", entries, clock), ContentType, Encoding.UTF8);
    }

    /// <summary>A saved search's finds that its network shows its owner today (as its mail does).</summary>
    static async Task<IResult> SavedSearchFeedAsync(string token, ElBasarDbContext db, SavedSearches searches, AlertLinks links, TimeProvider clock,
        NetworkAudiences audiences, HttpContext http, CancellationToken ct)
    {
        var saved = await db.SavedSearches.AsNoTracking().SingleOrDefaultAsync(s => s.FeedToken == token, ct);
        if (saved is null) return Results.NotFound();
        var now = clock.GetUtcNow().UtcDateTime;
        var audience = NetworkAudiences.On(await audiences.MemberNetworksAsync(saved.UserId, ct), saved.NetworkId,
            await audiences.PartnershipsAsync(Shared.Listings, ct));
        var entries = await (
                from m in db.SavedSearchMatches.AsNoTracking()
                join l in audience.Filter(db.Listings) on m.ListingId equals l.Id
                where m.SavedSearchId == saved.Id && l.Status == ListingStatus.Published
                    && (l.ExpiresAt == null || l.ExpiresAt > now) && l.Organization!.Status == OrganizationStatus.Active
                orderby m.MatchedAt descending, l.CreatedAt descending
                select new { l.Id, l.Kind, l.Title, l.Commune, Organization = l.Organization!.Name, m.MatchedAt })
            .Take(Size).ToListAsync(ct);
        var remote = await (
                from m in db.SavedSearchRemoteMatches.AsNoTracking()
                join r in db.RemoteListings on new { m.PartnerId, m.RemoteId } equals new { r.PartnerId, r.RemoteId }
                where m.SavedSearchId == saved.Id && (r.ExpiresAt == null || r.ExpiresAt > now)
                orderby m.MatchedAt descending, r.CreatedAt descending
                select new { r.RemoteUrl, r.Kind, r.Title, r.Commune, r.OrganizationName, m.MatchedAt, Origin = r.Partner!.Name })
            .Take(Size).ToListAsync(ct);
        // The address is the secret: keep it out of shared caches and search engines.
        http.Response.Headers.CacheControl = "private, no-cache";
        http.Response.Headers["X-Robots-Tag"] = "noindex";
        return Results.Text(Write($"urn:uuid:{saved.Id}", links.Feed(saved), $"elBasar : alerte « {saved.Name} »",
            links.Search(SearchLinks.For(searches.QueryOf(saved))),
            entries.Select(e => Entry.Local(e.Id, Slug.Of(e.Kind), e.Title, e.Commune, e.Organization, e.MatchedAt, links))
                .Concat(remote.Select(r => new Entry(r.RemoteUrl, r.Kind, r.Title, r.Commune, r.OrganizationName, r.MatchedAt, r.RemoteUrl) { Origin = r.Origin }))
                .OrderByDescending(e => e.Updated).Take(Size).ToList(), clock),
            ContentType, Encoding.UTF8);
    }

    static string Write(string id, string self, string title, string alternate, IReadOnlyList<Entry> entries, TimeProvider clock)
    {
        var builder = new StringBuilder();
        using (var xml = XmlWriter.Create(builder, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", AtomNs);
            xml.WriteAttributeString("xml", "lang", null, "fr");
            xml.WriteElementString("id", AtomNs, id);
            xml.WriteElementString("title", AtomNs, title);
            xml.WriteElementString("updated", AtomNs, Date(entries.Count > 0 ? entries.Max(e => e.Updated) : clock.GetUtcNow().UtcDateTime));
            Link(xml, "self", self, "application/atom+xml");
            Link(xml, "alternate", alternate, "text/html");
            xml.WriteStartElement("author", AtomNs);
            xml.WriteElementString("name", AtomNs, "elBasar");
            xml.WriteEndElement();
            xml.WriteElementString("generator", AtomNs, "elBasar");
            foreach (var entry in entries)
            {
                xml.WriteStartElement("entry", AtomNs);
                xml.WriteElementString("id", AtomNs, entry.Id);
                xml.WriteElementString("title", AtomNs, $"{(entry.Kind == "offer" ? "Offre" : "Demande")} : {entry.Title}");
                xml.WriteElementString("updated", AtomNs, Date(entry.Updated));
                Link(xml, "alternate", entry.Url, "text/html");
                xml.WriteStartElement("author", AtomNs);
                xml.WriteElementString("name", AtomNs, entry.Organization ?? entry.Origin ?? "elBasar");
                xml.WriteEndElement();
                var place = string.Join(", ", new[] { entry.Commune, entry.Organization }.Where(p => p is { Length: > 0 }));
                if (entry.Origin is { } origin) place = place.Length > 0 ? $"Annonce du réseau partenaire {origin} : {place}" : $"Annonce du réseau partenaire {origin}";
                xml.WriteElementString("summary", AtomNs, place);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        // XmlWriter over a StringBuilder declares UTF-16; the bytes sent are UTF-8.
        return builder.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"");
    }

    static void Link(XmlWriter xml, string rel, string href, string type)
    {
        xml.WriteStartElement("link", AtomNs);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    static string Date(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
