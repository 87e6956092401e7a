using ElBasar.Web.Features.Exchanges;
using ElBasar.Web.Features.Networks;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.OpenData;

/// <summary>
/// <c>/donnees-ouvertes</c>: each file with its licence, its last change and its data dictionary; the API; the widgets.
/// With <c>?reseau=slug</c> (the link of a network's home page), the same for that network: its name, and links to its
/// own files. A slug that names no network is a 404 that says so, rather than the site's files under a wrong name.
/// </summary>
public sealed class OpenDataModel(ElBasarDbContext db, OpenDataScopes scopes, OpenDataLicences licences, ExchangeActivity exchanges, TimeProvider clock)
    : PageModel
{
    public OpenDataLicences.Choice Licences { get; private set; } = null!;
    public DateTime? DirectoryUpdatedAt { get; private set; }
    public DateTime? FiguresUpdatedAt { get; private set; }

    /// <summary>The network the files speak of, null for the whole site.</summary>
    public NetworkRef? Network { get; private set; }

    /// <summary><c>?reseau=slug</c> for the network's links, empty for the whole site's.</summary>
    public string Query { get; private set; } = "";

    /// <summary>The asked network does not exist: the page says so and links to the site's files.</summary>
    public bool UnknownNetwork { get; private set; }

    /// <summary>The last finished year, published by place, and the years before it that may be asked for.</summary>
    public int LastYear { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await scopes.ReadAsync(Request, ct) is not { } scope)
        {
            UnknownNetwork = true;
            // The page carries its own French message, so the site's error page does not replace it.
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        Network = scope.Network;
        Query = OpenDataScopes.Query(scope);
        Licences = await licences.CurrentAsync(ct);
        DirectoryUpdatedAt = await OpenDataFiles.Published(db, scope).MaxAsync(o => (DateTime?)o.UpdatedAt, ct);
        FiguresUpdatedAt = await exchanges.LastConfirmedAtAsync(scope, ct);
        LastYear = OpenDataFiles.Today(clock).Year - 1;
        return Page();
    }

    public Licence LicenceOf(Dataset dataset) => dataset.IsDirectory ? Licences.Directory : Licences.Figures;

    public DateTime? UpdatedAt(Dataset dataset) => dataset.IsDirectory ? DirectoryUpdatedAt : FiguresUpdatedAt;

    /// <summary>A file's address for this page's network, with more of the query when given (<c>from=…&amp;to=…</c>).</summary>
    public string FileUrl(Dataset dataset, string? more = null) =>
        dataset.Path + Query + (more is null ? "" : (Query.Length == 0 ? "?" : "&") + more);
}
