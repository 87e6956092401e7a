namespace ElBasar.Web.Features.Listings.Publishing;

/// <summary>What the shared listing fields (<c>_ListingFields.cshtml</c>) need from the page that shows them.</summary>
public interface IListingForm
{
    ListingInput Input { get; }
    Taxonomy Taxonomy { get; }

    /// <summary>The categories offered: the shared ones and those of the network the listing is (or will be) in.</summary>
    IReadOnlyList<Category> Categories { get; }

    /// <summary>The organisation's commune, used when the commune field is left blank.</summary>
    string? OrganizationCommune { get; }
}
