using ElBasar.Web.Infrastructure.Data;

namespace ElBasar.Web.Features.Directory;

/// <summary>
/// Hiding an organisation and bringing it back, for the Moderation feature. A hidden organisation
/// leaves the directory, and its listings leave search and their pages, without being changed.
/// Both change the tracked organisation only; the caller saves.
/// </summary>
public static class OrganizationModeration
{
    /// <summary>False when there is no such organisation or it is hidden already.</summary>
    public static async Task<bool> HideAsync(ElBasarDbContext db, Guid id, CancellationToken ct)
    {
        if (await db.Organizations.FindAsync([id], ct) is not { Status: OrganizationStatus.Active } organization) return false;
        organization.Status = OrganizationStatus.Hidden;
        return true;
    }

    /// <summary>False when it is not hidden.</summary>
    public static async Task<bool> RestoreAsync(ElBasarDbContext db, Guid id, CancellationToken ct)
    {
        if (await db.Organizations.FindAsync([id], ct) is not { Status: OrganizationStatus.Hidden } organization) return false;
        organization.Status = OrganizationStatus.Active;
        return true;
    }
}
