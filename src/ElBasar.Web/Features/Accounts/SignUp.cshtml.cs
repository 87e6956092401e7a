using System.ComponentModel.DataAnnotations;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ElBasar.Web.Features.Accounts;

[EnableRateLimiting(AccountLimits.Policy)]
public sealed class SignUpModel(UserManager<User> users, AccountMails mails, ElBasarDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty] public SignUpInput Input { get; set; } = new();

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Invalid();
        var email = Input.Email.Trim();
        if (await users.FindByEmailAsync(email) is { } existing)
        {
            // Same answer as a new account, so the page never tells who is registered.
            mails.AlreadyRegistered(existing, Url.PageLink("SignIn")!, Url.PageLink("ForgotPassword")!);
            await db.SaveChangesAsync(ct);
            return RedirectToPage("CheckEmail");
        }
        var user = new User { UserName = email, Email = email, DisplayName = Input.Name.Trim(), CreatedAt = clock.GetUtcNow().UtcDateTime };
        var created = await users.CreateAsync(user, Input.Password);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
                ModelState.AddModelError(error.Code.Contains("Password") || error.Code == "CommonPassword" ? "Input.Password" : "Input.Email", error.Description);
            return Invalid();
        }
        await users.AddToRoleAsync(user, SiteRoles.Member);
        var code = AccountTokens.Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        mails.Confirm(user, Url.PageLink("ConfirmEmail", values: new { userId = user.Id, code })!);
        await db.SaveChangesAsync(ct);
        return RedirectToPage("CheckEmail");
    }

    IActionResult Invalid()
    {
        Problems = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).ToList();
        Input.Password = "";
        return Page();
    }
}

public sealed class SignUpInput
{
    [Required(ErrorMessage = "Indiquez votre nom.")]
    [StringLength(200, ErrorMessage = "Le nom doit faire au plus 200 caractères.")]
    [Display(Name = "Votre nom")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "Indiquez votre adresse e-mail.")]
    [EmailAddress(ErrorMessage = "Cette adresse e-mail n'est pas valide.")]
    [StringLength(256, ErrorMessage = "L'adresse doit faire au plus 256 caractères.")]
    [Display(Name = "Adresse e-mail")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Choisissez un mot de passe.")]
    [StringLength(200, MinimumLength = 10, ErrorMessage = "Le mot de passe doit faire au moins 10 caractères.")]
    [DataType(DataType.Password)]
    [Display(Name = "Mot de passe (10 caractères au moins)")]
    public string Password { get; set; } = "";
}
