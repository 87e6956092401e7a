using System.ComponentModel.DataAnnotations;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ElBasar.Web.Features.Accounts;

[EnableRateLimiting(AccountLimits.Policy)]
public sealed class ForgotPasswordModel(UserManager<User> users, AccountMails mails, ElBasarDbContext db) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Indiquez votre adresse e-mail.")]
    [EmailAddress(ErrorMessage = "Cette adresse e-mail n'est pas valide.")]
    [Display(Name = "Adresse e-mail")]
    public string Email { get; set; } = "";

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            Problems = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).ToList();
            return Page();
        }
        // The answer is the same whether the address has an account or not.
        if (await users.FindByEmailAsync(Email.Trim()) is { } user)
        {
            var code = AccountTokens.Encode(await users.GeneratePasswordResetTokenAsync(user));
            mails.ResetPassword(user, Url.PageLink("ResetPassword", values: new { userId = user.Id, code })!);
            await db.SaveChangesAsync(ct);
        }
        return RedirectToPage("CheckEmail");
    }
}
