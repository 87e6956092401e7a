using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Events;
using ElBasar.Web.Features.Lending;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Federation;

/// <summary>
/// The lines of the feed: the exchange format's records (contracts/exchange-format.md) with the
/// fields it adds (README.md). Each changed record is read as it is now: <c>upsert</c> when the
/// reader may see it, else <c>delete</c>, with its <c>externalId</c> only.
/// </summary>
public sealed class FeedRecords(ElBasarDbContext db)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public const string Upsert = "upsert";
    public const string Delete = "delete";

    /// <summary>The records for these ids, in the order given; <paramref name="partner"/> also opens partner-only listings.</summary>
    public Task<List<object>> ReadAsync(FeedKind kind, IReadOnlyList<Guid> ids, bool partner, DateTime now, string siteBase, CancellationToken ct) => kind switch
    {
        FeedKind.Listing => Ordered(ids, ListingsAsync(ids, partner, now, siteBase, ct), id => new ListingRecord(Delete, id.ToString())),
        FeedKind.Organization => Ordered(ids, OrganizationsAsync(ids, siteBase, ct), id => new OrganizationRecord(Delete, id.ToString())),
        FeedKind.Item => Ordered(ids, ItemsAsync(ids, partner, now, siteBase, ct), id => new ItemRecord(Delete, id.ToString())),
        _ => Ordered(ids, EventsAsync(ids, siteBase, ct), id => new EventRecord(Delete, id.ToString())),
    };

    static async Task<List<object>> Ordered<T>(IReadOnlyList<Guid> ids, Task<Dictionary<Guid, T>> found, Func<Guid, T> deleted) where T : notnull
    {
        var records = await found;
        return ids.Select(id => (object)(records.TryGetValue(id, out var record) ? record : deleted(id))).ToList();
    }

    /// <summary>The listings the reader may see now: published, not expired, of an active organisation, public (or for partners).</summary>
    public IQueryable<Listing> Visible(bool partner, DateTime now) =>
        db.Listings.AsNoTracking().Where(l => l.Status == ListingStatus.Published && (l.ExpiresAt == null || l.ExpiresAt > now)
            && l.Organization!.Status == OrganizationStatus.Active
            && (l.Visibility == ListingVisibility.Everyone || (partner && l.Visibility == ListingVisibility.Partners))
            // Only the home network's listings leave the installation; the other networks' stay on their pages.
            && db.Set<Network>().Any(n => n.IsHome && n.Id == l.NetworkId));

    /// <summary>The listings with what their records need: organisation and exchange modes.</summary>
    public static IQueryable<Listing> WithRecordParts(IQueryable<Listing> listings) =>
        listings.Include(l => l.Organization).Include(l => l.ExchangeModes);

    public static ListingRecord Record(Listing l, string siteBase) => new(Upsert, l.Id.ToString())
    {
        OrganizationExternalId = l.OrganizationId.ToString(),
        OrganizationName = l.Organization?.Name,
        Kind = Slug.Of(l.Kind),
        Title = l.Title,
        Description = l.Description,
        Category = l.Category,
        ExchangeModes = l.ExchangeModes.Select(m => m.Mode).Order(StringComparer.Ordinal).ToList(),
        Price = l.Price,
        CommuneInsee = l.CommuneInsee,
        Commune = l.Commune,
        Latitude = l.Latitude,
        Longitude = l.Longitude,
        CreatedAt = l.CreatedAt,
        UpdatedAt = l.UpdatedAt,
        ExpiresAt = l.ExpiresAt,
        Visibility = Slug.Of(l.Visibility),
        Url = $"{siteBase}/annonces/{l.Id}",
    };

    async Task<Dictionary<Guid, ListingRecord>> ListingsAsync(IReadOnlyList<Guid> ids, bool partner, DateTime now, string siteBase, CancellationToken ct) =>
        (await WithRecordParts(Visible(partner, now).Where(l => ids.Contains(l.Id))).AsSplitQuery().ToListAsync(ct))
            .ToDictionary(l => l.Id, l => Record(l, siteBase));

    async Task<Dictionary<Guid, OrganizationRecord>> OrganizationsAsync(IReadOnlyList<Guid> ids, string siteBase, CancellationToken ct)
    {
        var organizations = await db.Organizations.AsNoTracking()
            .Where(o => ids.Contains(o.Id) && o.Status == OrganizationStatus.Active)
            .Include(o => o.Activities)
            .Include(o => o.Networks)
            .AsSplitQuery()
            .ToListAsync(ct);
        return organizations.ToDictionary(o => o.Id, o => new OrganizationRecord(Upsert, o.Id.ToString())
        {
            Name = o.Name,
            Kind = o.Kind == OrganizationKind.Individual ? "individual" : "organization",
            LegalForm = o.LegalForm,
            Description = o.Description,
            Activities = o.Activities.OrderBy(a => a.Position).Select(a => a.Label).ToList(),
            CommuneInsee = o.CommuneInsee,
            Commune = o.Commune,
            PostalCode = o.PostalCode,
            Latitude = o.Latitude,
            Longitude = o.Longitude,
            // Contacts kept for members stay home: a partner installation is not a member.
            Email = o.EmailVisibility == ContactVisibility.Public ? o.Email : null,
            Phone = o.PhoneVisibility == ContactVisibility.Public ? o.Phone : null,
            Website = o.WebsiteVisibility == ContactVisibility.Public ? o.Website : null,
            Member = o.Networks.Any(n => n.IsMember),
            UpdatedAt = o.UpdatedAt,
            Url = $"{siteBase}/structures/{o.Id}",
        });
    }

    async Task<Dictionary<Guid, ItemRecord>> ItemsAsync(IReadOnlyList<Guid> ids, bool partner, DateTime now, string siteBase, CancellationToken ct)
    {
        // EXISTS on the item's own listing: an IN (SELECT …) list would hold every visible listing first on SQLite.
        var visible = Visible(partner, now);
        var items = await db.LendingItems.AsNoTracking()
            .Where(i => ids.Contains(i.Id) && visible.Any(l => l.Id == i.ListingId))
            .Include(i => i.Listing)
            .ToListAsync(ct);
        return items.ToDictionary(i => i.Id, i => new ItemRecord(Upsert, i.Id.ToString())
        {
            ListingExternalId = i.ListingId.ToString(),
            OrganizationExternalId = i.OrganizationId.ToString(),
            Title = i.Listing?.Title,
            Quantity = i.Quantity,
            DepositEur = i.DepositEur,
            FeeEur = i.FeeEur,
            Conditions = i.Conditions,
            PickupPlace = i.PickupPlace,
            PickupHours = i.PickupHours,
            Audience = Slug.Of(i.Audience),
            MaxLoanDays = i.MaxLoanDays,
            CreatedAt = i.CreatedAt,
            Url = $"{siteBase}/pret/{i.Id}",
        });
    }

    async Task<Dictionary<Guid, EventRecord>> EventsAsync(IReadOnlyList<Guid> ids, string siteBase, CancellationToken ct)
    {
        // Like listings, only the home network's events leave the installation.
        var events = await db.Set<Event>().AsNoTracking()
            .Where(e => ids.Contains(e.Id) && db.Set<Network>().Any(n => n.IsHome && n.Id == e.NetworkId)).ToListAsync(ct);
        return events.ToDictionary(e => e.Id, e => new EventRecord(Upsert, e.Id.ToString())
        {
            Title = e.Title,
            Kind = Slug.Of(e.Kind),
            Description = e.Description,
            StartsAt = e.StartsAt,
            EndsAt = e.EndsAt,
            Place = e.Place,
            HostOrganizationExternalId = e.HostOrganizationId?.ToString(),
            Latitude = e.Latitude,
            Longitude = e.Longitude,
            Capacity = e.Capacity,
            Audience = Slug.Of(e.Audience),
            UpdatedAt = e.UpdatedAt,
            Url = $"{siteBase}/evenements/{e.Id}",
        });
    }
}

/// <summary>A line of <c>listings</c>: the exchange format's listing, plus op, organizationName, commune, updatedAt, visibility, url.</summary>
public sealed record ListingRecord(string Op, string ExternalId)
{
    public string? OrganizationExternalId { get; init; }
    public string? OrganizationName { get; init; }
    public string? Kind { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public string? Category { get; init; }
    public List<string>? ExchangeModes { get; init; }
    public decimal? Price { get; init; }
    public string? CommuneInsee { get; init; }
    public string? Commune { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public DateTime? CreatedAt { get; init; }
    public DateTime? UpdatedAt { get; init; }
    public DateTime? ExpiresAt { get; init; }
    public string? Visibility { get; init; }
    public string? Url { get; init; }
}

/// <summary>A line of <c>organizations</c>: the exchange format's organisation, plus op, updatedAt, url.</summary>
public sealed record OrganizationRecord(string Op, string ExternalId)
{
    public string? Name { get; init; }
    public string? Kind { get; init; }
    public string? LegalForm { get; init; }
    public string? Description { get; init; }
    public List<string>? Activities { get; init; }
    public string? CommuneInsee { get; init; }
    public string? Commune { get; init; }
    public string? PostalCode { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Website { get; init; }
    public bool? Member { get; init; }
    public DateTime? UpdatedAt { get; init; }
    public string? Url { get; init; }
}

/// <summary>A line of <c>items</c>: a lending item (new in the feed; its words are the listing's).</summary>
public sealed record ItemRecord(string Op, string ExternalId)
{
    public string? ListingExternalId { get; init; }
    public string? OrganizationExternalId { get; init; }
    public string? Title { get; init; }
    public int? Quantity { get; init; }
    public decimal? DepositEur { get; init; }
    public decimal? FeeEur { get; init; }
    public string? Conditions { get; init; }
    public string? PickupPlace { get; init; }
    public string? PickupHours { get; init; }
    public string? Audience { get; init; }
    public int? MaxLoanDays { get; init; }
    public DateTime? CreatedAt { get; init; }
    public string? Url { get; init; }
}

/// <summary>A line of <c>events</c>: an event of the network (new in the feed).</summary>
public sealed record EventRecord(string Op, string ExternalId)
{
    public string? Title { get; init; }
    public string? Kind { get; init; }
    public string? Description { get; init; }
    public DateTime? StartsAt { get; init; }
    public DateTime? EndsAt { get; init; }
    public string? Place { get; init; }
    public string? HostOrganizationExternalId { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public int? Capacity { get; init; }
    public string? Audience { get; init; }
    public DateTime? UpdatedAt { get; init; }
    public string? Url { get; init; }
}
