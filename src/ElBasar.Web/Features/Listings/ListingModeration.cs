using ElBasar.Web.Infrastructure.Data;

namespace ElBasar.Web.Features.Listings;

/// <summary>
/// Hiding a listing and bringing it back, for the Moderation feature: the rule stays here, where
/// the listing's status is owned. A hidden listing is left out of search and answers 404 to the public.
/// Both change the tracked listing only; the caller saves, with its journal line and mails.
/// </summary>
public static class ListingModeration
{
    /// <summary>The status the listing had, or null when there is no such listing or it is hidden already.</summary>
    public static async Task<ListingStatus?> HideAsync(ElBasarDbContext db, Guid id, CancellationToken ct)
    {
        if (await db.Listings.FindAsync([id], ct) is not { Status: not ListingStatus.Hidden } listing) return null;
        var before = listing.Status;
        listing.Status = ListingStatus.Hidden;
        return before;
    }

    /// <summary>Gives a hidden listing back the status it had before; false when it is not hidden.</summary>
    public static async Task<bool> RestoreAsync(ElBasarDbContext db, Guid id, ListingStatus before, CancellationToken ct)
    {
        if (await db.Listings.FindAsync([id], ct) is not { Status: ListingStatus.Hidden } listing) return false;
        listing.Status = before == ListingStatus.Hidden ? ListingStatus.Published : before;
        return true;
    }
}
