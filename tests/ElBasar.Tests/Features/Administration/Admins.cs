using ElBasar.Tests.Support;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Administration.Audit;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Tests.Features.Administration;

/// <summary>The people of the back office, signed in, and what the audit log holds.</summary>
static class Admins
{
    public const string AdminEmail = "admin@example.org";
    public const string AdminName = "Alex Administration";
    public const string FacilitatorEmail = "animation@example.org";
    public const string FacilitatorName = "Dominique Animation";

    public static async Task<HttpClient> AdminAsync(TestApp app)
    {
        await app.CreateAccountAsync(AdminEmail, SiteRoles.Admin, AdminName);
        return await app.SignedInAsync(AdminEmail);
    }

    public static async Task<HttpClient> FacilitatorAsync(TestApp app)
    {
        await app.CreateAccountAsync(FacilitatorEmail, SiteRoles.Facilitator, FacilitatorName);
        return await app.SignedInAsync(FacilitatorEmail);
    }

    public static Task<List<AuditEntry>> AuditAsync(TestApp app) =>
        app.WithDbAsync((db, _) => db.Set<AuditEntry>().OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync());
}
