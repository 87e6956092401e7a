using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.Accounts;

/// <summary>The link mailed to a new address: only opening it moves the account to that address.</summary>
public sealed class ConfirmEmailChangeModel(UserManager<User> users, SignInManager<User> signIn) : PageModel
{
    public bool Changed { get; private set; }

    public async Task OnGetAsync(Guid userId, string? email, string? code)
    {
        if (AccountTokens.Decode(code) is not { } token || string.IsNullOrWhiteSpace(email)
            || await users.FindByIdAsync(userId.ToString()) is not { } user) return;
        // The token was made for this address: another one, or an address taken meanwhile, fails here.
        if (!(await users.ChangeEmailAsync(user, email, token)).Succeeded) return;
        // The address is also the sign-in name.
        Changed = (await users.SetUserNameAsync(user, email)).Succeeded;
        if (Changed && users.GetUserId(User) == user.Id.ToString()) await signIn.RefreshSignInAsync(user);
    }
}
