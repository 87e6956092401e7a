using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Directory;

/// <summary>
/// An organisation's profile, for its page and <c>GET /api/v1/organizations/{id}</c>. Members-only
/// contacts are null unless the reader may see them (<see cref="OrganizationAccess.SeesMembersOnlyContactsAsync"/>);
/// <see cref="MembersOnlyContactsHidden"/> then says that some were left out.
/// </summary>
public sealed record OrganizationDetails(
    Guid Id, string? ExternalId, string Name, string Kind, string? LegalForm, string? Description, IReadOnlyList<string> Activities,
    string? CommuneInsee, string? Commune, string? PostalCode, double? Latitude, double? Longitude,
    string? Email, string? Phone, string? Website, int? Employees, bool Member, bool MembersOnlyContactsHidden)
{
    /// <summary>
    /// An organisation's profile; members-only contacts left out unless <paramref name="withMembersOnlyContacts"/>.
    /// With <paramref name="includeHidden"/>, also an organisation hidden by moderation: for the staff.
    /// </summary>
    public static async Task<OrganizationDetails?> FindAsync(
        ElBasarDbContext db, Guid homeNetworkId, Guid id, bool withMembersOnlyContacts, CancellationToken ct, bool includeHidden = false)
    {
        var row = await db.Organizations.AsNoTracking()
            .Where(o => o.Id == id && (o.Status == OrganizationStatus.Active || includeHidden))
            .Select(o => new
            {
                Details = new OrganizationDetails(
                    o.Id, o.ExternalId, o.Name, o.Kind == OrganizationKind.Individual ? "individual" : "organization",
                    o.LegalForm, o.Description, o.Activities.OrderBy(a => a.Position).Select(a => a.Label).ToList(),
                    o.CommuneInsee, o.Commune, o.PostalCode, o.Latitude, o.Longitude, o.Email, o.Phone, o.Website, o.Employees,
                    o.Networks.Any(m => m.NetworkId == homeNetworkId && m.IsMember), false),
                o.EmailVisibility, o.PhoneVisibility, o.WebsiteVisibility,
            })
            .FirstOrDefaultAsync(ct);
        if (row is null) return null;
        var details = row.Details;
        if (withMembersOnlyContacts) return details;
        var email = row.EmailVisibility == ContactVisibility.Public ? details.Email : null;
        var phone = row.PhoneVisibility == ContactVisibility.Public ? details.Phone : null;
        var website = row.WebsiteVisibility == ContactVisibility.Public ? details.Website : null;
        return details with
        {
            Email = email, Phone = phone, Website = website,
            MembersOnlyContactsHidden = email != details.Email || phone != details.Phone || website != details.Website,
        };
    }
}
