using System.Globalization;
using System.Text.Json.Nodes;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Events;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Html;

namespace ElBasar.Web.Features.OpenData;

/// <summary>
/// The schema.org description of the public pages, as JSON-LD in their head (<see cref="JsonLd"/>), so that
/// search engines and other tools understand them: an offer (<c>Offer</c>) or a demand (<c>Demand</c>), an
/// organisation (<c>Organization</c> with its address and place), an event (<c>Event</c>), and the site
/// (<c>WebSite</c> with its search). Pages call it only with what anyone may see: never a members-only
/// contact, a listing or an event the public does not see.
/// </summary>
public sealed class SchemaOrg(SiteLinks links, ISiteIdentity site, ElBasarDbContext db, Taxonomy taxonomy)
{
    const string Context = "https://schema.org";

    public IHtmlContent Listing(ListingDetails listing, bool expired)
    {
        var offer = listing.Kind == "offer";
        var url = $"{links.BaseUrl}/annonces/{listing.Id}";
        var data = new JsonObject
        {
            ["@context"] = Context,
            ["@type"] = offer ? "Offer" : "Demand",
            ["@id"] = url,
            ["url"] = url,
            ["name"] = listing.Title,
            ["category"] = taxonomy.CategoryLabel(listing.Category),
            ["itemOffered"] = new JsonObject { ["@type"] = "Thing", ["name"] = listing.Title },
            ["availability"] = listing.Status == "closed"
                ? listing.Outcome == "fulfilled" ? "https://schema.org/SoldOut" : "https://schema.org/Discontinued"
                : expired ? "https://schema.org/Discontinued" : "https://schema.org/InStock",
            ["validFrom"] = ParisTime(listing.CreatedAt),
        };
        if (listing.Description is { Length: > 0 } description) data["description"] = description;
        if (listing.ExpiresAt is { } expires) data["validThrough"] = ParisTime(expires);
        if (listing.Price is { } price)
        {
            data["price"] = price;
            data["priceCurrency"] = "EUR";
        }
        // Demand has no property for the one who asks; an offer names who offers it.
        if (offer) data["offeredBy"] = OrganizationRef(listing.Organization.Id, listing.Organization.Name);
        if (Place(null, null, listing.Commune, null, listing.Latitude, listing.Longitude) is { } place) data["availableAtOrFrom"] = place;
        return JsonLd.Script(data);
    }

    /// <summary>An organisation's public profile: pass the details as a visitor sees them (members-only contacts left out).</summary>
    public IHtmlContent Organization(OrganizationDetails organization)
    {
        var url = $"{links.BaseUrl}/structures/{organization.Id}";
        var data = new JsonObject
        {
            ["@context"] = Context,
            ["@type"] = "Organization",
            ["@id"] = url,
            ["url"] = url,
            ["name"] = organization.Name,
        };
        if (organization.Description is { Length: > 0 } description) data["description"] = description;
        if (organization.LegalForm is { } form) data["additionalType"] = taxonomy.LegalFormLabel(form);
        if (organization.Activities.Count > 0) data["knowsAbout"] = new JsonArray(organization.Activities.Select(a => (JsonNode?)a).ToArray());
        if (organization.Website is { Length: > 0 } website) data["sameAs"] = website;
        if (organization.Email is { Length: > 0 } email) data["email"] = email;
        if (organization.Phone is { Length: > 0 } phone) data["telephone"] = phone;
        if (Address(organization.Commune, organization.PostalCode) is { } address) data["address"] = address;
        if (Place(null, null, organization.Commune, organization.PostalCode, organization.Latitude, organization.Longitude) is { } place) data["location"] = place;
        return JsonLd.Script(data);
    }

    /// <summary>An event open to everyone; the network organises it, with its host when it has one.</summary>
    public async Task<IHtmlContent> EventAsync(Event ev, CancellationToken ct = default)
    {
        var url = $"{links.BaseUrl}/evenements/{ev.Id}";
        var organizer = ev.HostOrganization is { Status: OrganizationStatus.Active } host
            ? OrganizationRef(host.Id, host.Name)
            : new JsonObject { ["@type"] = "Organization", ["name"] = await HomeNetwork.NameAsync(db, ct), ["url"] = links.BaseUrl + "/" };
        var data = new JsonObject
        {
            ["@context"] = Context,
            ["@type"] = "Event",
            ["@id"] = url,
            ["url"] = url,
            ["name"] = ev.Title,
            ["startDate"] = ParisTime(ev.StartsAt),
            ["endDate"] = ParisTime(ev.EndsAt),
            ["eventStatus"] = "https://schema.org/EventScheduled",
            ["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode",
            ["location"] = Place(ev.Place, ev.Place, null, null, ev.Latitude, ev.Longitude),
            ["organizer"] = organizer,
        };
        if (ev.Description is { Length: > 0 } description) data["description"] = description;
        if (ev.Capacity is { } capacity) data["maximumAttendeeCapacity"] = capacity;
        return JsonLd.Script(data);
    }

    /// <summary>The site itself, with its search: /recherche?q=.</summary>
    public async Task<IHtmlContent> WebSiteAsync(CancellationToken ct = default)
    {
        var identity = await site.CurrentAsync(ct);
        return JsonLd.Script(new JsonObject
        {
            ["@context"] = Context,
            ["@type"] = "WebSite",
            ["name"] = identity.Name,
            ["url"] = links.BaseUrl + "/",
            ["inLanguage"] = "fr-FR",
            ["potentialAction"] = new JsonObject
            {
                ["@type"] = "SearchAction",
                ["target"] = new JsonObject { ["@type"] = "EntryPoint", ["urlTemplate"] = links.BaseUrl + "/recherche?q={search_term_string}" },
                ["query-input"] = "required name=search_term_string",
            },
        });
    }

    JsonObject OrganizationRef(Guid id, string name) => new()
    {
        ["@type"] = "Organization",
        ["name"] = name,
        ["url"] = $"{links.BaseUrl}/structures/{id}",
    };

    static JsonObject? Address(string? commune, string? postalCode)
    {
        if (commune is null && postalCode is null) return null;
        var address = new JsonObject { ["@type"] = "PostalAddress", ["addressCountry"] = "FR" };
        if (commune is not null) address["addressLocality"] = commune;
        if (postalCode is not null) address["postalCode"] = postalCode;
        return address;
    }

    static JsonObject? Place(string? name, string? streetAddress, string? commune, string? postalCode, double? latitude, double? longitude)
    {
        var address = streetAddress is not null ? new JsonObject { ["@type"] = "PostalAddress", ["streetAddress"] = streetAddress, ["addressCountry"] = "FR" }
            : Address(commune, postalCode);
        if (address is null && (latitude is null || longitude is null)) return null;
        var place = new JsonObject { ["@type"] = "Place" };
        if (name is not null) place["name"] = name;
        if (address is not null) place["address"] = address;
        if (latitude is { } lat && longitude is { } lon) place["geo"] = new JsonObject { ["@type"] = "GeoCoordinates", ["latitude"] = lat, ["longitude"] = lon };
        return place;
    }

    /// <summary>ISO 8601 with the Paris offset of that day (+01:00 or +02:00), as schema.org's dates want it.</summary>
    static string ParisTime(DateTime utc)
    {
        var instant = new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
        return instant.ToOffset(EventTimes.Paris.GetUtcOffset(instant)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }
}
