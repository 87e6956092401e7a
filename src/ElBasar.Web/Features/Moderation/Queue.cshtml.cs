using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Moderation;

/// <summary>The facilitators' queue: open reports, newest first, and what is hidden now.</summary>
[Authorize(Policy = AccountPolicies.Staff)]
public sealed class QueueModel(ElBasarDbContext db) : PageModel
{
    const int Shown = 200;

    public sealed record OpenReport(ModerationReport Report, string ReporterName, ModerationSubject? Subject);

    public IReadOnlyList<OpenReport> Reports { get; private set; } = [];
    public int OpenCount { get; private set; }
    public IReadOnlyList<ModerationSubject> HiddenNow { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var open = db.ModerationReports.AsNoTracking().Where(r => r.Status == ReportStatus.Open);
        OpenCount = await open.CountAsync(ct);
        var reports = await open.OrderByDescending(r => r.CreatedAt).Take(Shown)
            .Join(db.Set<User>(), r => r.ReporterId, u => u.Id, (r, u) => new { Report = r, u.DisplayName })
            .ToListAsync(ct);
        var subjects = await ModerationSubject.FindManyAsync(db, reports.Select(r => (r.Report.SubjectKind, r.Report.SubjectId)), ct);
        Reports = reports.Select(r => new OpenReport(r.Report, r.DisplayName, subjects.GetValueOrDefault((r.Report.SubjectKind, r.Report.SubjectId)))).ToList();

        var hiddenListings = await db.Listings.AsNoTracking().Where(l => l.Status == ListingStatus.Hidden).OrderBy(l => l.Title).Take(Shown)
            .Select(l => new ModerationSubject(ModerationSubjectKind.Listing, l.Id, l.Title, true, l.Organization!.Name, null)).ToListAsync(ct);
        var hiddenOrganizations = await db.Organizations.AsNoTracking().Where(o => o.Status == OrganizationStatus.Hidden).OrderBy(o => o.Name).Take(Shown)
            .Select(o => new ModerationSubject(ModerationSubjectKind.Organization, o.Id, o.Name, true, null, null)).ToListAsync(ct);
        HiddenNow = [.. hiddenOrganizations, .. hiddenListings];
    }
}
