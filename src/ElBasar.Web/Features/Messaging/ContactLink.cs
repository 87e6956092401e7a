namespace ElBasar.Web.Features.Messaging;

/// <summary>What the "Contacter" button on a listing or a profile points at.</summary>
public sealed record ContactLink(Guid? OrganizationId, Guid? ListingId, string Name)
{
    public static ContactLink ToListing(Guid listingId, string title) => new(null, listingId, title);
    public static ContactLink ToOrganization(Guid organizationId, string name) => new(organizationId, null, name);
}
