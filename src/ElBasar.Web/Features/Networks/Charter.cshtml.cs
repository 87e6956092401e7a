using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Networks;

/// <summary><c>/reseaux/{slug}/charte</c>: a network's charter and its membership rules and fees, for everyone.</summary>
public sealed class CharterModel(ElBasarDbContext db) : PageModel
{
    public Network Network { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var network = await db.Networks.AsNoTracking().FirstOrDefaultAsync(n => n.Slug == slug, ct);
        if (network is null) return NotFound();
        if (network.IsHome) return Redirect("/charte");
        Network = network;
        return Page();
    }
}
