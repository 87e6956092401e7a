using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.Networks;

/// <summary><c>POST /reseau-courant</c>: the header's network switcher, a plain form that works without JavaScript.</summary>
[Authorize]
public sealed class SwitchModel(NetworkSwitcher switcher) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync(string? slug, string? returnUrl, CancellationToken ct)
    {
        if (!await switcher.ChooseAsync(HttpContext, slug, ct)) return BadRequest();
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
