namespace ElBasar.Web.Features.Listings.Publishing;

/// <summary>
/// Whether an organisation pays to publish (the network's rule for non-members), answered by the
/// membership feature, which also takes the payment and puts the listing online once it is recorded
/// (<see cref="ListingPublisher.PublishPaidAsync"/>). Listings know nothing of fees or providers.
/// </summary>
public interface IListingCharges
{
    /// <summary>True when a new listing of the organisation must wait for a payment.</summary>
    Task<bool> IsChargedAsync(Guid organizationId, CancellationToken ct);

    /// <summary>Asks for the payment of a listing just saved as <see cref="ListingStatus.Unpaid"/>.</summary>
    Task RequestAsync(Listing listing, CancellationToken ct);
}
