using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;

namespace ElBasar.Tests.Support;

/// <summary>Valid organisations by default; a test names only what it is about.</summary>
public sealed class OrganizationBuilder
{
    readonly Organization _organization = new()
    {
        Name = "Atelier Roue Libre",
        LegalForm = "association",
        CommuneInsee = "59350",
        Commune = "Lille",
        PostalCode = "59000",
        Latitude = 50.6292,
        Longitude = 3.0573,
        Email = "contact@roue-libre.example.org",
        CreatedAt = FakeClock.Default.UtcDateTime,
        UpdatedAt = FakeClock.Default.UtcDateTime,
    };
    bool _member = true;

    public OrganizationBuilder Named(string name) { _organization.Name = name; return this; }
    public OrganizationBuilder WithExternalId(string id) { _organization.ExternalId = id; return this; }
    public OrganizationBuilder WithLegalForm(string form) { _organization.LegalForm = form; return this; }
    public OrganizationBuilder NotMember() { _member = false; return this; }
    public OrganizationBuilder WithActivities(params string[] labels)
    {
        _organization.Activities = labels.Select((l, i) => new OrganizationActivity { Position = i, Label = l }).ToList();
        return this;
    }
    public OrganizationBuilder In(string insee, string commune, double lat, double lon)
    {
        (_organization.CommuneInsee, _organization.Commune, _organization.Latitude, _organization.Longitude) = (insee, commune, lat, lon);
        return this;
    }

    public async Task<Organization> SaveAsync(TestApp app)
    {
        var networkId = await app.HomeNetworkIdAsync();
        _organization.Networks = [new NetworkMembership { NetworkId = networkId, IsMember = _member, Since = FakeClock.Default.UtcDateTime }];
        await app.WithDbAsync(async db =>
        {
            db.Organizations.Add(_organization);
            await db.SaveChangesAsync();
        });
        return _organization;
    }
}

/// <summary>Valid published listings by default, posted by a given organisation.</summary>
public sealed class ListingBuilder(Organization organization)
{
    readonly Listing _listing = new()
    {
        Title = "Prêt d'une tonnelle 3x3 m",
        Description = "À venir chercher sur place, du lundi au vendredi.",
        Category = "equipment",
        Kind = ListingKind.Offer,
        OrganizationId = organization.Id,
        CommuneInsee = organization.CommuneInsee,
        Commune = organization.Commune,
        Latitude = organization.Latitude,
        Longitude = organization.Longitude,
        CreatedAt = FakeClock.Default.UtcDateTime.AddDays(-1),
        UpdatedAt = FakeClock.Default.UtcDateTime.AddDays(-1),
    };
    List<string> _modes = ["loan"];
    Guid? _network;

    public ListingBuilder Titled(string title) { _listing.Title = title; return this; }
    public ListingBuilder Described(string? description) { _listing.Description = description; return this; }
    public ListingBuilder Demand() { _listing.Kind = ListingKind.Demand; return this; }
    public ListingBuilder InCategory(string category) { _listing.Category = category; return this; }
    public ListingBuilder WithModes(params string[] modes) { _modes = modes.ToList(); return this; }
    public ListingBuilder WithPrice(decimal price) { _listing.Price = price; return this; }
    public ListingBuilder CreatedDaysAgo(int days) { _listing.CreatedAt = FakeClock.Default.UtcDateTime.AddDays(-days); return this; }
    public ListingBuilder ExpiredDaysAgo(int days) { _listing.ExpiresAt = FakeClock.Default.UtcDateTime.AddDays(-days); return this; }
    public ListingBuilder WithStatus(ListingStatus status) { _listing.Status = status; return this; }
    public ListingBuilder WithExternalId(string id) { _listing.ExternalId = id; return this; }
    public ListingBuilder At(double lat, double lon) { (_listing.Latitude, _listing.Longitude) = (lat, lon); return this; }
    /// <summary>Published in this network (else the home network), seen as <paramref name="visibility"/> says.</summary>
    public ListingBuilder InNetwork(Guid networkId, ListingVisibility visibility = ListingVisibility.Everyone)
    {
        (_network, _listing.Visibility) = (networkId, visibility);
        return this;
    }

    public async Task<Listing> SaveAsync(TestApp app)
    {
        _listing.NetworkId = _network ?? await app.HomeNetworkIdAsync();
        _listing.SetModes(_modes);
        await app.WithDbAsync(async db =>
        {
            db.Listings.Add(_listing);
            await db.SaveChangesAsync();
        });
        return _listing;
    }
}
