using ElBasar.Web.Features.Listings;

namespace ElBasar.Web.Features.Directory.Editing;

/// <summary>What the shared profile fields (<c>_ProfileFields.cshtml</c>) need from the page that shows them.</summary>
public interface IProfileForm
{
    ProfileInput Input { get; }
    Taxonomy Taxonomy { get; }
    bool IsIndividual { get; }
}
