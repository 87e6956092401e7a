using System.Security.Claims;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Networks;

namespace ElBasar.Web.Features.Newsletter;

/// <summary>
/// Who composes and sends a network's digest: its facilitators (<see cref="NetworkFacilitation"/>)
/// and the admins; for the home network also the site's facilitators, as before networks had digests.
/// </summary>
public sealed class DigestFacilitators(Newsletters newsletters, NetworkFacilitation facilitation)
{
    public sealed record Answer(NetworkRef? Network, bool Allowed);

    /// <summary>The network of the short address (none: the home network), and whether the person may run its digest.</summary>
    public async Task<Answer> CheckAsync(ClaimsPrincipal user, string? slug, CancellationToken ct)
    {
        if (await newsletters.NetworkAsync(slug, ct) is not { } network) return new Answer(null, false);
        var allowed = (network.IsHome && AccountPolicies.IsStaff(user)) || await facilitation.IsFacilitatorAsync(user, network.Id, ct);
        return new Answer(network, allowed);
    }
}
