using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.Accounts;

public sealed class ConfirmEmailModel(UserManager<User> users) : PageModel
{
    public bool Confirmed { get; private set; }

    public async Task OnGetAsync(Guid userId, string? code)
    {
        if (AccountTokens.Decode(code) is not { } token || await users.FindByIdAsync(userId.ToString()) is not { } user) return;
        Confirmed = (await users.ConfirmEmailAsync(user, token)).Succeeded;
    }
}
