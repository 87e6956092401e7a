namespace ElBasar.Web.Features.Listings.Publishing;

/// <summary>
/// The buttons of a listing's life (<c>_ListingActions.cshtml</c>), as its organisation's people see
/// them on its page and in the organisation's listings; <see cref="ReturnUrl"/> is where they come back.
/// </summary>
public sealed record ListingActions(Guid Id, string Title, ListingStatus Status, bool Expired, string ReturnUrl)
{
    public string EditPath => $"/annonces/{Id}/modifier";
    public string Handler(string name) => $"/annonces/{Id}/modifier?handler={name}";
}
