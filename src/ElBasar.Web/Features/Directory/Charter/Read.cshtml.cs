using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.Directory.Charter;

/// <summary>The charter in force, for everyone to read.</summary>
public sealed class ReadModel(NetworkCharter charter) : PageModel
{
    public CharterVersion Current { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await charter.CurrentAsync(ct) is not { } current) return NotFound();
        Current = current;
        return Page();
    }
}
