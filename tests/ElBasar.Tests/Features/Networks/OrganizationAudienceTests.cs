using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Networks;

namespace ElBasar.Tests.Features.Networks;

/// <summary>What an organisation sees (demand watches): its networks' listings, those shared towards them, or the home network's public ones.</summary>
public sealed class OrganizationAudienceTests
{
    static readonly Guid Home = Guid.CreateVersion7(), A = Guid.CreateVersion7(), B = Guid.CreateVersion7();

    static Partnership FromAToB(PartnershipAudience audience) =>
        new() { ProposerNetworkId = A, PartnerNetworkId = B, Direction = PartnershipDirection.ToPartner, Audience = audience, SharesListings = true };

    [Fact]
    public void A_member_of_the_receiving_network_sees_what_is_open_to_partners_whatever_the_audience()
    {
        foreach (var audience in new[] { PartnershipAudience.Members, PartnershipAudience.Public })
        {
            var sees = NetworkAudiences.OfOrganization([B], Home, [FromAToB(audience)]);
            Assert.True(sees.Sees(A, ListingVisibility.Everyone));
            Assert.True(sees.Sees(A, ListingVisibility.Partners));
            Assert.False(sees.Sees(A, ListingVisibility.Network));
            Assert.True(sees.Sees(B, ListingVisibility.Network));
        }
    }

    [Fact]
    public void Nothing_flows_against_the_partnerships_direction_nor_without_one()
    {
        Assert.False(NetworkAudiences.OfOrganization([A], Home, [FromAToB(PartnershipAudience.Public)]).Sees(B, ListingVisibility.Everyone));
        Assert.False(NetworkAudiences.OfOrganization([B], Home, []).Sees(A, ListingVisibility.Everyone));
    }

    [Fact]
    public void An_organisation_of_several_networks_sees_what_each_shows_and_one_of_none_sees_the_home_networks_public()
    {
        var both = NetworkAudiences.OfOrganization([Home, A], Home, []);
        Assert.True(both.Sees(Home, ListingVisibility.Network));
        Assert.True(both.Sees(A, ListingVisibility.Network));

        var none = NetworkAudiences.OfOrganization([], Home, []);
        Assert.True(none.Sees(Home, ListingVisibility.Everyone));
        Assert.False(none.Sees(Home, ListingVisibility.Partners));
        Assert.False(none.Sees(A, ListingVisibility.Everyone));
    }
}
