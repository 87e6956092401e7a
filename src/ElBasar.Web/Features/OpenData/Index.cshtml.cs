using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Exchanges;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.OpenData;

/// <summary><c>/donnees-ouvertes</c>: each file with its licence, its last change and its data dictionary; the API; the widgets.</summary>
public sealed class OpenDataModel(ElBasarDbContext db, OpenDataLicences licences, ExchangeActivity exchanges, TimeProvider clock) : PageModel
{
    public OpenDataLicences.Choice Licences { get; private set; } = null!;
    public DateTime? DirectoryUpdatedAt { get; private set; }
    public DateTime? FiguresUpdatedAt { get; private set; }

    /// <summary>The last finished year, published by place, and the years before it that may be asked for.</summary>
    public int LastYear { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Licences = await licences.CurrentAsync(ct);
        DirectoryUpdatedAt = await db.Organizations
            .Where(o => o.Status == OrganizationStatus.Active && o.Kind == OrganizationKind.Organization)
            .MaxAsync(o => (DateTime?)o.UpdatedAt, ct);
        FiguresUpdatedAt = await exchanges.LastConfirmedAtAsync(ct);
        LastYear = OpenDataFiles.Today(clock).Year - 1;
    }

    public Licence LicenceOf(Dataset dataset) => dataset.IsDirectory ? Licences.Directory : Licences.Figures;

    public DateTime? UpdatedAt(Dataset dataset) => dataset.IsDirectory ? DirectoryUpdatedAt : FiguresUpdatedAt;
}
